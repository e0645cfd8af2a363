import type { Binary } from "./image.js";
import type { Gray } from "./raster.js";
import type { PixelBox } from "./cells.js";

/** Copies a rectangle out of a grayscale image, with `pad` white pixels around it. */
export function cropGray(gray: Gray, box: PixelBox, pad = 0): Gray {
  const w = box.x1 - box.x0 + 2 * pad,
    h = box.y1 - box.y0 + 2 * pad;
  const data = new Uint8Array(w * h).fill(255);
  for (let y = box.y0; y < box.y1; y++) {
    const src = y * gray.width;
    data.set(gray.data.subarray(src + box.x0, src + box.x1), (y - box.y0 + pad) * w + pad);
  }
  return { width: w, height: h, data };
}

/** A binary PGM (P5) file: Leptonica reads it with no encoding cost on our side. */
export function toPgm(gray: Gray): Buffer {
  const header = Buffer.from(`P5\n${gray.width} ${gray.height}\n255\n`, "latin1");
  return Buffer.concat([header, Buffer.from(gray.data.buffer, gray.data.byteOffset, gray.data.byteLength)]);
}

/** The bounding box of ink inside `box`, or null when it holds fewer than `minInk` ink pixels. */
export function inkBox(bin: Binary, box: PixelBox, minInk: number): PixelBox | null {
  let x0 = box.x1,
    y0 = box.y1,
    x1 = box.x0 - 1,
    y1 = box.y0 - 1,
    n = 0;
  for (let y = box.y0; y < box.y1; y++) {
    const row = y * bin.width;
    for (let x = box.x0; x < box.x1; x++) {
      if (!bin.data[row + x]) continue;
      n++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return n < minInk ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/**
 * Text lines inside a box: bands of rows holding ink, split at blank rows.
 * Bands thinner than `minHeight` (specks, rule remnants) are dropped.
 */
export function textLines(bin: Binary, box: PixelBox, minHeight: number, maxBlankInLine = 1): PixelBox[] {
  return inkRuns(box.y0, box.y1, (y) => rowHasInk(bin, y, box.x0, box.x1), maxBlankInLine)
    .filter(([start, end]) => end - start >= minHeight)
    .map(([start, end]) => ({ x0: box.x0, y0: start, x1: box.x1, y1: end }));
}

/**
 * Runs of inked positions in [from, to) — rows of a box, or columns of a line — split where more than `maxGap`
 * blank positions follow one another; each as [first inked, last inked + 1].
 */
export function inkRuns(from: number, to: number, hasInk: (at: number) => boolean, maxGap: number): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1,
    lastInk = -1;
  for (let at = from; at <= to; at++) {
    const ink = at < to && hasInk(at);
    if (ink) {
      if (start < 0) start = at;
      lastInk = at;
    } else if (start >= 0 && (at - lastInk > maxGap || at === to)) {
      runs.push([start, lastInk + 1]);
      start = -1;
    }
  }
  return runs;
}

function rowHasInk(bin: Binary, y: number, x0: number, x1: number): boolean {
  const row = y * bin.width;
  for (let x = x0; x < x1; x++) if (bin.data[row + x]) return true;
  return false;
}

/**
 * A line crop with blank gaps wider than `maxGap` narrowed to it, and
 * `pad` white pixels around. Letter-spaced headings (收  入, 支  出) are read
 * far better closed up; figures and ordinary text have no such gaps.
 */
export function cropLine(gray: Gray, bin: Binary, box: PixelBox, pad: number, maxGap: number): Gray {
  const keep: number[] = [];
  let blank = 0;
  for (let x = box.x0; x < box.x1; x++) {
    const ink = columnHasInk(bin, x, box.y0, box.y1);
    blank = ink ? 0 : blank + 1;
    if (blank <= maxGap) keep.push(x);
  }
  const w = keep.length + 2 * pad,
    h = box.y1 - box.y0 + 2 * pad;
  const data = new Uint8Array(w * h).fill(255);
  for (let y = box.y0; y < box.y1; y++) {
    const src = y * gray.width,
      dst = (y - box.y0 + pad) * w + pad;
    for (let i = 0; i < keep.length; i++) data[dst + i] = gray.data[src + keep[i]];
  }
  return { width: w, height: h, data };
}

export function columnHasInk(bin: Binary, x: number, y0: number, y1: number): boolean {
  for (let y = y0; y < y1; y++) if (bin.data[y * bin.width + x]) return true;
  return false;
}

/** Bilinear resize by `factor`. */
export function scaleGray(gray: Gray, factor: number): Gray {
  const w = Math.max(1, Math.round(gray.width * factor)),
    h = Math.max(1, Math.round(gray.height * factor));
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(gray.height - 1, (y + 0.5) / factor - 0.5);
    const y0 = Math.max(0, Math.floor(sy)),
      y1 = Math.min(gray.height - 1, y0 + 1),
      fy = Math.max(0, sy - y0);
    for (let x = 0; x < w; x++) {
      const sx = Math.min(gray.width - 1, (x + 0.5) / factor - 0.5);
      const x0 = Math.max(0, Math.floor(sx)),
        x1 = Math.min(gray.width - 1, x0 + 1),
        fx = Math.max(0, sx - x0);
      const top = gray.data[y0 * gray.width + x0] * (1 - fx) + gray.data[y0 * gray.width + x1] * fx;
      const bottom = gray.data[y1 * gray.width + x0] * (1 - fx) + gray.data[y1 * gray.width + x1] * fx;
      data[y * w + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return { width: w, height: h, data };
}
