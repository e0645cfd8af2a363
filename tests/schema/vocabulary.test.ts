import { describe, expect, it } from "vitest";
import { findSamples, readKey } from "../../bench/eval-samples.js";
import type { Fact, TableKind } from "../../schemas/document.js";
import { columnDimensions, type TableContext } from "../../src/normalize/dimensions.js";
import { documentFacts } from "../../src/output/facts.js";
import { isUnmapped, unmappedColumns } from "../../src/output/unmapped.js";
import { documentFromKey } from "../eval/from-key.js";
import { isOutsideSchema } from "./outside.js";

const keyed = findSamples().filter((s) => !s.tablesOnly);
const factsOf = (key: string) => documentFacts(documentFromKey(readKey(key)));

describe("the vocabulary over every hand-keyed cell", () => {
  it.each(keyed.map((s) => [s.id, s.key] as const))(
    "%s: unknown columns are only those named outside the schema",
    (_, key) => {
      const doc = documentFromKey(readKey(key));
      const unknown = unmappedColumns(doc).map((u) => u.column);
      expect(unknown.filter((c) => !isOutsideSchema(c, doc.fiscal_year))).toEqual([]);
    },
  );

  it.each(keyed.map((s) => [s.id, s.key] as const))("%s: every mapped fact has a measure", (_, key) => {
    const missing = factsOf(key).filter((f) => !isUnmapped(f) && f.measure === null);
    expect(missing.map((f) => `${f.table_id} ${f.column}`)).toEqual([]);
  });
});

/** Facts of one key, by table kind and printed column (and row label where the row names the figure). */
function pick(facts: Fact[], kind: string, column: string, label?: string): Fact {
  const f = facts.find(
    (x) => x.table_kind === kind && x.column === column && (label === undefined || x.row_label === label),
  );
  if (!f) throw new Error(`no ${kind} ${column} ${label ?? ""}`);
  return f;
}
const dims = (f: Fact) => [f.measure, f.fund, f.expense, f.item, f.side];
const keyOf = (stem: string) => keyed.find((s) => s.id.includes(stem))!.key;

describe("the seven spellings of the 三公 total (issue 13) read as one", () => {
  it("三公 totals under their printed spellings; a 合计 that adds 会议费/培训费 is not the 三公 total", () => {
    const chongqing = factsOf(keyOf("chongqing-meteorology"));
    expect(dims(pick(chongqing, "three_public", "合计"))).toEqual([
      "budget",
      "fiscal_grant",
      null,
      "three_public_total",
      null,
    ]);
    const jiangsu = factsOf(keyOf("jiangsu-procuratorate"));
    expect(pick(jiangsu, "three_public", "“三公”经费/小计").item).toBe("three_public_total");
    expect(pick(jiangsu, "three_public", "合计").item).toBe("combined_total");
    expect(pick(jiangsu, "three_public", "会议费").item).toBe("meeting");
    const xian = factsOf(keyOf("xian-work-safety"));
    expect(dims(pick(xian, "three_public", "2019年/一般公共预算拨款安排的“三公”经费预算/小计", "合计"))).toEqual([
      "budget",
      "general_budget",
      null,
      "three_public_total",
      null,
    ]);
    expect(pick(xian, "three_public", "2018年/一般公共预算拨款安排的“三公”经费预算/小计", "合计").measure).toBe(
      "prior_year_budget",
    );
    expect(pick(xian, "three_public", "增减变化情况/一般公共预算拨款安排的“三公”经费预算/小计", "合计").measure).toBe(
      "change",
    );
    const wuhan = factsOf(keyOf("wuhan-hrss-info-center"));
    expect(dims(pick(wuhan, "three_public", "决算数/合计"))).toEqual([
      "actual",
      "fiscal_grant",
      null,
      "three_public_total",
      null,
    ]);
    expect(pick(wuhan, "three_public", "预算数/合计").measure).toBe("budget");
  });

  it("a 三公 table printed with years as rows: the row names the measure", () => {
    const shenzhen = factsOf(keyOf("shenzhen-civil-affairs"));
    expect(dims(pick(shenzhen, "three_public", "总计/一般公共预算", "2025年"))).toEqual([
      "prior_year_budget",
      "general_budget",
      null,
      "three_public_total",
      null,
    ]);
    expect(pick(shenzhen, "three_public", "总计/一般公共预算", "增减变化金额").measure).toBe("change");
  });

  it("a 三公 table printed with items as rows: the row names the item", () => {
    const fuzhou = factsOf(keyOf("fuzhou-medical-security"));
    expect(pick(fuzhou, "three_public", "预算数", "合计").item).toBe("three_public_total");
    expect(pick(fuzhou, "three_public", "预算数", "其中：（1）公务用车购置费").item).toBe("vehicle_purchase");
  });
});

describe("rows, funds and non-money figures", () => {
  it("classes, items and totals by code; a unit heading its classes is a subtotal", () => {
    const xian = factsOf(keyOf("xian-work-safety"));
    const cls = xian.find((f) => f.table_kind === "general_budget_expenditure" && f.row_code === "208")!;
    expect([cls.row_level, cls.code_system]).toEqual([1, "function"]);
    const unit = xian.find(
      (f) => f.table_kind === "general_budget_expenditure" && f.row_label === "西安市安全生产监督管理局",
    )!;
    expect(unit.row_role).toBe("subtotal");
    expect(xian.find((f) => f.table_kind === "general_budget_expenditure" && f.row_label === "合计")!.row_role).toBe(
      "total",
    );
  });

  it("sources of funds and two-sided statements", () => {
    const shenzhen = factsOf(keyOf("shenzhen-civil-affairs"));
    expect(pick(shenzhen, "basic_expenditure_detail", "单位资金/事业收入").fund).toBe("business_income");
    expect(pick(shenzhen, "basic_expenditure_detail", "上年结余、结转").fund).toBe("carryover");
    const xian = factsOf(keyOf("xian-work-safety"));
    expect(pick(xian, "income_expenditure_summary", "支出/支出功能分类科目（按大类）/预算数").side).toBe("function");
    expect(pick(xian, "income_expenditure_summary", "收入/预算数").side).toBe("income");
  });

  it("rates and scores are values with a unit, not 万元", () => {
    const wuhan = factsOf(keyOf("wuhan-hrss-info-center"));
    const rate = pick(wuhan, "overall_performance_self_eval", "执行率（B/A）");
    expect([rate.measure, rate.value_wan, rate.unit]).toEqual(["rate", null, "%"]);
    expect(rate.value).toBe(63.6);
    const score = pick(wuhan, "project_performance_self_eval", "", "总分");
    expect([score.measure, score.value_wan, score.value, score.unit]).toEqual(["score", null, 88.31, "分"]);
    const money = pick(wuhan, "overall_performance_self_eval", "", "基本支出总额");
    expect([money.expense, money.value_wan, money.value]).toEqual(["basic", 838.38, null]);
  });
});

describe("funds, sides and items named by header words alone (headers as printed on the regional pages)", () => {
  const ctx = (kind: TableKind, title: string, columns: string[]): TableContext => ({
    kind,
    title,
    docType: "budget",
    fiscalYear: 2020,
    columns,
    rowLabels: [],
  });
  const fundOf = (c: TableContext, column: string) => columnDimensions(column, c).fund;

  it("the parts of 财政专户 (Guangzhou 收入总体情况表 p7) and Xi'an's 事业基金 and 专项资金 (收入总表 p30)", () => {
    const guangzhou = ctx("income", "收入总体情况表", [
      "合计",
      "财政专户拨款收入/教育收费",
      "财政专户拨款收入/其他专户收入拨款",
    ]);
    expect(fundOf(guangzhou, "财政专户拨款收入/教育收费")).toBe("education_fees");
    expect(fundOf(guangzhou, "财政专户拨款收入/其他专户收入拨款")).toBe("other_special_account");
    expect(fundOf(guangzhou, "其他资金收入/其他收入")).toBe("other_income");
    const xian = ctx("income", "2020年部门综合预算收入总表", []);
    expect(fundOf(xian, "部门预算/用事业基金弥补收支差额")).toBe("business_fund");
    expect(fundOf(xian, "部门预算/一般公共预算拨款/其中：专项资金列入部门预算项目")).toBe("earmarked_funds");
    expect(fundOf(xian, "部门预算/一般公共预算拨款/小计")).toBe("general_budget");
  });

  it("a 政府性基金收支表 opening with 收入 and 支出 blocks is two-sided; 经济科目 names the economic block", () => {
    const columns = [
      "收入/预算数",
      "支出/支出功能分类科目（按大类）/预算数",
      "支出/部门预算支出经济分类科目（按大类）/预算数",
    ];
    const fund = ctx("gov_fund", "2020年部门综合预算政府性基金收支总表", columns);
    expect(columnDimensions(columns[0], fund)).toMatchObject({
      side: "income",
      measure: "budget",
      fund: "gov_fund",
      expense: null,
    });
    expect(columnDimensions(columns[1], fund)).toMatchObject({ side: "function", fund: "gov_fund", expense: "total" });
    expect(columnDimensions(columns[2], fund).side).toBe("economic");
    const summary = ctx("income_expenditure_summary", "2022年部门综合预算收支总表", []);
    expect(columnDimensions("支出/部门预算支出经济科目（按大类）/预算数", summary).side).toBe("economic");
    expect(columnDimensions("支出/支出功能分科目（按大类）/预算数", summary).side).toBe("function");
    // A one-sided table keeps no side even where a column ends in 收入.
    expect(
      columnDimensions("部门预算/上级补助收入", ctx("expenditure", "支出总表", ["部门预算/合计"])).side,
    ).toBeNull();
  });

  it("a comparison of two years is a change, its (%) a rate; a figure net of 中央基建投资 is outside (p10 一般公共预算支出表)", () => {
    const table = { ...ctx("general_budget_expenditure", "一般公共预算支出表", []), fiscalYear: 2026 };
    expect(columnDimensions("2026年预算数比2025年执行数/增减额", table)).toMatchObject({
      measure: "change",
      expense: "total",
    });
    expect(columnDimensions("2026年预算数比2025年执行数/增减(%)", table).measure).toBe("rate");
    expect(columnDimensions("2025年执行数/执行数", table).measure).toBe("prior_year_actual");
    expect(columnDimensions("2026年预算数/年初预算数/小计", table)).toMatchObject({
      measure: "budget",
      expense: "total",
    });
    for (const net of [
      "2026年预算数/扣除中央基建投资后预算数",
      "2026年预算数比2025年执行数（扣除中央基建投资）/增减额",
    ]) {
      expect(columnDimensions(net, table).known).toBe(false);
      expect(isOutsideSchema(net, 2026)).toBe(true);
    }
  });

  it("years in a performance table (Wuhan 江汉 2024 pp19-23): the prior year's indicator was reached, not a target", () => {
    const table = { ...ctx("overall_performance_targets", "整体支出绩效目标表", []), fiscalYear: 2024 };
    expect(columnDimensions("指标值/近两年指标值/2023年", table).measure).toBe("prior_year_actual");
    expect(columnDimensions("指标值/上年", table).measure).toBe("prior_year_actual");
    expect(columnDimensions("指标值/预期当年实现值", table).measure).toBe("target");
    expect(columnDimensions("近两年收支金额/2023年", table).measure).toBe("prior_year_budget");
    // Two years back: no measure names it (it would be a second prior year).
    for (const early of ["近两年收支金额/2022年", "指标值/近两年指标值/2022年", "指标值/前年"]) {
      expect(columnDimensions(early, table).known).toBe(false);
      expect(isOutsideSchema(early, 2024)).toBe(true);
    }
  });

  it("总额 is a total: 全年预算数（万元）/总额 of a self-evaluation (Xi'an health p30) is the budget's total", () => {
    const table = ctx("overall_performance_self_eval", "西安市卫生健康委员会部门整体支出绩效自评表", []);
    expect(columnDimensions("全年预算数（万元）/总额", table)).toMatchObject({ measure: "budget", expense: "total" });
    expect(columnDimensions("全年执行数（万元）/总额", table)).toMatchObject({ measure: "actual", expense: "total" });
    expect(columnDimensions("全年执行数（万元）/财政拨款", table)).toMatchObject({
      measure: "actual",
      fund: "fiscal_grant",
    });
  });

  it("三公 items: a header cut short is still its item; headers run together name none (not the first)", () => {
    const three = ctx("three_public", "“三公”经费预算表", []);
    expect(
      columnDimensions("2020年/一般公共预算拨款安排的“三公”经费预算/公务用车购置及运行维护费/公务用车购置", three).item,
    ).toBe("vehicle_purchase");
    expect(columnDimensions("公务用车购置及运行维护费/小计", three).item).toBe("vehicles_total");
    expect(columnDimensions("公务接待费公务用车购置费公务用车运行维护费", three).known).toBe(false);
    expect(columnDimensions("项目金额/**", ctx("project_expenditure", "专项业务经费支出表", [])).expense).toBe(
      "project",
    );
  });
});
