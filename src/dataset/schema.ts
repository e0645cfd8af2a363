/**
 * The database's structure: hand-written tables for documents, runs and
 * tables; record tables (facts, checks, indicators) whose own columns come
 * from the output declarations (columns.ts); views that give back the CSV
 * columns. `PRAGMA user_version` holds SCHEMA_VERSION.
 *
 * Migration path: a change to the hand-written structure bumps
 * SCHEMA_VERSION and adds MIGRATIONS[new version] (run in order, in one
 * transaction, when a writer opens an older file). A column added to a
 * declaration needs no migration: `reconcile` adds it to its table
 * (ALTER TABLE ADD COLUMN, null for documents written before) and rebuilds
 * the views, each time a writer opens the database.
 */
import type { SqlDatabase } from "./driver.js";
import {
  CHECK_SPECS,
  columnHome,
  FACT_SPECS,
  ident,
  INDICATOR_SPECS,
  recordSpecs,
  sqlType,
  type ColumnSpec,
} from "./columns.js";

export const SCHEMA_VERSION = 2;

/** The record tables and their own (derived) columns. checks' `id` is stored as `check_id`: `id` is the row key. */
export const RECORD_TABLES = {
  facts: recordSpecs(FACT_SPECS),
  checks: CHECK_SPECS.map((s) => (s.name === "id" ? { ...s, name: "check_id" } : s)),
  indicators: recordSpecs(INDICATOR_SPECS),
} as const satisfies Record<string, ColumnSpec[]>;
export type RecordTable = keyof typeof RECORD_TABLES;

/** Columns every record table has before its derived ones; a derived column must not take these names. */
const LINK_COLUMNS: Record<RecordTable, string[]> = {
  facts: ["id", "document_id", "table_ref"],
  checks: ["id", "document_id", "cells_json"],
  indicators: ["id", "document_id", "table_ref"],
};

const FIXED_TABLES = `
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  command TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  ocr TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'interrupted')),
  documents INTEGER,
  ok INTEGER,
  skipped INTEGER,
  failed INTEGER
);
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  file TEXT NOT NULL,
  doc_type TEXT,
  fiscal_year INTEGER,
  org_name TEXT,
  pages INTEGER NOT NULL,
  scanned INTEGER NOT NULL,
  ocr_pages TEXT NOT NULL,
  warnings TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  error TEXT,
  extracted_run INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  status_run INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX documents_year_org ON documents(fiscal_year, org_name);
CREATE INDEX documents_extracted_run ON documents(extracted_run);
CREATE INDEX documents_status_run ON documents(status_run);
CREATE TABLE inputs (
  file TEXT PRIMARY KEY,
  document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
  output TEXT,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  error TEXT,
  run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX inputs_document ON inputs(document_id);
CREATE INDEX inputs_run ON inputs(run_id);
CREATE TABLE run_documents (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  file TEXT NOT NULL,
  sha256 TEXT,
  document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
  output TEXT,
  status TEXT NOT NULL CHECK (status IN ('ok', 'skipped', 'failed')),
  error TEXT,
  ms REAL,
  PRIMARY KEY (run_id, file)
);
CREATE INDEX run_documents_document ON run_documents(document_id);
CREATE TABLE tables (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  table_kind TEXT NOT NULL,
  title TEXT NOT NULL,
  pages TEXT NOT NULL,
  first_page INTEGER,
  unit_printed TEXT,
  empty INTEGER NOT NULL,
  extraction TEXT NOT NULL,
  columns TEXT NOT NULL,
  UNIQUE (document_id, position)
);
CREATE INDEX tables_kind ON tables(table_kind);
CREATE TABLE search_text (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('label', 'title', 'org')),
  text TEXT NOT NULL
);
CREATE INDEX search_text_document ON search_text(document_id);
CREATE VIRTUAL TABLE search USING fts5(text, content='search_text', content_rowid='id', tokenize='trigram');
CREATE TRIGGER search_text_added AFTER INSERT ON search_text BEGIN
  INSERT INTO search(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER search_text_removed AFTER DELETE ON search_text BEGIN
  INSERT INTO search(search, rowid, text) VALUES ('delete', old.id, old.text);
END;
`;

function columnDefs(specs: readonly ColumnSpec[]): string {
  return specs.map((s) => `  ${ident(s.name)} ${sqlType(s.type)}${s.nullable ? "" : " NOT NULL"}`).join(",\n");
}

/** A table of records that belong to one extracted table of a document (facts, indicators), with its indexes. */
function tableRecords(name: string, specs: readonly ColumnSpec[]): string {
  return `CREATE TABLE ${name} (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  table_ref INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
${columnDefs(specs)}
);
CREATE INDEX ${name}_document ON ${name}(document_id);
CREATE INDEX ${name}_table ON ${name}(table_ref);
`;
}

function recordTables(): string {
  return `
${tableRecords("facts", RECORD_TABLES.facts)}CREATE INDEX facts_row_code ON facts(row_code);
CREATE TABLE checks (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
${columnDefs(RECORD_TABLES.checks)},
  cells_json TEXT NOT NULL
);
CREATE INDEX checks_document ON checks(document_id);
CREATE INDEX checks_status ON checks(status);
${tableRecords("indicators", RECORD_TABLES.indicators)}`;
}

/** The select-list that gives back a CSV's columns, in order, from the record, its table `t` and document `d`. */
function flatColumns(specs: readonly ColumnSpec[], record: string, rename: Record<string, string> = {}): string {
  return specs
    .map((s) => {
      const home = columnHome(s.name);
      const source =
        home.on === "document"
          ? `d.${ident(home.column)}`
          : home.on === "table"
            ? `t.${ident(home.column)}`
            : `${record}.${ident(rename[s.name] ?? s.name)}`;
      return `${source} AS ${ident(s.name)}`;
    })
    .join(", ");
}

const DOCUMENT_FIELDS = "d.file AS source_file, d.sha256 AS source_sha256, d.doc_type, d.fiscal_year, d.org_name";

/** The views: the CSV files' columns, ready to query without joins. */
export function viewStatements(): Record<string, string> {
  const checkColumns = CHECK_SPECS.map(
    (s) => `c.${ident(s.name === "id" ? "check_id" : s.name)} AS ${ident(s.name === "id" ? "check_id" : s.name)}`,
  ).join(", ");
  return {
    facts_flat: `CREATE VIEW facts_flat AS SELECT f.id AS fact_id, f.document_id, f.table_ref, ${flatColumns(FACT_SPECS, "f")}, d.status AS document_status
FROM facts f JOIN tables t ON t.id = f.table_ref JOIN documents d ON d.id = f.document_id`,
    indicators_flat: `CREATE VIEW indicators_flat AS SELECT i.id AS indicator_id, i.document_id, i.table_ref, ${flatColumns(INDICATOR_SPECS, "i")}, d.status AS document_status
FROM indicators i JOIN tables t ON t.id = i.table_ref JOIN documents d ON d.id = i.document_id`,
    checks_flat: `CREATE VIEW checks_flat AS SELECT c.id AS check_row, c.document_id, ${DOCUMENT_FIELDS}, ${checkColumns}, d.status AS document_status
FROM checks c JOIN documents d ON d.id = c.document_id`,
    failed_checks: `CREATE VIEW failed_checks AS SELECT * FROM checks_flat WHERE status = 'fail'`,
  };
}

/**
 * From version N-1 to N, run in order on every database older than
 * SCHEMA_VERSION (a new one too: it starts at 0). Never edit a released step;
 * add the next one.
 */
export const MIGRATIONS: Record<number, (db: SqlDatabase) => void> = {
  1: (db) => db.exec(FIXED_TABLES + recordTables()),
  // 2: the manifest's outcome (issue 18): ok, ok_with_warnings, no_tables on documents; failed too on run_documents.
  // Documents written before are given theirs from what the database holds.
  2: (db) =>
    db.exec(`
ALTER TABLE documents ADD COLUMN outcome TEXT CHECK (outcome IN ('ok', 'ok_with_warnings', 'no_tables'));
ALTER TABLE run_documents ADD COLUMN outcome TEXT CHECK (outcome IN ('ok', 'ok_with_warnings', 'no_tables', 'failed'));
UPDATE documents SET outcome = CASE
  WHEN NOT EXISTS (SELECT 1 FROM tables t WHERE t.document_id = documents.id) THEN 'no_tables'
  WHEN warnings <> '[]' OR EXISTS (SELECT 1 FROM checks c WHERE c.document_id = documents.id AND c.status = 'fail') THEN 'ok_with_warnings'
  ELSE 'ok' END;
UPDATE run_documents SET outcome = CASE WHEN status = 'failed' THEN 'failed'
  ELSE (SELECT outcome FROM documents d WHERE d.id = run_documents.document_id) END;
`),
};

export class SchemaError extends Error {}

/**
 * Brings a database opened for writing to SCHEMA_VERSION, adds declared columns it lacks, and rebuilds changed views.
 */
export function migrate(db: SqlDatabase): void {
  db.transaction(() => {
    let version = Number(db.get("PRAGMA user_version")!.user_version);
    if (version === 0 && Number(db.get("SELECT count(*) AS n FROM sqlite_master")!.n) > 0) {
      throw new SchemaError("not a yujue database (it has tables but no yujue schema version)");
    }
    if (version > SCHEMA_VERSION) {
      throw new SchemaError(
        `database schema version ${version} is newer than this yujue's (${SCHEMA_VERSION}): use a newer yujue`,
      );
    }
    for (; version < SCHEMA_VERSION; version++) MIGRATIONS[version + 1](db);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    reconcile(db);
  });
}

/** Adds to each record table the declared columns it lacks, then recreates any view whose text changed. */
function reconcile(db: SqlDatabase): void {
  for (const [table, specs] of Object.entries(RECORD_TABLES) as [RecordTable, ColumnSpec[]][]) {
    const have = new Set(db.all(`PRAGMA table_info(${ident(table)})`).map((r) => String(r.name)));
    for (const spec of specs) {
      if (LINK_COLUMNS[table].includes(spec.name))
        throw new SchemaError(`declared column "${spec.name}" clashes with ${table}'s own`);
      // Added columns are nullable whatever the declaration: rows written before have no value.
      if (!have.has(spec.name))
        db.exec(`ALTER TABLE ${ident(table)} ADD COLUMN ${ident(spec.name)} ${sqlType(spec.type)}`);
    }
  }
  const views = viewStatements();
  for (const [name, sql] of Object.entries(views)) {
    const old = db.get("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?", [name]);
    if (old?.sql === sql) continue;
    // failed_checks selects from checks_flat: drop dependants first by dropping all, then create in order.
    for (const view of Object.keys(views).reverse()) db.exec(`DROP VIEW IF EXISTS ${ident(view)}`);
    for (const create of Object.values(views)) db.exec(create);
    return;
  }
}
