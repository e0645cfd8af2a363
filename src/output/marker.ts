/**
 * The completion marker (schemas/output.ts), written last into a document's
 * output folder: its presence means the folder is complete, and its key
 * (sha256 + tool version + OCR mode) says for which input. A folder without
 * it is incomplete and gets redone.
 */
import { readFile, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { CompleteMarker } from "../../schemas/output.js";
import { writeFileAtomic } from "./atomic.js";
import { DOCUMENT_FILES } from "./files.js";

export const COMPLETE_MARKER = ".complete.json";

export async function writeCompleteMarker(dir: string, marker: CompleteMarker): Promise<void> {
  await writeFileAtomic(path.join(dir, COMPLETE_MARKER), JSON.stringify(marker, null, 2) + "\n");
}

/** Removed before a folder is rewritten, so a kill part-way leaves it marked incomplete, never stale. */
export async function removeCompleteMarker(dir: string): Promise<void> {
  await unlink(path.join(dir, COMPLETE_MARKER)).catch(() => {});
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
