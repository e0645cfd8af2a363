/**
 * The table kinds, one entry each, most specific first: the first entry whose
 * title patterns match (and no exclusion) wins. Ids are the contract in
 * schemas/document.ts; docs/table-kinds.md and KINDS.md list the printed titles.
 */
import type { TableKind } from "../schemas/document.js";
import { summaryExtractor } from "./income-expenditure-summary.js";
import { readPerformance } from "./performance-read.js";
import { projectExpenditureExtractor } from "./performance-project-expenditure.js";
import { splitProjects } from "./performance-split.js";
import { createRegistry, type KindEntry, type NotStandard } from "./registry.js";
import { codedTableExtractor } from "./rows.js";
import type { TableExtractor } from "./types.js";

const coded = codedTableExtractor;
const performance = (kind: TableKind): TableExtractor => ({
  extract: (parts, ctx) => readPerformance(parts, ctx, kind),
});
/** The identities of every table of amounts by code. */
const AMOUNTS = ["columns", "hierarchy"] as const;

export const KIND_ENTRIES: KindEntry[] = [
  {
    id: "overall_performance_self_eval",
    family: "performance",
    description: "整体绩效自评表 (final accounts)",
    titles: [/整体.*(绩效)?自评/],
    extractor: performance("overall_performance_self_eval"),
    split: splitProjects,
    identities: ["performance"],
  },
  {
    id: "project_performance_self_eval",
    family: "performance",
    description: "项目绩效自评表 (final accounts)",
    titles: [/自评表/],
    extractor: performance("project_performance_self_eval"),
    split: splitProjects,
    identities: ["performance"],
  },
  {
    id: "overall_performance_targets",
    family: "performance",
    description: "整体支出绩效目标表 (budgets)",
    titles: [/整体.*绩效目标/],
    excludes: [/专项资金/],
    extractor: performance("overall_performance_targets"),
    split: splitProjects,
    identities: ["performance"],
  },
  {
    id: "project_performance_targets",
    family: "performance",
    description: "项目支出绩效目标表 (budgets)",
    titles: [/绩效目标/],
    extractor: performance("project_performance_targets"),
    split: splitProjects,
    identities: ["performance"],
  },
  {
    id: "three_public",
    family: "items",
    description: "“三公”经费: overseas travel, official cars (purchase / running), reception",
    titles: [/三公/],
    typicalTitles: ["财政拨款“三公”经费支出决算表", "“三公”经费支出预算表"],
    header: [/因公出国/, /公务接待/],
    extractor: coded,
    identities: [...AMOUNTS],
    relations: [{ identity: "twins" }],
    name: "三公",
    narrative: { topic: "three", heading: /[^。]{0,16}三公”?经费/, read: "named_items" },
  },
  {
    id: "gov_fund",
    family: "coded",
    description: "政府性基金预算财政拨款收支表",
    titles: [/政府性基金/],
    typicalTitles: ["政府性基金预算财政拨款收入支出决算表", "政府性基金支出预算表"],
    extractor: coded,
    identities: [...AMOUNTS, "fiscal_part"],
  },
  {
    id: "state_capital",
    family: "coded",
    description: "国有资本经营预算财政拨款支出表",
    titles: [/国有资本经营/],
    typicalTitles: ["国有资本经营预算财政拨款支出决算表", "国有资本经营预算支出表"],
    extractor: coded,
    identities: [...AMOUNTS, "fiscal_part"],
  },
  {
    id: "general_budget_expenditure_by_unit",
    family: "coded",
    description: "一般公共预算支出表(分单位)",
    titles: [/一般公共预算.*支出.*分单位/],
    extractor: coded,
    identities: [...AMOUNTS],
    relations: [{ identity: "by_unit_of", of: "general_budget_expenditure" }],
    name: "分单位",
  },
  {
    id: "basic_expenditure_detail",
    family: "coded",
    description: "基本支出明细: basic expenditure by economic code (301 / 302 / 303 / 310 …)",
    titles: [/基本支出/],
    excludes: [/三公/, /项目支出/, /功能分类/],
    typicalTitles: ["一般公共预算财政拨款基本支出决算表", "一般公共预算基本支出预算表", "财政拨款基本支出预算表"],
    header: [/人员经费/, /公用经费/],
    rowCodes: "economic",
    otherCodes: "basic_expenditure_by_function",
    extractor: coded,
    identities: [...AMOUNTS, "economic_totals"],
    relations: [{ identity: "basic_of", of: "general_budget_expenditure" }],
    name: "基本支出明细",
    narrative: { topic: "basic", heading: /一般公共预算(财政拨款)?基本支出(决算|预算|安排)?情况/, read: "basic" },
  },
  {
    // Titled 按功能分类, or a 基本支出 table whose rows turn out coded by function class (otherCodes).
    id: "basic_expenditure_by_function",
    family: "coded",
    description: "基本支出 by function code (2xx)",
    titles: [/基本支出.*功能分类/],
    excludes: [/三公/, /项目支出/],
    rowCodes: "function",
    otherCodes: "basic_expenditure_detail",
    extractor: coded,
    identities: [...AMOUNTS],
  },
  {
    id: "general_budget_expenditure_economic",
    family: "coded",
    description: "一般公共预算支出 by economic class (3xx), the whole general budget",
    titles: [/一般公共预算.*经济(分类|科目)/],
    excludes: [/基本支出/, /项目支出/, /三公/, /机关运行经费/, /政府采购/, /绩效/, /分单位/],
    rowCodes: "economic",
    otherCodes: "general_budget_expenditure",
    extractor: coded,
    identities: [...AMOUNTS, "economic_totals"],
  },
  {
    id: "fiscal_grant_summary",
    family: "statement",
    description: "财政拨款收支总表",
    titles: [/财政拨款收入?支出?(决算|预算)?总表/, /财政拨款收支/],
    excludes: [/政府性基金/, /国有资本/, /三公/],
    typicalTitles: ["财政拨款收入支出决算总表", "财政拨款收支预算总表"],
    extractor: coded,
    identities: [...AMOUNTS, "statement"],
    relations: [{ identity: "fund_statement", main: "general_budget_expenditure" }],
    name: "财政拨款收支总表",
    narrative: {
      topic: "fiscal",
      heading: /(财政拨款收入支出决算总体情况|财政拨款收支(预算)?总体(安排)?情况)/,
      read: "fund_statement",
    },
  },
  {
    id: "general_budget_expenditure",
    family: "coded",
    description: "一般公共预算（财政拨款）支出表, by function code",
    titles: [/一般公共预算.*支出/, /财政拨款支出(决算|预算)?表/],
    excludes: [/基本支出/, /项目支出/, /三公/, /分单位/, /机关运行经费/, /政府采购/, /绩效/],
    typicalTitles: ["一般公共预算财政拨款支出决算表", "一般公共预算支出预算表", "财政拨款支出预算表"],
    header: [/基本支出/, /项目支出/],
    rowCodes: "function",
    otherCodes: "general_budget_expenditure_economic",
    extractor: coded,
    identities: [...AMOUNTS, "fiscal_part"],
    name: "一般公共预算支出表",
    narrative: { topic: "gbe", heading: /一般公共预算(财政拨款)?(支出)?(决算|预算|安排)*情况/, read: "function_items" },
  },
  {
    id: "project_expenditure",
    family: "project_list",
    description: "项目支出情况表 (budgets)",
    titles: [/项目支出.*表/, /专项业务经费(支出)?.*表/],
    excludes: [/绩效/, /自评/],
    typicalTitles: ["项目支出情况表", "项目支出总表", "专项业务经费支出表"],
    extractor: projectExpenditureExtractor,
    identities: [...AMOUNTS],
    relations: [
      { identity: "total_in", of: "expenditure", ofColumn: "项目支出" },
      { identity: "total_in", column: "一般公共预算", of: "general_budget_expenditure", ofColumn: "项目支出" },
    ],
    name: "项目支出情况表",
    narrative: { topic: "project", heading: /项目支出(预算)?(安排)?情况/, read: "projects" },
  },
  {
    id: "income_expenditure_summary",
    family: "statement",
    description: "收支总表: income on the left (or on top), expenditure by function class on the right",
    titles: [/收入支出(决算|预算)?总表/, /收支(决算|预算)?总表/, /收支总体情况表/],
    excludes: [/财政拨款/],
    typicalTitles: ["收入支出决算总表", "收支预算总表", "部门收支总表", "部门财务收支预算总表"],
    extractor: summaryExtractor,
    identities: [...AMOUNTS, "statement"],
    relations: [
      { identity: "statement_details", income: "income", expenditure: "expenditure", funds: "fiscal_grant_summary" },
    ],
    name: "收支总表",
    narrative: { topic: "summary", heading: /(收入支出决算总体情况|收支预算总体(安排)?情况)/, read: "statement" },
  },
  {
    id: "income",
    family: "coded",
    description: "收入表: income by function code × income source",
    titles: [/收入(决算|预算)?(总)?表/, /收入总体情况表/],
    excludes: [/支出/, /财政拨款/, /政府性基金/, /国有资本/],
    typicalTitles: ["收入决算表", "收入预算总表", "部门收入总表"],
    header: [/财政拨款|一般公共预算/, /事业收入|上年结转|其他收入|上级补助/],
    rowCodes: "function",
    extractor: coded,
    identities: [...AMOUNTS],
    name: "收入表",
    narrative: { topic: "income", heading: /收入(决算|预算)(安排)?情况/, read: "income" },
  },
  {
    id: "expenditure",
    family: "coded",
    description: "支出表: expenditure by function code × basic / project / other",
    titles: [/支出(决算|预算)?(总)?表/, /支出总体情况表/, /本年支出(情况)?表/],
    excludes: [/收入/, /财政拨款/, /一般公共预算/, /政府性基金/, /国有资本/, /项目支出/, /三公/],
    typicalTitles: ["支出决算表", "支出预算总表", "部门支出总表"],
    header: [/基本支出/, /项目支出/, /上缴上级|经营支出|对附属单位/],
    rowCodes: "function",
    extractor: coded,
    identities: [...AMOUNTS],
    name: "支出表",
    narrative: { topic: "expenditure", heading: /支出(决算|预算)(安排)?情况/, read: "expenditure" },
  },
  {
    // Never matched by title: a ruled grid of figures that no entry claims (issue 11 adds that fallback).
    id: "other",
    family: "grid",
    description: "a ruled grid of figures matching no kind",
    titles: [],
    extractor: coded,
    identities: [],
  },
];

/** Titles of tables that are not standard even though they name income or expenditure. */
export const NOT_STANDARD: NotStandard = {
  titles: [/政府采购/, /机关运行经费(支出)?(预算)?表$/, /政府购买服务/, /资产/, /结转[^（()）]*表/, /会议费|培训费/],
  // A performance table's project may name them: 采供血业务经费（非政府采购部分）项目绩效自评表.
  unless: [/三公/, /绩效/],
};

/** The registry of every kind the tool emits. */
export const KINDS = createRegistry(KIND_ENTRIES, NOT_STANDARD);
