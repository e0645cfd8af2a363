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
