import { centreInside } from "../pdf/geometry.js";
import type { PageModel, PageSize } from "../pdf/model.js";
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
  grids.sort((a, b) => a.y0 - b.y0);
  const tables = grids.map((grid, i) => {
    const top = i > 0 ? grids[i - 1].y1 : -Infinity;
    const above = lines.filter((l) => l.y0 >= top - s.aboveTopSlack && l.y1 <= grid.y0 + s.aboveBottomSlack);
    return { page: page.number, size: { width: page.width, height: page.height }, grid, above };
  });
  return { page: page.number, tables, lines };
}

function charsOutside(chars: Char[], grids: Grid[]): Char[] {
  return chars.filter((c) => !grids.some((g) => centreInside(c, g)));
}
