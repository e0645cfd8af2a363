/**
 * Builds a Document that prints exactly what an answer key says: the
 * perfect extraction. Scoring it must give 100%, so any change to the key
 * shows up as exactly the changed cells.
 */
import type { Document, Row, Table, TableKind } from "../../schemas/document.js";
import { type AnswerKey, type Fact, UNIT_IN_WAN } from "../../bench/compare.js";
import { documentOf } from "../helpers/document.js";

export function documentFromKey(key: AnswerKey): Document {
  const tables: Table[] = key.tables.map((t) => ({
    table_kind: t.table_kind as TableKind,
    title: t.title ?? "",
    pages: t.pages,
    unit_printed: t.unit_printed ?? "万元",
    empty: t.empty ?? false,
    columns: [],
    rows: [],
    extraction: "text",
  }));
  for (const fact of key.facts) addFact(tableFor(tables, fact), fact);
  return documentOf(tables, {
    source: { file: key.file, sha256: "0".repeat(64), pages: 1 },
    doc_type: (key.doc_type ?? null) as Document["doc_type"],
    fiscal_year: key.fiscal_year ?? null,
    org_name: key.org_name ?? null,
  });
}

function tableFor(tables: Table[], fact: Fact): Table {
  const table =
    tables.find((t) => t.table_kind === fact.table_kind && t.pages.includes(fact.page)) ??
    tables.find((t) => t.table_kind === fact.table_kind);
  if (!table) throw new Error(`key fact of kind ${fact.table_kind} has no table`);
  return table;
}

function addFact(table: Table, fact: Fact): void {
  const sameRow = (r: Row) =>
    r.page === fact.page &&
    r.row_code === fact.row_code &&
    r.row_label === fact.row_label &&
    !(fact.column in r.values);
  let row = table.rows.find(sameRow);
  if (!row) {
    row = { page: fact.page, row_code: fact.row_code, row_label: fact.row_label, values: {} };
    table.rows.push(row);
  }
  const raw = printed(fact.value, table.unit_printed);
  row.values[fact.column] = {
    value_wan: fact.value,
    raw_text: raw,
    confidence: 1,
    extraction: "text",
    flagged: false,
    box: null,
  };
  if (!table.columns.includes(fact.column)) table.columns.push(fact.column);
}

/** The figure as printed in its table's unit, two decimals unless whole ("1097073.43", "189767551"). */
function printed(valueWan: number, unit: string | null): string {
  const text = (valueWan / (UNIT_IN_WAN[unit ?? "万元"] ?? 1)).toFixed(2);
  return text.endsWith(".00") ? text.slice(0, -3) : text;
}
