import type { PixelRuling } from "./lines.js";
import { DEFAULT_OCR, type OcrSettings } from "./settings.js";

/** A rectangle in pixels, x1/y1 exclusive. */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The reduction for this page: 4, or less where rules lie close (rows of small print scanned at 150 dpi are 20
 * px apart: at a quarter, the rules drawn 3 px thick left 2 px of a row, too small a cell, and the table was lost).
 */
function reductionFor(rulings: PixelRuling[], s: OcrSettings): number {
  let closest = Infinity;
  for (const o of ["h", "v"] as const) {
    const at = rulings
      .filter((r) => r.orientation === o)
      .map((r) => r.at)
      .sort((a, b) => a - b);
    for (let i = 1; i < at.length; i++) if (at[i] - at[i - 1] > 2) closest = Math.min(closest, at[i] - at[i - 1]);
  }
  return Math.max(1, Math.min(s.cellReduce, Math.floor(closest / (3 + s.minFreeRow))));
}

/**
 * Cells of the ruled grid: the regions enclosed by rules. Rules are drawn
 * into a mask (lengthened a little so corners close), and each connected
 * region of free space that does not reach the page edge is one cell. This
 * copes with spanning cells and with rules that do not line up from row to
 * row (as in Shanghai tables) without building rows and columns first.
 */
export function cellsFromRulings(
  rulings: PixelRuling[],
  width: number,
  height: number,
  minCell: number,
  s: OcrSettings = DEFAULT_OCR,
): PixelBox[] {
  const reduce = reductionFor(rulings, s);
  const w = Math.ceil(width / reduce),
    h = Math.ceil(height / reduce);
  const mask = new Uint8Array(w * h);
  for (const r of rulings) drawRule(mask, w, h, r, reduce);
  const label = new Int32Array(w * h);
  const cells: PixelBox[] = [];
  const queue = new Int32Array(w * h);
  let next = 0;
  for (let start = 0; start < w * h; start++) {
    if (mask[start] || label[start]) continue;
    next++;
    const box = fill(mask, label, queue, w, h, start, next);
    if (!box) continue;
    const cell = { x0: box.x0 * reduce, y0: box.y0 * reduce, x1: (box.x1 + 1) * reduce, y1: (box.y1 + 1) * reduce };
    // A reduced pixel is free only when wholly free: the region may be a partial reduced pixel, up to reduce - 1
    // pixels, smaller than the space between its rules. Xi'an 安监 p6's row of 27 px between rules came out 15 px
    // at 1/3 scale, under the 16 px of a cell, and its labels were lost.
    const slack = reduce - 1;
    if (cell.x1 - cell.x0 + slack >= minCell && cell.y1 - cell.y0 + slack >= minCell) cells.push(cell);
  }
  return cells.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

function drawRule(mask: Uint8Array, w: number, h: number, r: PixelRuling, reduce: number): void {
  // Lengthen by 12 px: rules of a scan often stop short of the crossing one.
  const longer = Math.round(12 / reduce);
  const at = Math.round(r.at / reduce);
  const from = Math.max(0, Math.floor(r.from / reduce) - longer);
  const to = Math.min((r.orientation === "h" ? w : h) - 1, Math.ceil(r.to / reduce) + longer);
  for (let t = from; t <= to; t++) {
    for (let d = -1; d <= 1; d++) {
      const a = at + d;
      if (r.orientation === "h" && a >= 0 && a < h) mask[a * w + t] = 1;
      if (r.orientation === "v" && a >= 0 && a < w) mask[t * w + a] = 1;
    }
  }
}

/** Flood-fills one free region; returns its box, or null when it touches the page edge (outside any table). */
function fill(
  mask: Uint8Array,
  label: Int32Array,
  queue: Int32Array,
  w: number,
  h: number,
  start: number,
  id: number,
): PixelBox | null {
  let head = 0,
    tail = 0,
    edge = false;
  let x0 = w,
    y0 = h,
    x1 = -1,
    y1 = -1;
  queue[tail++] = start;
  label[start] = id;
  while (head < tail) {
    const p = queue[head++];
    const x = p % w,
      y = (p - x) / w;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    if (x === 0 || y === 0 || x === w - 1 || y === h - 1) edge = true;
    if (x > 0) tail = visit(mask, label, queue, tail, p - 1, id);
    if (x < w - 1) tail = visit(mask, label, queue, tail, p + 1, id);
    if (y > 0) tail = visit(mask, label, queue, tail, p - w, id);
    if (y < h - 1) tail = visit(mask, label, queue, tail, p + w, id);
  }
  return edge ? null : { x0, y0, x1, y1 };
}

function visit(mask: Uint8Array, label: Int32Array, queue: Int32Array, tail: number, q: number, id: number): number {
  if (mask[q] || label[q]) return tail;
  label[q] = id;
  queue[tail] = q;
  return tail + 1;
}
