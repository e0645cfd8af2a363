import { mkdir, rmdir, unlink } from "node:fs/promises";
import path from "node:path";
import type { Document } from "../../schemas/document.js";
import type { CompleteMarker } from "../../schemas/output.js";
import { writeFileAtomic } from "./atomic.js";
import { checkCounts } from "./checks.js";
import { csvText } from "./csv.js";
import { DOCUMENT_CSVS, DOCUMENT_FILES, DOCUMENT_JSON } from "./files.js";
import { removeCompleteMarker, writeCompleteMarker } from "./marker.js";

export interface DocumentRunInfo {
  /** The input as the user named it (path or URL). */
  input: string;
  ocr: string;
  ms: number;
}

/**
 * Writes every CSV of DOCUMENT_CSVS and document.json into `dir`, each
 * atomically, then the completion marker. The old marker is removed first,
 * so a kill part-way leaves the folder marked incomplete, never stale.
 */
export async function writeDocumentFiles(dir: string, doc: Document, info: DocumentRunInfo): Promise<CompleteMarker> {
  await mkdir(dir, { recursive: true });
  await removeCompleteMarker(dir);
  const counts = new Map<string, number>();
  for (const csv of DOCUMENT_CSVS) {
    const records = csv.records(doc);
    counts.set(csv.file, records.length);
    await writeFileAtomic(path.join(dir, csv.file), await csvText(csv.columns, records));
  }
  await writeFileAtomic(path.join(dir, DOCUMENT_JSON), JSON.stringify(doc, null, 2) + "\n");
  const checks = checkCounts(doc.checks);
  const marker: CompleteMarker = {
    input: info.input,
    sha256: doc.source.sha256,
    tool_version: doc.tool.version,
    schema_version: doc.schema_version,
    ocr: info.ocr,
    pages: doc.source.pages,
    tables: doc.tables.length,
    facts: counts.get("facts.csv") ?? 0,
    checks_passed: checks.pass,
    checks_failed: checks.fail,
    checks_skipped: checks.skipped,
    warnings: doc.warnings,
    doc_type: doc.doc_type,
    fiscal_year: doc.fiscal_year,
    org_name: doc.org_name,
    ms: info.ms,
    finished_at: new Date().toISOString(),
  };
  await writeCompleteMarker(dir, marker);
  return marker;
}

/** Removes a document's output files (only the names this tool writes), then the folder if empty. */
export async function removeDocumentFiles(dir: string): Promise<void> {
  await removeCompleteMarker(dir);
  for (const name of DOCUMENT_FILES) await unlink(path.join(dir, name)).catch(() => {});
  await rmdir(dir).catch(() => {});
}
