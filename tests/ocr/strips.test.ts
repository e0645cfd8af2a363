import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { cropGray, inkBox, textLines, toPgm } from "../../src/ocr/crop.js";
import { preparePage } from "../../src/ocr/page.js";
import type { Gray } from "../../src/ocr/raster.js";
import { isAmount } from "../../src/ocr/read.js";
import { readAt, recognizeInStrip, stackLines } from "../../src/ocr/strips.js";
import { ocrStats, recognize, recognizeBlock, shutdownOcr } from "../../src/ocr/tesseract.js";
import { open, SYNTHETIC } from "./fixtures.js";

afterAll(() => shutdownOcr());

const grey = (width: number, height: number, value: number): Gray => ({
  width,
  height,
  data: new Uint8Array(width * height).fill(value),
});

test("stackLines: each line at its span, left-aligned, white between; a line's paper is made white", () => {
  const ink = grey(10, 4, 0);
  const faint = grey(6, 10, 200);
  faint.data.fill(20, 0, 12); // two dark rows on light grey paper
  const { image, spans } = stackLines([ink, faint]);
  expect(image.width).toBe(10);
  expect(spans).toEqual([
    [8, 12],
    [20, 30],
  ]);
  expect(image.height).toBe(8 + 4 + 8 + 10 + 10);
  expect(image.data[8 * 10]).toBe(0);
  expect(image.data[16 * 10]).toBe(255); // the white between
  expect(image.data[20 * 10]).toBe(20); // the faint line's ink kept
  expect(image.data[25 * 10]).toBe(255); // its grey paper whitened
  expect(image.data[20 * 10 + 8]).toBe(255); // right of a narrower line
});

test("readAt: the one line found within a span is its read; none, two, or one reaching another span is not", () => {
  const spans: [number, number][] = [
    [10, 30],
    [50, 70],
  ];
  const line = (y0: number, y1: number, text: string) => ({ y0, y1, text, confidence: 0.9 });
  expect(readAt([line(12, 28, "1,234.56"), line(52, 68, "7.00")], spans, 1)).toEqual({ text: "7.00", confidence: 0.9 });
  expect(readAt([line(12, 28, "1,234.56")], spans, 1)).toBeNull();
  expect(readAt([line(12, 20, "1"), line(21, 28, "2")], spans, 0)).toBeNull();
  expect(readAt([line(12, 55, "1,234.567")], spans, 0)).toBeNull();
});

/** The page's cells that hold one line of ink, each cropped with a margin, as the OCR crops a figure. */
function oneLineCells(page: Awaited<ReturnType<typeof preparePage>>) {
  return page.cells
    .map((cell) => inkBox(page.bin, cell, 20))
    .filter((ink) => ink !== null && textLines(page.bin, ink, 8).length === 1)
    .map((ink) => cropGray(page.gray, ink!, 12));
}

test("figures cut from a scanned page (Wuhan 青山 p4) read in a strip as read alone, in fewer jobs", async () => {
  const pdf = await open(path.join(SYNTHETIC, "wuhan-qingshan-social-insurance-2023-final-account.scanned.pdf"));
  try {
    const page = await preparePage(pdf, 4);
    const crops = oneLineCells(page);
    const alone = await Promise.all(crops.map((c) => recognize(toPgm(c), "digits")));
    const figures = crops.filter((_, i) => isAmount(alone[i].text) && alone[i].text.includes("."));
    const expected = alone.filter((r) => isAmount(r.text) && r.text.includes(".")).map((r) => r.text);
    expect(figures.length).toBeGreaterThanOrEqual(20);
    expect(expected).toContain("962.77"); // 本年收入合计, as printed on the page
    const blank = grey(80, 40, 255);
    const jobs = ocrStats.digits;
    const inStrip = await Promise.all([...figures, blank].map((c) => recognizeInStrip(c, "digits")));
    expect(inStrip.slice(0, -1).map((r) => r.text)).toEqual(expected);
    // The blank line gives nothing in the strip, so it is read alone: still nothing.
    expect(inStrip.at(-1)!.text).toBe("");
    expect(ocrStats.digits - jobs).toBeLessThanOrEqual(4);
  } finally {
    await pdf.destroy();
  }
}, 120_000);

test("the digit model reads a strip as a block and a lone line as one line, whichever layout it is set up with", async () => {
  const pdf = await open(path.join(SYNTHETIC, "wuhan-qingshan-social-insurance-2023-final-account.scanned.pdf"));
  try {
    const page = await preparePage(pdf, 4);
    const crops = oneLineCells(page);
    const alone = await Promise.all(crops.map((c) => recognize(toPgm(c), "digits")));
    const figures = [...crops.keys()].filter((i) => isAmount(alone[i].text) && alone[i].text.includes(".")).slice(0, 2);
    expect(figures).toHaveLength(2);
    const two = toPgm(stackLines(figures.map((i) => crops[i])).image);
    // As a block (psm 6, as strips are read): the two figures, each its own line, each read as alone.
    const lines = await recognizeBlock(two, "digits");
    expect(lines?.map((l) => l.text)).toEqual(figures.map((i) => alone[i].text));
    // As one line (psm 7, as a line the strip lost is read): never split into lines.
    expect((await recognize(two, "digits")).text).not.toContain("\n");
  } finally {
    await pdf.destroy();
  }
}, 120_000);
