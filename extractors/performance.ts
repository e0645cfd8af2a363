import type { TableExtractor } from "./types.js";
import type { TableKind } from "../schemas/document.js";
import type { KindRecogniser } from "./types.js";

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
export const performanceExtractors: Partial<Record<TableKind, TableExtractor>> = {};
