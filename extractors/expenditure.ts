import type { KindRecogniser } from "./types.js";

/** 支出表: expenditure by function code × basic / project / other. */
export const expenditure: KindRecogniser = {
  kind: "expenditure",
  titles: [/支出(决算|预算)?(总)?表/],
  excludes: [/收入/, /财政拨款/, /一般公共预算/, /政府性基金/, /国有资本/, /项目支出/, /三公/],
};
