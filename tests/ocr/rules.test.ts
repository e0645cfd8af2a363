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
