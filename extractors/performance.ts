import type { TableExtractor } from "./types.js";
import type { TableKind } from "../schemas/document.js";
import type { KindRecogniser } from "./types.js";
import { readPerformance } from "./performance-read.js";
import { projectExpenditureExtractor } from "./performance-project-expenditure.js";

/** 整体绩效自评表 (final accounts). */
export const overallPerformanceSelfEval: KindRecogniser = {
  kind: "overall_performance_self_eval",
  titles: [/整体.*(绩效)?自评/],
};

/** 项目绩效自评表 (final accounts). */
export const projectPerformanceSelfEval: KindRecogniser = {
  kind: "project_performance_self_eval",
  titles: [/自评表/],
};

/** 整体支出绩效目标表 (budgets). */
export const overallPerformanceTargets: KindRecogniser = {
  kind: "overall_performance_targets",
  titles: [/整体.*绩效目标/],
};

/** 项目支出绩效目标表 (budgets). */
export const projectPerformanceTargets: KindRecogniser = {
  kind: "project_performance_targets",
  titles: [/绩效目标/],
};

/** Dedicated extractors for the performance kinds; kinds absent here use the coded-table extractor. */
export const performanceExtractors: Partial<Record<TableKind, TableExtractor>> = {
  overall_performance_self_eval: { extract: (parts, ctx) => readPerformance(parts, ctx, "overall_performance_self_eval") },
  project_performance_self_eval: { extract: (parts, ctx) => readPerformance(parts, ctx, "project_performance_self_eval") },
  overall_performance_targets: { extract: (parts, ctx) => readPerformance(parts, ctx, "overall_performance_targets") },
  project_performance_targets: { extract: (parts, ctx) => readPerformance(parts, ctx, "project_performance_targets") },
  project_expenditure: projectExpenditureExtractor,
};
