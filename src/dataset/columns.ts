/**
 * The columns of the dataset's record tables, derived from the output
 * declarations (FACT_COLUMNS with the Fact schema, CHECK_COLUMNS with the
 * Check schema, INDICATOR_COLUMNS), so that a column added there reaches the
 * SQLite tables, the views and the Parquet files without another list to edit.
 */
import { z } from "zod";
import { Check, Fact, FACT_COLUMNS } from "../../schemas/document.js";
import { CHECK_COLUMNS } from "../output/checks.js";
import { INDICATOR_COLUMNS } from "../output/indicators.js";

export type ColumnType = "text" | "integer" | "real" | "boolean";

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  nullable: boolean;
}

/** Where a record column lives: on the document, on its table, or on the record itself. */
export type ColumnHome = { on: "document" | "table"; column: string } | { on: "record" };

/** Columns of facts.csv and indicators.csv that repeat their document's fields: stored once, in `documents`. */
const FROM_DOCUMENT: Record<string, string> = {
  source_file: "file",
  source_sha256: "sha256",
  doc_type: "doc_type",
  fiscal_year: "fiscal_year",
  org_name: "org_name",
};
/** Columns that repeat their table's fields: stored once, in `tables`. */
const FROM_TABLE: Record<string, string> = {
  table_kind: "table_kind",
  table_title: "title",
  unit_printed: "unit_printed",
};

export function columnHome(name: string): ColumnHome {
  if (name in FROM_DOCUMENT) return { on: "document", column: FROM_DOCUMENT[name] };
  if (name in FROM_TABLE) return { on: "table", column: FROM_TABLE[name] };
  return { on: "record" };
}

/** The SQL-relevant type of a zod field. Arrays and objects are kept as text (see `cellText`). */
export function zodColumn(name: string, schema: z.ZodType): ColumnSpec {
  let inner: z.ZodType = schema;
  let nullable = false;
  while (inner instanceof z.ZodNullable || inner instanceof z.ZodOptional) {
    nullable = true;
    inner = inner.unwrap() as z.ZodType;
  }
  if (inner instanceof z.ZodNumber) return { name, type: inner.isInt ? "integer" : "real", nullable };
  if (inner instanceof z.ZodBoolean) return { name, type: "boolean", nullable };
  return { name, type: "text", nullable };
}

function fromShape(names: readonly string[], shape: Record<string, z.ZodType>): ColumnSpec[] {
  return names.map((name) => {
    const field = shape[name];
    if (!field) throw new Error(`dataset columns: "${name}" is declared but has no schema field`);
    return zodColumn(name, field);
  });
}

/** facts.csv's columns in order, with types from the Fact schema. */
export const FACT_SPECS: readonly ColumnSpec[] = fromShape(FACT_COLUMNS, Fact.shape);

/** checks.csv's columns in order; `cells` is the CSV's one-line text of the cell references. */
export const CHECK_SPECS: readonly ColumnSpec[] = fromShape(CHECK_COLUMNS, { ...Check.shape, cells: z.string() });

/** indicators.csv has no zod schema: its numeric columns are named here, every other column is text. */
const INDICATOR_TYPES: Partial<Record<(typeof INDICATOR_COLUMNS)[number], ColumnType>> = {
  fiscal_year: "integer",
  page: "integer",
  project_amount_wan: "real",
  level1_weight: "real",
  level2_weight: "real",
  level3_weight: "real",
  target_value: "real",
  actual_value: "real",
  score: "real",
  confidence: "real",
  flagged: "boolean",
  project_amount_confidence: "real",
  project_amount_flagged: "boolean",
};
const INDICATOR_REQUIRED = new Set(["source_file", "source_sha256", "table_kind", "table_title", "page"]);
export const INDICATOR_SPECS: readonly ColumnSpec[] = INDICATOR_COLUMNS.map((name) => ({
  name,
  type: INDICATOR_TYPES[name] ?? "text",
  nullable: !INDICATOR_REQUIRED.has(name),
}));

export function sqlType(type: ColumnType): string {
  return type === "text" ? "TEXT" : type === "real" ? "REAL" : "INTEGER";
}

/** A double-quoted SQL identifier ("column" is a keyword). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The record's own columns (neither document nor table fields). */
export function recordSpecs(specs: readonly ColumnSpec[]): ColumnSpec[] {
  return specs.filter((s) => columnHome(s.name).on === "record");
}
