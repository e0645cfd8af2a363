/**
 * `yujue query`: read-only SQL over the database, printed as an aligned
 * table, CSV or JSON. The connection is opened read-only, so no statement
 * (ATTACHed files included) can change anything.
 */
import { existsSync } from "node:fs";
import { writeToString } from "fast-csv";
import { openDatabase, type SqlRow, type SqlValue } from "./driver.js";

export class QueryError extends Error {}

const BUSY_RETRY_MS = 50;
const BUSY_LIMIT_MS = 10_000;

/** Runs one statement read-only. A run writing at the same moment holds the file for a moment: wait for it. */
export function queryDatabase(file: string, sql: string): SqlRow[] {
  if (!existsSync(file)) throw new QueryError(`${file}: no database (a run of yujue extract writes it)`);
  const started = Date.now();
  for (;;) {
    try {
      const db = openDatabase(file, { readOnly: true, mustExist: true });
      try {
        return db.all(sql);
      } finally {
        db.close();
      }
    } catch (err) {
      const message = (err as Error).message;
      if (/database is locked|busy/i.test(message) && Date.now() - started < BUSY_LIMIT_MS) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, BUSY_RETRY_MS);
        continue;
      }
      throw new QueryError(/readonly database/.test(message) ? `${message} (yujue query is read-only)` : message);
    }
  }
}

function columnsOf(rows: SqlRow[]): string[] {
  return rows.length === 0 ? [] : Object.keys(rows[0]);
}

function text(value: SqlValue): string {
  if (value === null) return "";
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex");
  return String(value);
}

/** Display width: CJK and other wide characters take two columns in a terminal. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(
        ch,
      )
        ? 2
        : 1;
  return width;
}

const MAX_CELL = 60;

function clip(s: string): string {
  const flat = s.replace(/\s*\n\s*/g, " ");
  if (displayWidth(flat) <= MAX_CELL) return flat;
  let out = "";
  for (const ch of flat) {
    if (displayWidth(out + ch) > MAX_CELL - 1) break;
    out += ch;
  }
  return out + "…";
}

/** An aligned text table with a header rule; numbers right-aligned, long cells clipped. */
export function formatTable(rows: SqlRow[]): string {
  const columns = columnsOf(rows);
  if (columns.length === 0) return "(no rows)\n";
  const cells = rows.map((row) => columns.map((c) => clip(text(row[c]))));
  const numeric = columns.map((c) =>
    rows.every((row) => row[c] === null || typeof row[c] === "number" || typeof row[c] === "bigint"),
  );
  const widths = columns.map((c, i) => Math.max(displayWidth(c), ...cells.map((r) => displayWidth(r[i]))));
  const pad = (s: string, i: number) => {
    const fill = " ".repeat(widths[i] - displayWidth(s));
    return numeric[i] ? fill + s : s + fill;
  };
  const lines = [
    columns.map(pad).join("  "),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...cells.map((r) => r.map(pad).join("  ")),
  ];
  return lines.map((l) => l.trimEnd()).join("\n") + `\n(${rows.length} row${rows.length === 1 ? "" : "s"})\n`;
}

/** CSV with a header line (no BOM: this goes to a pipe, not to Excel). */
export async function formatCsv(rows: SqlRow[]): Promise<string> {
  const columns = columnsOf(rows);
  if (columns.length === 0) return "";
  const records = rows.map((row) => columns.map((c) => text(row[c])));
  return writeToString([columns, ...records], { rowDelimiter: "\n", includeEndRowDelimiter: true });
}

/** A JSON array, one row object per line. */
export function formatJson(rows: SqlRow[]): string {
  const plain = (row: SqlRow) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        typeof v === "bigint" ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString("hex") : v,
      ]),
    );
  return rows.length === 0 ? "[]\n" : "[\n" + rows.map((r) => JSON.stringify(plain(r))).join(",\n") + "\n]\n";
}
