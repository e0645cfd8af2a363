/**
 * Checks on documents as the pipeline extracts them (text layer, no OCR), with
 * the page text from pdftotext as narrative. The failures asserted here are
 * the documents' own: each was verified against the printed page.
 */
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { Check } from "../../schemas/document.js";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { runChecks } from "../../src/checks/index.js";
import { pdfPages, SAMPLES, SYNTHETIC } from "./fixtures.js";

async function checked(file: string): Promise<Check[]> {
  const doc = await extractDocument(file, { ocr: "never" });
  return runChecks(doc, pdfPages(file));
}

const failedIds = (checks: Check[]) =>
  checks
    .filter((c) => c.status === "fail")
    .map((c) => c.id)
    .sort();
const count = (checks: Check[], kind: Check["kind"]) => checks.filter((c) => c.kind === kind).length;
const errors = (checks: Check[]) =>
  checks.filter((c) => c.status === "fail" && c.severity === "error").map((c) => c.message);
const printed = (checks: Check[]) =>
  Object.fromEntries(checks.filter((c) => c.status === "fail").map((c) => [c.id, [c.actual, c.expected, c.severity]]));

describe("synthetic PDFs, extracted", () => {
  test.each([
    ["qingshan", 140, 12, 50],
    ["jianghan", 170, 20, 40],
  ] as const)(
    "%s: no broken identity (jianghan's own 0.01 rounding differences are warnings)",
    async (name, within, across, narrative) => {
      const checks = await checked(path.join(SYNTHETIC, `${SAMPLES[name]}.pdf`));
      expect(errors(checks)).toEqual([]);
      if (name === "qingshan") expect(checks.filter((c) => c.status === "fail").map((c) => c.message)).toEqual([]);
      else
        expect(printed(checks)).toMatchObject({
          "within:general_budget_expenditure:hierarchy:合计:合计": [1826.31, 1826.3, "warning"],
        });
      expect(count(checks, "within")).toBeGreaterThanOrEqual(within);
      expect(count(checks, "across")).toBeGreaterThanOrEqual(across);
      expect(count(checks, "narrative")).toBeGreaterThanOrEqual(narrative);
    },
  );

  test.each([SAMPLES.hrss, `${SAMPLES.hrss}.radicals`])(
    "%s: only 卫生健康支出 85.6 and the 87.7 percent share fail",
    async (name) => {
      const checks = await checked(path.join(SYNTHETIC, `${name}.pdf`));
      expect(errors(checks)).toEqual([expect.stringContaining("87.7%")]);
      expect(failedIds(checks)).toEqual([
        "across:fiscal_grant_summary:210=general_budget_expenditure:支出/决算数/一般公共预算财政拨款",
        "across:income_expenditure_summary:210=expenditure:支出/决算数",
        "narrative:gbe:share:general_budget_expenditure:208:本年支出/小计",
        "within:basic_expenditure_detail:hierarchy:301:人员经费/决算数",
        "within:basic_expenditure_detail:hierarchy:302:公用经费/决算数",
        "within:basic_expenditure_detail:hierarchy:303:人员经费/决算数",
        "within:fiscal_grant_summary:expenditure:本年支出合计:支出/决算数/一般公共预算财政拨款",
        "within:fiscal_grant_summary:expenditure:本年支出合计:支出/决算数/小计",
        "within:income_expenditure_summary:expenditure:本年支出合计:支出/决算数",
      ]);
      const summary = checks.find((c) => c.id === "across:income_expenditure_summary:210=expenditure:支出/决算数")!;
      expect(summary.cells[0]).toMatchObject({
        table_kind: "income_expenditure_summary",
        page: 3,
        column: "支出/决算数",
      });
      expect(summary.cells[0].row_label).toContain("卫生健康支出");
      expect([summary.actual, summary.expected]).toEqual([85.6, 85.61]);
      expect(count(checks, "narrative")).toBeGreaterThanOrEqual(45);
    },
  );
});

describe("real PDFs, extracted", () => {
  test("putuo finance bureau 2024 final account: 社会保障和就业支出 326.71 vs 326.72, and 71.73% for 71.65%", async () => {
    const checks = await checked("samples/real/putuo-finance-bureau-2024-final-account.pdf");
    // The golden file's identity_breaks: 326.71 / 326.72, the 合计 rows 0.01 below their 类 rows, 301 and 302 (warnings).
    expect(printed(checks)).toEqual({
      "across:fiscal_grant_summary:208=general_budget_expenditure:支出/一般公共预算财政拨款": [
        326.71,
        326.72,
        "warning",
      ],
      "across:income_expenditure_summary:208=expenditure:支出/决算数": [326.71, 326.72, "warning"],
      "narrative:gbe:share:general_budget_expenditure:201:合计": [71.73, expect.closeTo(71.654, 2), "error"],
      // p21 "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元"; 财政拨款收入支出决算总表 (p13) prints 总计 2,961.68.
      "narrative:fiscal:fiscal_grant_summary:总计:收入/决算数": [0.3, 2961.68, "error"],
      "narrative:fiscal:fiscal_grant_summary:总计:支出/合计": [0.3, 2961.68, "error"],
      "within:income:hierarchy:合计:本年收入合计": [2946.25, 2946.26, "warning"],
      "within:income:hierarchy:合计:财政拨款收入": [2940.05, 2940.06, "warning"],
      "within:expenditure:hierarchy:合计:本年支出合计": [2940.05, 2940.06, "warning"],
      "within:expenditure:hierarchy:合计:基本支出": [2336.91, 2336.92, "warning"],
      "within:general_budget_expenditure:hierarchy:合计:合计": [2940.05, 2940.06, "warning"],
      "within:general_budget_expenditure:hierarchy:合计:基本支出": [2336.91, 2336.92, "warning"],
      "within:basic_expenditure_detail:hierarchy:301:决算数": [2082.85, 2082.86, "warning"],
      "within:basic_expenditure_detail:hierarchy:302:决算数": [171.07, 171.09, "warning"],
    });
    // 收支总表 and 财政拨款收支总表 print 326.71; 支出决算表 and 一般公共预算支出表 print 326.72.
    const summary = checks.find((c) => c.id === "across:income_expenditure_summary:208=expenditure:支出/决算数")!;
    expect([summary.actual, summary.expected]).toEqual([326.71, 326.72]);
    // "一般公共服务支出（类）2106.66万元，占71.73%" of 2940.05: 71.65%.
    const share = checks.find((c) => c.id === "narrative:gbe:share:general_budget_expenditure:201:合计")!;
    expect(share.actual).toBe(71.73);
    expect(share.expected).toBeCloseTo(71.654, 2);
    expect(count(checks, "within")).toBeGreaterThanOrEqual(140);
    expect(count(checks, "narrative")).toBeGreaterThanOrEqual(30);
  });

  test("putuo finance bureau: 收入支出总计 2995.39 agrees; the same sentence with one figure changed contradicts the table", async () => {
    const file = "samples/real/putuo-finance-bureau-2024-final-account.pdf";
    const doc = await extractDocument(file, { ocr: "never" });
    const pages = pdfPages(file);
    const ids = [
      "narrative:summary:income_expenditure_summary:总计:收入/决算数",
      "narrative:summary:income_expenditure_summary:总计:支出/决算数",
    ];
    const before = runChecks(doc, pages);
    for (const id of ids)
      expect(before.find((c) => c.id === id)).toMatchObject({ status: "pass", actual: 2995.39, page: 21 });
    // "上海市普陀区财政局2024年度收入支出总计2995.39万元" → 2995.93: both totals it names fail, as errors; nothing else moves.
    const altered = runChecks(
      doc,
      pages.map((p) => ({ ...p, text: p.text.replace("总计2995.39万元", "总计2995.93万元") })),
    );
    const changed = altered.filter((c) => before.find((b) => b.id === c.id)?.status !== c.status);
    expect(changed.map((c) => [c.id, c.status, c.severity, c.actual, c.expected])).toEqual(
      ids.map((id) => [id, "fail", "error", 2995.93, 2995.39]),
    );
  });

  test("putuo-wanli-street-2025-budget: only its own 1 元 rounding differences (212, 21201), as warnings", async () => {
    const checks = await checked("samples/real/putuo-wanli-street-2025-budget.pdf");
    expect(errors(checks)).toEqual([]);
    // Printed in 元: 212 城乡社区支出 154,369,326 against its 款 rows 154,369,327; 21201 94,995,790 against 94,995,789.
    expect(printed(checks)).toMatchObject({
      "within:income:hierarchy:212:收入预算/合计": [15436.9326, 15436.9327, "warning"],
      "within:expenditure:hierarchy:21201:支出预算/合计": [9499.579, 9499.5789, "warning"],
    });
    expect(
      new Set(
        checks
          .filter((c) => c.status === "fail")
          .map((c) =>
            c.id
              .split(":")
              .slice(-2, -1)[0]
              .replace(/[^0-9]/g, ""),
          ),
      ),
    ).toEqual(new Set(["212", "21201"]));
    expect(count(checks, "within")).toBeGreaterThanOrEqual(600);
  });

  test.each([
    ["putuo-gov-office-2025-dept-budget", 170, 12, 15],
    ["jiangsu-procuratorate-2017-dept-budget", 20, 0, 0],
    ["jiangsu-cppcc-office-2017-budget-tables", 20, 0, 0],
  ] as const)("%s: every check passes", async (name, within, across, narrative) => {
    const checks = await checked(`samples/real/${name}.pdf`);
    expect(checks.filter((c) => c.status === "fail").map((c) => c.message)).toEqual([]);
    expect(count(checks, "within")).toBeGreaterThanOrEqual(within);
    expect(count(checks, "across")).toBeGreaterThanOrEqual(across);
    expect(count(checks, "narrative")).toBeGreaterThanOrEqual(narrative);
  });
});
