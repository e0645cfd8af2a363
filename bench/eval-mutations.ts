/**
 * Deliberate wrong answers, to test the gauge itself: each turns a correct
 * extraction into one that a strict comparison must reject, cell by cell
 * (`npm run eval -- --mutate NAME` must fail and name the cells; tests/eval).
 */
import type { Cell, Document, Row, Table } from "../schemas/document.js";
import { UNIT_IN_WAN } from "./compare.js";
import type { Mutate } from "./eval-run.js";

/** Two wrong parent levels over every column path. */
export const WRONG_PARENTS = "合计/基本支出";

function mapTables(doc: Document, change: (t: Table) => Table): Document {
  return { ...doc, tables: doc.tables.map((t) => change(structuredClone(t))) };
}

function mapCodedRows(doc: Document, change: (r: Row) => Row): Document {
  return mapTables(doc, (t) => ({ ...t, rows: t.rows.map((r) => (r.row_code ? change(r) : r)) }));
}

/** Every column path prefixed with two parent levels the page does not print. */
export const prefixColumns: Mutate = (doc) =>
  mapTables(doc, (t) => ({
    ...t,
    columns: t.columns.map((c) => `${WRONG_PARENTS}/${c}`),
    rows: t.rows.map((r) => ({
      ...r,
      values: Object.fromEntries(Object.entries(r.values).map(([c, v]) => [`${WRONG_PARENTS}/${c}`, v])),
    })),
  }));

/** Amounts of tables printed in 元 rounded to the nearest 10 元. */
export const roundYuan: Mutate = (doc) =>
  mapTables(doc, (t) => (t.unit_printed !== "元" ? t : { ...t, rows: t.rows.map((r) => mapValues(r, roundTo10Yuan)) }));

function roundTo10Yuan(cell: Cell): Cell {
  if (cell.value_wan === null) return cell;
  return { ...cell, value_wan: (Math.round((cell.value_wan * 10000) / 10) * 10) / 10000 };
}

function mapValues(row: Row, change: (c: Cell) => Cell): Row {
  return { ...row, values: Object.fromEntries(Object.entries(row.values).map(([c, v]) => [c, change(v)])) };
}

/** Every coded row's facts put on the next page. */
export const nextPage: Mutate = (doc) => mapCodedRows(doc, (r) => ({ ...r, page: r.page + 1 }));

/** The first character of every coded row's label dropped. */
export const dropLabelChar: Mutate = (doc) =>
  mapCodedRows(doc, (r) => ({ ...r, row_label: r.row_label ? r.row_label.slice(1) : r.row_label }));

/**
 * One figure, the middle non-null cell of the document, off by one unit in its last printed digit
 * (from its raw text: "1,097,073.43" 元 → 0.01 元; "189767551" 元 → 1 元; else 0.01 of the unit).
 */
export const lastDigit: Mutate = (doc) => {
  const cells = doc.tables.flatMap((t, ti) =>
    t.rows.flatMap((r, ri) =>
      Object.entries(r.values)
        .filter(([, c]) => c.value_wan !== null)
        .map(([col]) => ({ ti, ri, col })),
    ),
  );
  if (cells.length === 0) return doc;
  const { ti, ri, col } = cells[Math.floor(cells.length / 2)];
  const copy = structuredClone(doc);
  const table = copy.tables[ti];
  const cell = table.rows[ri].values[col];
  cell.value_wan = cell.value_wan! + lastPrintedStep(cell.raw_text, table.unit_printed);
  return copy;
};

/** One unit of the last printed digit, in 万元. */
export function lastPrintedStep(raw: string, unit: string | null): number {
  const perUnit = UNIT_IN_WAN[unit ?? "万元"] ?? 1;
  const printed = /^-?[\d,]*\.?(\d*)%?$/.exec(raw.trim());
  const decimals = printed && /\d/.test(raw) ? printed[1].length : 2;
  return perUnit * 10 ** -decimals;
}

export const MUTATIONS: Readonly<Record<string, Mutate>> = {
  "prefix-columns": prefixColumns,
  "round-yuan": roundYuan,
  "next-page": nextPage,
  "drop-label-char": dropLabelChar,
  "last-digit": lastDigit,
};
