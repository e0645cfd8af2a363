/**
 * Writes the Document model into the database. Each function is one
 * transaction, so a reader (or a run killed part-way) sees a document's rows
 * all old or all new. `writeDocument` takes only a Document and where it came
 * from: a merge of several output folders or databases can call it as is.
 */
import type { Document, Table } from "../../schemas/document.js";
import { cellRefText, checkCounts, outcomeOf } from "../output/checks.js";
import { documentFacts } from "../output/facts.js";
import { indicatorRows } from "../output/indicators.js";
import { ident, type ColumnSpec } from "./columns.js";
import type { SqlDatabase, SqlParam, SqlStatement } from "./driver.js";
import { RECORD_TABLES } from "./schema.js";

export interface DocumentOrigin {
  /** The input as the user named it (the manifest's `file`); null when not from a run (a merge). */
  input: string | null;
  /** The document's folder under the output folder. */
  output: string | null;
  /** The run that wrote it; null outside a run. */
  runId: number | null;
  /** How the run_documents row reads: "skipped" when the run reused an earlier extraction. */
  runStatus?: "ok" | "skipped";
  ms?: number | null;
}

const now = () => new Date().toISOString();

/** Writes (or replaces) one document and all its rows. Returns its documents.id. */
export function writeDocument(db: SqlDatabase, doc: Document, origin: DocumentOrigin): number {
  return db.transaction(() => {
    const id = upsertDocument(db, doc, origin.runId);
    insertTables(db, id, doc);
    insertChecks(db, id, doc);
    insertSearchText(db, id, doc);
    if (origin.input !== null) pointInput(db, origin.input, id, origin.output, origin.runId);
    if (origin.runId !== null && origin.input !== null) {
      runDocument(
        db,
        origin.runId,
        origin.input,
        doc.source.sha256,
        id,
        origin.output,
        origin.runStatus ?? "ok",
        null,
        origin.ms ?? null,
      );
    }
    return id;
  });
}

export interface FailureRecord {
  input: string;
  sha256: string | null;
  error: string;
  runId: number | null;
  ms?: number | null;
}

/**
 * A failed input: its earlier rows stay, and the document they belong to is
 * marked failed with this error, until a later run extracts it again.
 */
export function recordFailure(db: SqlDatabase, failure: FailureRecord): void {
  db.transaction(() => {
    const previous = db.get("SELECT document_id FROM inputs WHERE file = ?", [failure.input]);
    const documentId = previous?.document_id === undefined ? null : (previous.document_id as number | null);
    db.run(
      `INSERT INTO inputs (file, document_id, output, status, error, run_id, updated_at) VALUES (?, ?, NULL, 'failed', ?, ?, ?)
       ON CONFLICT (file) DO UPDATE SET status = 'failed', error = excluded.error, run_id = excluded.run_id, updated_at = excluded.updated_at`,
      [failure.input, documentId, failure.error, failure.runId, now()],
    );
    if (documentId !== null) {
      db.run("UPDATE documents SET status = 'failed', error = ?, status_run = ?, updated_at = ? WHERE id = ?", [
        failure.error,
        failure.runId,
        now(),
        documentId,
      ]);
    }
    if (failure.runId !== null)
      runDocument(
        db,
        failure.runId,
        failure.input,
        failure.sha256,
        documentId,
        null,
        "failed",
        failure.error,
        failure.ms ?? null,
      );
  });
}

/**
 * An input the run skipped (its outputs were up to date). Returns false when
 * the database does not hold that extraction (it was deleted, or written by an
 * older yujue): the caller then writes the document from its folder.
 */
export function recordSkipped(
  db: SqlDatabase,
  input: string,
  output: string,
  sha256: string,
  toolVersion: string,
  runId: number,
  ms: number,
): boolean {
  return db.transaction(() => {
    const doc = db.get("SELECT id FROM documents WHERE sha256 = ? AND status = 'ok' AND tool_version = ?", [
      sha256,
      toolVersion,
    ]);
    if (!doc) return false;
    pointInput(db, input, doc.id as number, output, runId);
    runDocument(db, runId, input, sha256, doc.id as number, output, "skipped", null, ms);
    return true;
  });
}

/** The manifest's outcome of an extracted document (ok, ok_with_warnings or no_tables). */
function documentOutcome(doc: Document): string {
  return outcomeOf({ tables: doc.tables.length, warnings: doc.warnings, checks: checkCounts(doc.checks) });
}

function upsertDocument(db: SqlDatabase, doc: Document, runId: number | null): number {
  const fields: SqlParam[] = [
    doc.source.file,
    doc.doc_type,
    doc.fiscal_year,
    doc.org_name,
    doc.source.pages,
    doc.ocr_pages.length > 0 ? 1 : 0,
    JSON.stringify(doc.ocr_pages),
    JSON.stringify(doc.warnings),
    doc.tool.version,
    runId,
    runId,
    now(),
    documentOutcome(doc),
  ];
  const existing = db.get("SELECT id FROM documents WHERE sha256 = ?", [doc.source.sha256]);
  if (existing) {
    const id = existing.id as number;
    // Replaced in place, so run_documents and inputs keep pointing at it. Facts and indicators go with their tables.
    for (const table of ["tables", "checks", "search_text"]) db.run(`DELETE FROM ${table} WHERE document_id = ?`, [id]);
    db.run(
      `UPDATE documents SET file = ?, doc_type = ?, fiscal_year = ?, org_name = ?, pages = ?, scanned = ?, ocr_pages = ?, warnings = ?,
       tool_version = ?, status = 'ok', error = NULL, extracted_run = ?, status_run = ?, updated_at = ?, outcome = ? WHERE id = ?`,
      [...fields, id],
    );
    return id;
  }
  return db.run(
    `INSERT INTO documents (file, doc_type, fiscal_year, org_name, pages, scanned, ocr_pages, warnings, tool_version,
     status, error, extracted_run, status_run, updated_at, outcome, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok', NULL, ?, ?, ?, ?, ?)`,
    [...fields, doc.source.sha256],
  ).lastInsertRowid;
}

/** An INSERT for a record table: the link columns, then the derived ones in declaration order. */
function recordInsert(
  db: SqlDatabase,
  table: keyof typeof RECORD_TABLES,
  links: string[],
): { statement: SqlStatement; specs: ColumnSpec[] } {
  const specs = RECORD_TABLES[table];
  const names = [...links, ...specs.map((s) => s.name)].map(ident);
  return {
    statement: db.prepare(`INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})`),
    specs,
  };
}

function sqlValue(value: unknown): SqlParam {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number" || typeof value === "string") return value;
  return JSON.stringify(value);
}

function insertTables(db: SqlDatabase, documentId: number, doc: Document): void {
  const facts = recordInsert(db, "facts", ["document_id", "table_ref"]);
  const indicators = recordInsert(db, "indicators", ["document_id", "table_ref"]);
  try {
    doc.tables.forEach((table, position) => {
      const tableId = insertTable(db, documentId, position, table);
      // The same functions that write facts.csv and indicators.csv, one table at a time.
      const one: Document = { ...doc, tables: [table] };
      for (const fact of documentFacts(one)) {
        const record = fact as unknown as Record<string, unknown>;
        facts.statement.run([documentId, tableId, ...facts.specs.map((s) => sqlValue(record[s.name]))]);
      }
      for (const row of indicatorRows(one)) {
        const record = row as Record<string, unknown>;
        indicators.statement.run([documentId, tableId, ...indicators.specs.map((s) => sqlValue(record[s.name]))]);
      }
    });
  } finally {
    facts.statement.finalize();
    indicators.statement.finalize();
  }
}

function insertTable(db: SqlDatabase, documentId: number, position: number, table: Table): number {
  return db.run(
    `INSERT INTO tables (document_id, position, table_kind, title, pages, first_page, unit_printed, empty, extraction, columns)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      documentId,
      position,
      table.table_kind,
      table.title,
      JSON.stringify(table.pages),
      table.pages[0] ?? null,
      table.unit_printed,
      table.empty ? 1 : 0,
      table.extraction,
      JSON.stringify(table.columns),
    ],
  ).lastInsertRowid;
}

function insertChecks(db: SqlDatabase, documentId: number, doc: Document): void {
  const checks = recordInsert(db, "checks", ["document_id", "cells_json"]);
  try {
    for (const check of doc.checks) {
      const record: Record<string, unknown> = {
        ...check,
        check_id: check.id,
        cells: check.cells.map(cellRefText).join("; "),
      };
      checks.statement.run([
        documentId,
        JSON.stringify(check.cells),
        ...checks.specs.map((s) => sqlValue(record[s.name])),
      ]);
    }
  } finally {
    checks.statement.finalize();
  }
}

/**
 * What the trigram index searches: each distinct row label, table title and the organisation name, once per document.
 */
function insertSearchText(db: SqlDatabase, documentId: number, doc: Document): void {
  const entries = new Map<string, "label" | "title" | "org">();
  if (doc.org_name) entries.set(`org\u0000${doc.org_name}`, "org");
  for (const table of doc.tables) {
    entries.set(`title\u0000${table.title}`, "title");
    for (const row of table.rows) if (row.row_label) entries.set(`label\u0000${row.row_label}`, "label");
  }
  const statement = db.prepare("INSERT INTO search_text (document_id, kind, text) VALUES (?, ?, ?)");
  try {
    for (const [key, kind] of entries) statement.run([documentId, kind, key.slice(key.indexOf("\u0000") + 1)]);
  } finally {
    statement.finalize();
  }
}

/**
 * Points an input at the document it now yields. A document that no input
 * yields any more (the file's content changed) is removed with its rows.
 */
function pointInput(
  db: SqlDatabase,
  input: string,
  documentId: number,
  output: string | null,
  runId: number | null,
): void {
  const previous = db.get("SELECT document_id FROM inputs WHERE file = ?", [input]);
  db.run(
    `INSERT INTO inputs (file, document_id, output, status, error, run_id, updated_at) VALUES (?, ?, ?, 'ok', NULL, ?, ?)
     ON CONFLICT (file) DO UPDATE SET document_id = excluded.document_id, output = excluded.output, status = 'ok', error = NULL,
     run_id = excluded.run_id, updated_at = excluded.updated_at`,
    [input, documentId, output, runId, now()],
  );
  const old = previous?.document_id;
  if (typeof old === "number" && old !== documentId) {
    db.run("DELETE FROM documents WHERE id = ? AND NOT EXISTS (SELECT 1 FROM inputs WHERE document_id = ?)", [
      old,
      old,
    ]);
  }
}

function runDocument(
  db: SqlDatabase,
  runId: number,
  input: string,
  sha256: string | null,
  documentId: number | null,
  output: string | null,
  status: "ok" | "skipped" | "failed",
  error: string | null,
  ms: number | null,
): void {
  db.run(
    `INSERT OR REPLACE INTO run_documents (run_id, file, sha256, document_id, output, status, error, ms, outcome)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ?6 = 'failed' THEN 'failed' ELSE (SELECT outcome FROM documents WHERE id = ?4) END)`,
    [runId, input, sha256, documentId, output, status, error, ms],
  );
}

export interface RunStart {
  command: "extract" | "rebuild";
  toolVersion: string;
  ocr: string | null;
}

/**
 * Starts a run. Runs still marked running were killed (the caller holds the
 * output folder's lock, so none is alive): they become interrupted.
 */
export function startRun(db: SqlDatabase, run: RunStart): number {
  return db.transaction(() => {
    db.run("UPDATE runs SET status = 'interrupted' WHERE status = 'running'");
    return db.run("INSERT INTO runs (command, tool_version, ocr, started_at, status) VALUES (?, ?, ?, ?, 'running')", [
      run.command,
      run.toolVersion,
      run.ocr,
      now(),
    ]).lastInsertRowid;
  });
}

export function finishRun(
  db: SqlDatabase,
  runId: number,
  counts: { documents: number; ok: number; skipped: number; failed: number },
): void {
  db.run(
    "UPDATE runs SET status = 'finished', finished_at = ?, documents = ?, ok = ?, skipped = ?, failed = ? WHERE id = ?",
    [now(), counts.documents, counts.ok, counts.skipped, counts.failed, runId],
  );
}
