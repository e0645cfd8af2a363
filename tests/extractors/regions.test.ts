import { describe, expect, it } from "vitest";
import { KINDS } from "../../extractors/index.js";
import { layoutPage } from "../../src/layout/page-tables.js";
import type { TextLine } from "../../src/layout/chars.js";
import { cleanLabel } from "../../src/normalize/text.js";
import { readHeading, recogniseTables } from "../../src/tables.js";
import { ruledPage } from "../helpers/synthetic-page.js";
import { sampleLayout, samplePage } from "../helpers/pages.js";

const line = (text: string, y = 0, size = 0, x0 = 0, x1 = 0): TextLine => ({
  text,
  x0,
  x1,
  y0: y,
  y1: y + size,
  size,
  confidence: 1,
  chars: [],
});

describe("titles across the regional family (issue 11)", () => {
  // Printed titles of the 12 regional samples and KINDS.md, cleaned as the tool cleans them.
  it.each([
    ["2026年部门收支总体情况表", "income_expenditure_summary"],
    ["收支总体情况表", "income_expenditure_summary"],
    ["2026年部门收入总体情况表", "income"],
    ["2026年部门支出总体情况表", "expenditure"],
    ["本年支出总体情况表", "expenditure"],
    ["本年支出表", "expenditure"],
    ["2026年财政拨款收支总体情况表", "fiscal_grant_summary"],
    ["2019年部门综合预算一般公共预算支出明细表（按支出功能分类科目）", "general_budget_expenditure"],
    ["2019年部门综合预算一般公共预算支出明细表（按支出经济分类科目）", "general_budget_expenditure_economic"],
    ["2026年度一般公共预算支出经济分类情况表", "general_budget_expenditure_economic"],
    ["一般公共预算支出表（按经济分类）", "general_budget_expenditure_economic"],
    ["2020年部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）", "basic_expenditure_by_function"],
    ["2020年部门综合预算一般公共预算基本支出明细表（按支出经济分类科目）", "basic_expenditure_detail"],
    ["一般公共预算基本支出情况表（按经济分类科目）", "basic_expenditure_detail"],
    ["2020年部门综合预算专项业务经费支出表", "project_expenditure"],
    ["部门预算项目支出及其他支出预算表", "project_expenditure"],
    ["一般公共预算项目支出情况表（按经济分类科目）", "project_expenditure"],
    ["项目支出总表", "project_expenditure"],
    ["财政拨款安排的行政经费及“三公”经费预算表", "three_public"],
    ["2021年部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表（不含上年结转）", "three_public"],
    ["2021年部门综合预算政府性基金收支表（不含上年结转）", "gov_fund"],
    ["2019年专项资金整体支出绩效目标表", "project_performance_targets"],
    ["2020年部门整体支出绩效目标表", "overall_performance_targets"],
  ])("%s → %s", (title, kind) => {
    expect(KINDS.recognise(cleanLabel(title))).toBe(kind);
  });

  it.each([
    "2019年部门综合预算财政拨款结转资金支出表",
    "财拨结转支出表",
    "2026年政府采购预算明细表",
    "会议费、培训费支出预算表",
    "2026年度机关运行经费支出预算表",
  ])("%s is not a standard table", (title) => {
    expect(KINDS.recognise(cleanLabel(title))).toBeNull();
  });
});

describe("the heading: form numbers above, below or beside the title", () => {
  it.each([
    [["表1", "收支总体情况表", "单位名称：广州市气象局 单位：万元"], "收支总体情况表", "表1"],
    [
      ["收入支出决算总表", "公开01表", "编制部门：西安市卫生健康委员会（汇总） 金额单位：万元"],
      "收入支出决算总表",
      "公开01表",
    ],
    [["部门公开表 1", "部门收支总表", "单位：万元"], "部门收支总表", "部门公开表1"],
    [["表11-财拨结转支出表"], "财拨结转支出表", "表11"],
    [["收支预算总表（附表2）"], "收支预算总表", "附表2"],
    [["预算表11 部门预算基本支出预算表"], "部门预算基本支出预算表", "预算表11"],
  ])("%j", (lines, title, form) => {
    const h = readHeading(lines.map((t) => line(t)));
    expect(h.title).toBe(title);
    expect(h.form).toBe(form);
  });

  it("a title wrapped over two centred lines is read whole", () => {
    const h = readHeading([
      line("表13", 40, 10, 60, 80),
      line("2021年部门综合预算一般公共预算拨款“三公”经费及", 55, 16, 200, 600),
      line("会议费、培训费支出预算表（不含上年结转）", 73, 16, 240, 560),
      line("预算单位：西安市民政局 单位：元", 95, 10, 60, 300),
    ]);
    expect(h.title).toBe("2021年部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表（不含上年结转）");
    expect(h.org).toBe("西安市民政局");
  });

  it("a sentence mentioning a table is no title", () => {
    expect(readHeading([line("本表反映部门年度总的收支情况，按功能分类填列的明细表。")]).title).toBeNull();
  });
});

describe("kinds told by the rows' codes, forms told apart by their numbers", () => {
  const basic = (codes: string[], number: number, above: string[]) =>
    ruledPage({
      number,
      above,
      rows: [
        ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
        ...codes.map((c, i) => [c, `科目${i}`, "10.00", "8.00", "2.00"]),
      ],
    });
  const read = (pages: ReturnType<typeof basic>[]) =>
    recogniseTables(
      pages.map((p) => layoutPage(p)),
      () => "text",
    ).tables.map((t) => [t.table_kind, t.pages]);

  it("a 基本支出 table coded by function class is basic_expenditure_by_function", () => {
    const pages = [
      basic(["208", "20805", "2080505", "210"], 1, ["表七", "2021年一般公共预算基本支出明细表", "单位：元"]),
      basic(["301", "30101", "30102", "302"], 2, ["表八", "2021年一般公共预算基本支出明细表", "单位：元"]),
    ];
    expect(read(pages)).toEqual([
      ["basic_expenditure_by_function", [1]],
      ["basic_expenditure_detail", [2]],
    ]);
  });

  it("the same title under two form numbers is two tables; under one, one table over two pages", () => {
    const t = (n: number, form: string) => basic(["301", "30101", "30102"], n, [form, "一般公共预算基本支出表"]);
    expect(read([t(1, "表7"), t(2, "表7"), t(3, "表8")])).toEqual([
      ["basic_expenditure_detail", [1, 2]],
      ["basic_expenditure_detail", [3]],
    ]);
  });

  it("a continuation page printed with another margin still continues its table (Xi'an 人社 表8, pp. 39-40)", async () => {
    const pages = [];
    for (const n of [38, 39, 40]) pages.push(layoutPage(await samplePage("regions/xian-hrss-2020-budget.pdf", n)));
    const tables = recogniseTables(pages, () => "text").tables;
    expect(tables.map((t) => [t.table_kind, t.pages])).toEqual([
      ["basic_expenditure_by_function", [38]],
      ["basic_expenditure_detail", [39, 40]],
    ]);
    // Page 40 (read off the render): 30207 邮电费 24.80 in 合计, under the header of page 39.
    const row = tables[1].rows.find((r) => r.page === 40 && r.values["合计"]?.value_wan === 24.8);
    expect(row?.row_label).toContain("邮电费");
  });
});

describe("a 预算单位 column naming the table's one unit (Shenzhen 民政 2026)", () => {
  const read = async (page: number) =>
    recogniseTables(
      [layoutPage(await samplePage("regions/shenzhen-civil-affairs-2026-budget.pdf", page))],
      () => "text",
    ).tables[0];

  it("does not label the 年度 rows beside it (三公 表9, p33)", async () => {
    const t = await read(33);
    expect(t.table_kind).toBe("three_public");
    // Read off the render: 深圳市民政局（本级） printed once, rows 2025年 / 2026年 / 增减变化金额.
    expect(t.rows.map((r) => r.row_label)).toEqual(["2025年", "2026年", "增减变化金额"]);
    expect(t.rows[0].values["总计/一般公共预算"]?.value_wan).toBe(33);
    expect(t.rows[1].values["因公出国(境)费/一般公共预算"]?.value_wan).toBe(46.8);
    expect(t.rows[2].values["公务用车购置及运行维护费/小计/一般公共预算"]?.value_wan).toBe(-13.8);
  });

  it("still labels the unit's own total row, which has no other label (支出总表 表3, p20)", async () => {
    const t = await read(20);
    expect(t.rows[0].row_label).toBe("深圳市民政局（本级）");
    expect(t.rows[0].values["支出总计"]?.value_wan).toBe(28283.46);
    expect(t.rows[1]).toMatchObject({ row_code: "205", row_label: "教育支出" });
  });
});

describe("Xi'an Excel export (安监 2019 部门综合预算): values confirmed on the page renders", () => {
  const read = async (page: number) =>
    recogniseTables([layoutPage(await samplePage("regions/xian-work-safety-2019-budget.pdf", page))], () => "text")
      .tables[0];
  const row = (t: Awaited<ReturnType<typeof read>>, code: string | null, label: string) =>
    t.rows.find((r) => r.row_code === code && r.row_label === label);

  it("a 栏次 row of ** and column numbers is header, not data, and a blank column is still a value column (表2, p4)", async () => {
    const t = await read(4);
    expect(t.rows.some((r) => r.row_label === "**")).toBe(false);
    expect(row(t, null, "合计")?.values["部门预算/上年结转"]?.value_wan).toBe(11.61);
    expect(row(t, null, "合计")?.values["部门预算/上年实户资金余额"]?.value_wan).toBe(40.93);
    // 其中：专项资金列入部门预算项目 is blank in every row: a value column (null), not a label that starts a new block.
    expect(t.columns).toContain("部门预算/一般公共预算拨款/其中：专项资金列入部门预算项目");
  });

  it("a row of ** alone under the header is no header level (表10 专项业务经费支出表, p25)", async () => {
    const t = await read(25);
    expect(t.table_kind).toBe("project_expenditure");
    expect(row(t, null, "合计")?.values["项目金额"]?.value_wan).toBe(1620.98);
  });

  it("a 款 code printed alone (05 under 208) is joined with its 类 (表5, p7)", async () => {
    const t = await read(7);
    expect(row(t, "20805", "行政事业单位离退休")?.values["合计"]?.value_wan).toBe(113.28);
    expect(row(t, "22401", "应急管理事务")?.values["合计"]?.value_wan).toBe(1861.49);
    expect(t.rows.some((r) => r.row_code === "05")).toBe(false);
  });

  it("two classifications side by side are keyed by the first (表6: 部门经济 | 政府经济, p10)", async () => {
    const t = await read(10);
    expect(t.table_kind).toBe("general_budget_expenditure_economic");
    expect(row(t, "30101", "基本工资")?.values["合计"]?.value_wan).toBe(237.03);
    expect(row(t, "3010201", "津贴补贴")?.values["人员经费支出"]?.value_wan).toBe(317.69);
    // 合计 is printed in the 政府经济科目名称 column: it still labels the total row.
    expect(row(t, null, "合计")?.values["合计"]?.value_wan).toBe(3643.37);
  });
});

describe("款 codes printed alone, on a page model", () => {
  it("take the 类 of the last code above them, across pages, and stay as printed with none above", () => {
    const page = (number: number, rows: string[][]) =>
      ruledPage({
        number,
        above: number === 1 ? ["表5", "一般公共预算支出明细表（按支出功能分类科目）", "单位：万元"] : [],
        rows: [["功能科目编码", "功能科目名称", "合计"], ...rows],
      });
    const pages = [
      page(1, [
        ["05", "无类可依", "1.00"],
        ["208", "社会保障和就业支出", "9.00"],
        ["05", "行政事业单位离退休", "9.00"],
      ]),
      page(2, [
        ["2080505", "机关事业单位基本养老保险缴费支出", "9.00"],
        ["2240101", "行政运行", "2.00"],
        ["01", "应急管理事务", "2.00"],
      ]),
    ];
    const [t] = recogniseTables(
      pages.map((p) => layoutPage(p)),
      () => "text",
    ).tables;
    expect(t.rows.map((r) => r.row_code)).toEqual(["05", "208", "20805", "2080505", "2240101", "22401"]);
  });
});

describe("a row printed again under another unit is a row of its own (Guangzhou 气象 2026 表12 项目支出, p22-24)", () => {
  it("keeps 机构运行辅助经费 7.00 under each unit, not only the first page's", async () => {
    const pages = [22, 23, 24];
    const layouts = await Promise.all(
      pages.map((p) => sampleLayout("regions/guangzhou-meteorology-2026-budget.pdf", p)),
    );
    const [t] = recogniseTables(layouts, () => "text").tables;
    expect(t.table_kind).toBe("project_expenditure");
    // Read off the renders: 机构运行辅助经费 under 广州市气象局 (14.00), 防雷减灾管理办公室 (7.00) and 气象台 (7.00) on
    // p22, under 生态与农业气象中心 on p23 (7.00, third row), under 气象综合保障中心 on p24 (7.00, first row).
    const rows = t.rows.filter((r) => r.row_label === "机构运行辅助经费");
    expect(rows.map((r) => [r.page, r.values["财政拨款/一般公共预算"]?.value_wan])).toEqual([
      [22, 14],
      [22, 7],
      [22, 7],
      [23, 7],
      [24, 7],
    ]);
    // The table's total still appears once: 合计 1,505.38 on p22.
    expect(t.rows.filter((r) => r.row_label === "合计").map((r) => r.values["总计"]?.value_wan)).toEqual([1505.38]);
  });
});
