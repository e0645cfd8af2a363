import type { PixelBox } from "./cells.js";
import { columnHasInk, cropGray, inkBox, inkRuns, textLines, toPgm } from "./crop.js";
import { halfTurn, type Binary } from "./image.js";
import type { Gray, PageRaster } from "./raster.js";
import type { OcrSettings } from "./settings.js";
import { recognize } from "./tesseract.js";

/**
 * A landscape page fed through the scanner sideways, its image left so (no /Rotate on the page: raw scanner
 * output, common in archives). Its table's grid is found as well as upright, but turned: rows are short and
 * columns wide in every budget table, so most of its cells come out taller than wide, and nothing in them reads.
 */
export function liesSideways(cells: PixelBox[], s: OcrSettings): boolean {
  if (cells.length < s.sidewaysMinCells) return false;
  const tall = cells.filter((c) => c.y1 - c.y0 > c.x1 - c.x0).length;
  return tall >= cells.length * s.sidewaysTallShare;
}

/**
 * A page fed upside down (a half turn, no /Rotate to say so) keeps its grid's shape, so the grid cannot tell; its
 * print can. Points, commas and Chinese punctuation (、，。) sit at the foot of a line: a mark of ink standing alone
 * between blank columns, narrow, in the bottom of a one-line cell is print the right way up, and the same mark in
 * the top of its line is print turned over. A budget page holds dozens of decimal points.
 */
export async function liesUpsideDown(gray: Gray, bin: Binary, cells: PixelBox[], s: OcrSettings): Promise<boolean> {
  const { head, foot } = punctuationSides(bin, cells, s);
  if (head === 0 || head < foot * s.upsideDownMarkRatio) return false;
  if (head >= s.upsideDownMinMarks) return true;
  // Marks leaning to the top, too few to tell (a page of few figures, or points run into their digits): its
  // lines are read both ways. Only then: every read moves tesseract's adaptive classifier for the reads after it.
  return surerTurned(gray, bin, cells, s);
}

/**
 * Whether the page's longest one-line cells read surer turned a half turn than as they lie: print read upside
 * down comes back with little confidence (as uprightTurn's quarter turns).
 */
async function surerTurned(gray: Gray, bin: Binary, cells: PixelBox[], s: OcrSettings): Promise<boolean> {
  const lines = cells
    .map((c) => inkBox(bin, c, s.minCellInk))
    .filter((b): b is PixelBox => b !== null && b.x1 - b.x0 >= 3 * (b.y1 - b.y0))
    .filter((b) => textLines(bin, b, s.upsideDownMinLinePx).length === 1)
    .sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0))
    .slice(0, s.sidewaysSampleLines);
  const sureness = async (turned: boolean) => {
    const reads = lines.map((b) => {
      const crop = cropGray(gray, b, 4);
      return recognize(toPgm(turned ? halfTurn(crop) : crop), "text");
    });
    return (await Promise.all(reads)).reduce((sum, r) => sum + r.confidence, 0);
  };
  const [asLying, turned] = await Promise.all([sureness(false), sureness(true)]);
  return turned > asLying;
}

/** liesUpsideDown's count: narrow lone marks at the head and at the foot of one-line cells. */
export function punctuationSides(bin: Binary, cells: PixelBox[], s: OcrSettings): { head: number; foot: number } {
  let foot = 0,
    head = 0;
  for (const cell of cells) {
    const ink = inkBox(bin, cell, s.minCellInk);
    const lines = ink ? textLines(bin, ink, s.upsideDownMinLinePx) : [];
    if (lines.length !== 1) continue;
    const line = lines[0],
      h = line.y1 - line.y0;
    for (const [x0, x1] of inkRuns(line.x0, line.x1, (x) => columnHasInk(bin, x, line.y0, line.y1), 0)) {
      if (x1 - x0 > h * s.upsideDownMarkWidth) continue;
      const mark = inkBox(bin, { x0, y0: line.y0, x1, y1: line.y1 }, 1)!;
      if (!pointLike(mark, h, s)) continue;
      if (mark.y1 <= line.y0 + h * s.upsideDownMarkDepth) head++;
      else if (mark.y0 >= line.y1 - h * s.upsideDownMarkDepth) foot++;
    }
  }
  return { head, foot };
}

/**
 * A point, a comma or a 、: a speck of a fifth of the line's height or more (smaller ones are noise), and not flat
 * (the stroke ends of a character that stand apart are flat).
 */
function pointLike(mark: PixelBox, lineHeight: number, s: OcrSettings): boolean {
  const w = mark.x1 - mark.x0,
    h = mark.y1 - mark.y0;
  return h >= lineHeight * s.upsideDownMarkMinSize && h >= w * s.upsideDownMarkMinShape;
}

/** The page turned a half turn: its size and pixels per point stay. */
export function halfTurnRaster(raster: PageRaster): PageRaster {
  return { ...raster, gray: halfTurn(raster.gray) };
}

/** The image turned a quarter turn, clockwise or not. */
export function quarterTurn<T extends Gray | Binary>(image: T, clockwise: boolean): T {
  const { width: w, height: h, data } = image;
  const out = new Uint8Array(w * h);
  // Clockwise, input (x, y) lands on (h - 1 - y, x); anticlockwise on (y, w - 1 - x). Output rows are h wide.
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const at = clockwise ? x * h + (h - 1 - y) : (w - 1 - x) * h + y;
      out[at] = data[y * w + x];
    }
  return { ...image, width: h, height: w, data: out };
}

/** The page turned a quarter turn: its size in points swaps, its pixels per point stay. */
export function turnRaster(raster: PageRaster, clockwise: boolean): PageRaster {
  return { ...raster, gray: quarterTurn(raster.gray, clockwise), width: raster.height, height: raster.width };
}

/**
 * Which quarter turn puts a sideways page upright: its longest single lines of print (cells whose ink is long
 * and narrow) read either way by the Chinese model, the turn whose reads are surer winning. Print read upside
 * down or mirrored comes back with little confidence.
 */
export async function uprightTurn(gray: Gray, bin: Binary, cells: PixelBox[], s: OcrSettings): Promise<boolean> {
  const lines = cells
    .map((c) => inkBox(bin, c, s.minCellInk))
    .filter((b): b is PixelBox => b !== null && b.y1 - b.y0 >= 3 * (b.x1 - b.x0))
    .sort((a, b) => b.y1 - b.y0 - (a.y1 - a.y0))
    .slice(0, s.sidewaysSampleLines);
  const sureness = async (clockwise: boolean) => {
    const reads = lines.map((b) => recognize(toPgm(quarterTurn(cropGray(gray, b, 4), clockwise)), "text"));
    return (await Promise.all(reads)).reduce((sum, r) => sum + r.confidence, 0);
  };
  const [clockwise, anticlockwise] = await Promise.all([sureness(true), sureness(false)]);
  return clockwise >= anticlockwise;
}
