import { describe, expect, it } from "vitest";
import { buildGrid } from "../../src/layout/grid.js";
import { glyphAdvances, runsToChars } from "../../src/layout/chars.js";
import { DEFAULT_LAYOUT } from "../../src/layout/settings.js";
import type { Ruling, TextRun } from "../../src/pdf/model.js";
import { cleanLabel } from "../../src/normalize/text.js";
import { sampleLayout } from "../helpers/pages.js";

const h = (at: number, from: number, to: number): Ruling => ({ orientation: "h", at, from, to });
const v = (at: number, from: number, to: number): Ruling => ({ orientation: "v", at, from, to });
const run = (text: string, x0: number, x1: number, y0 = 105, size = 10): TextRun => ({
  text,
  x0,
  x1,
  y0,
  y1: y0 + size,
  size,
  confidence: 1,
});

describe("glyphs placed by their advances", () => {
  it("a run across a rule: the gap its space stands for stays between figure and label", () => {
    // SimSun-like print, 10 pt: the figure takes 13 half-width glyphs (65 pt), then a 30 pt gap that
    // pdf.js reports as one space, then 8 CJK glyphs (80 pt). The rule sits 3 pt right of the figure.
    const text = "96,282,213.44 一、公共安全支出";
    const rulings = [h(100, 50, 400), h(120, 50, 400), v(50, 100, 120), v(168, 100, 120), v(400, 100, 120)];
    const grid = buildGrid(1, rulings, runsToChars([run(text, 100, 275)]), DEFAULT_LAYOUT)!;
    expect(grid.cells.map((c) => cleanLabel(c.text))).toEqual(["96,282,213.44", "一、公共安全支出"]);
  });

  it("CJK glyphs take one em; the half-width glyphs share the rest in proportion", () => {
    const adv = glyphAdvances(Array.from("12,672.73 合计"), 100, 10);
    expect(adv.slice(-2)).toEqual([10, 10]);
    expect(adv[2]).toBeLessThan(adv[0]); // a comma is narrower than a digit
    expect(adv.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 6);
  });

  it("condensed text narrower than its glyphs' advances shrinks every glyph alike", () => {
    const adv = glyphAdvances(Array.from("合计"), 15, 10);
    expect(adv).toEqual([7.5, 7.5]);
  });

  it("a real run across the rule (Guangzhou 收支总体情况表): figure and label in their own cells", async () => {
    const grid = (await sampleLayout("regions/guangzhou-meteorology-2026-budget.pdf", 5)).tables[0].grid;
    const row = grid.cells.find((c) => cleanLabel(c.text) === "一、预算拨款")!.row;
    const texts = grid.cellAt[row].map((c) => cleanLabel(c.text));
    expect(texts).toEqual(["一、预算拨款", "7,651.71", "一、一般公共服务支出", "0.00"]);
  });

  it("Xi'an 收入支出决算总表 (公开01表): the last digit of each income figure stays in its cell", async () => {
    // Read off the rendered page 146: 296,030.91 | 一、一般公共服务支出 ; 1,110,972.11 ; 98,870.55.
    const grid = (await sampleLayout("regions/xian-health-commission-2022-final-account.pdf", 146)).tables[0].grid;
    const rowOf = (label: string) => grid.cellAt[grid.cells.find((c) => cleanLabel(c.text) === label)!.row];
    expect(rowOf("一、一般公共预算财政拨款收入").map((c) => cleanLabel(c.text))).toEqual([
      "一、一般公共预算财政拨款收入",
      "1",
      "296,030.91",
      "一、一般公共服务支出",
      "31",
      "56.00",
    ]);
    expect(cleanLabel(rowOf("五、事业收入")[2].text)).toBe("1,110,972.11");
    expect(cleanLabel(rowOf("八、其他收入")[2].text)).toBe("98,870.55");
  });
});
