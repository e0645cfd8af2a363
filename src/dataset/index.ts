/**
 * The dataset stage: <out>/yujue.sqlite, kept current by every run. The run's
 * parent process is the only writer; it feeds each finished document (the
 * Document model, or the document.json of a folder the run skipped) here.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Document } from "../../schemas/document.js";
import { clearStaleLock, openDatabase, type SqlDatabase } from "./driver.js";
import { writeMetadata } from "./metadata.js";
import { migrate } from "./schema.js";
import { finishRun, recordFailure, recordSkipped, startRun, writeDocument, type RunStart } from "./write.js";

export const DATABASE_FILE = "yujue.sqlite";

export { SCHEMA_VERSION } from "./schema.js";
export { writeDocument, recordFailure } from "./write.js";

/** The column names of a table or view. */
export function columnsOf(db: SqlDatabase, table: string): string[] {
  return db.all(`PRAGMA table_info("${table.replace(/"/g, '""')}")`).map((r) => String(r.name));
}

/**
 * Opens (creating if needed) a database for writing, migrated to this yujue's
 * schema. The caller holds the output folder's lock: no other writer exists.
 */
export function openForWriting(file: string): SqlDatabase {
  clearStaleLock(file);
  const db = openDatabase(file);
  try {
    db.exec("PRAGMA foreign_keys = ON");
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** One run's writes into <out>/yujue.sqlite. Every method is one transaction. */
export class RunDatabase {
  /** Milliseconds spent writing the database in this run. */
  ms = 0;

  private constructor(
    private readonly db: SqlDatabase,
    readonly runId: number,
    readonly file: string,
  ) {}

  static open(outDir: string, run: RunStart): RunDatabase {
    const started = performance.now();
    const db = openForWriting(path.join(outDir, DATABASE_FILE));
    const opened = new RunDatabase(db, startRun(db, run), path.join(outDir, DATABASE_FILE));
    opened.ms = performance.now() - started;
    return opened;
  }

  documentOk(input: string, output: string, doc: Document, ms: number): void {
    timed(this, () => writeDocument(this.db, doc, { input, output, runId: this.runId, ms }));
  }

  documentFailed(input: string, sha256: string | null, error: string, ms: number): void {
    timed(this, () => recordFailure(this.db, { input, sha256, error, runId: this.runId, ms }));
  }

  /** A skipped input; the database gets its rows from `<folder>/document.json` when it lacks them. */
  async documentSkipped(
    input: string,
    output: string,
    folder: string,
    sha256: string,
    toolVersion: string,
    ms: number,
  ): Promise<void> {
    if (timed(this, () => recordSkipped(this.db, input, output, sha256, toolVersion, this.runId, ms))) return;
    const doc = await readDocumentJson(folder);
    timed(this, () => writeDocument(this.db, doc, { input, output, runId: this.runId, runStatus: "skipped", ms }));
  }

  /** Ends the run's record and writes metadata.json beside the database. */
  async finish(counts: { documents: number; ok: number; skipped: number; failed: number }): Promise<void> {
    timed(this, () => finishRun(this.db, this.runId, counts));
    await writeMetadata(this.file, (table) => columnsOf(this.db, table));
  }

  /** Writes <out>/{facts,checks,indicators}.parquet from the whole database. */
  async writeParquet(): Promise<{ file: string; rows: number }[]> {
    const started = performance.now();
    try {
      // Loaded when asked for (--parquet): most runs never write Parquet.
      const { writeParquetFiles } = await import("./parquet.js");
      return await writeParquetFiles(this.db, path.dirname(this.file));
    } finally {
      this.ms += performance.now() - started;
    }
  }

  close(): void {
    this.db.close();
  }
}

function timed<T>(owner: RunDatabase, fn: () => T): T {
  const started = performance.now();
  try {
    return fn();
  } finally {
    owner.ms += performance.now() - started;
  }
}

/**
 * A folder's document.json. Not validated against today's Document schema:
 * a folder written by an earlier yujue (before a field was added) still goes
 * into the database, its missing fields null. The database's own constraints
 * (NOT NULL, CHECK) reject what is not a document.
 */
export async function readDocumentJson(folder: string): Promise<Document> {
  const doc = JSON.parse(await readFile(path.join(folder, "document.json"), "utf8"));
  if (typeof doc?.source?.sha256 !== "string" || !Array.isArray(doc.tables) || !Array.isArray(doc.checks)) {
    throw new Error(`${path.join(folder, "document.json")}: not a yujue document`);
  }
  return doc as Document;
}
