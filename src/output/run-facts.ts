import { open, readdir, readFile, unlink } from "node:fs/promises";
import path from "node:path";
import { FACT_COLUMNS } from "../../schemas/document.js";
import { renameOrClean, tempPathFor } from "./atomic.js";
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
  const folders = await completeFolders(outDir);
  const target = path.join(outDir, "facts.csv");
  const temp = tempPathFor(target);
  const handle = await open(temp, "w");
  let facts = 0;
  try {
    await handle.write(await csvText(FACT_COLUMNS, []));
    for (const folder of folders) {
      const body = withoutHeader(await readFile(path.join(folder, "facts.csv"), "utf8"));
      if (body.length === 0) continue;
      facts += countRecords(body);
      await handle.write(body.endsWith("\n") ? body : body + "\n");
    }
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(temp).catch(() => {});
    throw err;
  }
  await handle.close();
  await renameOrClean(temp, target);
  return { documents: folders.length, facts };
}

async function completeFolders(outDir: string): Promise<string[]> {
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
