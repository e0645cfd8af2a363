import type { KindRecogniser } from "./types.js";

/** 国有资本经营预算财政拨款支出表. */
export const stateCapital: KindRecogniser = {
  kind: "state_capital",
  titles: [/国有资本经营/],
};
