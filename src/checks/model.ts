/**
 * Shared vocabulary of the checks: normalised labels and column paths, cell
 * terms, tolerances and the one place where a Check object is built.
 */
import type { CellRef, Check, Row, Table, TableKind } from "../../schemas/document.js";
import { foldText, normLabel, squash } from "../normalize/text.js";

// The label normaliser lives in src/normalize; re-exported because every check speaks in these terms.
export { normLabel, ordinalLevel, squash } from "../normalize/text.js";

/** One printed figure taking part in an identity. */
export interface Term {
  ref: CellRef;
  value: number;
  flagged: boolean;
  /** The figure's last printed digit in 万元 (0.01 for "12.34" in 万元, 0.000001 for "12.34" in 元); null when unknown. */
  step: number | null;
}

const TO_WAN: Record<string, number> = { 元: 1e-4, 千元: 0.1, 万元: 1, 亿元: 1e4 };

/** The unit of a figure's last printed digit, in 万元; null for a dash, a blank or a bare 0. */
export function printedStep(raw: string, unit: string | null): number | null {
  const s = foldText(raw).replace(/[\s,，]/g, "");
  const m = /(\d+)(?:\.(\d+))?/.exec(s);
  if (!m || /^0+(\.0+)?$/.test(m[0])) return null;
  const factor = TO_WAN[unit ?? "万元"] ?? 1;
  return 10 ** -(m[2]?.length ?? 0) * factor;
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
      table_kind: table.table_kind,
      page: row.page,
      row_code: row.row_code,
      row_label: row.row_label,
      column,
      box: row.values[column]?.box ?? null,
    },
    value,
    flagged: row.values[column]?.flagged ?? false,
    step: printedStep(row.values[column]?.raw_text ?? "", table.unit_printed),
  };
}

/** The only non-null value of a row, for one-value-per-row layouts (Wuhan 基本支出明细 blocks). */
export function soleTerm(table: Table, row: Row): Term | null {
  const terms = Object.keys(row.values)
    .filter(isAdditive)
    .map((c) => term(table, row, c))
    .filter(isTerm);
  return terms.length === 1 ? terms[0] : null;
}

export function isTerm(t: Term | null): t is Term {
  return t !== null;
}

/** A printed row of column numbers (栏次, "**", "1 2 3 …"), not figures. */
export function isIndexRow(row: Row): boolean {
  const label = squash(row.row_label ?? "");
  return /^[*＊]+$|^栏次$|^行次$/.test(label) || /^[*＊]+$/.test(row.row_code ?? "");
}

export function isTotalLabel(label: string | null): boolean {
  return /^(合计|总计)$/.test(normLabel(label));
}

/**
 * The row with this label (ordinals and spaces ignored), preferring one that carries a figure: a blank duplicate can be
 * printed beside another block.
 */
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

/**
 * The rounding unit of an identity: the finest last digit among its printed figures (a whole number printed
 * in a table of cents is exact), 0.01 万元 when none is known.
 */
export function identityStep(terms: Term[]): number {
  const steps = terms.map((t) => t.step).filter((s): s is number => s !== null);
  return steps.length > 0 ? Math.min(...steps) : 0.01;
}

/** Rounding-level band of a sum of printed figures (尾数误差): one last digit per summand. */
export function tolerance(summands: number, step = 0.01): number {
  return step * Math.max(1, summands);
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
  /** The rounding-level band; defaults to tolerance(parts.length, step). */
  tol?: number;
}

export type Verdict = Pick<Check, "status" | "severity">;

/**
 * pass: equal to the printed precision; fail/warning: off by no more than the rounding-level band (尾数误差, or
 * a flagged OCR figure is involved); fail/error: a broken identity beyond rounding.
 */
export function verdict(difference: number, step: number, band: number, flagged: boolean): Verdict {
  const d = Math.abs(difference);
  return passOr(d <= step / 2 + 1e-9, flagged || d <= band + 1e-9 ? "warning" : "error");
}

/** pass/info, or fail with the given severity: the verdict of a check that is not a sum of printed figures. */
export function passOr(pass: boolean, severity: "warning" | "error" = "error"): Verdict {
  return pass ? { status: "pass", severity: "info" } : { status: "fail", severity };
}

export interface ComparisonSpec {
  id: string;
  kind: Check["kind"];
  tableKind: TableKind | null;
  page: number | null;
  cells: CellRef[];
  expected: number;
  actual: number;
  difference: number;
  verdict: Verdict;
  message: string;
}

/** The one place a Check with a verdict is built (identities, performance rules, narrative figures). */
export function comparison(spec: ComparisonSpec): Check {
  return {
    id: spec.id,
    kind: spec.kind,
    ...spec.verdict,
    table_kind: spec.tableKind,
    page: spec.page,
    cells: spec.cells,
    expected: spec.expected,
    actual: spec.actual,
    difference: spec.difference,
    message: spec.message,
  };
}

/** total = Σ parts, as a Check. */
export function identity(spec: IdentitySpec): Check {
  const expected = round(
    spec.parts.reduce((sum, t) => sum + t.value, 0),
    8,
  );
  const actual = spec.total.value;
  const difference = round(actual - expected, 8);
  const step = identityStep([spec.total, ...spec.parts]);
  const band = spec.tol ?? tolerance(spec.parts.length, step);
  const flagged = spec.total.flagged || spec.parts.some((t) => t.flagged);
  const v = verdict(difference, step, band, flagged);
  const how =
    v.status === "pass"
      ? "holds"
      : v.severity === "error"
        ? `broken by ${fmt(difference)}`
        : flagged
          ? `off by ${fmt(difference)}, involving figures OCR read with low confidence`
          : `off by ${fmt(difference)}, within rounding (尾数误差, up to ${fmt(band)})`;
  return comparison({
    id: spec.id,
    kind: spec.kind,
    tableKind: spec.tableKind,
    page: spec.total.ref.page,
    cells: [spec.total.ref, ...spec.parts.map((t) => t.ref)],
    expected: round(expected, 6),
    actual,
    difference: round(difference, 6),
    verdict: v,
    message: `${spec.what}: ${how}; printed ${fmt(actual)}, the ${spec.parts.length} figure(s) give ${fmt(expected)}`,
  });
}

/** A check that could not be run with certainty: the reason instead of a verdict. */
export function skipped(
  id: string,
  kind: Check["kind"],
  tableKind: TableKind | null,
  cells: CellRef[],
  reason: string,
): Check {
  return {
    id,
    kind,
    status: "skipped",
    severity: "info",
    table_kind: tableKind,
    page: cells[0]?.page ?? null,
    cells,
    expected: null,
    actual: null,
    difference: null,
    message: `skipped: ${reason}`,
  };
}

export function fmt(value: number): string {
  return String(round(value, 6));
}

/** Stable key of a row inside a table: its code, else its label, else its position. */
export function rowKey(table: Table, row: Row): string {
  return row.row_code ?? (normLabel(row.row_label) || `row${table.rows.indexOf(row) + 1}`);
}

export function shortColumn(column: string): string {
  return columnLevels(column).join("/");
}
