import { describe, expect, it } from "vitest";
import { buildGrid } from "../../src/layout/grid.js";
import { runsToChars } from "../../src/layout/chars.js";
import { DEFAULT_LAYOUT } from "../../src/layout/settings.js";
import { readStructure } from "../../src/layout/structure.js";
import type { Ruling, TextRun } from "../../src/pdf/model.js";
import { cleanLabel } from "../../src/normalize/text.js";
import { sampleLayout } from "../helpers/pages.js";

const h = (at: number, from: number, to: number): Ruling => ({ orientation: "h", at, from, to });
const v = (at: number, from: number, to: number): Ruling => ({ orientation: "v", at, from, to });
const run = (text: string, x0: number, x1: number, y0: number): TextRun => ({
  text,
  x0,
  x1,
  y0,
  y1: y0 + 8,
  size: 8,
  confidence: 1,
});

describe("side-by-side blocks (issue 11 item 4)", () => {
  it("a label Excel printed over its neighbour's rule stays whole in its own cell", () => {
    // 预算数 | 部门预算支出经济分类科目（按大类）: the long header is centred on its cell and runs 39 pt into the
    // 预算数 cell, where print clips it; the text layer still holds all of it.
    const rulings = [h(0, 0, 300), h(20, 0, 300), v(0, 0, 20), v(100, 0, 20), v(300, 0, 20)];
    const grid = buildGrid(
      1,
      rulings,
      runsToChars([run("预算数", 70, 94, 6), run("部门预算支出经济分类科目（按大类）", 61, 205, 6)]),
      DEFAULT_LAYOUT,
    )!;
    expect(grid.cells.map((c) => cleanLabel(c.text))).toEqual(["预算数", "部门预算支出经济分类科目（按大类）"]);
  });

  it("Xi'an 收支总表 in four blocks: three expenditure blocks kept apart, each named by its own header", async () => {
    // Read off the rendered page 3: 1、财政拨款 3,643.37 | 1、一般公共服务 (blank) | 1、人员经费和公用经费支出 2,022.39 |
    // 1、机关工资福利支出 1,470.72.
    const st = readStructure((await sampleLayout("regions/xian-work-safety-2019-budget.pdf", 3)).tables[0].grid);
    expect(st.columns.filter((c) => c.role === "value").map((c) => c.path.join("/"))).toEqual([
      "收入/预算数",
      "支出/支出功能分类科目（按大类）/预算数",
      "支出/部门预算支出经济分类科目（按大类）/预算数",
      "支出/政府预算支出经济分类科目（按大类）/预算数",
    ]);
    const row = st.grid.cellAt[st.bodyRows.find((r) => cleanLabel(st.grid.cellAt[r][0].text) === "1、财政拨款")!];
    expect(row.map((c) => cleanLabel(c.text))).toEqual([
      "1、财政拨款",
      "3,643.37",
      "1、一般公共服务",
      "",
      "1、人员经费和公用经费支出",
      "2,022.39",
      "1、机关工资福利支出",
      "1,470.72",
    ]);
  });

  it("two blocks with their own banners keep their paths (Guangzhou 收支总体情况表)", async () => {
    const st = readStructure((await sampleLayout("regions/guangzhou-meteorology-2026-budget.pdf", 5)).tables[0].grid);
    expect(st.columns.filter((c) => c.role === "value").map((c) => c.path.join("/"))).toEqual([
      "收入/预算",
      "支出/预算",
    ]);
  });
});
