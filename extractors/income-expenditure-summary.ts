import type { Row } from "../schemas/document.js";
import { normLabel } from "../src/normalize/text.js";
import { codedTableExtractor } from "./rows.js";
import type { TableExtractor } from "./types.js";

/** The income part of a stacked statement ends at its total line. */
const INCOME_END = /^(本年)?收入(合计|总计)$/;
/** A first header level naming a side (收入, 本年收入, 支出 …): the layout is side by side. */
const namesSide = (key: string) => /收入|支出/.test(key.split("/")[0]);

/**
 * Most forms print income and expenditure side by side under 收入 | 支出
 * banners, which the header paths already carry. Some budgets stack them
 * in one column; there the side is told by position: every line up to the
 * last income total is 收入, the rest 支出.
 */
export const summaryExtractor: TableExtractor = {
  extract(parts, ctx) {
    const { rows, warnings } = codedTableExtractor.extract(parts, ctx);
    const keys = rows.flatMap((r) => Object.keys(r.values));
    if (keys.some(namesSide) || !rows.some((r) => INCOME_END.test(normLabel(r.row_label)))) return { rows, warnings };
    return { rows: prefixSides(rows), warnings };
  },
};

function prefixSides(rows: Row[]): Row[] {
  const lastIncome = rows.map((r) => INCOME_END.test(normLabel(r.row_label))).lastIndexOf(true);
  return rows.map((row, i) => {
    const side = i <= lastIncome ? "收入" : "支出";
    const values = Object.fromEntries(Object.entries(row.values).map(([k, cell]) => [`${side}/${k}`, cell]));
    return { ...row, values };
  });
}
