/**
 * Shared vocabulary of the checks: normalised labels and column paths, cell
 * terms, tolerances and the one place where a Check object is built.
 */
import type { CellRef, Check, Row, Table, TableKind } from "../../schemas/document.js";

/** One printed figure taking part in an identity. */
export interface Term {
  ref: CellRef;
  value: number;
  flagged: boolean;
}

/** NFKC, no whitespace of any width. */
export function squash(text: string): string {
  return text.normalize("NFKC").replace(/[\s\u3000]+/g, "");
}

const ORDINAL = /^(?:其中[:：]?)?(?:[(（][一二三四五六七八九十廿]+[)）]|[一二三四五六七八九十廿]+[、.．]|[(（]\d+[)）]|\d+[.、．](?!\d))/;

/** Label without spaces and leading ordinals ("一、", "（一）", "1.", "(1)", "其中："). */
export function normLabel(label: string | null | undefined): string {
  let s = squash(label ?? "");
  for (let i = 0; i < 3; i++) {
    const next = s.replace(ORDINAL, "");
    if (next === s) break;
    s = next;
  }
  return s;
}

/** Ordinal level of a printed label: 1 for "一、", 2 for "（一）", 3 for "1.", 4 for "(1)", 0 when unnumbered. */
export function ordinalLevel(label: string | null | undefined): number {
  const s = squash(label ?? "");
  if (/^[一二三四五六七八九十廿]+[、.．]/.test(s)) return 1;
  if (/^[(（][一二三四五六七八九十廿]+[)）]/.test(s)) return 2;
  if (/^\d+[、.．](?!\d)/.test(s)) return 3;
  if (/^[(（]\d+[)）]/.test(s)) return 4;
  return 0;
}

/** Header levels of a column path, without 栏次 numbers and blanks. */
export function columnLevels(path: string): string[] {
  return path
    .split("/")
    .map(squash)
    .filter((level) => level !== "" && !/^\d+$/.test(level) && level !== "栏次");
}

export function columnHas(path: string, word: string): boolean {
  return columnLevels(path).some((level) => level.includes(word));
}

/** Columns that hold ratios, row numbers or changes: never summed. */
export function isAdditive(path: string): boolean {
  return !columnLevels(path).some((level) => /行次|栏次|占比|比例|%|增减|增长|变动|率/.test(level));
}

export function numericColumns(table: Table): string[] {
  const seen = new Set<string>(table.columns);
  for (const row of table.rows) for (const key of Object.keys(row.values)) seen.add(key);
  return [...seen].filter(isAdditive);
}

export function cellValue(row: Row, column: string): number | null {
  const cell = row.values[column];
  return cell && cell.value_wan !== null && Number.isFinite(cell.value_wan) ? cell.value_wan : null;
}

export function term(table: Table, row: Row, column: string): Term | null {
  const value = cellValue(row, column);
  if (value === null) return null;
  return {
    ref: {
      table_kind: table.table_kind, page: row.page, row_code: row.row_code, row_label: row.row_label, column,
      box: row.values[column]?.box ?? null,
    },
    value,
    flagged: row.values[column]?.flagged ?? false,
  };
}

/** The only non-null value of a row, for one-value-per-row layouts (Wuhan 基本支出明细 blocks). */
export function soleTerm(table: Table, row: Row): Term | null {
  const terms = Object.keys(row.values).filter(isAdditive).map((c) => term(table, row, c)).filter(isTerm);
  return terms.length === 1 ? terms[0] : null;
}

export function isTerm(t: Term | null): t is Term {
  return t !== null;
}

export function isTotalLabel(label: string | null): boolean {
  return /^(合计|总计)$/.test(normLabel(label));
}

/** The row with this label (ordinals and spaces ignored), preferring one that carries a figure: a blank duplicate can be printed beside another block. */
export function labelledRow(table: Table, label: string): Row | undefined {
  const rows = table.rows.filter((r) => normLabel(r.row_label) === label);
  return rows.find((r) => Object.values(r.values).some((c) => c.value_wan !== null)) ?? rows[0];
}

/** First 合计/总计 row without a code (a repeated 合计 on a continuation page is the same figure). */
export function totalRow(table: Table): Row | undefined {
  return table.rows.find((row) => !row.row_code && isTotalLabel(row.row_label));
}

/**
 * The column holding a row's total: the shallowest level reading 合计/小计/总计
 * (本年收入合计, 合计, 本年支出/小计). Undefined when none or a tie.
 */
export function totalColumn(table: Table, within: string[] = numericColumns(table)): string | undefined {
  let best: string | undefined;
  let bestDepth = Infinity;
  let tie = false;
  for (const column of within) {
    const depth = columnLevels(column).findIndex((level) => /合计|小计|总计/.test(level));
    if (depth < 0) continue;
    if (depth < bestDepth) [best, bestDepth, tie] = [column, depth, false];
    else if (depth === bestDepth) tie = true;
  }
  return tie ? undefined : best;
}

export function tablesOf(tables: Table[], kind: TableKind): Table[] {
  return tables.filter((t) => t.table_kind === kind && !t.empty && t.rows.length > 0);
}

/** Identities of printed figures hold within 0.01 per summand (尾数误差); a figure copied elsewhere must match to the cent. */
export function tolerance(summands: number): number {
  return summands <= 1 ? 0.005 : 0.01 * summands;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export interface IdentitySpec {
  id: string;
  kind: Check["kind"];
  tableKind: TableKind | null;
  /** What the identity says, in words: "本年收入合计 = sum of income lines". */
  what: string;
  total: Term;
  parts: Term[];
  /** Defaults to tolerance(parts.length). */
  tol?: number;
}

/** total = Σ parts, as a Check. Flagged cells turn a failure into a warning. */
export function identity(spec: IdentitySpec): Check {
  const expected = round(spec.parts.reduce((sum, t) => sum + t.value, 0), 6);
  const actual = spec.total.value;
  const difference = round(actual - expected, 6);
  const tol = spec.tol ?? tolerance(spec.parts.length);
  const pass = Math.abs(difference) <= tol + 1e-9;
  const flagged = spec.total.flagged || spec.parts.some((t) => t.flagged);
  const verdict = pass ? "holds" : "broken";
  return {
    id: spec.id,
    kind: spec.kind,
    status: pass ? "pass" : "fail",
    severity: flagged ? "warning" : "error",
    table_kind: spec.tableKind,
    page: spec.total.ref.page,
    cells: [spec.total.ref, ...spec.parts.map((t) => t.ref)],
    expected: round(expected, 4),
    actual,
    difference: round(difference, 4),
    message:
      `${spec.what}: ${verdict}; printed ${fmt(actual)}, expected ${fmt(expected)} from ${spec.parts.length} cell(s), ` +
      `difference ${fmt(difference)} (tolerance ${fmt(tol)})${flagged ? "; involves flagged cells" : ""}`,
  };
}

export function fmt(value: number): string {
  return String(round(value, 4));
}

/** Stable key of a row inside a table: its code, else its label, else its position. */
export function rowKey(table: Table, row: Row): string {
  return row.row_code ?? (normLabel(row.row_label) || `row${table.rows.indexOf(row) + 1}`);
}

export function shortColumn(column: string): string {
  return columnLevels(column).join("/");
}
