import type { TableKind } from "../schemas/document.js";

/**
 * How one table kind is recognised. Titles vary by region, year and
 * document type, so patterns name the words that define the kind, tested
 * on the cleaned title (spaces removed, NFKC).
 */
export interface KindRecogniser {
  kind: TableKind;
  titles: RegExp[];
  /** Titles that match `titles` but belong to another, more specific kind or to no standard table. */
  excludes?: RegExp[];
}
