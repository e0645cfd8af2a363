import path from "node:path";
import { describe, expect, test } from "vitest";
import { readTextPage } from "../../src/pdf/page.js";
import type { PageModel, TextRun } from "../../src/pdf/model.js";
import { shouldOcr, textLayerUsable } from "../../src/ocr/index.js";
import { isAmount, repairSeparators } from "../../src/ocr/read.js";
import { open, REAL, SCANNED } from "./fixtures.js";

function pageOf(texts: string[]): PageModel {
  const runs: TextRun[] = texts.map((text, i) => ({
    text,
    x0: 0,
    x1: 100,
    y0: i * 12,
    y1: i * 12 + 10,
    size: 10,
    confidence: 1,
  }));
  return { number: 1, width: 595, height: 842, runs, rulings: [], extraction: "text" };
}

describe("textLayerUsable / shouldOcr", () => {
  test("a real text page is usable; its scanned copy is not", async () => {
    const text = await open(path.join(REAL, "putuo-finance-bureau-2024-final-account.pdf"));
    const scan = await open(path.join(SCANNED, "putuo-finance-bureau-2024-final-account.scanned.pdf"));
    try {
      const textPage = await readTextPage(text, 8);
      const scanPage = await readTextPage(scan, 8);
      expect(textLayerUsable(textPage)).toBe(true);
      expect(textLayerUsable(scanPage)).toBe(false);
      expect(shouldOcr(textPage, "auto")).toBe(false);
      expect(shouldOcr(scanPage, "auto")).toBe(true);
      expect(shouldOcr(textPage, "always")).toBe(true);
      expect(shouldOcr(scanPage, "never")).toBe(false);
    } finally {
      await text.destroy();
      await scan.destroy();
    }
  });

  test("garbage from fonts without ToUnicode means OCR", () => {
    // GBK byte codes shown as Latin-1, private-use glyph codes, replacement characters.
    expect(textLayerUsable(pageOf(["ÊÕÈë¾öËã±í µ¥Î»£ºÍòÔª", "¸Ê¶¨ºÏ¼Æ 2,946.25"]))).toBe(false);
    expect(
      textLayerUsable(
        pageOf(["\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008\ue009\ue00a\ue00b\ue00c 2,946.25 2,940.05"]),
      ),
    ).toBe(false);
    expect(textLayerUsable(pageOf(["\ufffd".repeat(30)]))).toBe(false);
  });

  test("a page with a page number only has no usable text layer; radical code points are not garbage", () => {
    expect(textLayerUsable(pageOf(["- 8 -"]))).toBe(false);
    expect(
      textLayerUsable(pageOf(["收入决算表 单位：万元", "部⻔决算 ⼀般公共预算财政拨款 2,940.05 合计 2,946.25"])),
    ).toBe(true);
  });
});

describe("amount repair", () => {
  test("two or more points: all but the last were commas", () => {
    expect(repairSeparators("2.106.66")).toBe("2,106.66");
    expect(repairSeparators("1.234.567.89")).toBe("1,234,567.89");
    expect(repairSeparators("16.19")).toBe("16.19");
  });
  test("well-formed amounts", () => {
    for (const t of ["2,946.25", "1466.86", "18", "-", "—", "(12.50)", "-3.20", "108.3%"])
      expect(isAmount(t), t).toBe(true);
    for (const t of ["2,94.25", "1,51190", "上S25", "", "6..2"]) expect(isAmount(t), t).toBe(false);
  });
});
