import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { cropLine, inkBox, scaleGray, toPgm } from "../../src/ocr/crop.js";
import { binarize } from "../../src/ocr/image.js";
import type { Gray } from "../../src/ocr/raster.js";
import { FigureCheck, readLine } from "../../src/ocr/read.js";
import { DEFAULT_OCR, ocrSettings } from "../../src/ocr/settings.js";
import { recognize, shutdownOcr } from "../../src/ocr/tesseract.js";
import { CROPS, readPgm } from "./fixtures.js";

afterAll(() => shutdownOcr());

/** A figure's line as page.ts crops it (200 dpi crops): for the Chinese model as it is, for the digit model enlarged. */
async function figure(file: string, pointGap = DEFAULT_OCR.pointGap): Promise<{ text: Gray; digits: Gray }> {
  const gray = await readPgm(path.join(CROPS, file));
  const bin = binarize(gray);
  const box = inkBox(bin, { x0: 0, y0: 0, x1: gray.width, y1: gray.height }, 1)!;
  const h = box.y1 - box.y0;
  const pad = Math.max(8, Math.round(0.7 * h));
  const crop = (point: number) => cropLine(gray, bin, box, pad, Math.round(0.6 * h), Math.round(point * h));
  return {
    text: crop(0.6),
    digits: scaleGray(crop(pointGap), Math.min(2, DEFAULT_OCR.digitLineHeight / h)),
  };
}

test("the blank after a decimal point printed as wide as a digit is narrowed for the digit model (Fuzhou p12)", async () => {
  // 1073. 21 as printed in the 合计 column of Fuzhou 医保 支出预算总表, 300 dpi scan reduced to 200.
  const open = await figure("fuzhou-p12-1073.21.pgm", 0.6);
  const narrowed = await figure("fuzhou-p12-1073.21.pgm");
  // 8 blank columns after the point (0.44 of the 18 px line) narrowed to 3, then enlarged 1.9 times.
  expect(open.digits.width - narrowed.digits.width).toBeGreaterThanOrEqual(9);
  expect(narrowed.text.width).toBe(open.text.width); // the Chinese model's image is as before
  const before = await recognize(toPgm(open.digits), "digits");
  const after = await recognize(toPgm(narrowed.digits), "digits");
  // Read right either way, but only sure with the gap narrowed: no second read by the Chinese model needed.
  expect(before.confidence).toBeLessThan(DEFAULT_OCR.digitsFirstAccept);
  expect(after.text).toBe("1073.21");
  expect(after.confidence).toBeGreaterThanOrEqual(DEFAULT_OCR.digitsFirstAccept);
});

test("a page's sure digit reads are checked on a sample: the digit model reads Xi'an HRSS's 4 as 1, surely", async () => {
  // 482.46 (西安市人事考试中心 部门预算/合计, Xi'an HRSS 2020 收入总表 p30), the line image the digit model is given
  // (enlarged, the blank after the point narrowed); both models read it here.
  const line = await readPgm(path.join(CROPS, "xian-hrss-p30-482.46-line.pgm"));
  const images = { text: () => line, digits: () => line };
  const alone = await readLine(images, "digits", DEFAULT_OCR);
  expect(alone.text).toBe("182.16");
  // The digit model was sure of it; its "1" is inked as wide as the line's other digits (wide-ones.ts), so the
  // read is flagged even outside the sample.
  expect(alone.confidence).toBeLessThan(0.8);
  const unjudged = await readLine(images, "digits", ocrSettings({ wideOne: 9, wideLoneOne: 9 }));
  expect(unjudged.text).toBe("182.16");
  expect(unjudged.confidence).toBeGreaterThanOrEqual(DEFAULT_OCR.digitsFirstAccept);
  // As the first sure read of its page it is one of the sample: the Chinese model reads 482.46, and the digit
  // model's confidence is no vote against it; kept, flagged (the two differ).
  const checked = await readLine(images, "digits", DEFAULT_OCR, new FigureCheck(DEFAULT_OCR.figureSample));
  expect(checked.text).toBe("482.46");
  expect(checked.confidence).toBeLessThan(0.8);
});

test("FigureCheck: a sure read stands alone only after the sample agreed on each of its digits twice", async () => {
  const check = new FigureCheck(3);
  const places = [0, 1, 2, 3].map(() => check.enter(40));
  expect(await check.take(places[0], "0.00")).toBe(true);
  expect(await check.take(places[1], "10.00")).toBe(true); // 1 not yet in the sample twice
  expect(await check.take(places[2], "100.00")).toBe(true);
  expect(await check.take(places[3], "1.00")).toBe(false); // full: 0 and 1 in the sample twice or more
  const vouches = check.vouches("1.00");
  const vouchesFor4 = check.vouches("4.00");
  check.record(true, "0.00");
  check.record(true, "10.00");
  check.record(true, "100.00");
  expect(await vouches).toBe(true);
  expect(await vouchesFor4).toBe(false); // no 4 in the sample
  const failing = new FigureCheck(2);
  const [a, b] = [failing.enter(40), failing.enter(40)];
  void failing.take(a, "598.11");
  void failing.take(b, "598.11");
  const later = failing.vouches("598.11");
  failing.record(false, "598.11"); // the Chinese model read 598.41
  expect(await later).toBe(false);
});

test("FigureCheck: the sample is taken in the strips' order (by height, then as asked), whichever come back first", async () => {
  // Three lines asked for in this order; the strip holding the third may come back first.
  const sampled = async (heights: number[], order: number[]) => {
    const check = new FigureCheck(2, 1);
    const reads = ["1.00", "2.00", "1.00"];
    const places = heights.map((h) => check.enter(h));
    const taken: Promise<boolean>[] = [];
    for (const i of order) taken[i] = check.take(places[i], reads[i]);
    return Promise.all(taken);
  };
  for (const order of [[0, 1, 2], [2, 1, 0], [1, 2, 0]]) {
    expect(await sampled([40, 40, 40], order)).toEqual([true, true, false]);
    // The third line is shorter: strips.ts stacks it first, and it is considered first.
    expect(await sampled([40, 40, 36], order)).toEqual([false, true, true]);
  }
});

test("FigureCheck: the outcome waits for every line entered, not only the sample's answers", async () => {
  const check = new FigureCheck(16);
  const first = check.enter(40),
    second = check.enter(40);
  expect(await check.take(first, "12.00")).toBe(true);
  check.record(true, "12.00");
  let settled = false;
  const vouches = check.vouches("12.00").then((v) => ((settled = true), v));
  await new Promise((r) => setImmediate(r));
  // Answered, but the second line's read is not in yet: it may still join the sample.
  expect(settled).toBe(false);
  expect(await check.take(second, "12.00")).toBe(true);
  check.record(true, "12.00");
  expect(await vouches).toBe(true);
});
