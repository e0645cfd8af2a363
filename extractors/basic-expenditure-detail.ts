import type { KindRecogniser } from "./types.js";

/** 基本支出明细: basic expenditure by economic code (301 / 302 / 303 / 310 …). */
export const basicExpenditureDetail: KindRecogniser = {
  kind: "basic_expenditure_detail",
  titles: [/基本支出/],
  excludes: [/三公/, /项目支出/],
};
