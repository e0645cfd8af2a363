import { mkdir, readFile, rmdir, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { FACT_COLUMNS, type Document } from "../../schemas/document.js";
import { writeFileAtomic } from "./atomic.js";
import { CHECK_COLUMNS, checkCounts, checkRecord } from "./checks.js";
import { csvText } from "./csv.js";
import { documentFacts, factRecord } from "./facts.js";
import { writeDocumentIndicators } from "./indicators.js";

export const DOCUMENT_FILES = ["document.json", "facts.csv", "checks.csv", "indicators.csv"] as const;

/**
 * Written last into a document's output folder: its presence means the
 * folder is complete, and its key (sha256 + tool version + OCR mode) says
 * for which input. A folder without it is incomplete and gets redone.
 */
export const COMPLETE_MARKER = ".complete.json";

export const CompleteMarker = z.object({
  input: z.string(),
  sha256: z.string(),
  tool_version: z.string(),
  ocr: z.string(),
  pages: z.number().int(),
  tables: z.number().int(),
  facts: z.number().int(),
  checks_passed: z.number().int(),
  checks_failed: z.number().int(),
  /** Absent in markers written before checks could be skipped. */
  checks_skipped: z.number().int().default(0),
  warnings: z.array(z.string()),
  ms: z.number(),
  finished_at: z.string(),
});
export type CompleteMarker = z.infer<typeof CompleteMarker>;

export interface DocumentRunInfo {
  /** The input as the user named it (path or URL). */
  input: string;
  ocr: string;
  ms: number;
}

/**
 * Writes document.json, facts.csv and checks.csv into `dir`, each
 * atomically, then the completion marker. The old marker is removed first,
 * so a kill part-way leaves the folder marked incomplete, never stale.
 */
export async function writeDocumentFiles(dir: string, doc: Document, info: DocumentRunInfo): Promise<CompleteMarker> {
  await mkdir(dir, { recursive: true });
  await unlink(path.join(dir, COMPLETE_MARKER)).catch(() => {});
  const facts = documentFacts(doc);
  await writeFileAtomic(path.join(dir, "facts.csv"), await csvText(FACT_COLUMNS, facts.map(factRecord)));
  await writeFileAtomic(path.join(dir, "checks.csv"), await csvText(CHECK_COLUMNS, doc.checks.map(checkRecord)));
  await writeDocumentIndicators(dir, doc);
  await writeFileAtomic(path.join(dir, "document.json"), JSON.stringify(doc, null, 2) + "\n");
  const counts = checkCounts(doc.checks);
  const marker: CompleteMarker = {
    input: info.input,
    sha256: doc.source.sha256,
    tool_version: doc.tool.version,
    ocr: info.ocr,
    pages: doc.source.pages,
    tables: doc.tables.length,
    facts: facts.length,
    checks_passed: counts.pass,
    checks_failed: counts.fail,
    checks_skipped: counts.skipped,
    warnings: doc.warnings,
    ms: info.ms,
    finished_at: new Date().toISOString(),
  };
  await writeFileAtomic(path.join(dir, COMPLETE_MARKER), JSON.stringify(marker, null, 2) + "\n");
  return marker;
}

/** The completion marker of a document folder, or null when the folder is missing or incomplete. */
export async function readCompleteMarker(dir: string): Promise<CompleteMarker | null> {
  try {
    const marker = CompleteMarker.parse(JSON.parse(await readFile(path.join(dir, COMPLETE_MARKER), "utf8")));
    for (const name of DOCUMENT_FILES) if (!(await stat(path.join(dir, name))).isFile()) return null;
    return marker;
  } catch {
    return null;
  }
}

/** Removes a document's output files (only the names this tool writes), then the folder if empty. */
export async function removeDocumentFiles(dir: string): Promise<void> {
  await unlink(path.join(dir, COMPLETE_MARKER)).catch(() => {});
  for (const name of DOCUMENT_FILES) await unlink(path.join(dir, name)).catch(() => {});
  await rmdir(dir).catch(() => {});
}
