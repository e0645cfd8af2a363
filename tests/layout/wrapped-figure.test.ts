import { describe, expect, it } from "vitest";
import { layoutPage } from "../../src/layout/page-tables.js";
import { readStructure } from "../../src/layout/structure.js";
import { codedTableExtractor } from "../../extractors/rows.js";
import type { PageModel, Ruling, TextRun } from "../../src/pdf/model.js";

const h = (at: number, from: number, to: number): Ruling => ({ orientation: "h", at, from, to });
const v = (at: number, from: number, to: number): Ruling => ({ orientation: "v", at, from, to });
const run = (text: string, x0: number, y0: number): TextRun => ({
  text,
  x0,
  x1: x0 + Array.from(text).reduce((w, ch) => w + (ch > "\u2e80" ? 10 : 5), 0),
  y0,
  y1: y0 + 10,
  size: 10,
  confidence: 1,
});

/** 项目 | 预算数, a narrow value column: the 合计 figure wraps over two text lines in its cell. */
function page(first: string, second: string): PageModel {
  const rulings = [
    h(100, 50, 250),
    h(120, 50, 250),
    h(160, 50, 250),
    h(180, 50, 250),
    v(50, 100, 180),
    v(200, 100, 180),
    v(250, 100, 180),
  ];
  const runs = [
    run("项目", 60, 105),
    run("预算数", 205, 105),
    run("合计", 60, 135),
    run(first, 250 - 3 - first.length * 5, 125),
    run(second, 250 - 3 - second.length * 5, 142),
    run("一般公共服务支出", 60, 165),
    run("1.00", 227, 165),
  ];
  return { number: 1, width: 595, height: 842, runs, rulings, extraction: "text" };
}

describe("a figure printed over two text lines in a narrow cell", () => {
  for (const [first, second] of [
    ["12,672.", "73"],
    ["12,672", ".73"],
    ["12,", "672.73"],
  ]) {
    it(`"${first}" over "${second}" is one figure in one row`, () => {
      const layout = layoutPage(page(first, second));
      const st = readStructure(layout.tables[0].grid);
      const size = { width: 595, height: 842 };
      const { rows } = codedTableExtractor.extract([{ page: 1, structure: st, above: [], size }], {
        unit: "万元",
        extraction: "text",
        minConfidence: 0.8,
      });
      expect(rows.map((r) => [r.row_label, r.values["预算数"]?.value_wan])).toEqual([
        ["合计", 12672.73],
        ["一般公共服务支出", 1],
      ]);
    });
  }
});
