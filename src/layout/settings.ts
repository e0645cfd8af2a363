/**
 * Every tolerance the layout stage uses, in one place (pdfplumber-style
 * explicit settings instead of magic numbers scattered through the code).
 * Distances are in PDF points.
 */
export interface LayoutSettings {
  /** Rulings closer than this along their cross axis are the same line. */
  snapTolerance: number;
  /** Collinear segments with gaps up to this are joined. */
  joinTolerance: number;
  /** A ruling reaches a cell edge if it covers it to within this. */
  edgeTolerance: number;
  /** Minimum gap between text blocks for a column gutter without a ruling… */
  minGutter: number;
  /** …or, for small print, this fraction of the font size if smaller (a word space is about 0.25 em). */
  minGutterEm: number;
  /** How far above a table region its title and 单位 line may sit. */
  titleSearchHeight: number;
  /** A ruled region needs at least this many rows and columns to be a table. */
  minRows: number;
  minCols: number;
}

export const DEFAULT_LAYOUT: LayoutSettings = {
  snapTolerance: 2,
  joinTolerance: 3,
  edgeTolerance: 2.5,
  minGutter: 5,
  minGutterEm: 0.45,
  titleSearchHeight: 90,
  minRows: 1,
  minCols: 2,
};

/** The gutter width for text of this size. */
export function gutterFor(s: LayoutSettings, size: number): number {
  return Math.min(s.minGutter, Math.max(2, s.minGutterEm * size));
}
