import type { KindRecogniser } from "./types.js";

/** 一般公共预算（财政拨款）支出表, by function code. */
export const generalBudgetExpenditure: KindRecogniser = {
  kind: "general_budget_expenditure",
  titles: [/一般公共预算.*支出/, /财政拨款支出(决算|预算)?表/],
  excludes: [/基本支出/, /三公/, /分单位/, /机关运行经费/, /政府采购/, /绩效/],
};
