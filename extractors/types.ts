import type { Performance } from "../schemas/performance.js";
import type { Extraction, Row } from "../schemas/document.js";
import type { TextLine } from "../src/layout/chars.js";
import type { TableStructure } from "../src/layout/structure.js";
import type { PrintedUnit } from "../src/normalize/amount.js";
import type { PageSize } from "../src/pdf/model.js";
import type { OcrSettings } from "../src/ocr/settings.js";

/** One page's share of a table: its structure (grid, header, columns) and the text above it. */
export interface TablePart {
  page: number;
  /** The page's size, for the cells' boxes. */
  size: PageSize;
  structure: TableStructure;
  above: TextLine[];
  /** The grid rows that belong to this table, when a page holds several tables' rows (projects); all when absent. */
  rows?: number[];
  /** Rows lent by another page (a header a project printed without its own reads): not a page of the table. */
  lent?: boolean;
}

export interface ExtractContext {
  unit: PrintedUnit;
  extraction: Extraction;
  /** Cells read with less confidence than this are flagged. */
  minConfidence: number;
  /** The OCR tolerances the document was read with (code-mend.ts); DEFAULT_OCR when absent. */
  ocr?: OcrSettings;
}

export interface ExtractedTable {
  rows: Row[];
  /** Structured content for kinds that have it (performance tables). */
  performance?: Performance;
  /** Document warnings about the table's cells (each naming its page). */
  warnings?: string[];
}

/** Turns the parts of one recognised table into typed rows. */
export interface TableExtractor {
  extract(parts: TablePart[], ctx: ExtractContext): ExtractedTable;
}
