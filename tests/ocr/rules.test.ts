/**
 * The rule stages of OCR (src/ocr/lines.ts, src/ocr/overlap.ts) on real crops of a corpus scan: xian-health
 * p153, small print scanned at 150 dpi, deskewed as preparePage deskews it (tests/ocr/crops/README.md). What
 * is asserted was read off the crops' images: where the rules run, which pixels are glyphs.
 */
import path from "node:path";
import { describe, expect, test } from "vitest";
import { binarize, inkCount, otsuThreshold, whitenPaper } from "../../src/ocr/image.js";
import { eraseRulings, findRulings, lineSettings, type PixelRuling } from "../../src/ocr/lines.js";
import { restoreGlyphsOnRules } from "../../src/ocr/overlap.js";
import { CROPS, readPgm } from "./fixtures.js";

const DPI = 150;
/** The ink threshold preparePage finds for the whole page (Otsu): its print is grey, about 150-200. */
const PAGE_THRESHOLD = 215;
const crop = (name: string) => readPgm(path.join(CROPS, name));
const verticals = (rules: PixelRuling[]) => rules.filter((r) => r.orientation === "v").sort((a, b) => a.at - b.at);

describe("vertical rules of small print at 150 dpi", () => {
  test("a hairline lighter than the ink threshold in places is followed in the lighter cut", async () => {
    const gray = await crop("xian-p153-hairlines.pgm");
    // The hairlines' darkest column is grey 150-180 along their length: a page whose print is darker puts its
    // ink threshold in there (170), and the left rule falls apart into pieces.
    const threshold = 170;
    const ink = binarize(gray, threshold);
    const faint = binarize(gray, Math.round((threshold + 255) / 2));
    // The two rules either side of the 行次 column (x about 23 and 102), from the header's top rule (y 10)
    // down 13 rows of figures or more.
    const followed = verticals(findRulings(ink, lineSettings(DPI), faint));
    expect(followed.map((r) => Math.round(r.at))).toEqual([23, 102]);
    expect(followed[0].from).toBeCloseTo(10, 0);
    expect(followed[0].to).toBeGreaterThan(270);
    // Without the lighter cut the left one is a piece of a row or two.
    const pieces = verticals(findRulings(ink, lineSettings(DPI))).filter((r) => Math.abs(r.at - 23) < 3);
    for (const r of pieces) expect(r.to - r.from).toBeLessThan(50);
  });

  test("a rule that runs on into a glyph past the table's last rule is cut back to the rules it crosses", async () => {
    // The 行次 column's right rule reaches the first character of the note under the table (总) and merges
    // with its strokes: it ends on no rule, yet it is a column's border for every row.
    const gray = await crop("xian-p153-rule-into-note.pgm");
    const rules = findRulings(binarize(gray, PAGE_THRESHOLD), lineSettings(DPI));
    const last = Math.max(...rules.filter((r) => r.orientation === "h").map((r) => r.at));
    expect(last).toBeCloseTo(93, 0);
    const border = verticals(rules).find((r) => Math.abs(r.at - 97) < 3);
    expect(border).toBeDefined();
    expect(border!.to).toBeCloseTo(last, 0);
    expect(border!.to - border!.from).toBeGreaterThan(80);
  });

  test("the strokes of a bold title's glyphs are not a table (a network of rules under an inch)", async () => {
    // 财政拨款收入支出决算总表: at the page's threshold the strokes of 拨 and 款 are long enough for rules and
    // meet one another.
    const gray = await crop("xian-p153-title.pgm");
    const ink = binarize(gray, PAGE_THRESHOLD);
    const rules = findRulings(ink, lineSettings(DPI), binarize(gray, Math.round((PAGE_THRESHOLD + 255) / 2)));
    expect(rules).toEqual([]);
    // So nothing of the title is wiped.
    expect(inkCount(eraseRulings(ink, rules), 0, 0, ink.width, ink.height)).toBe(
      inkCount(ink, 0, 0, ink.width, ink.height),
    );
  });
});

describe("glyphs printed up against a rule (overlap.ts)", () => {
  test("the last digit of a figure flush on the cell's right rule is kept when the rule is wiped", async () => {
    const gray = await crop("xian-p153-figure-on-rule.pgm");
    const threshold = otsuThreshold(gray);
    const ink = binarize(gray, threshold);
    const rules = findRulings(ink, lineSettings(DPI), binarize(gray, Math.round((threshold + 255) / 2)));
    const right = verticals(rules).at(-1)!;
    // 296,030.91 ends a pixel left of the rule between 金额 and the expenditure side (x 168).
    expect(right.at).toBeCloseTo(168, 0);
    const erased = eraseRulings(ink, rules);
    const text = restoreGlyphsOnRules(erased, whitenPaper(gray, threshold), rules, threshold);
    // The figure's row: the third one, between the third and fourth horizontal rules (y 45.5 and 66).
    const across = rules
      .filter((r) => r.orientation === "h")
      .map((r) => r.at)
      .sort((x, y) => x - y);
    const row = { y0: Math.ceil(across[2]) + 2, y1: Math.floor(across[3]) - 2 };
    const fringe = { x0: Math.floor(right.at) - 4, x1: Math.floor(right.at) - 1 };
    // Wiped with the rule's band, given back as a glyph: the stroke of the 1, the height of the figure.
    expect(inkCount(erased, fringe.x0, row.y0, fringe.x1, row.y1)).toBe(0);
    expect(inkCount(text.bin, fringe.x0, row.y0, fringe.x1, row.y1)).toBeGreaterThanOrEqual(2 * 7);
    // The rule itself stays wiped along its length, in the ink and in the grey the crops are cut from.
    const core = Math.round(right.at);
    expect(inkCount(text.bin, core, Math.ceil(right.from), core + 1, Math.floor(right.to))).toBe(0);
    expect(Math.min(...columnOf(text.gray, core).slice(Math.ceil(right.from), Math.floor(right.to)))).toBe(255);
  });
});

function columnOf(gray: { width: number; height: number; data: Uint8Array }, x: number): number[] {
  return Array.from({ length: gray.height }, (_, y) => gray.data[y * gray.width + x]);
}

/**
 * Glyph strokes taken for vertical rules (issue 17). Crops of the held-out scan Xi'an 人社 2020 p38 (basic
 * expenditure by function, 150 dpi, 11 pt print in 28 px rows; deskew 0.41°, page ink threshold 191) and of
 * Xi'an 卫健委 p153 (tests/ocr/crops/README.md). Read off the crops: the only vertical rules are the table's
 * borders and the rules between 功能科目编码 | 功能科目名称 | 合计 (x about 21, 186 and 718 in the p38 crops).
 */
describe("glyph strokes are not vertical rules", () => {
  /** preparePage's resolution for the p38 scan (its image's scale): the strokes are just long enough for rules. */
  const P38_DPI = 149.98;
  const P38_THRESHOLD = 191;
  const rulesOf = async (name: string, dpi: number, threshold: number) => {
    const gray = await crop(name);
    const faint = binarize(gray, Math.round((threshold + 255) / 2));
    return findRulings(binarize(gray, threshold), lineSettings(dpi), faint);
  };

  test("a stroke that fills its row (编 of 功能科目编码, 计 of 合计) stops short of the rule below it", async () => {
    const rules = await rulesOf("xian-hrss-p38-code-header.pgm", P38_DPI, P38_THRESHOLD);
    // The header row (y 12-41) and the 合计 row (y 41-70): 编's and 码's strokes at x 147 and 169, 计's at 228
    // run from the rule above to 4-6 px above the rule below. Only the three rules of the page are left.
    expect(verticals(rules).map((r) => Math.round(r.at))).toEqual([21, 186, 718]);
    for (const r of verticals(rules)) expect(r.to).toBeCloseTo(70, 0);
  });

  test("strokes lined up down a column of labels do not chain into a rule across rows", async () => {
    // Rows 05 行政事业单位养老支出 … 99 其他社会保障和就业支出: 事, 老, 会, 和 have strokes near x 385 that, a pixel
    // column apart from row to row, made a crooked "rule" over five rows and cut the label column in two.
    const rules = await rulesOf("xian-hrss-p38-label-rows.pgm", P38_DPI, P38_THRESHOLD);
    expect(verticals(rules).map((r) => Math.round(r.at))).toEqual([21, 186, 718]);
  });

  test("the bold 总计 of a last row is not a rule, nor the strokes of the label above it", async () => {
    // Xi'an 卫健委 p153 (330x80+130+890 of the deskewed page): 计's stroke at x 104 met strokes of 国有资本经营预算
    // 财政拨款 long enough for horizontal rules; they held each other up and wiped that label's middle.
    const rules = await rulesOf("xian-p153-total-row.pgm", 150, PAGE_THRESHOLD);
    expect(verticals(rules).map((r) => Math.round(r.at))).toEqual([272]);
    const across = rules.filter((r) => r.orientation === "h").map((r) => Math.round(r.at));
    // The four row rules (y 2, 22, 43, 63; the last one found twice), none inside a row.
    expect(across.filter((y) => ![2, 22, 43, 62, 63].includes(y))).toEqual([]);
  });
});
