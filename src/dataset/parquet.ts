/**
 * `--parquet`: facts, checks and indicators as Parquet files beside the
 * database, for DuckDB, pandas/pyarrow, R (arrow) and Spark. Each file has
 * its CSV's columns (typed from the same declarations: value_wan DOUBLE,
 * fiscal_year and page INT32, flagged BOOLEAN, text as UTF-8 strings) and
 * `document_status`; it is read from the database's flat views in chunks and
 * written as row groups, then renamed into place.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileWriter, ParquetWriter } from "hyparquet-writer";
import { renameOrClean, tempPathFor } from "../output/atomic.js";
import { CHECK_SPECS, FACT_SPECS, ident, INDICATOR_SPECS, type ColumnSpec, type ColumnType } from "./columns.js";
import type { SqlDatabase, SqlValue } from "./driver.js";

/** Each Parquet file: the flat view it comes from, its key for chunking, and its columns. */
export const PARQUET_FILES = [
  { file: "facts.parquet", view: "facts_flat", key: "fact_id", specs: FACT_SPECS },
  { file: "checks.parquet", view: "checks_flat", key: "check_row", specs: renameId(CHECK_SPECS) },
  { file: "indicators.parquet", view: "indicators_flat", key: "indicator_id", specs: INDICATOR_SPECS },
] as const;

const STATUS: ColumnSpec = { name: "document_status", type: "text", nullable: false };
const CHUNK_ROWS = 50_000;

function renameId(specs: readonly ColumnSpec[]): ColumnSpec[] {
  return specs.map((s) => (s.name === "id" ? { ...s, name: "check_id" } : s));
}

const PARQUET_TYPES: Record<
  ColumnType,
  { type: "BYTE_ARRAY" | "INT32" | "DOUBLE" | "BOOLEAN"; converted_type?: "UTF8" }
> = {
  text: { type: "BYTE_ARRAY", converted_type: "UTF8" },
  integer: { type: "INT32" },
  real: { type: "DOUBLE" },
  boolean: { type: "BOOLEAN" },
};

function schemaOf(specs: readonly ColumnSpec[]) {
  return [
    { name: "root", num_children: specs.length },
    ...specs.map((s) => ({
      name: s.name,
      ...PARQUET_TYPES[s.type],
      repetition_type: s.nullable ? ("OPTIONAL" as const) : ("REQUIRED" as const),
    })),
  ];
}

function parquetValue(value: SqlValue, type: ColumnType): unknown {
  if (value === null) return null;
  if (type === "boolean") return value === 1 || value === "true";
  if (type === "integer" || type === "real") return Number(value);
  return String(value);
}

/** Writes the three Parquet files into `dir` from the database. Returns their paths and row counts. */
export async function writeParquetFiles(db: SqlDatabase, dir: string): Promise<{ file: string; rows: number }[]> {
  const written: { file: string; rows: number }[] = [];
  for (const spec of PARQUET_FILES) {
    const target = path.join(dir, spec.file);
    const temp = tempPathFor(target);
    try {
      const rows = writeOne(db, temp, spec.view, spec.key, [...spec.specs, STATUS]);
      await renameOrClean(temp, target);
      written.push({ file: target, rows });
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }
  return written;
}

function writeOne(db: SqlDatabase, file: string, view: string, key: string, specs: ColumnSpec[]): number {
  const writer = new ParquetWriter({ writer: fileWriter(file), schema: schemaOf(specs), createdBy: "yujue" });
  const select = `SELECT ${ident(key)}, ${specs.map((s) => ident(s.name)).join(", ")} FROM ${ident(view)}
    WHERE ${ident(key)} > ? ORDER BY ${ident(key)} LIMIT ${CHUNK_ROWS}`;
  let last = 0;
  let total = 0;
  for (;;) {
    const rows = db.all(select, [last]);
    if (rows.length === 0) break;
    writer.write({
      columnData: specs.map((s) => ({
        name: s.name,
        data: rows.map((r) => parquetValue(r[s.name], s.type)),
        nullable: s.nullable,
      })),
      rowGroupSize: CHUNK_ROWS,
    });
    total += rows.length;
    last = Number(rows[rows.length - 1][key]);
  }
  writer.finish();
  return total;
}
