import { describe, expect, it } from "vitest";
import { recogniseKind, recogniseKindFuzzy } from "../../extractors/index.js";
import { splitLeadingCode } from "../../extractors/rows.js";
import { layoutPage } from "../../src/layout/page-tables.js";
import { recogniseTables } from "../../src/tables.js";
import { cleanLabel } from "../../src/normalize/text.js";
import { ruledPage } from "../helpers/synthetic-page.js";

describe("table kind from the printed title", () => {
  // Titles seen in real documents (docs/table-kinds.md and the samples), several regions and years.
  it.each([
    ["收入支出决算总表", "income_expenditure_summary"],
    ["2023年度收入支出决算总表", "income_expenditure_summary"],
    ["2025年部门财务收支预算总表", "income_expenditure_summary"],
    ["预算单位财务收支预算总表", "income_expenditure_summary"],
    ["收支总表", "income_expenditure_summary"],
    ["收入决算表", "income"],
    ["部门收入预算总表", "income"],
    ["收入总表", "income"],
    ["支出决算表", "expenditure"],
    ["2025年部门支出预算总表", "expenditure"],
    ["支出总表", "expenditure"],
    ["武汉市某某局2023年度支出决算表", "expenditure"],
    ["武汉市某某局2023年度收入决算表", "income"],
    ["某某区教育局2024年部门收支总表", "income_expenditure_summary"],
    ["财政拨款收入支出决算总表", "fiscal_grant_summary"],
    ["部门财政拨款收支预算总表", "fiscal_grant_summary"],
    ["一般公共预算财政拨款支出决算表", "general_budget_expenditure"],
    ["江苏省某某厅财政拨款支出预算表", "general_budget_expenditure"],
    ["一般公共预算支出表(分功能科目)", "general_budget_expenditure"],
    ["部门一般公共预算支出功能分类预算表", "general_budget_expenditure"],
    ["一般公共预算支出表(分单位)", "general_budget_expenditure_by_unit"],
    ["一般公共预算财政拨款基本支出决算明细表", "basic_expenditure_detail"],
    ["一般公共预算基本支出表", "basic_expenditure_detail"],
    ["部门一般公共预算基本支出部门预算经济分类预算表", "basic_expenditure_detail"],
    ["财政拨款“三公”经费支出决算表", "three_public"],
    ["部门“三公”经费和机关运行经费预算表", "three_public"],
    ["政府性基金预算财政拨款收入支出决算表", "gov_fund"],
    ["部门政府性基金预算支出功能分类预算表", "gov_fund"],
    ["国有资本经营预算财政拨款支出决算表", "state_capital"],
    ["项目支出情况表", "project_expenditure"],
    ["整体支出绩效目标表", "overall_performance_targets"],
    ["项目支出绩效目标表", "project_performance_targets"],
    ["部门整体支出绩效自评表", "overall_performance_self_eval"],
    ["2023年度日常系统运行经费项目自评表", "project_performance_self_eval"],
  ])("%s → %s", (title, kind) => {
    expect(recogniseKind(cleanLabel(title))).toBe(kind);
  });

  it.each(["政府采购支出预算表", "一般公共预算机关运行经费支出预算表", "目录", "第二部分 2023年度决算表说明"])(
    "%s is not a standard table",
    (title) => {
      expect(recogniseKind(cleanLabel(title))).toBeNull();
    },
  );
});

describe("titles read by OCR (real misreads of the Jiangsu 2017 tables, --ocr always)", () => {
  it.each([
    ["衣一收文预算总表", "income_expenditure_summary"],
    ["胡二文出预算总表", "expenditure"],
    ["财政拨亚收文预算总表", "fiscal_grant_summary"],
  ])("%s → %s", (title, kind) => {
    expect(recogniseKind(title)).not.toBe(kind); // the exact rules miss it…
    expect(recogniseKindFuzzy(title)).toBe(kind); // …the lenient match for OCR'd pages finds it
  });

  it.each(["第三部分情况说明", "编制说明", "预算绩效管理情况", "名词解释"])("%s is still no table", (title) => {
    expect(recogniseKindFuzzy(title)).toBeNull();
  });
});

describe("shapes no sample has", () => {
  it("a title and 单位 line printed inside the grid, amounts in 千元", () => {
    const page = ruledPage({
      rows: [
        ["2026年部门收入预算总表"],
        ["单位：千元"],
        ["科目编码", "科目名称", "合计", "财政拨款收入"],
        ["", "合计", "12,345.6", "(1,000)"],
        ["2080101", "行政运行", "1,000", "—"],
      ],
    });
    const { tables } = recogniseTables([layoutPage(page)], () => "text");
    expect(tables).toHaveLength(1);
    const [t] = tables;
    expect(t.table_kind).toBe("income");
    expect(t.unit_printed).toBe("千元");
    expect(t.columns).toEqual(["合计", "财政拨款收入"]);
    expect(t.rows[0].values["合计"]).toMatchObject({ value_wan: 1234.56, raw_text: "12,345.6" });
    expect(t.rows[0].values["财政拨款收入"].value_wan).toBe(-100);
    expect(t.rows[1]).toMatchObject({ row_code: "2080101", row_label: "行政运行" });
    expect(t.rows[1].values["财政拨款收入"].value_wan).toBe(0);
  });

  it("a table continued on the next page without a repeated header keeps its columns", () => {
    const first = ruledPage({
      above: ["支出决算表", "单位：万元"],
      rows: [
        ["科目编码", "科目名称", "本年支出合计", "基本支出"],
        ["208", "社会保障和就业支出", "10.00", "10.00"],
      ],
    });
    const second = ruledPage({ number: 2, rows: [["20805", "行政事业单位养老支出", "10.00", ""]] });
    const { tables } = recogniseTables([layoutPage(first), layoutPage(second)], () => "text");
    expect(tables.map((t) => [t.table_kind, t.pages])).toEqual([["expenditure", [1, 2]]]);
    const row = tables[0].rows.find((r) => r.row_code === "20805")!;
    expect(row.page).toBe(2);
    expect(row.values["本年支出合计"].value_wan).toBe(10);
    expect(row.values["基本支出"]).toMatchObject({ value_wan: null, raw_text: "" });
  });

  it("a page titled （续） carries the same table on", () => {
    const header = ["科目编码", "科目名称", "本年收入合计"];
    const first = ruledPage({
      above: ["收入决算表", "单位：万元"],
      rows: [header, ["208", "社会保障和就业支出", "5.00"]],
    });
    const second = ruledPage({
      number: 2,
      above: ["收入决算表（续）"],
      rows: [header, ["210", "卫生健康支出", "2.50"]],
    });
    const { tables } = recogniseTables([layoutPage(first), layoutPage(second)], () => "text");
    expect(tables.map((t) => [t.table_kind, t.pages, t.rows.length])).toEqual([["income", [1, 2], 2]]);
  });

  it("a unit printed in the column header (金额（元）) converts to 万元", () => {
    const page = ruledPage({
      above: ["支出总表"],
      rows: [
        ["科目编码", "科目名称", "金额（元）"],
        ["2080101", "行政运行", "1,097,073.43"],
      ],
    });
    const [t] = recogniseTables([layoutPage(page)], () => "text").tables;
    expect(t.unit_printed).toBe("元");
    expect(t.rows[0].values["金额（元）"].value_wan).toBe(109.707343);
  });

  it("a unit's code is no classification code: rows known by name (部门（单位）代码, or six digits)", () => {
    const byUnit = ruledPage({
      above: ["收入总表", "单位：万元"],
      rows: [
        ["部门（单位）代码", "部门（单位）名称", "合计"],
        ["503", "某某局", "5.00"],
        ["503004", "某某处", "5.00"],
      ],
    });
    const [t] = recogniseTables([layoutPage(byUnit)], () => "text").tables;
    expect(t.rows.map((r) => [r.row_code, r.row_label])).toEqual([
      [null, "某某局"],
      [null, "某某处"],
    ]);
    const mixed = ruledPage({
      above: ["一般公共预算支出表", "单位：万元"],
      rows: [
        ["功能科目编码", "功能科目名称", "合计"],
        ["125001", "西安市某某局", "3.00"],
        ["2080505", "机关事业单位基本养老保险缴费支出", "3.00"],
      ],
    });
    const [m] = recogniseTables([layoutPage(mixed)], () => "text").tables;
    expect(m.rows.map((r) => r.row_code)).toEqual([null, "2080505"]);
  });

  it("a 序号 column numbers the rows and is not a figure", () => {
    const page = ruledPage({
      above: ["项目支出情况表", "单位：万元"],
      rows: [
        ["序号", "项目名称", "合计"],
        ["1", "信息系统运维", "12.50"],
        ["2", "档案数字化", "3.00"],
      ],
    });
    const [t] = recogniseTables([layoutPage(page)], () => "text").tables;
    expect(t.columns).toEqual(["合计"]);
    expect(t.rows.map((r) => [r.row_label, r.values["合计"].value_wan])).toEqual([
      ["信息系统运维", 12.5],
      ["档案数字化", 3],
    ]);
  });

  it("a code printed inside the label cell is split off", () => {
    expect(splitLeadingCode("2080101行政运行")).toEqual(["2080101", "行政运行"]);
    expect(splitLeadingCode("[201]一般公共服务支出")).toEqual(["201", "一般公共服务支出"]);
    expect(splitLeadingCode("【30101】基本工资")).toEqual(["30101", "基本工资"]);
    expect(splitLeadingCode("2023年度目标")).toEqual([null, "2023年度目标"]);
    expect(splitLeadingCode("一般公共服务支出")).toEqual([null, "一般公共服务支出"]);
    const page = ruledPage({
      above: ["支出决算表"],
      rows: [
        ["项目", "合计"],
        ["208社会保障和就业支出", "7.00"],
      ],
    });
    const [t] = recogniseTables([layoutPage(page)], () => "text").tables;
    expect(t.rows[0]).toMatchObject({ row_code: "208", row_label: "社会保障和就业支出" });
  });

  it("a ruled box on the next page with other columns does not continue the table", () => {
    const first = ruledPage({
      above: ["支出决算表", "单位：万元"],
      rows: [
        ["科目编码", "科目名称", "本年支出合计"],
        ["208", "社会保障和就业支出", "5.00"],
      ],
    });
    const box = ruledPage({ number: 2, colWidth: 250, rows: [["填表人：张三", "联系电话：12345678"]] });
    const { tables } = recogniseTables([layoutPage(first), layoutPage(box)], () => "text");
    expect(tables.map((t) => [t.table_kind, t.pages, t.rows.length])).toEqual([["expenditure", [1], 1]]);
  });

  it("a title printed again on the next page continues the table", () => {
    const header = ["科目编码", "科目名称", "本年收入合计"];
    const first = ruledPage({
      above: ["收入决算表", "单位：万元"],
      rows: [header, ["208", "社会保障和就业支出", "5.00"]],
    });
    const second = ruledPage({
      number: 2,
      above: ["收入决算表", "单位：万元"],
      rows: [header, ["210", "卫生健康支出", "2.50"]],
    });
    const { tables } = recogniseTables([layoutPage(first), layoutPage(second)], () => "text");
    expect(tables.map((t) => [t.table_kind, t.pages, t.rows.map((r) => r.row_code)])).toEqual([
      ["income", [1, 2], ["208", "210"]],
    ]);
  });

  it("a title left at the foot of a page heads the table at the top of the next", () => {
    const prose = ruledPage({ above: ["（三）本年度无政府性基金收支。", "财政拨款“三公”经费支出决算表"], rows: [] });
    const table = ruledPage({
      number: 2,
      rows: [
        ["合计", "因公出国（境）费", "公务接待费"],
        ["1.20", "", "1.20"],
      ],
    });
    const { tables } = recogniseTables([layoutPage(prose), layoutPage(table)], () => "text");
    expect(tables.map((t) => [t.table_kind, t.pages])).toEqual([["three_public", [2]]]);
    expect(tables[0].rows[0].values["公务接待费"].value_wan).toBe(1.2);
  });

  it("a budget 收支总表 stacked in one column: lines up to 收入总计 are 收入, the rest 支出", () => {
    const page = ruledPage({
      above: ["部门收支总表", "单位：万元"],
      rows: [
        ["项目", "预算数"],
        ["一、一般公共预算拨款收入", "100.00"],
        ["收入总计", "100.00"],
        ["一、社会保障和就业支出", "100.00"],
        ["支出总计", "100.00"],
      ],
    });
    const [t] = recogniseTables([layoutPage(page)], () => "text").tables;
    expect(t.rows.map((r) => [r.row_label, Object.keys(r.values)[0]])).toEqual([
      ["一、一般公共预算拨款收入", "收入/预算数"],
      ["收入总计", "收入/预算数"],
      ["一、社会保障和就业支出", "支出/预算数"],
      ["支出总计", "支出/预算数"],
    ]);
  });
});
