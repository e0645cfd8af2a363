import type { KindRecogniser } from "./types.js";

/** 财政拨款收支总表. */
export const fiscalGrantSummary: KindRecogniser = {
  kind: "fiscal_grant_summary",
  titles: [/财政拨款收入?支出?(决算|预算)?总表/, /财政拨款收支/],
  excludes: [/政府性基金/, /国有资本/, /三公/],
};
