import type { KindRecogniser } from "./types.js";

/** 项目支出情况表 (budgets). */
export const projectExpenditure: KindRecogniser = {
  kind: "project_expenditure",
  titles: [/项目支出(情况|预算|明细)?表/],
  excludes: [/绩效/, /自评/],
};
