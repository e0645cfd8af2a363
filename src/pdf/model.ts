/**
 * The page model: what every later stage sees of a page, whether it came
 * from a PDF text layer or from OCR of a raster. Coordinates are in PDF
 * points with the origin at the top-left corner and y growing downwards.
 */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A run read with less confidence than this (only OCR gives such runs) is uncertain: its figures are flagged. */
export const LOW_CONFIDENCE = 0.8;

/** Text given to ink that OCR could not read (a cell, a header word): "unread", never blank. */
export const UNREAD_MARK = "\uFFFD";

export interface TextRun extends Box {
  text: string;
  /** Font size in points (height of the em box). */
  size: number;
  /** 0..1; 1 for a text layer, the recogniser's confidence for OCR. */
  confidence: number;
  /** OCR only: what the recogniser read, where `text` was corrected against the forms' vocabulary. */
  raw?: string;
}

export interface Ruling {
  orientation: "h" | "v";
  /** For "h": y position; for "v": x position. */
  at: number;
  /** Extent along the line: x0..x1 for "h", y0..y1 for "v". */
  from: number;
  to: number;
}

/** A page's size in points. */
export interface PageSize {
  width: number;
  height: number;
}

export interface PageModel {
  /** 1-based page number in the PDF. */
  number: number;
  width: number;
  height: number;
  runs: TextRun[];
  rulings: Ruling[];
  extraction: "text" | "ocr";
  /**
   * OCR only: the scan's image ends inside the page's table at these edges (a page laid short of the glass,
   * src/ocr/edges.ts): rows or columns beyond them are not on the scan.
   */
  cutEdges?: ("top" | "right" | "bottom" | "left")[];
  /**
   * OCR only, on a page where no grid of rules was found: why its print looks like a table all the same (lines of
   * phrases set apart, print that does not part into lines). A page so that gives no table is said to
   * (src/unread-tables.ts flagLostTables).
   */
  tableLook?: string;
}
