/**
 * The files a run writes beside the documents: the run's manifest and each
 * document folder's completion marker. Other tools read these shapes.
 */
import { z } from "zod";
import { ManifestEntry } from "./document.js";

/**
 * <out>/manifest.json: the latest status of every input ever run into this
 * output folder, keyed by `file`. Entries of earlier runs stay, so the
 * manifest describes the same set of documents as the run-wide facts.csv.
 */
export const Manifest = z.object({
  /** 2: entries carry source_path and source_url (issue 13); 1 still reads (filled from `file`). */
  schema_version: z.union([z.literal(1), z.literal(2)]),
  tool: z.object({ name: z.literal("yujue"), version: z.string() }),
  updated_at: z.string(),
  entries: z.array(ManifestEntry),
});
export type Manifest = z.infer<typeof Manifest>;

/**
 * <out>/<document>/.complete.json, written last into a document's folder: its
 * presence means the folder is complete, and its key (sha256 + tool version +
 * OCR mode) says for which input.
 */
export const CompleteMarker = z.object({
  input: z.string(),
  sha256: z.string(),
  tool_version: z.string(),
  /**
   * The document schema the folder's files follow. Absent in markers written before it was recorded: such a
   * folder is redone, as one of another schema version is (its CSVs lack the newer columns).
   */
  schema_version: z.number().int().nullable().default(null),
  ocr: z.string(),
  pages: z.number().int(),
  tables: z.number().int(),
  facts: z.number().int(),
  checks_passed: z.number().int(),
  checks_failed: z.number().int(),
  /** Absent in markers written before checks could be skipped. */
  checks_skipped: z.number().int().default(0),
  warnings: z.array(z.string()),
  /** Which report this is (absent in markers written before duplicates were reported). */
  doc_type: z.string().nullable().default(null),
  fiscal_year: z.number().int().nullable().default(null),
  org_name: z.string().nullable().default(null),
  ms: z.number(),
  finished_at: z.string(),
});
export type CompleteMarker = z.infer<typeof CompleteMarker>;
