import { describe, expect, it } from "vitest";
import { recogniseTables } from "../../src/tables.js";
import { sampleLayout } from "../helpers/pages.js";

const FILE = "regions/xian-civil-affairs-2021-budget.pdf";

// Xi'an 民政 2021 p42 (收入总表, Excel export): the header 对附属单位上缴收入 wraps onto one line more than its cell
// holds; Excel clips 入 at the header's bottom rule, but the text layer keeps it, over the 合计 row's 0.00. That cell
// read "入 0.00" and was lost (the scan of the page read 0.00 there: held-out 1's one unflagged cell).
describe("a header's line spilled past its rule into a figure's cell", () => {
  it("goes back to the header; the figure under it is read", async () => {
    const { tables } = recogniseTables([await sampleLayout(FILE, 42)], () => "text");
    const income = tables.find((t) => t.table_kind === "income")!;
    const total = income.rows.find((r) => r.row_label === "合计")!;
    // Read off the rendered page, row 1 合计, left to right (元; 万元 below): 872,031,967.20 | 872,031,967.20 |
    // 535,987,052.43 | 335,980,000.00 | 167,781,553.36 | 0.00 | 3,555,000.00 | 143,440,000.00 | 0.00 | 0.00 |
    // 19,968,361.41 | 1,300,000.00
    expect(income.columns.map((c) => total.values[c]?.value_wan ?? null)).toEqual([
      87203.19672, 87203.19672, 53598.705243, 33598, 16778.155336, 0, 355.5, 14344, 0, 0, 1996.836141, 130,
    ]);
    expect(total.values["部门预算/对附属单位上缴收入"]?.raw_text).toBe("0.00");
    // The column is named as the expenditure table of p43 prints it in full, in its place between 经营收入 and 用事业基金.
    expect(income.columns.slice(7, 10)).toEqual([
      "部门预算/事业单位经营收入",
      "部门预算/对附属单位上缴收入",
      "部门预算/用事业基金弥补收支差额",
    ]);
  });
});
