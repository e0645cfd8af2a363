import type { KindRecogniser } from "./types.js";

/** 收支总表: income on the left (or on top), expenditure by function class on the right. */
export const incomeExpenditureSummary: KindRecogniser = {
  kind: "income_expenditure_summary",
  titles: [/收入支出(决算|预算)?总表/, /收支(决算|预算)?总表/],
  excludes: [/财政拨款/],
};
