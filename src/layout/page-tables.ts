import type { PageModel, PageSize } from "../pdf/model.js";
import { charsToLines, runsToChars, type Char, type TextLine } from "./chars.js";
import { buildGrid, type Grid } from "./grid.js";
import { connectedNetworks, mergeRulings } from "./lines.js";
import { streamNetworks } from "./stream.js";
import { DEFAULT_LAYOUT, type LayoutSettings } from "./settings.js";

/** A table found on one page, with the free text printed just above it (title, 单位 line). */
export interface PageTable {
  page: number;
  /** The page's size: what the table's boxes are relative to. */
  size: PageSize;
  grid: Grid;
  /** Text lines between the previous table (or the page top) and this one, top to bottom. */
  above: TextLine[];
}

/** What the layout stage makes of a page: its tables and its remaining text, in reading order. */
export interface PageLayout {
  page: number;
  tables: PageTable[];
  /** Text outside every table, top to bottom (prose, titles, notes). */
  lines: TextLine[];
}

/** Smallest ruled region (points) taken for a table; smaller networks are underlines or boxes. */
const MIN_TABLE_WIDTH = 120;
const MIN_TABLE_HEIGHT = 8;

export function layoutPage(page: PageModel, s: LayoutSettings = DEFAULT_LAYOUT): PageLayout {
  const chars = runsToChars(page.runs);
  const rulings = mergeRulings(page.rulings, s);
  const grids: Grid[] = [];
  for (const network of connectedNetworks(rulings, s.edgeTolerance)) {
    const grid = buildGrid(page.number, network, chars, s);
    if (grid && grid.x1 - grid.x0 >= MIN_TABLE_WIDTH && grid.y1 - grid.y0 >= MIN_TABLE_HEIGHT) grids.push(grid);
  }
  // Text outside every ruled table may still hold a table printed without rules.
  let lines = charsToLines(charsOutside(chars, grids));
  const streamGrids = streamNetworks(lines, s).map((network) => buildGrid(page.number, network, chars, s)).filter((g): g is Grid => g !== null);
  if (streamGrids.length) {
    grids.push(...streamGrids);
    lines = charsToLines(charsOutside(chars, grids));
  }
  grids.sort((a, b) => a.y0 - b.y0);
  const tables = grids.map((grid, i) => {
    const top = i > 0 ? grids[i - 1].y1 : -Infinity;
    return { page: page.number, size: { width: page.width, height: page.height }, grid, above: lines.filter((l) => l.y0 >= top - 1 && l.y1 <= grid.y0 + 2) };
  });
  return { page: page.number, tables, lines };
}

function charsOutside(chars: Char[], grids: Grid[]): Char[] {
  return chars.filter((c) => !grids.some((g) => centreInside(c, g)));
}

function centreInside(c: Char, g: Grid): boolean {
  const cx = (c.x0 + c.x1) / 2, cy = (c.y0 + c.y1) / 2;
  return cx > g.x0 && cx < g.x1 && cy > g.y0 && cy < g.y1;
}
