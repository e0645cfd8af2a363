/**
 * The deskew's interpolation (src/ocr/image.ts rotateGray) on a real crop of small print: Xi'an health p153 at
 * 150 dpi before deskewing (tests/ocr/crops/README.md), turned by the page's skew (1.4°). The scan's own rotation
 * has blurred it once; a bilinear turn blurs its 9 px glyphs again and halves their dark cores (292 pixels
 * darker than 150 -> 142). The cubic (OcrSettings.deskewCubic, opt-in) keeps them (230 at -0.5).
 */
import path from "node:path";
import { expect, test } from "vitest";
import { rotateGray } from "../../src/ocr/image.js";
import type { Gray } from "../../src/ocr/raster.js";
import { DEFAULT_OCR } from "../../src/ocr/settings.js";
import { CROPS, readPgm } from "./fixtures.js";

/** Pixels darker than `level`, a margin of 3 px left out (the corners a turn leaves white). */
function darkerThan(gray: Gray, level: number): number {
  let n = 0;
  for (let y = 3; y < gray.height - 3; y++) {
    for (let x = 3; x < gray.width - 3; x++) if (gray.data[y * gray.width + x] < level) n++;
  }
  return n;
}

test("deskewing small print by the cubic keeps the dark cores of its strokes, and adds no ink", async () => {
  const raw = await readPgm(path.join(CROPS, "xian-p153-raw-labels.pgm"));
  expect(DEFAULT_OCR.deskewCubic).toBeNull();
  const turned = rotateGray(raw, 1.4, -0.5);
  // Cores: at least 70% of them stay darker than 150 (the cubic keeps 230 of 292); the bilinear turn keeps 49%.
  expect(darkerThan(raw, 150)).toBe(292);
  expect(darkerThan(turned, 150)).toBeGreaterThanOrEqual(0.7 * 292);
  expect(darkerThan(rotateGray(raw, 1.4), 150)).toBeLessThan(0.5 * 292);
  // Ink at the page's threshold (213): as much as before, within 2% (a sharper kernel must not ring into ink).
  expect(Math.abs(darkerThan(turned, 213) - darkerThan(raw, 213))).toBeLessThan(0.02 * darkerThan(raw, 213));
});
