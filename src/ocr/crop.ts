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
 * `line` widened left over the columns before it, within `bound` and at most `reach` columns, whose grey holds ink
 * in the line's rows: any pixel whitenPaper left darker than paper. On pale print at 120 dpi
 * the binary cut keeps only a glyph's darkest strokes: the 3 of 30102 printed a pixel off its cell's left rule
 * kept only its right-hand curve, so the crop began there and the digit model read 0102 (Jiangsu 政协 2017 p9).
 * Not rightwards: widened on both sides the corpus's Xi'an 人社 p30 read 482.46 as 182.46 (flagged).
 */
export function widenToGreyInk(gray: Gray, line: PixelBox, bound: PixelBox, reach: number): PixelBox {
  const inkAt = (x: number) => {
    for (let y = line.y0; y < line.y1; y++) if (gray.data[y * gray.width + x] < 255) return true;
    return false;
  };
  let x0 = line.x0;
  while (x0 > bound.x0 && line.x0 - x0 < reach && inkAt(x0 - 1)) x0--;
  return { ...line, x0 };
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
export function cropLine(
  gray: Gray,
  bin: Binary,
  box: PixelBox,
  pad: number,
  maxGap: number,
  afterPoint = maxGap,
): Gray {
  return cropLineFine(gray, 1, bin, box, pad, maxGap, afterPoint);
}

/**
 * cropLine cut from `fine`, the page on a grid `factor` times finer (rotateEnlarged): the columns kept and the
 * box are the page's, each page pixel `factor` × `factor` pixels of the crop, and so is the white `pad`.
 */
export function cropLineFine(
  fine: Gray,
  factor: number,
  bin: Binary,
  box: PixelBox,
  pad: number,
  maxGap: number,
  afterPoint = maxGap,
): Gray {
  const columns = keptColumns(bin, box, maxGap, afterPoint);
  const keep =
    factor === 1 ? columns : columns.flatMap((x) => Array.from({ length: factor }, (_, i) => x * factor + i));
  const w = keep.length + 2 * pad * factor,
    rows = (box.y1 - box.y0) * factor,
    h = rows + 2 * pad * factor;
  const data = new Uint8Array(w * h).fill(255);
  for (let y = 0; y < rows; y++) {
    const fy = box.y0 * factor + y;
    if (fy >= fine.height) break;
    const src = fy * fine.width,
      dst = (y + pad * factor) * w + pad * factor;
    for (let i = 0; i < keep.length; i++) if (keep[i] < fine.width) data[dst + i] = fine.data[src + keep[i]];
  }
  return { width: w, height: h, data };
}

/** The columns of a line cropLine keeps: blank gaps wider than `maxGap` (`afterPoint` after a point) cut to it. */
function keptColumns(bin: Binary, box: PixelBox, maxGap: number, afterPoint: number): number[] {
  const keep: number[] = [];
  let blank = 0,
    cap = maxGap;
  for (let x = box.x0; x < box.x1; x++) {
    const ink = columnHasInk(bin, x, box.y0, box.y1);
    if (ink && blank > 0) cap = maxGap;
    blank = ink ? 0 : blank + 1;
    // The blank after a decimal point: the ink run just ended is a point when it is small and low.
    if (blank === 1 && afterPoint < maxGap && isPoint(bin, box, x)) cap = afterPoint;
    if (blank <= cap) keep.push(x);
  }
  return keep;
}

/**
 * Boxes of a grey image set left to right on one line, centred on it, `gap` pixels apart, with `pad` white
 * around: a column of characters printed one under another, made into the line it reads as.
 */
export function sideBySide(gray: Gray, boxes: PixelBox[], gap: number, pad: number): Gray {
  const tallest = Math.max(...boxes.map((b) => b.y1 - b.y0));
  const w = boxes.reduce((sum, b) => sum + b.x1 - b.x0, 0) + gap * (boxes.length - 1) + 2 * pad,
    h = tallest + 2 * pad;
  const data = new Uint8Array(w * h).fill(255);
  let x = pad;
  for (const b of boxes) {
    const top = pad + Math.floor((tallest - (b.y1 - b.y0)) / 2);
    for (let y = b.y0; y < b.y1; y++) {
      const src = y * gray.width;
      data.set(gray.data.subarray(src + b.x0, src + b.x1), (top + y - b.y0) * w + x);
    }
    x += b.x1 - b.x0 + gap;
  }
  return { width: w, height: h, data };
}

/**
 * Whether the ink run ending just before column `x` of a line is a decimal point: no wider than a quarter of
 * the line's height, and all of its ink in the line's lower third.
 */
function isPoint(bin: Binary, box: PixelBox, x: number): boolean {
  const h = box.y1 - box.y0;
  let start = x - 1;
  while (start > box.x0 && columnHasInk(bin, start - 1, box.y0, box.y1)) start--;
  if (x - start > Math.max(1, Math.round(0.25 * h))) return false;
  const top = box.y0 + Math.floor((2 * h) / 3);
  for (let c = start; c < x; c++) if (columnHasInk(bin, c, box.y0, top)) return false;
  return true;
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
  // The source columns and weights are the same on every row: worked out once.
  const left = new Int32Array(w),
    right = new Int32Array(w),
    fxs = new Float64Array(w);
  for (let x = 0; x < w; x++) {
    const sx = Math.min(gray.width - 1, (x + 0.5) / factor - 0.5);
    left[x] = Math.max(0, Math.floor(sx));
    right[x] = Math.min(gray.width - 1, left[x] + 1);
    fxs[x] = Math.max(0, sx - left[x]);
  }
  const g = gray.data;
  for (let y = 0; y < h; y++) {
    const sy = Math.min(gray.height - 1, (y + 0.5) / factor - 0.5);
    const y0 = Math.max(0, Math.floor(sy)),
      y1 = Math.min(gray.height - 1, y0 + 1),
      fy = Math.max(0, sy - y0);
    const row0 = y0 * gray.width,
      row1 = y1 * gray.width,
      out = y * w;
    for (let x = 0; x < w; x++) {
      const fx = fxs[x];
      const top = g[row0 + left[x]] * (1 - fx) + g[row0 + right[x]] * fx;
      const bottom = g[row1 + left[x]] * (1 - fx) + g[row1 + right[x]] * fx;
      data[out + x] = (top * (1 - fy) + bottom * fy) | 0;
    }
  }
  return { width: w, height: h, data };
}
