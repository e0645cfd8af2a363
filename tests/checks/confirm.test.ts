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
    expected: 0,
    actual: 0,
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

test("two doubtful figures in one identity are both left flagged", () => {
  const t = table(cell(30, 0.95), cell(10, 0.6), cell(20, 0.5));
  expect(confirmByChecks([t], [holds(t)], 2)).toBe(0);
});

test("a failed identity confirms nothing", () => {
  const t = table(cell(31, 0.95), cell(10, 0.93), cell(20, 0.5));
  expect(confirmByChecks([t], [{ ...holds(t), status: "fail" }], 2)).toBe(0);
});
