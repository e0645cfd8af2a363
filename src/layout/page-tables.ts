import { centreInside } from "../pdf/geometry.js";
import type { Box, PageModel, PageSize } from "../pdf/model.js";
import { charsToLines, runsToChars, type Char, type TextLine } from "./chars.js";
import { buildGrid, type Grid } from "./grid.js";
import { connectedNetworks, joinSideRules, mergeRulings } from "./lines.js";
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

export function layoutPage(page: PageModel, s: LayoutSettings = DEFAULT_LAYOUT): PageLayout {
  const chars = runsToChars(page.runs);
  const rulings = mergeRulings(page.rulings, s);
  const grids: Grid[] = [];
  for (const network of joinSideRules(connectedNetworks(rulings, s), s)) {
    const grid = buildGrid(page.number, network, chars, s);
    if (grid && grid.x1 - grid.x0 >= s.minTableWidth && grid.y1 - grid.y0 >= s.minTableHeight) grids.push(grid);
  }
  // Text outside every ruled table may still hold a table printed without rules.
  let lines = charsToLines(charsOutside(chars, grids), s);
  const streamGrids = streamNetworks(lines, s)
    .map((network) => buildGrid(page.number, network, chars, s))
    .filter((g): g is Grid => g !== null);
  if (streamGrids.length) {
    grids.push(...streamGrids);
    lines = charsToLines(charsOutside(chars, grids), s);
  }
  grids.sort((a, b) => (sideBySide(a, b) ? a.x0 - b.x0 : a.y0 - b.y0));
  const outside = charsOutside(chars, grids);
  const tables = grids.map((grid, i) => {
    const beside = grids.filter((g) => sideBySide(g, grid));
    const top = beside.length ? lowestOver(grid, grids) : i > 0 ? grids[i - 1].y1 : -Infinity;
    const own = beside.length ? charsToLines(ownColumn(outside, grid, beside), s) : lines;
    const above = own.filter((l) => l.y0 >= top - s.aboveTopSlack && l.y1 <= grid.y0 + s.aboveBottomSlack);
    return { page: page.number, size: { width: page.width, height: page.height }, grid, above };
  });
  return { page: page.number, tables, lines };
}

/**
 * Beside another table (a book scanned open: two pages on one image), a table's title is the text over it in its own
 * column, halfway to the tables beside it (the two pages' titles lie on one line of the image), below the last table
 * over it; else, as on a page of one column, the text below the table before it.
 */
function ownColumn(chars: Char[], grid: Box, beside: Box[]): Char[] {
  const left = Math.max(-Infinity, ...beside.filter((g) => g.x1 <= grid.x0).map((g) => (g.x1 + grid.x0) / 2));
  const right = Math.min(Infinity, ...beside.filter((g) => g.x0 >= grid.x1).map((g) => (grid.x1 + g.x0) / 2));
  return chars.filter((c) => (c.x0 + c.x1) / 2 >= left && (c.x0 + c.x1) / 2 < right);
}

function lowestOver(grid: Box, grids: Box[]): number {
  return Math.max(-Infinity, ...grids.filter((g) => g.y1 <= grid.y0 && overlapX(g, grid)).map((g) => g.y1));
}

/** Two tables side by side: apart across, level with each other (read left first, as the pages of a spread). */
function sideBySide(a: Box, b: Box): boolean {
  return !overlapX(a, b) && Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0);
}

function overlapX(a: Box, b: Box): boolean {
  return Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0);
}

function charsOutside(chars: Char[], grids: Grid[]): Char[] {
  return chars.filter((c) => !grids.some((g) => centreInside(c, g)));
}
