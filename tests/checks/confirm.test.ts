/**
 * src/checks/confirm.ts: a doubtful read is unflagged by a passing identity only when enough other sure, non-zero
 * figures make it what it is; never by 合计 = the one column printed (the same print read twice).
 */
import { expect, test } from "vitest";
import type { Cell, Check, Table } from "../../schemas/document.js";
import { confirmByChecks } from "../../src/checks/confirm.js";
import { performanceAmountChecks } from "../../src/checks/performance.js";
import { emptyPerformance } from "../../schemas/performance.js";

const cell = (value: number | null, confidence: number): Cell => ({
  value_wan: value,
  raw_text: value === null ? "" : value.toFixed(2),
  confidence,
  extraction: "ocr",
  flagged: confidence < 0.8,
  box: null,
});

function table(total: Cell, a: Cell, b: Cell): Table {
  return {
    table_kind: "fiscal_grant_summary",
    title: "财政拨款收支总表",
    pages: [1],
    unit_printed: "万元",
    empty: false,
    columns: ["合计", "A", "B"],
    rows: [{ page: 1, row_code: null, row_label: "教育支出", values: { 合计: total, A: a, B: b } }],
    extraction: "ocr",
  };
}

function holds(t: Table): Check {
  const ref = (column: string) => ({
    table_kind: t.table_kind,
    page: 1,
    row_code: null,
    row_label: "教育支出",
    column,
    box: null,
  });
  return {
    id: "within:test",
    kind: "within",
    status: "pass",
    severity: "info",
    table_kind: t.table_kind,
    page: 1,
    cells: [ref("合计"), ref("A"), ref("B")],
    // total = the sum of the rest, as src/checks/model.ts identity() states it.
    expected: (t.rows[0].values.A.value_wan ?? 0) + (t.rows[0].values.B.value_wan ?? 0),
    actual: t.rows[0].values.合计.value_wan,
    difference: 0,
    message: "合计 = A + B: holds",
  };
}

test("a doubtful figure two sure figures add up to is confirmed", () => {
  const t = table(cell(30, 0.95), cell(10, 0.93), cell(20, 0.5));
  expect(confirmByChecks([t], [holds(t)], 2)).toBe(1);
  expect(t.rows[0].values.B.flagged).toBe(false);
});

test("合计 = the one column printed confirms nothing: the same print read twice", () => {
  const t = table(cell(1902.65, 0.95), cell(1902.65, 0.5), cell(null, 1));
  expect(confirmByChecks([t], [holds(t)], 2)).toBe(0);
  expect(t.rows[0].values.A.flagged).toBe(true);
});

test("a doubtful total and a doubtful part are both left flagged: one digit misread alike in both keeps the sum", () => {
  const t = table(cell(30, 0.6), cell(10, 0.93), cell(20, 0.5));
  expect(confirmByChecks([t], [holds(t)], 2)).toBe(0);
});

test("two doubtful parts of a sure total are confirmed: one would be read too high by what the other lost", () => {
  const t = table(cell(30, 0.95), cell(10, 0.6), cell(20, 0.5));
  expect(confirmByChecks([t], [holds(t)], 2)).toBe(2);
});

test("a failed identity confirms nothing", () => {
  const t = table(cell(31, 0.95), cell(10, 0.93), cell(20, 0.5));
  expect(confirmByChecks([t], [{ ...holds(t), status: "fail" }], 2)).toBe(0);
});

/** Two rows of one table, 合计 = A + B in each, and a 合计 row (its 合计 = the two rows' 合计). */
function twoRows(first: Cell[], second: Cell[], grand: Cell): Table {
  const row = (label: string, [total, a, b]: Cell[]) => ({
    page: 1,
    row_code: null,
    row_label: label,
    values: { 合计: total, A: a, B: b },
  });
  const t = table(first[0], first[1], first[2]);
  t.rows = [row("教育支出", first), row("科学技术支出", second), row("合计", [grand, cell(null, 1), cell(null, 1)])];
  return t;
}

function sumOf(t: Table, total: [string, string], parts: [string, string][]): Check {
  const ref = ([label, column]: [string, string]) => ({
    table_kind: t.table_kind,
    page: 1,
    row_code: null,
    row_label: label,
    column,
    box: null,
  });
  const value = ([label, column]: [string, string]) =>
    t.rows.find((r) => r.row_label === label)!.values[column].value_wan!;
  const expected = parts.reduce((s, p) => s + value(p), 0);
  const cells = [ref(total), ...parts.map(ref)];
  return { ...holds(t), id: `within:${total.join("/")}`, cells, expected, actual: value(total) };
}

test("a figure confirmed by one identity confirms the next: row after row", () => {
  // 科学技术支出's 合计 has two doubtful figures in the 合计 row's identity until its own row confirms it.
  const t = twoRows(
    [cell(30, 0.95), cell(10, 0.93), cell(20, 0.9)],
    [cell(50, 0.5), cell(20, 0.9), cell(30, 0.9)],
    cell(80, 0.6),
  );
  const checks = [
    sumOf(
      t,
      ["合计", "合计"],
      [
        ["教育支出", "合计"],
        ["科学技术支出", "合计"],
      ],
    ),
    sumOf(
      t,
      ["科学技术支出", "合计"],
      [
        ["科学技术支出", "A"],
        ["科学技术支出", "B"],
      ],
    ),
  ];
  expect(confirmByChecks([t], checks, 2)).toBe(2);
  expect(t.rows[2].values.合计.flagged).toBe(false);
});

/** A 自评表 row: 全年预算数 and 全年执行数 (总额 | 财政拨款 | 其他资金) and 执行率, its budget line as the reader gives it. */
function selfEval(budget: Cell[], executed: Cell[], rate: Cell, label = "进修培训"): Table {
  const values: Record<string, Cell> = { 执行率: rate };
  ["总额", "财政拨款", "其他资金"].forEach((leaf, i) => {
    values[`全年预算数（万元）/${leaf}`] = budget[i];
    values[`全年执行数（万元）/${leaf}`] = executed[i];
  });
  const line = {
    page: 1,
    label,
    budget_wan: budget[0].value_wan,
    executed_wan: executed[0].value_wan,
    rate: rate.value_wan,
    rate_decimals: 2,
    score: null,
    weight: null,
    confidence: 1,
    flagged: false,
  };
  return {
    ...table(cell(0, 1), cell(0, 1), cell(0, 1)),
    table_kind: "overall_performance_self_eval",
    columns: Object.keys(values),
    rows: [{ page: 1, row_code: null, row_label: label, values }],
    performance: { ...emptyPerformance("overall_performance_self_eval"), budget: [line] },
  };
}

const rateCell = (value: number, confidence: number): Cell => ({
  ...cell(value, confidence),
  raw_text: `${value.toFixed(2)}%`,
});

test("a 自评表's 总额 = 财政拨款 + 其他资金 is checked row by row, and confirms a doubtful part", () => {
  const t = selfEval(
    [cell(20123.78, 0.82), cell(277.01, 0.95), cell(19846.77, 0.69)],
    [cell(0, 1), cell(0, 1), cell(0, 1)],
    rateCell(0, 1),
  );
  const checks = performanceAmountChecks(t);
  expect(checks.map((c) => c.status)).toEqual(["pass", "pass"]);
  expect(confirmByChecks([t], checks, 2)).toBe(1);
  expect(t.rows[0].values["全年预算数（万元）/其他资金"].flagged).toBe(false);
  t.rows[0].values["全年预算数（万元）/其他资金"].value_wan = 19846.71;
  expect(performanceAmountChecks(t)[0].status).toBe("fail");
});

test("a doubtful 执行率 its sure amounts give, rounded and truncated alike, is confirmed; 97.74% for 97.739…% is not", () => {
  const sure = (v: number) => [cell(v, 0.95), cell(v, 0.95), cell(0, 1)];
  const hundred = selfEval(sure(56), sure(56), rateCell(100, 0.66));
  expect(confirmByChecks([hundred], [], 2)).toBe(1);
  const rounded = selfEval(sure(1292.55), sure(1263.33), rateCell(97.74, 0.68));
  expect(confirmByChecks([rounded], [], 2)).toBe(0);
});

test("a doubtful 执行数 is confirmed with its rate only when no neighbour at its printed step gives the rate", () => {
  const [sure, doubtful] = [(v: number) => cell(v, 0.95), (v: number) => cell(v, 0.5)];
  // 151.04 / 151.03 = 100.0066%: only 151.03 gives 100.00%.
  const small = selfEval(
    [sure(151.03), sure(151.03), cell(0, 1)],
    [doubtful(151.03), sure(151.03), cell(0, 1)],
    rateCell(100, 0),
  );
  expect(confirmByChecks([small], [], 2)).toBe(2);
  // 363.42 / 363.41 = 100.0028%: 100.00% too, so the rate does not pin 363.41.
  const wide = selfEval(
    [sure(363.41), sure(363.41), cell(0, 1)],
    [doubtful(363.41), sure(363.41), cell(0, 1)],
    rateCell(100, 0),
  );
  expect(confirmByChecks([wide], [], 2)).toBe(0);
  expect(wide.rows[0].values.执行率.flagged).toBe(true);
});
