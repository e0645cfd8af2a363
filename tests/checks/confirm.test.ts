/**
 * src/checks/confirm.ts: a doubtful read is unflagged by a passing identity only when enough other sure, non-zero
 * figures make it what it is; never by 合计 = the one column printed (the same print read twice).
 */
import { expect, test } from "vitest";
import type { Cell, Check, Table } from "../../schemas/document.js";
import { confirmByChecks } from "../../src/checks/confirm.js";

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
