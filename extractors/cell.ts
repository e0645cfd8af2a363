import type { Cell, CellBox } from "../schemas/document.js";
import type { GridCell, Grid } from "../src/layout/grid.js";
import type { Box, PageSize } from "../src/pdf/model.js";
import type { ExtractContext } from "./types.js";

/** A box on a page, as the output carries it: points rounded to 0.01, with the page's size. */
export function cellBox(box: Box, size: PageSize): CellBox {
  const r = (v: number) => Math.round(v * 100) / 100;
  return {
    x0: r(box.x0),
    y0: r(box.y0),
    x1: r(box.x1),
    y1: r(box.y1),
    page_width: r(size.width),
    page_height: r(size.height),
  };
}

/** The smallest box holding all of these (a value read from several grid cells). */
export function unionBox(boxes: Box[]): Box {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/**
 * The box of column `col` in grid row `r`: the printed cell when it starts
 * there, else that elementary slot (under a cell spanning from above or from
 * the left), so a blank cell has a place on the page too.
 */
export function slotBox(grid: Grid, r: number, col: number, cell: GridCell | null): Box {
  if (cell && cell.row === r && cell.col === col) return cell;
  return { x0: grid.xs[col], x1: grid.xs[col + 1], y0: grid.ys[r], y1: grid.ys[r + 1] };
}

/**
 * The one place a Cell is made. A figure is flagged when it did not read as a clean number or its glyphs were
 * read with low confidence; a blank is null, never 0, and never flagged.
 */
export function figureCell(
  ctx: ExtractContext,
  raw: string,
  value: number | null,
  confidence: number,
  box: CellBox,
  numeric = value !== null,
): Cell {
  const sure = Math.max(0, Math.min(1, confidence));
  return {
    value_wan: value,
    raw_text: raw,
    confidence: sure,
    extraction: ctx.extraction,
    flagged: !numeric || sure < ctx.minConfidence,
    box,
  };
}

export function blankCell(ctx: ExtractContext, box: CellBox): Cell {
  return { value_wan: null, raw_text: "", confidence: 1, extraction: ctx.extraction, flagged: false, box };
}
