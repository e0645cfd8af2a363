import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { FACT_COLUMNS } from "../../schemas/document.js";
import { writeStreamAtomic } from "./atomic.js";
import { csvText } from "./csv.js";
import { readCompleteMarker } from "./document-files.js";

export interface RunFactsSummary {
  documents: number;
  facts: number;
}

/**
 * Rebuilds <out>/facts.csv from the facts.csv of every complete document
 * folder in `outDir` (sorted by folder name), so that an incremental run
 * that processed only a few documents still leaves a complete file.
 */
export async function rebuildRunFacts(outDir: string): Promise<RunFactsSummary> {
  const { documents, records } = await rebuildRunCsv(outDir, "facts.csv", FACT_COLUMNS);
  return { documents, facts: records };
}

/** Concatenates `<folder>/<fileName>` of every complete document folder into `<out>/<fileName>`, atomically. */
export async function rebuildRunCsv(outDir: string, fileName: string, columns: readonly string[]): Promise<{ documents: number; records: number }> {
  const folders = await completeFolders(outDir);
  let records = 0;
  await writeStreamAtomic(path.join(outDir, fileName), async (write) => {
    await write(await csvText(columns, []));
    for (const folder of folders) {
      const text = await readFile(path.join(folder, fileName), "utf8").catch(() => null);
      const body = text === null ? "" : withoutHeader(text);
      if (body.length === 0) continue;
      records += countRecords(body);
      await write(body.endsWith("\n") ? body : body + "\n");
    }
  });
  return { documents: folders.length, records };
}

/** The complete document folders of an output folder, sorted by name. */
export async function completeFolders(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { withFileTypes: true }).catch(() => []);
  const folders: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const folder = path.join(outDir, entry.name);
    if (await readCompleteMarker(folder)) folders.push(folder);
  }
  return folders;
}

/** Drops the BOM and the header line of a per-document CSV. */
function withoutHeader(text: string): string {
  const start = text.indexOf("\n");
  return start < 0 ? "" : text.slice(start + 1);
}

/** Counts records by counting line ends outside quoted fields (labels may hold newlines). */
function countRecords(body: string): number {
  let records = 0;
  let quoted = false;
  for (const ch of body) {
    if (ch === '"') quoted = !quoted;
    else if (ch === "\n" && !quoted) records++;
  }
  if (body.length > 0 && !body.endsWith("\n")) records++;
  return records;
}
