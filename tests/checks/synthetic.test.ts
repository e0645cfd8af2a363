/**
 * Checks on the synthetic Wuhan documents, built from their answer keys: every
 * identity holds except where the document itself breaks one, and changing any
 * single printed figure is caught.
 */
import { describe, expect, test } from "vitest";
import type { Check, Document } from "../../schemas/document.js";
import { runChecks } from "../../src/checks/index.js";
import { alterationProblems } from "./alter.js";
import { answerKey, keyDocument, samplePages, type SampleName } from "./fixtures.js";

const CHECKED_KINDS = new Set([
  "income_expenditure_summary",
  "income",
  "expenditure",
  "fiscal_grant_summary",
  "general_budget_expenditure",
  "general_budget_expenditure_by_unit",
  "basic_expenditure_detail",
  "three_public",
  "project_expenditure",
]);

function failures(checks: Check[]): Check[] {
  return checks.filter((c) => c.status === "fail");
}

const errors = (checks: Check[]) => checks.filter((c) => c.status === "fail" && c.severity === "error");
const printed = (checks: Check[]) =>
  Object.fromEntries(failures(checks).map((c) => [c.id, [c.actual, c.expected, c.severity]]));

describe("answer-key documents", () => {
  test("qingshan: every check passes", () => {
    const checks = runChecks(keyDocument("qingshan"), samplePages("qingshan"));
    expect(failures(checks).map((c) => c.message)).toEqual([]);
  });

  test("jianghan: no broken identity; its own 0.01 rounding differences are warnings", () => {
    const checks = runChecks(keyDocument("jianghan"), samplePages("jianghan"));
    expect(errors(checks).map((c) => c.message)).toEqual([]);
    // 210 11 行政事业单位医疗 prints 190.28, its 项 rows 190.29; 合计 1,982.31 against its 类 rows 1,982.30 …
    expect(printed(checks)).toMatchObject({
      "within:expenditure:hierarchy:21011:合计": [190.28, 190.29, "warning"],
      "within:expenditure:hierarchy:合计:合计": [1982.31, 1982.3, "warning"],
      "within:basic_expenditure_detail:hierarchy:303:本年一般公共预算基本支出/合计": [25.08, 25.07, "warning"],
    });
    expect(failures(checks).every((c) => c.severity === "warning" && Math.abs(c.difference!) <= 0.01 + 1e-9)).toBe(
      true,
    );
  });

  test.each(["qingshan", "jianghan"] as SampleName[])("%s: enough checks run", (name) => {
    const checks = runChecks(keyDocument(name), samplePages(name));
    expect(checks.filter((c) => c.kind === "within").length).toBeGreaterThan(100);
    expect(checks.filter((c) => c.kind === "across").length).toBeGreaterThanOrEqual(10);
    expect(checks.filter((c) => c.kind === "narrative").length).toBeGreaterThanOrEqual(40);
  });

  test("hrss: only the document's own breaks fail", () => {
    const checks = runChecks(keyDocument("hrss"), samplePages("hrss"));
    const failed = failures(checks);
    // The 85.6 / 85.61 copies are 0.01 apart: a rounding-level difference, a warning.
    expect(printed(checks)).toEqual({
      "across:fiscal_grant_summary:210=general_budget_expenditure:支出/决算数/一般公共预算财政拨款": [
        85.6,
        85.61,
        "warning",
      ],
      "across:income_expenditure_summary:210=expenditure:支出/决算数": [85.6, 85.61, "warning"],
      "narrative:gbe:share:general_budget_expenditure:208:本年支出/小计": [87.7, expect.closeTo(87.645, 2), "error"],
      "within:basic_expenditure_detail:hierarchy:301:人员经费/决算数": [764.56, 764.57, "warning"],
      "within:basic_expenditure_detail:hierarchy:302:公用经费/决算数": [55.83, 55.84, "warning"],
      "within:basic_expenditure_detail:hierarchy:303:人员经费/决算数": [10.29, 10.28, "warning"],
      "within:fiscal_grant_summary:expenditure:本年支出合计:支出/决算数/一般公共预算财政拨款": [
        1466.86,
        1466.85,
        "warning",
      ],
      "within:fiscal_grant_summary:expenditure:本年支出合计:支出/决算数/小计": [1466.86, 1466.85, "warning"],
      "within:income_expenditure_summary:expenditure:本年支出合计:支出/决算数": [1466.86, 1466.85, "warning"],
    });
    // 收支总表 prints 卫生健康支出 85.6 where 支出决算表 prints 85.61.
    const summary = failed.find((c) => c.id.startsWith("across:income_expenditure_summary:210"))!;
    expect(summary.cells[0]).toMatchObject({
      table_kind: "income_expenditure_summary",
      page: 3,
      row_label: "九、卫生健康支出",
      column: "支出/决算数",
    });
    expect(summary.cells[1]).toMatchObject({ table_kind: "expenditure", page: 5, row_code: "210" });
    expect([summary.actual, summary.expected, summary.difference]).toEqual([85.6, 85.61, -0.01]);
    const fiscal = failed.find((c) => c.id.startsWith("across:fiscal_grant_summary:210"))!;
    expect(fiscal.cells[0]).toMatchObject({
      table_kind: "fiscal_grant_summary",
      page: 6,
      row_label: "九、卫生健康支出",
    });
    expect(fiscal.actual).toBe(85.6);
    // The narrative says 社会保障和就业支出 is 87.7% of 1,466.86: 1,285.63 is 87.6%.
    const share = failed.find((c) => c.kind === "narrative")!;
    expect(share.actual).toBe(87.7);
    expect(share.expected).toBeCloseTo(87.645, 2);
  });

  test("hrss: sums 0.01 off per summand are rounding-level warnings, not errors", () => {
    const checks = runChecks(keyDocument("hrss"), []);
    // 301 工资福利支出 764.56 against 764.57 from seven 301xx lines.
    const wages = checks.find((c) => c.id === "within:basic_expenditure_detail:hierarchy:301:人员经费/决算数")!;
    expect(wages).toMatchObject({
      status: "fail",
      severity: "warning",
      actual: 764.56,
      expected: 764.57,
      difference: -0.01,
    });
    // 本年支出合计 1,466.86 against 1,285.63 + 85.6 + 95.62 = 1,466.85.
    const total = checks.find(
      (c) => c.id === "within:income_expenditure_summary:expenditure:本年支出合计:支出/决算数",
    )!;
    expect(total).toMatchObject({ status: "fail", severity: "warning", expected: 1466.85, actual: 1466.86 });
  });
});

function withValue(doc: Document, tableIndex: number, rowIndex: number, column: string, value: number): Document {
  const copy = structuredClone(doc);
  copy.tables[tableIndex].rows[rowIndex].values[column].value_wan = value;
  return copy;
}

describe("one printed figure altered at a time", () => {
  test.each(["qingshan", "hrss", "jianghan"] as SampleName[])(
    "%s: every alteration is caught, by exactly the checks involving it",
    (name) => {
      const doc = keyDocument(name);
      const baseline = new Map(runChecks(doc, []).map((c) => [c.id, c]));
      const problems: string[] = [];
      let altered = 0;
      const kinds = new Set<string>();
      doc.tables.forEach((table, t) => {
        if (!CHECKED_KINDS.has(table.table_kind)) return;
        table.rows.forEach((row, r) => {
          for (const [column, cell] of Object.entries(row.values)) {
            altered++;
            kinds.add(table.table_kind);
            const where = `${table.table_kind} p${row.page} ${row.row_code ?? ""} ${row.row_label} [${column}]`;
            problems.push(
              ...alterationProblems(
                baseline,
                runChecks(withValue(doc, t, r, column, cell.value_wan! + 1.37), []),
                (ref) =>
                  ref.table_kind === table.table_kind &&
                  ref.page === row.page &&
                  ref.row_label === row.row_label &&
                  ref.row_code === row.row_code &&
                  ref.column === column,
                where,
              ),
            );
          }
        });
      });
      expect(problems).toEqual([]);
      const keyKinds = new Set(
        answerKey(name)
          .facts.map((f) => f.table_kind)
          .filter((k) => CHECKED_KINDS.has(k)),
      );
      expect([...kinds].sort()).toEqual([...keyKinds].sort());
      expect(altered).toBeGreaterThan(60);
    },
  );
});
