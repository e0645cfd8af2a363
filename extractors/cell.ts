import type { Cell, CellBox } from "../schemas/document.js";
import type { GridCell, Grid } from "../src/layout/grid.js";
import { UNREAD_MARK, type Box, type PageSize } from "../src/pdf/model.js";
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

/** How sure a reading from the page is: a Cell's confidence and flag, or an indicator's (schemas/performance.ts). */
export interface Sureness {
  confidence: number;
  flagged: boolean;
}

/**
 * The one place a reading is judged: flagged when it did not read as what the column holds (`readable` false), a
 * cell held ink that could not be read (UNREAD_MARK), or its glyphs were read with less than ctx.minConfidence.
 */
export function sureness(ctx: ExtractContext, confidence: number, raw: string, readable = true): Sureness {
  const sure = Math.max(0, Math.min(1, confidence));
  return { confidence: sure, flagged: !readable || raw.includes(UNREAD_MARK) || sure < ctx.minConfidence };
}

/** A reading made of two: the less sure of them, flagged when either is. */
export function leastSure(a: Sureness, b: Sureness): Sureness {
  return { confidence: Math.min(a.confidence, b.confidence), flagged: a.flagged || b.flagged };
}

/** A reading from no cell at all, or from a clean text layer. */
export const SURE: Sureness = { confidence: 1, flagged: false };

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
  const { confidence: sure, flagged } = sureness(ctx, confidence, raw, numeric);
  return { value_wan: value, raw_text: raw, confidence: sure, extraction: ctx.extraction, flagged, box };
}

export function blankCell(ctx: ExtractContext, box: CellBox): Cell {
  return { value_wan: null, raw_text: "", confidence: 1, extraction: ctx.extraction, flagged: false, box };
}

/**
 * On a scan, words with a digit in a figure column are a figure misread, not a note: OCR took a glyph of 271,800.87
 * for a CJK one (2T1,800.果, 有4,177.9 on the corpus's 150 dpi Xi'an 卫健委 p153). Left out as text, the cell was lost
 * from its row, unflagged; it is kept, blank and flagged, so that the figure printed there is named as not read.
 * So is a lone ideograph read unsure: a one-digit figure taken for a CJK glyph (held-out 3 Xi'an 人社 p44 grey: 5
 * read 口 at 0.64); a note is words, read surely.
 */
export function figureReadAsText(raw: string, confidence: number, ctx: ExtractContext): boolean {
  const loneUnsure = Array.from(raw).length === 1 && confidence < ctx.minConfidence;
  return ctx.extraction === "ocr" && (/\d/.test(raw) || loneUnsure);
}

/** A cell kept for a lone glyph misread (figureReadAsText): it makes no row of its own, a speck may read so. */
export function loneGlyph(cell: Cell): boolean {
  return cell.value_wan === null && Array.from(cell.raw_text).length === 1;
}
