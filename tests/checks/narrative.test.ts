/** Narrative ties: the headline total of every 情况说明 section is tied to its table cell and agrees. */
import { describe, expect, test } from "vitest";
import { runChecks } from "../../src/checks/index.js";
import { amounts, core, joinPages, sections } from "../../src/checks/narrative-text.js";
import { keyDocument, samplePages, type SampleName } from "./fixtures.js";

const FINAL_TOTALS = (amount: string, fiscal: string, gbe: string, basic: string) => [
  `narrative:summary:income_expenditure_summary:总计:收入/${amount}`,
  `narrative:summary:income_expenditure_summary:总计:支出/${amount}`,
  `narrative:income:income_expenditure_summary:本年收入合计:收入/${amount}`,
  `narrative:expenditure:income_expenditure_summary:本年支出合计:支出/${amount}`,
  `narrative:fiscal:fiscal_grant_summary:总计:收入/决算数`,
  `narrative:fiscal:fiscal_grant_summary:总计:支出/决算数/${fiscal}`,
  `narrative:gbe:general_budget_expenditure:合计:${gbe}`,
  `narrative:basic:${basic}`,
  "narrative:three:three_public::预算数/合计",
  "narrative:three:three_public::决算数/合计",
];

const SECTION_TOTALS: Record<SampleName, string[]> = {
  qingshan: FINAL_TOTALS("金额", "合计", "本年支出/小计", "general_budget_expenditure:合计:本年支出/基本支出"),
  hrss: FINAL_TOTALS("决算数", "小计", "本年支出/小计", "general_budget_expenditure:合计:本年支出/基本支出"),
  jianghan: [
    "narrative:summary:income_expenditure_summary:收入总计:收入/预算数",
    "narrative:income:income_expenditure_summary:本年收入合计:收入/预算数",
    "narrative:expenditure:income_expenditure_summary:本年支出合计:支出/预算数",
    "narrative:fiscal:fiscal_grant_summary:收入总计:收入/预算数",
    "narrative:gbe:general_budget_expenditure:合计:合计",
    "narrative:basic:basic_expenditure_detail:合计:本年一般公共预算基本支出/合计",
    "narrative:three:three_public::“三公”经费合计",
    "narrative:project:project_expenditure:合计:合计",
  ],
};

describe("情况说明 section totals", () => {
  test.each(["qingshan", "hrss", "jianghan"] as SampleName[])("%s: every section total is tied and agrees", (name) => {
    const checks = runChecks(keyDocument(name), samplePages(name));
    const byId = new Map(checks.map((c) => [c.id, c]));
    for (const id of SECTION_TOTALS[name]) {
      expect(byId.get(id)?.status, id).toBe("pass");
    }
  });

  test("qingshan: execution rates are recomputed (完成年初预算的108.3%)", () => {
    const checks = runChecks(keyDocument("qingshan"), samplePages("qingshan"));
    const rate = checks.find((c) => c.id === "narrative:gbe:execution:general_budget_expenditure:合计:本年支出/小计")!;
    expect(rate).toMatchObject({ status: "pass", actual: 108.3 });
    expect(rate.expected).toBeCloseTo(108.347, 2);
  });

  test("a narrative figure that differs from its cell fails", () => {
    const pages = samplePages("qingshan").map((p) => ({
      ...p,
      text: p.page >= 12 ? p.text.replaceAll("1,212.56", "1,212.65") : p.text,
    }));
    const checks = runChecks(keyDocument("qingshan"), pages);
    const staff = checks.find((c) => c.id === "narrative:basic:basic_expenditure_detail:人员经费合计:人员经费/决算数")!;
    expect(staff).toMatchObject({ status: "fail", actual: 1212.65, expected: 1212.56, page: 14 });
  });
});

describe("reading the prose", () => {
  const prose = joinPages([
    {
      page: 9,
      text: "三、支出决算情况说明\n2023年度支出合计1,671.05万\n元，其中：基本支出1,419.54万元，占本年支出84.9%。\n- 9 -",
    },
    { page: 10, text: "十一、政府采购支出说明\n政府采购支出总额651,600元。" },
  ]);

  test("sections follow the printed headings; amounts join across lines and convert 元", () => {
    const found = sections(prose);
    expect(found.map((s) => s.topic)).toEqual(["expenditure", "other"]);
    const figures = amounts(prose, found[0]);
    expect(figures.map((a) => [core(a.label), a.value, a.page])).toEqual([
      ["支出合计", 1671.05, 9],
      ["基本支出", 1419.54, 9],
    ]);
    expect(figures[1].after).toContain("占本年支出84.9%");
    expect(amounts(prose, found[1])[0].value).toBeCloseTo(65.16, 6);
  });
});
