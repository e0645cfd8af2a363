import type { ColumnDimensions } from "../../schemas/dimensions.js";
import { FACT_COLUMNS, type Document, type Fact } from "../../schemas/document.js";
import { parseAmount, toWan, type PrintedUnit } from "../normalize/amount.js";
import {
  columnDimensions,
  isMoney,
  nonMoneyUnit,
  rowDimensions,
  rowExpense,
  rowItem,
  rowMeasure,
  tableContext,
  tableIds,
  type MappedColumn,
} from "../normalize/dimensions.js";

/**
 * One fact per non-empty numeric cell of every table, in table, row and
 * column order. Blank cells are not facts; a printed 0 is. A cell that
 * holds ink we could not read is a fact with no value and flagged, so a
 * user sees it rather than a silent gap. Each fact carries the canonical
 * dimensions of its column and row (src/normalize/dimensions.ts).
 */
export function documentFacts(doc: Document): Fact[] {
  const facts: Fact[] = [];
  const ids = tableIds(doc.tables);
  doc.tables.forEach((table, t) => {
    const ctx = tableContext(table, doc);
    const columns = new Map<string, MappedColumn>();
    const dimsOf = (column: string) => {
      if (!columns.has(column)) columns.set(column, columnDimensions(column, ctx));
      return columns.get(column)!;
    };
    const rowDims = rowDimensions(table.rows, ctx);
    table.rows.forEach((row, r) => {
      for (const [column, cell] of Object.entries(row.values)) {
        if (cell.value_wan === null && !cell.flagged) continue;
        // A performance table's label: figure pairs (总分 92.72) print no column header: the label names the figure.
        const mapped = column.trim() === "" && row.row_label ? columnDimensions(row.row_label, ctx) : dimsOf(column);
        const dims = factDimensions(mapped, row.row_label, ctx);
        const money = isMoney(dims, table.table_kind, column.trim() === "" ? (row.row_label ?? "") : column);
        facts.push({
          source_file: doc.source.file,
          source_path: doc.source.path ?? null,
          source_url: doc.source.url ?? null,
          source_sha256: doc.source.sha256,
          doc_type: doc.doc_type,
          fiscal_year: doc.fiscal_year,
          org_name: doc.org_name,
          table_id: table.table_id ?? ids[t],
          table_kind: table.table_kind,
          table_title: table.title,
          page: row.page,
          row_code: row.row_code,
          row_label: row.row_label,
          ...rowDims[r],
          column,
          ...dims,
          value_wan: money ? cell.value_wan : null,
          value: money ? null : printedValue(cell.value_wan, cell.raw_text, table.unit_printed),
          unit: money ? null : nonMoneyUnit(dims, cell.raw_text),
          unit_printed: table.unit_printed,
          raw_text: cell.raw_text,
          extraction: cell.extraction,
          confidence: cell.confidence,
          flagged: cell.flagged,
          x0: cell.box?.x0 ?? null,
          y0: cell.box?.y0 ?? null,
          x1: cell.box?.x1 ?? null,
          y1: cell.box?.y1 ?? null,
          page_width: cell.box?.page_width ?? null,
          page_height: cell.box?.page_height ?? null,
        });
      }
    });
  });
  return facts;
}

/** A figure that is not money, as printed: the cell's number back in its table's unit (or read from its text). */
function printedValue(valueWan: number | null, raw: string, unit: string | null): number | null {
  if (valueWan === null)
    return parseAmount(raw.replace(/(%|％|分|人|辆|个|次|项|天|家|户|件|台|套|份|平方米)\s*$/, "")).value;
  const perUnit = toWan(1, (unit ?? "万元") as PrintedUnit) || 1;
  return Number((valueWan / perUnit).toFixed(6));
}

/** A column's dimensions with what its row names: a year or 增减 row's measure, a 三公 item printed as a row. */
function factDimensions(
  col: MappedColumn,
  rowLabel: string | null,
  ctx: ReturnType<typeof tableContext>,
): ColumnDimensions {
  const { measure, fund, expense, item, side } = col;
  const dims: ColumnDimensions = { measure, fund, expense, item, side };
  if (!col.known) return dims;
  const measureOfRow = col.explicitMeasure ? null : rowMeasure(rowLabel, ctx);
  if (measureOfRow) dims.measure = measureOfRow;
  if (dims.item === null) dims.item = rowItem(rowLabel, ctx);
  // A basic table's 人员经费合计 / 公用经费合计 rows name the use their figure is.
  const use = rowExpense(rowLabel);
  if (use && (dims.expense === null || dims.expense === "basic" || dims.expense === "total")) dims.expense = use;
  return dims;
}

/** A fact as a CSV record in FACT_COLUMNS order; null becomes an empty field. */
export function factRecord(fact: Fact): string[] {
  return FACT_COLUMNS.map((column) => csvField(fact[column]));
}

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  return String(value);
}
