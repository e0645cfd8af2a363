/**
 * The two-sided statements: 收支总表 and 财政拨款收支总表. Per side:
 *   本年收入合计 = sum of the income lines (Wuhan 27行 = 1..8行; 财政 27 = 1+2+3);
 *   总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 (31 = 27+28+29);
 *   a 结转 line with fund sub-lines = their sum (财政 28 = 29+30+31);
 * likewise the expenditure side (58 = 32..57, 62 = 58+59+60), and 收入总计 = 支出总计.
 * Budget forms print "一、本年收入" with "（一）…" items below it instead of above.
 */
import type { Check, Row, Table } from "../../schemas/document.js";
import {
  columnLevels,
  skipped,
  squash,
  identity,
  isTerm,
  normLabel,
  numericColumns,
  ordinalLevel,
  shortColumn,
  term,
  type Term,
} from "./model.js";

export type Side = "income" | "expenditure";

/** Which side a column belongs to, from its top header level (收入 / 支出). */
function columnSide(column: string): Side | null {
  const top = columnLevels(column)[0] ?? "";
  if (top.includes("收入") || top === "收") return "income";
  if (top.includes("支出") || top === "支") return "expenditure";
  return null;
}

export interface StatementSide {
  side: Side;
  columns: string[];
  rows: Row[];
}

/** Rows and columns of one side; when no column says 收入/支出 (stacked layout), rows switch side at the first 支出 label. */
export function statementSide(table: Table, side: Side): StatementSide {
  const all = numericColumns(table);
  const sided = all.filter((c) => columnSide(c) !== null);
  if (sided.length > 0) {
    const columns = sided.filter((c) => columnSide(c) === side);
    const rows = table.rows.filter((r) => normLabel(r.row_label) !== "" && columns.some((c) => c in r.values));
    return { side, columns, rows };
  }
  const firstExpenditure = table.rows.findIndex(
    (r) => /支出/.test(normLabel(r.row_label)) && !/收入/.test(normLabel(r.row_label)),
  );
  const cut = firstExpenditure < 0 ? table.rows.length : firstExpenditure;
  const rows = (side === "income" ? table.rows.slice(0, cut) : table.rows.slice(cut)).filter(
    (r) => normLabel(r.row_label) !== "",
  );
  return { side, columns: all, rows };
}

// Jiangsu 2017 prints 当年收入小计 … 收入合计 where Wuhan prints 本年收入合计 … 总计.
const YEAR_TOTAL = { income: /^(本年|当年)收入(合计|小计)?$/, expenditure: /^(本年|当年)支出(合计|小计)?$/ };
const GRAND_TOTAL = { income: /^(收入)?总计$|^收入合计$/, expenditure: /^(支出)?总计$|^支出合计$/ };

export function yearTotalRow(s: StatementSide): Row | undefined {
  return s.rows.find((r) => YEAR_TOTAL[s.side].test(normLabel(r.row_label)));
}

export function grandTotalRow(s: StatementSide): Row | undefined {
  return s.rows.find((r) => GRAND_TOTAL[s.side].test(normLabel(r.row_label)));
}

function isCarry(row: Row): boolean {
  // 上年实户资金余额 and 用事业基金弥补收支差额 (Xi'an) stand where other forms print 结转 and 结余.
  return /结转|结余|余额|弥补收支/.test(normLabel(row.row_label)) && !isOfWhichRow(row);
}

/** "其中：…" lines are subsets of the line above, never one of the parts. */
export function isOfWhichRow(row: Row): boolean {
  return /^其中/.test(squash(row.row_label ?? ""));
}

function isSubLine(row: Row): boolean {
  const label = normLabel(row.row_label);
  const level = ordinalLevel(row.row_label);
  return level >= 2 || (level === 0 && /拨款/.test(label) && !isCarry(row));
}

/** Of a run of lines, the outermost numbered ones ("一、" over "1."); all of them when none is numbered. */
function outermost(rows: Row[]): Row[] {
  const levels = rows.map((r) => ordinalLevel(r.row_label)).filter((l) => l > 0);
  if (levels.length === 0) return rows;
  const top = Math.min(...levels);
  return rows.filter((r) => ordinalLevel(r.row_label) === top);
}

/** The lines that add up to 本年收入合计 / 本年支出合计. */
export function yearItems(s: StatementSide, yearTotal: Row): Row[] {
  const at = s.rows.indexOf(yearTotal);
  if (at > 0) return outermost(s.rows.slice(0, at).filter((r) => !/^其中/.test(r.row_label ?? "")));
  const items: Row[] = [];
  for (const row of s.rows.slice(at + 1)) {
    if (ordinalLevel(row.row_label) === 1 || isCarry(row) || GRAND_TOTAL[s.side].test(normLabel(row.row_label))) break;
    if (!isOfWhichRow(row)) items.push(row);
  }
  return outermost(items);
}

/** 本年收入合计, or, on forms that print none and no 结转 line, the 总计 that then plays its part. */
export function yearTotalOrGrand(s: StatementSide): Row | undefined {
  const year = yearTotalRow(s);
  if (year) return year;
  const grand = grandTotalRow(s);
  return grand && !s.rows.slice(0, s.rows.indexOf(grand)).some(isCarry) ? grand : undefined;
}

/** "一、财政拨款收入" = its "1.一般公共预算资金" + "2.政府性基金" + … lines. */
function nestedChecks(table: Table, s: StatementSide, items: Row[]): Check[] {
  const checks: Check[] = [];
  for (const parent of items) {
    if (ordinalLevel(parent.row_label) === 0) continue;
    const direct = outermost(subLines(s, parent));
    const name = normLabel(parent.row_label);
    if (direct.length > 0)
      checks.push(...sumChecks(table, s, parent, direct, name, `${name} = sum of its ${direct.length} sub-lines`));
  }
  return checks;
}

/**
 * A line's figure; a numbered line printed blank over its sub-lines ("1、财政拨款" over "(1)…", "(2)…") counts as their sum.
 */
function lineTerms(table: Table, s: StatementSide, row: Row, column: string): Term[] {
  const own = term(table, row, column);
  if (own) return [own];
  if (ordinalLevel(row.row_label) === 0) return [];
  return outermost(subLines(s, row)).flatMap((r) => lineTerms(table, s, r, column));
}

/** The lines numbered below a numbered line, up to the next line at its level or above (其中 lines skipped). */
function subLines(s: StatementSide, parent: Row): Row[] {
  const level = ordinalLevel(parent.row_label);
  const subs: Row[] = [];
  for (const row of s.rows.slice(s.rows.indexOf(parent) + 1)) {
    const l = ordinalLevel(row.row_label);
    if (l === 0 && isOfWhichRow(row)) continue;
    if (l === 0 || l <= level) break;
    subs.push(row);
  }
  return subs;
}

function sumChecks(table: Table, s: StatementSide, total: Row, parts: Row[], name: string, what: string): Check[] {
  const checks: Check[] = [];
  for (const column of s.columns) {
    const totalTerm = term(table, total, column);
    if (!totalTerm) continue;
    const partTerms = parts.flatMap((r) => lineTerms(table, s, r, column));
    if (partTerms.length === 0) {
      checks.push(
        skipped(
          `within:${table.table_kind}:${s.side}:${name}:${shortColumn(column)}`,
          "within",
          table.table_kind,
          [totalTerm.ref],
          `${what}: none of its lines prints a figure in ${shortColumn(column)}; ` +
            "the lines may be read from another column",
        ),
      );
      continue;
    }
    checks.push(
      identity({
        id: `within:${table.table_kind}:${s.side}:${name}:${shortColumn(column)}`,
        kind: "within",
        tableKind: table.table_kind,
        what: `${what} [${shortColumn(column)}]`,
        total: totalTerm,
        parts: partTerms,
      }),
    );
  }
  return checks;
}

/**
 * A headline printed twice on one side (a "一、" line or a total, exactly as printed): parallel breakdowns side by
 * side (by function, by economic class …) of the same total.
 */
function repeatedLabel(s: StatementSide): string | undefined {
  const seen = new Set<string>();
  for (const row of s.rows) {
    const label = squash(row.row_label ?? "");
    const headline = ordinalLevel(label) === 1 || YEAR_TOTAL[s.side].test(label) || GRAND_TOTAL[s.side].test(label);
    if (!headline) continue;
    if (seen.has(label)) return label;
    seen.add(label);
  }
  return undefined;
}

function sideChecks(table: Table, s: StatementSide): Check[] {
  const repeated = repeatedLabel(s);
  if (repeated) {
    const cells = s.rows
      .filter((r) => squash(r.row_label ?? "") === repeated)
      .flatMap((r) => s.columns.map((c) => term(table, r, c)?.ref))
      .filter((c) => c !== undefined);
    return [
      skipped(
        `within:${table.table_kind}:${s.side}:parallel`,
        "within",
        table.table_kind,
        cells,
        `the ${s.side} side prints ${repeated} more than once (parallel breakdowns side by side); ` +
          "which lines add up to which total is not certain",
      ),
    ];
  }
  const yearTotal = yearTotalOrGrand(s);
  const grand = grandTotalRow(s) === yearTotal ? undefined : grandTotalRow(s);
  const checks: Check[] = [];
  const yearLabel = normLabel(yearTotal?.row_label);
  let afterYear = s.rows;
  if (yearTotal) {
    const items = yearItems(s, yearTotal);
    if (items.length > 0)
      checks.push(
        ...sumChecks(
          table,
          s,
          yearTotal,
          items,
          yearLabel,
          `${yearLabel} = sum of the ${items.length} ${s.side} lines`,
        ),
      );
    if (s.rows.indexOf(yearTotal) > 0) checks.push(...nestedChecks(table, s, items));
    const last =
      items.length > 0
        ? Math.max(s.rows.indexOf(yearTotal), s.rows.indexOf(items[items.length - 1]))
        : s.rows.indexOf(yearTotal);
    afterYear = s.rows.slice(last + 1);
  }
  const end = grand ? afterYear.indexOf(grand) : afterYear.length;
  const between = afterYear.slice(0, end < 0 ? afterYear.length : end);
  const carries: Row[] = [];
  for (let i = 0; i < between.length; i++) {
    const row = between[i];
    if (!isCarry(row)) continue;
    while (i + 1 < between.length && isOfWhichRow(between[i + 1])) i++;
    carries.push(row);
    const subs: Row[] = [];
    while (i + 1 < between.length && isSubLine(between[i + 1])) subs.push(between[++i]);
    if (subs.length > 0)
      checks.push(
        ...sumChecks(
          table,
          s,
          row,
          subs,
          normLabel(row.row_label),
          `${normLabel(row.row_label)} = sum of its fund lines`,
        ),
      );
  }
  if (grand && yearTotal) {
    const name = normLabel(grand.row_label);
    checks.push(
      ...sumChecks(
        table,
        s,
        grand,
        [yearTotal, ...carries],
        name,
        `${name} = ${[yearLabel, ...carries.map((r) => normLabel(r.row_label))].join(" + ")}`,
      ),
    );
  }
  return checks;
}

/** The side's amount column: its total column (合计/小计) when it has several, else its only one. */
export function sideAmountColumn(s: StatementSide): string | undefined {
  if (s.columns.length === 1) return s.columns[0];
  const totals = s.columns.filter((c) => columnLevels(c).some((l) => /合计|小计/.test(l)));
  return totals.length === 1 ? totals[0] : s.columns[0];
}

export function sideTerm(table: Table, s: StatementSide, row: Row | undefined): Term | null {
  const column = sideAmountColumn(s);
  return row && column ? term(table, row, column) : null;
}

function balanceCheck(table: Table, income: StatementSide, expenditure: StatementSide): Check[] {
  const incomeTotal = sideTerm(table, income, grandTotalRow(income));
  const expenditureTotal = sideTerm(table, expenditure, grandTotalRow(expenditure));
  if (!incomeTotal || !expenditureTotal) return [];
  return [
    identity({
      id: `within:${table.table_kind}:balance:总计`,
      kind: "within",
      tableKind: table.table_kind,
      what: "收入总计 = 支出总计",
      total: incomeTotal,
      parts: [expenditureTotal],
    }),
  ];
}

export function statementChecks(table: Table): Check[] {
  const income = statementSide(table, "income");
  const expenditure = statementSide(table, "expenditure");
  return [...sideChecks(table, income), ...sideChecks(table, expenditure), ...balanceCheck(table, income, expenditure)];
}
