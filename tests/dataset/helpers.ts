import path from "node:path";
import { openDatabase, type SqlDatabase, type SqlRow } from "../../src/dataset/driver.js";
import { FACT_COLUMNS } from "../../schemas/document.js";
import { readCsv } from "../cli/helpers.js";

export function withDb<T>(file: string, fn: (db: SqlDatabase) => T): T {
  const db = openDatabase(file, { readOnly: true, mustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** A facts_flat row as facts.csv prints it (booleans were stored as 0/1). */
export function asCsvRecord(row: SqlRow): string[] {
  return FACT_COLUMNS.map((c) => {
    const v = row[c];
    if (v === null || v === undefined) return "";
    if (c === "flagged") return v === 1 ? "true" : "false";
    return String(v);
  });
}

/** The records (no header) of `<out>/<folder>/facts.csv`. */
export async function folderFacts(out: string, folder: string): Promise<string[][]> {
  return (await readCsv(path.join(out, folder, "facts.csv"))).rows.slice(1);
}

export function sumValues(records: string[][]): number {
  const at = FACT_COLUMNS.indexOf("value_wan");
  return records.reduce((s, r) => s + (r[at] === "" ? 0 : Number(r[at])), 0);
}
