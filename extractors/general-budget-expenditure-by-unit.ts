import type { KindRecogniser } from "./types.js";

/** 一般公共预算支出表(分单位). */
export const generalBudgetExpenditureByUnit: KindRecogniser = {
  kind: "general_budget_expenditure_by_unit",
  titles: [/一般公共预算.*支出.*分单位/],
};
