import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FACT_COLUMNS } from "../../schemas/document.js";
import { columnsOf, openForWriting, SCHEMA_VERSION } from "../../src/dataset/index.js";
import { openDatabase } from "../../src/dataset/driver.js";

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
    expect(columnsOf(db, "facts_flat")).toEqual(["fact_id", "document_id", "table_ref", ...FACT_COLUMNS, "document_status"]);
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
    expect(columnsOf(reopened, "facts_flat")).toEqual(["fact_id", "document_id", "table_ref", ...FACT_COLUMNS, "document_status"]);
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
