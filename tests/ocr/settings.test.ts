import { describe, expect, it } from "vitest";
import type { PageModel } from "../../src/pdf/model.js";
import { DEFAULT_OCR, ocrSettings, shouldOcr } from "../../src/ocr/index.js";
import { snapCell } from "../../src/ocr/vocabulary.js";
import { extractDocument } from "../../src/pipeline.js";

const page: PageModel = {
  number: 1,
  width: 595,
  height: 842,
  runs: [
    {
      text: "收入支出决算总表 单位：万元 一般公共预算财政拨款收入",
      x0: 0,
      y0: 0,
      x1: 300,
      y1: 10,
      size: 10,
      confidence: 1,
    },
  ],
  rulings: [],
  extraction: "text",
};

describe("OCR settings", () => {
  it("fill every tolerance with its documented default", () => {
    expect(DEFAULT_OCR).toMatchObject({ minTextChars: 20, maxJunkShare: 0.15, renderDpi: 200, sureRead: 0.9 });
    expect(ocrSettings({ minTextChars: 5 })).toEqual({ ...DEFAULT_OCR, minTextChars: 5 });
  });

  it("refuse a bad or unknown setting with a one-line error naming it", () => {
    expect(() => ocrSettings({ maxJunkShare: 2 })).toThrow(/^invalid OCR setting maxJunkShare: /);
    expect(() => ocrSettings({ minTextChar: 1 } as never)).toThrow(/minTextChar/);
  });

  it("reach the stage: the text-layer test and the vocabulary use the values given", () => {
    expect(shouldOcr(page, "auto")).toBe(false);
    expect(shouldOcr(page, "auto", ocrSettings({ minTextChars: 1000 }))).toBe(true);
    // 基本支出 is a four-character term: snapped to by default, not when terms must be five characters long.
    expect(snapCell("基本文出")).toBe("基本支出");
    expect(snapCell("基本文出", null, ocrSettings({ minSnappedLength: 5 }))).toBeNull();
  });

  it("are validated by extractDocument before the file is read", async () => {
    await expect(extractDocument("no-such-file.pdf", { ocrSettings: { renderDpi: -1 } })).rejects.toThrow(
      /invalid OCR setting renderDpi/,
    );
  });
});
