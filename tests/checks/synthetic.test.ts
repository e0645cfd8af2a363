/**
 * Checks on the synthetic Wuhan documents, built from their answer keys: every
 * identity holds except where the document itself breaks one, and changing any
 * single printed figure is caught.
 */
import { describe, expect, test } from "vitest";
import type { Check, Document } from "../../schemas/document.js";
import { runChecks } from "../../src/checks/index.js";
import { answerKey, keyDocument, samplePages, type SampleName } from "./fixtures.js";

const CHECKED_KINDS = new Set([
  "income_expenditure_summary", "income", "expenditure", "fiscal_grant_summary", "general_budget_expenditure",
  "general_budget_expenditure_by_unit", "basic_expenditure_detail", "three_public", "project_expenditure",
]);

function failures(checks: Check[]): Check[] {
  return checks.filter((c) => c.status === "fail");
}

describe("answer-key documents", () => {
  test.each(["qingshan", "jianghan"] as SampleName[])("%s: every check passes", (name) => {
    const checks = runChecks(keyDocument(name), samplePages(name));
    expect(failures(checks).map((c) => c.message)).toEqual([]);
    expect(checks.filter((c) => c.kind === "within").length).toBeGreaterThan(100);
    expect(checks.filter((c) => c.kind === "across").length).toBeGreaterThanOrEqual(10);
    expect(checks.filter((c) => c.kind === "narrative").length).toBeGreaterThanOrEqual(40);
  });

  test("hrss: only the document's own breaks fail", () => {
    const checks = runChecks(keyDocument("hrss"), samplePages("hrss"));
    const failed = failures(checks);
    expect(failed.map((c) => c.id).sort()).toEqual([
      "across:fiscal_grant_summary:210=general_budget_expenditure:支出/决算数/一般公共预算财政拨款",
      "across:income_expenditure_summary:210=expenditure:支出/决算数",
      "narrative:gbe:share:general_budget_expenditure:208:本年支出/小计",
    ]);
    // 收支总表 prints 卫生健康支出 85.6 where 支出决算表 prints 85.61.
    const summary = failed.find((c) => c.id.startsWith("across:income_expenditure_summary:210"))!;
    expect(summary.cells[0]).toMatchObject({ table_kind: "income_expenditure_summary", page: 3, row_label: "九、卫生健康支出", column: "支出/决算数" });
    expect(summary.cells[1]).toMatchObject({ table_kind: "expenditure", page: 5, row_code: "210" });
    expect([summary.actual, summary.expected, summary.difference]).toEqual([85.6, 85.61, -0.01]);
    const fiscal = failed.find((c) => c.id.startsWith("across:fiscal_grant_summary:210"))!;
    expect(fiscal.cells[0]).toMatchObject({ table_kind: "fiscal_grant_summary", page: 6, row_label: "九、卫生健康支出" });
    expect(fiscal.actual).toBe(85.6);
    // The narrative says 社会保障和就业支出 is 87.7% of 1,466.86: 1,285.63 is 87.6%.
    const share = failed.find((c) => c.kind === "narrative")!;
    expect(share.actual).toBe(87.7);
    expect(share.expected).toBeCloseTo(87.645, 2);
  });

  test("hrss: sums 0.01 off per summand pass within 尾数误差", () => {
    const checks = runChecks(keyDocument("hrss"), []);
    // 301 工资福利支出 764.56 against 764.57 from seven 301xx lines.
    const wages = checks.find((c) => c.id === "within:basic_expenditure_detail:hierarchy:301:人员经费/决算数")!;
    expect(wages).toMatchObject({ status: "pass", actual: 764.56, expected: 764.57, difference: -0.01 });
    // 本年支出合计 1,466.86 against 1,285.63 + 85.6 + 95.62 = 1,466.85.
    const total = checks.find((c) => c.id === "within:income_expenditure_summary:expenditure:本年支出合计:支出/决算数")!;
    expect(total).toMatchObject({ status: "pass", expected: 1466.85, actual: 1466.86 });
  });
});

function withValue(doc: Document, tableIndex: number, rowIndex: number, column: string, value: number): Document {
  const copy = structuredClone(doc);
  copy.tables[tableIndex].rows[rowIndex].values[column].value_wan = value;
  return copy;
}

describe("one printed figure altered at a time", () => {
  test.each(["qingshan", "hrss", "jianghan"] as SampleName[])("%s: every alteration is caught", (name) => {
    const doc = keyDocument(name);
    const baseline = new Map(runChecks(doc, []).map((c) => [c.id, c.status]));
    const missed: string[] = [];
    let altered = 0;
    const kinds = new Set<string>();
    doc.tables.forEach((table, t) => {
      if (!CHECKED_KINDS.has(table.table_kind)) return;
      table.rows.forEach((row, r) => {
        for (const [column, cell] of Object.entries(row.values)) {
          altered++;
          kinds.add(table.table_kind);
          const changed = runChecks(withValue(doc, t, r, column, cell.value_wan! + 1.37), []);
          const caught = changed.some((c) => c.status === "fail" && baseline.get(c.id) === "pass" &&
            c.cells.some((ref) => ref.table_kind === table.table_kind && ref.page === row.page && ref.row_label === row.row_label && ref.row_code === row.row_code && ref.column === column));
          if (!caught) missed.push(`${table.table_kind} p${row.page} ${row.row_code ?? ""} ${row.row_label} [${column}]`);
        }
      });
    });
    expect(missed).toEqual([]);
    const keyKinds = new Set(answerKey(name).facts.map((f) => f.table_kind).filter((k) => CHECKED_KINDS.has(k)));
    expect([...kinds].sort()).toEqual([...keyKinds].sort());
    expect(altered).toBeGreaterThan(60);
  });
});
