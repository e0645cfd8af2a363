import type { KindRecogniser } from "./types.js";

/** “三公”经费: overseas travel, official cars (purchase / running), reception. */
export const threePublic: KindRecogniser = {
  kind: "three_public",
  titles: [/三公/],
};
