/**
 * The extractors stage: which kind a table is (by its title) and how its rows
 * are read, both from the table-kind registry (kinds.ts, registry.ts).
 */
import type { TableKind } from "../schemas/document.js";
import { KINDS } from "./kinds.js";
import type { TableExtractor } from "./types.js";

export { KINDS } from "./kinds.js";
export type { KindEntry, KindRegistry } from "./registry.js";

export function recogniseKind(cleanTitle: string): TableKind | null {
  return KINDS.recognise(cleanTitle);
}

/** For titles read by OCR, where one character in six may be wrong (文出 for 支出). */
export function recogniseKindFuzzy(cleanTitle: string): TableKind | null {
  return KINDS.recogniseFuzzy(cleanTitle);
}

export function extractorFor(kind: TableKind): TableExtractor {
  return KINDS.extractorFor(kind);
}
