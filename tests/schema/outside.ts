/**
 * Printed columns truly outside the national schema (issue 13), each with why, named by header words (not by
 * document). The vocabulary leaves them unmapped (every dimension null, listed in unmapped_columns.csv); the tests
 * over the answer keys and over the real output of every sample allow these and nothing else.
 */
export interface Outside {
  reason: string;
  /** True for a printed column path this entry covers. */
  covers: (column: string) => boolean;
}

/** Words of single 三公-family items: a header segment holding two of them is several headers run together. */
const ITEM_WORDS = /因公出国|公务用车购置费|公务用车运行|公务接待|会议费|培训费|机关运行经费/g;

export const OUTSIDE_SCHEMA: Outside[] = [
  {
    reason: "government procurement (政府采购) is a way of buying, across sources and uses: its amounts are not a source "
      + "or use of funds and overlap the expenditure columns beside them (KINDS.md: not a standard table's subject)",
    covers: (c) => /政府采购/.test(c),
  },
  {
    reason: "an indicator's value two years before the fiscal year (指标值/前年): no measure names that year",
    covers: (c) => /(^|\/)前年$/.test(c),
  },
  {
    reason: "a figure net of an adjustment (扣除中央基建投资后执行数/预算数 and their changes): neither the year's total nor a "
      + "part of it, and mapped as the total it would be counted twice beside the printed total",
    covers: (c) => /扣除/.test(c),
  },
  {
    reason: "a header path printed twice (#2): the layout stage could not tell the columns apart (the constructed "
      + "borderless page), so which column it is is not guessed",
    covers: (c) => /\/#\d+$/.test(c),
  },
  {
    reason: "several 三公 item headers run together into one segment (the constructed borderless page): which item the "
      + "figure is is not guessed",
    covers: (c) => c.split("/").some((s) => new Set(s.match(ITEM_WORDS) ?? []).size > 1),
  },
];

export function isOutsideSchema(column: string): boolean {
  return OUTSIDE_SCHEMA.some((o) => o.covers(column));
}
