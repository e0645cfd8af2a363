/** Page pixels at a working resolution (src/ocr/raster.ts): scans finer than maxScanDpi are reduced. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { openPdf } from "../../src/pdf/load.js";
import { rasterizePage, shrinkGray } from "../../src/ocr/raster.js";
import { ocrSettings } from "../../src/ocr/settings.js";

describe("area-average reduction", () => {
  test("each pixel is the mean of the area it covers (3 -> 2: two thirds and one third)", () => {
    const gray = { width: 3, height: 3, data: Uint8Array.from([0, 90, 180, 0, 90, 180, 0, 90, 180]) };
    const out = shrinkGray(gray, 2 / 3);
    expect([out.width, out.height]).toEqual([2, 2]);
    expect([...out.data]).toEqual([30, 150, 30, 150]);
  });

  test("a decimal point (3 x 3 black at 300 dpi, 10 pt print) stays ink at 200 dpi, wherever it falls", () => {
    for (const at of [0, 1, 2]) {
      const data = new Uint8Array(9 * 9).fill(255);
      for (let y = at; y < at + 3; y++) for (let x = at; x < at + 3; x++) data[y * 9 + x] = 0;
      const out = shrinkGray({ width: 9, height: 9, data }, 2 / 3);
      expect(Math.min(...out.data)).toBeLessThan(100);
    }
  });
});

/**
 * The reduction as first written: every share of a source row added in turn into a cleared float32 row, then every
 * share of a column in turn into a double, rounded. shrinkGray's loops are arranged for speed (three shares at most
 * across, a 0 share where a column has fewer) and must give these pixels, not merely near ones.
 */
function shrinkPlain(gray: { width: number; height: number; data: Uint8Array }, factor: number): Uint8Array {
  const { width, height } = gray;
  const w = Math.max(1, Math.round(width * factor)),
    h = Math.max(1, Math.round(height * factor));
  const shares = (from: number, to: number, i: number) => {
    const ratio = from / to,
      a = i * ratio,
      b = (i + 1) * ratio;
    const out: [number, number][] = [];
    for (let at = Math.floor(a); at < Math.min(from, Math.ceil(b)) && out.length < Math.ceil(ratio) + 1; at++) {
      const part = Math.min(b, at + 1) - Math.max(a, at);
      if (part > 1e-9) out.push([at, Math.fround(part / ratio)]);
    }
    return out;
  };
  const data = new Uint8Array(w * h);
  const down = new Float32Array(width);
  for (let y = 0; y < h; y++) {
    down.fill(0);
    for (const [row, share] of shares(height, h, y))
      for (let x = 0; x < width; x++) down[x] += gray.data[row * width + x] * share;
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (const [col, share] of shares(width, w, x)) sum += down[col] * share;
      data[y * w + x] = sum >= 255 ? 255 : Math.round(sum);
    }
  }
  return data;
}

test("the reduction gives the pixels of every share added in turn (300 -> 200 dpi, 250 -> 200, others)", () => {
  for (const [width, height, factor] of [
    [351, 248, 2 / 3],
    [248, 351, 2 / 3],
    [293, 207, 0.8],
    [301, 203, 0.5],
    [97, 61, 0.3],
  ]) {
    // Print-like: paper, with dark and mid-grey pixels scattered (a fixed sequence, the same each run).
    const data = new Uint8Array(width * height);
    let seed = width * 31 + height;
    for (let i = 0; i < data.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      data[i] = (seed >> 17) % 3 === 0 ? (seed >> 8) & 255 : 255;
    }
    const gray = { width, height, data };
    const got = shrinkGray(gray, factor).data,
      want = shrinkPlain(gray, factor);
    expect(got.length).toBe(want.length);
    expect(got.filter((v, i) => v !== want[i]).length).toBe(0);
  }
});

/** The mean grey of [x0, x0 + w) x [y0, y0 + h), each pixel weighted by the share of it inside. */
function areaMean(gray: { width: number; data: Uint8Array }, x0: number, y0: number, w: number, h: number): number {
  let sum = 0;
  for (let y = Math.floor(y0); y < y0 + h; y++) {
    const dy = Math.min(y + 1, y0 + h) - Math.max(y, y0);
    for (let x = Math.floor(x0); x < x0 + w; x++) {
      const dx = Math.min(x + 1, x0 + w) - Math.max(x, x0);
      sum += gray.data[y * gray.width + x] * dx * dy;
    }
  }
  return sum / (w * h);
}

describe("scan resolution", () => {
  // A 300 dpi scan of the corpus: its page image is 3508 x 2480 (pdfimages -list).
  const file = path.resolve("samples/scans/fuzhou-medical-security-2026-budget-p12-14.scanned.pdf");

  test("a 300 dpi scan is read at 200 dpi; with a higher maxScanDpi at its own 300", async () => {
    const pdf = await openPdf(new Uint8Array(readFileSync(file)));
    try {
      const reduced = await rasterizePage(pdf, 1);
      expect(reduced.gray.width).toBe(2339);
      expect(reduced.scale * 72).toBeCloseTo(200, 0);
      const native = await rasterizePage(pdf, 1, ocrSettings({ maxScanDpi: 400 }));
      expect([native.gray.width, native.gray.height]).toEqual([3508, 2480]);
      expect(native.scale * 72).toBeCloseTo(300, 0);
      // The reduction reads the colour image a row at a time: each pixel is still the mean of the area it covers.
      const rx = native.gray.width / reduced.gray.width,
        ry = native.gray.height / reduced.gray.height;
      for (let i = 0; i < reduced.gray.data.length; i += 997) {
        const x = i % reduced.gray.width,
          y = Math.floor(i / reduced.gray.width);
        const mean = areaMean(native.gray, x * rx, y * ry, rx, ry);
        expect(Math.abs(reduced.gray.data[i] - mean)).toBeLessThanOrEqual(1);
      }
    } finally {
      await pdf.destroy();
    }
  });
});
