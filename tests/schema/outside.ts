/**
 * Printed columns the national schema leaves unmapped, each with why, named by header words (not by document). The
 * vocabulary gives them no dimension (listed in unmapped_columns.csv); the tests over the answer keys and over the
 * real output of every text sample allow these and nothing else. A figure printed beside its label with no column
 * header (performance tables) is named by its label: "(label) 市级支出".
 */
export interface Outside {
  reason: string;
  /** True for a column path (or "(label) …") this entry covers, in a document of that fiscal year. */
  covers: (name: string, fiscalYear: number | null) => boolean;
}

/** Words of single 三公-family items: a header segment holding two of them is several headers run together. */
const ITEM_WORDS = /因公出国|公务用车购置费|公务用车运行|公务接待|会议费|培训费|机关运行经费/g;

/** Truly outside the schema: no canonical dimension names what the figure is. */
export const OUTSIDE_SCHEMA: Outside[] = [
  {
    reason:
      "government procurement (政府采购) is a way of buying, across sources and uses: its amounts are not a source " +
      "or use of funds and overlap the expenditure columns beside them (KINDS.md: not a standard table's subject)",
    covers: (c) => /政府采购/.test(c),
  },
  {
    reason:
      "a year before the prior year (前年; 2022年 in a 2024 document): the measures name the year and the one " +
      "before it, and a second prior year under one measure would be counted twice",
    covers: (c, year) =>
      c
        .split("/")
        .some((s) => /^前年/.test(s) || (year !== null && /^\d{4}年/.test(s) && Number(s.slice(0, 4)) < year - 1)),
  },
  {
    reason:
      "a figure net of an adjustment (扣除中央基建投资后执行数/预算数 and their changes): neither the year's total nor a " +
      "part of it, and mapped as the total it would be counted twice beside the printed total",
    covers: (c) => /扣除/.test(c),
  },
  {
    reason:
      "a project budget split by level of government (市级支出 / 补助区县 beside 当年预算, Chongqing 重点专项 " +
      "绩效目标表): no fund or use names it",
    covers: (c) => /^\(label\) (市级支出|补助区县)$/.test(c),
  },
];

/** Not outside the schema but not read well enough to map: each a reading gap of an earlier stage, named. */
export const READING_GAPS: Outside[] = [
  {
    reason:
      "a self-evaluation's 项目资金 block whose header cell prints a figure (500 where 年初预算数 stands, Xi'an health " +
      "p115): its rows are not read under their headers, so whether a figure is the budget, the actual or the rate " +
      "is not guessed (its label is 项目资金（万元） or a dash)",
    covers: (c) => /^\(label\) (项目资金（万元）|—)$/.test(c),
  },
  {
    reason:
      "a header path printed twice (#2): the layout stage could not tell the columns apart (the constructed " +
      "borderless page), so which column it is is not guessed",
    covers: (c) => /\/#\d+$/.test(c),
  },
  {
    reason:
      "several 三公 item headers run together into one segment (the constructed borderless page): which item the " +
      "figure is is not guessed",
    covers: (c) => c.split("/").some((s) => new Set(s.match(ITEM_WORDS) ?? []).size > 1),
  },
];

export function isOutsideSchema(name: string, fiscalYear: number | null): boolean {
  return [...OUTSIDE_SCHEMA, ...READING_GAPS].some((o) => o.covers(name, fiscalYear));
}
