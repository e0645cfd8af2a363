/**
 * The one module that knows which SQLite library yujue uses. Everything else
 * talks to the small `SqlDatabase` interface below, so the driver can be
 * swapped (for `node:sqlite` once Node 22.13+ is the floor) in this file alone.
 *
 * Why node-sqlite3-wasm: SQLite compiled to WebAssembly, no install script and
 * no native binary, so `npm ci` alone works on a machine that reaches only the
 * npm registry and has no compiler; it writes an ordinary database file through
 * Node's fs, and its build has FTS5 with the trigram tokenizer. better-sqlite3
 * falls back to node-gyp when its prebuilt binary cannot be downloaded,
 * node:sqlite needs Node 22.13+, sql.js has no FTS5 and keeps the file in memory.
 */
import { chmodSync, existsSync, rmSync } from "node:fs";
import sqlite from "node-sqlite3-wasm";

export type SqlValue = number | bigint | string | Uint8Array | null;
export type SqlParam = SqlValue | boolean;
export type SqlRow = Record<string, SqlValue>;

export interface SqlStatement {
  run(params: SqlParam[]): { changes: number; lastInsertRowid: number };
  finalize(): void;
}

export interface SqlDatabase {
  /** Runs one or more statements separated by semicolons. */
  exec(sql: string): void;
  run(sql: string, params?: SqlParam[]): { changes: number; lastInsertRowid: number };
  all(sql: string, params?: SqlParam[]): SqlRow[];
  get(sql: string, params?: SqlParam[]): SqlRow | null;
  prepare(sql: string): SqlStatement;
  /** Runs `fn` in one write transaction: all of it is committed or none (also after a kill). */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export interface OpenOptions {
  readOnly?: boolean;
  /** Fail instead of creating a missing file. */
  mustExist?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): SqlDatabase {
  const created = !options.readOnly && !existsSync(file);
  const db = new sqlite.Database(file, {
    readOnly: options.readOnly ?? false,
    fileMustExist: options.mustExist ?? false,
  });
  // The VFS creates files as 0600; a dataset is for sharing (Datasette may run as another user): the usual mode.
  if (created) chmodSync(file, 0o666 & ~process.umask());
  const asRun = (r: { changes: number; lastInsertRowid: number | bigint }) => ({
    changes: r.changes,
    lastInsertRowid: Number(r.lastInsertRowid),
  });
  return {
    exec: (sql) => db.exec(sql),
    run: (sql, params) => asRun(db.run(sql, params ?? [])),
    all: (sql, params) => db.all(sql, params ?? []) as SqlRow[],
    get: (sql, params) => db.get(sql, params ?? []) as SqlRow | null,
    prepare(sql) {
      const statement = db.prepare(sql);
      return { run: (params) => asRun(statement.run(params)), finalize: () => statement.finalize() };
    },
    transaction(fn) {
      // IMMEDIATE takes the write lock at the start, so a second writer fails fast instead of mid-way.
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = fn();
        db.exec("COMMIT");
        return result;
      } catch (err) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw err;
      }
    },
    close: () => db.close(),
  };
}

/**
 * This driver locks a database by creating the folder `<file>.lock` (its VFS
 * has no POSIX locks), which a killed writer leaves behind: every later open
 * would then be "database is locked". Call only when no other process can
 * have the file open (the caller holds the output folder's lock); SQLite then
 * rolls back the killed writer's journal on the next open.
 */
export function clearStaleLock(file: string): void {
  rmSync(`${file}.lock`, { recursive: true, force: true });
}
