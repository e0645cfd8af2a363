/**
 * unmapped_columns.csv (issue 13): the printed columns whose header words the
 * vocabulary (src/normalize/dimensions.ts) does not know. Their facts keep
 * every canonical dimension null rather than a guess; this report is where a
 * user (or the next vocabulary entry) finds them. One per document folder and
 * one for the run (declared in files.ts with the other CSVs).
 */
import type { Document, Fact, TableKind } from "../../schemas/document.js";
import { csvField, documentFacts } from "./facts.js";

export const UNMAPPED_FILE = "unmapped_columns.csv";
export const UNMAPPED_COLUMNS = ["source_file", "table_id", "table_kind", "table_title", "column", "facts"] as const;

export interface UnmappedColumn {
  source_file: string;
  table_id: string;
  table_kind: TableKind;
  table_title: string;
  column: string;
  /** Facts under the column. */
  facts: number;
}

/** A fact no dimension could be given to: its column is unknown to the vocabulary. */
export function isUnmapped(f: Fact): boolean {
  return f.measure === null && f.fund === null && f.expense === null && f.item === null && f.side === null;
}

/** The unknown columns of a document, one entry per table and column, in table order. */
export function unmappedColumns(doc: Document, facts: Fact[] = documentFacts(doc)): UnmappedColumn[] {
  const out = new Map<string, UnmappedColumn>();
  for (const f of facts) {
    if (!isUnmapped(f)) continue;
    const key = `${f.table_id}\u0000${f.column}`;
    const entry = out.get(key) ?? {
      source_file: f.source_file,
      table_id: f.table_id,
      table_kind: f.table_kind,
      table_title: f.table_title,
      column: f.column,
      facts: 0,
    };
    entry.facts++;
    out.set(key, entry);
  }
  return [...out.values()];
}

/** The records of a document's unmapped_columns.csv, in UNMAPPED_COLUMNS order. */
export function unmappedRecords(doc: Document): string[][] {
  return unmappedColumns(doc).map((r) => UNMAPPED_COLUMNS.map((c) => csvField(r[c])));
}
