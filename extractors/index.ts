import type { TableKind } from "../schemas/document.js";
import { basicExpenditureDetail } from "./basic-expenditure-detail.js";
import { expenditure } from "./expenditure.js";
import { fiscalGrantSummary } from "./fiscal-grant-summary.js";
import { generalBudgetExpenditureByUnit } from "./general-budget-expenditure-by-unit.js";
import { generalBudgetExpenditure } from "./general-budget-expenditure.js";
import { govFund } from "./gov-fund.js";
import { incomeExpenditureSummary, summaryExtractor } from "./income-expenditure-summary.js";
import { income } from "./income.js";
import { codedTableExtractor } from "./rows.js";
import type { TableExtractor } from "./types.js";
import {
  performanceExtractors,
  overallPerformanceSelfEval, overallPerformanceTargets, projectPerformanceSelfEval, projectPerformanceTargets,
} from "./performance.js";
import { projectExpenditure } from "./project-expenditure.js";
import { stateCapital } from "./state-capital.js";
import { threePublic } from "./three-public.js";
import type { KindRecogniser } from "./types.js";

/** Most specific first: the first recogniser whose title matches (and no exclude) wins. */
export const RECOGNISERS: KindRecogniser[] = [
  overallPerformanceSelfEval,
  projectPerformanceSelfEval,
  overallPerformanceTargets,
  projectPerformanceTargets,
  threePublic,
  govFund,
  stateCapital,
  generalBudgetExpenditureByUnit,
  basicExpenditureDetail,
  fiscalGrantSummary,
  generalBudgetExpenditure,
  projectExpenditure,
  incomeExpenditureSummary,
  income,
  expenditure,
];

/** Titles of tables that are not standard tables even though they name income or expenditure. */
const NOT_STANDARD = [/政府采购/, /机关运行经费(支出)?(预算)?表$/, /政府购买服务/, /资产/];

export function recogniseKind(cleanTitle: string): TableKind | null {
  if (!/表/.test(cleanTitle)) return null;
  if (NOT_STANDARD.some((re) => re.test(cleanTitle)) && !/三公/.test(cleanTitle)) return null;
  for (const r of RECOGNISERS) {
    if (r.titles.some((re) => re.test(cleanTitle)) && !(r.excludes ?? []).some((re) => re.test(cleanTitle))) return r.kind;
  }
  return null;
}

const EXTRACTORS: Partial<Record<TableKind, TableExtractor>> = {
  ...performanceExtractors,
  income_expenditure_summary: summaryExtractor,
};

export function extractorFor(kind: TableKind): TableExtractor {
  return EXTRACTORS[kind] ?? codedTableExtractor;
}

/** Typical printed titles per kind (docs/table-kinds.md and the samples): what an OCR'd title is compared with. */
const TYPICAL_TITLES: [string, TableKind][] = [
  ["收入支出决算总表", "income_expenditure_summary"], ["收支预算总表", "income_expenditure_summary"], ["部门收支总表", "income_expenditure_summary"],
  ["部门财务收支预算总表", "income_expenditure_summary"],
  ["收入决算表", "income"], ["收入预算总表", "income"], ["部门收入总表", "income"],
  ["支出决算表", "expenditure"], ["支出预算总表", "expenditure"], ["部门支出总表", "expenditure"],
  ["财政拨款收入支出决算总表", "fiscal_grant_summary"], ["财政拨款收支预算总表", "fiscal_grant_summary"],
  ["一般公共预算财政拨款支出决算表", "general_budget_expenditure"], ["一般公共预算支出预算表", "general_budget_expenditure"],
  ["财政拨款支出预算表", "general_budget_expenditure"],
  ["一般公共预算财政拨款基本支出决算表", "basic_expenditure_detail"], ["一般公共预算基本支出预算表", "basic_expenditure_detail"],
  ["财政拨款“三公”经费支出决算表", "three_public"], ["“三公”经费支出预算表", "three_public"],
  ["政府性基金预算财政拨款收入支出决算表", "gov_fund"], ["政府性基金支出预算表", "gov_fund"],
  ["国有资本经营预算财政拨款支出决算表", "state_capital"], ["国有资本经营预算支出表", "state_capital"],
  ["项目支出情况表", "project_expenditure"],
];

/**
 * For titles read by OCR, where one character in six may be wrong (文出 for
 * 支出): the kind of the typical title that the read title matches best,
 * when at least 80% of that title's characters appear in order.
 */
export function recogniseKindFuzzy(cleanTitle: string): TableKind | null {
  const exact = recogniseKind(cleanTitle);
  if (exact) return exact;
  const title = cleanTitle.replace(/^\d{4}年度?/, "");
  let best: TableKind | null = null, bestScore = 0;
  for (const [typical, kind] of TYPICAL_TITLES) {
    // Coverage of the typical title; a few extra characters (a misread 表一 in front) are tolerated.
    if (title.length > typical.length + 3) continue;
    const score = commonSubsequence(title, typical) / typical.length;
    if (score > bestScore) { best = kind; bestScore = score; }
  }
  return bestScore >= 0.8 ? best : null;
}

function commonSubsequence(a: string, b: string): number {
  const x = Array.from(a), y = Array.from(b);
  let prev = new Array(y.length + 1).fill(0);
  for (const ch of x) {
    const cur = [0];
    for (let j = 1; j <= y.length; j++) cur[j] = ch === y[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev = cur;
  }
  return prev[y.length];
}
