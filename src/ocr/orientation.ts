import type { PixelBox } from "./cells.js";
import { cropGray, inkBox, toPgm } from "./crop.js";
import type { Binary } from "./image.js";
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
