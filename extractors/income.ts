import type { KindRecogniser } from "./types.js";

/** 收入表: income by function code × income source. */
export const income: KindRecogniser = {
  kind: "income",
  titles: [/收入(决算|预算)?(总)?表/],
  excludes: [/支出/, /财政拨款/, /政府性基金/, /国有资本/],
};
