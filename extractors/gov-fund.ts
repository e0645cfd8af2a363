import type { KindRecogniser } from "./types.js";

/** 政府性基金预算财政拨款收支表. */
export const govFund: KindRecogniser = {
  kind: "gov_fund",
  titles: [/政府性基金/],
};
