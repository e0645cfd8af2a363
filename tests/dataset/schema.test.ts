import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FACT_COLUMNS } from "../../schemas/document.js";
import { columnsOf, openForWriting, SCHEMA_VERSION } from "../../src/dataset/index.js";
import { openDatabase } from "../../src/dataset/driver.js";
import { MIGRATIONS } from "../../src/dataset/schema.js";

let tmp = "";
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-schema-"));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

it("a new database carries the schema version, and facts_flat has exactly facts.csv's columns after its keys", () => {
  const db = openForWriting(path.join(tmp, "new.sqlite"));
  try {
    expect(db.get("PRAGMA user_version")!.user_version).toBe(SCHEMA_VERSION);
    expect(columnsOf(db, "facts_flat")).toEqual([
      "fact_id",
      "document_id",
      "table_ref",
      ...FACT_COLUMNS,
      "document_status",
    ]);
  } finally {
    db.close();
  }
});

it("a declared column missing from an older database is added (with the views) when a writer opens it", () => {
  const file = path.join(tmp, "older.sqlite");
  const db = openForWriting(file);
  // Make it look like a database written before the cell boxes were declared.
  for (const view of ["failed_checks", "checks_flat", "indicators_flat", "facts_flat"]) db.exec(`DROP VIEW ${view}`);
  for (const column of ["x0", "page_width"]) db.exec(`ALTER TABLE facts DROP COLUMN ${column}`);
  expect(columnsOf(db, "facts")).not.toContain("x0");
  db.close();

  const reopened = openForWriting(file);
  try {
    expect(columnsOf(reopened, "facts")).toEqual(expect.arrayContaining(["x0", "page_width"]));
    expect(columnsOf(reopened, "facts_flat")).toEqual([
      "fact_id",
      "document_id",
      "table_ref",
      ...FACT_COLUMNS,
      "document_status",
    ]);
    expect(reopened.all("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
  } finally {
    reopened.close();
  }
});

it("refuses to write a database of a newer schema, or a SQLite file that is not yujue's", () => {
  const newer = path.join(tmp, "newer.sqlite");
  openForWriting(newer).close();
  const raw = openDatabase(newer);
  raw.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
  raw.close();
  expect(() => openForWriting(newer)).toThrow(/newer than this yujue/);

  const other = path.join(tmp, "other.sqlite");
  const foreign = openDatabase(other);
  foreign.exec("CREATE TABLE notes (text TEXT)");
  foreign.close();
  expect(() => openForWriting(other)).toThrow(/not a yujue database/);
});

it("migrates a version 1 database to version 2, giving the documents already there their outcome", () => {
  const file = path.join(tmp, "v1.sqlite");
  const v1 = openDatabase(file);
  MIGRATIONS[1](v1);
  v1.exec("PRAGMA user_version = 1");
  const doc = (sha: string, warnings: string) =>
    v1.run(
      `INSERT INTO documents (sha256, file, pages, scanned, ocr_pages, warnings, tool_version, status, updated_at)
     VALUES (?, ?, 3, 0, '[]', ?, '0.1.0', 'ok', '2026-01-01')`,
      [sha, `${sha}.pdf`, warnings],
    ).lastInsertRowid;
  const clean = doc("a", "[]");
  const failing = doc("b", "[]");
  const warned = doc("c", '["a warning"]');
  doc("d", "[]"); // no tables
  for (const id of [clean, failing, warned]) {
    v1.run(
      `INSERT INTO tables (document_id, position, table_kind, title, pages, empty, extraction, columns)
      VALUES (?, 0, 'income', 't', '[1]', 0, 'text', '[]')`,
      [id],
    );
  }
  v1.run(
    `INSERT INTO checks (document_id, check_id, kind, status, severity, cells, message, cells_json)
    VALUES (?, 'x', 'within', 'fail', 'error', '', 'm', '[]')`,
    [failing],
  );
  v1.run(
    "INSERT INTO runs (command, tool_version, started_at, status) VALUES ('extract', '0.1.0', '2026-01-01', 'finished')",
  );
  v1.run(
    "INSERT INTO run_documents (run_id, file, document_id, status) VALUES (1, 'a.pdf', ?, 'ok'), (1, 'z.pdf', NULL, 'failed')",
    [clean],
  );
  v1.close();

  const db = openForWriting(file);
  try {
    expect(db.get("PRAGMA user_version")!.user_version).toBe(SCHEMA_VERSION);
    expect(db.all("SELECT sha256, outcome FROM documents ORDER BY sha256")).toEqual([
      { sha256: "a", outcome: "ok" },
      { sha256: "b", outcome: "ok_with_warnings" },
      { sha256: "c", outcome: "ok_with_warnings" },
      { sha256: "d", outcome: "no_tables" },
    ]);
    expect(db.all("SELECT file, outcome FROM run_documents ORDER BY file")).toEqual([
      { file: "a.pdf", outcome: "ok" },
      { file: "z.pdf", outcome: "failed" },
    ]);
    expect(db.all("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    expect(db.all("PRAGMA foreign_key_check")).toEqual([]);
  } finally {
    db.close();
  }
});
