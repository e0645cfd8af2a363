import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseString } from "fast-csv";
import { writeStreamAtomic } from "./atomic.js";
import { CHECK_COLUMNS } from "./checks.js";
import { csvRecords, csvText } from "./csv.js";
import { readCompleteMarker, type CompleteMarker } from "./document-files.js";
import { completeFolders } from "./run-facts.js";

/** The run-wide files name the document first: the input as given and its sha256. */
const DOCUMENT_COLUMNS = ["input", "source_sha256"] as const;
export const RUN_CHECK_COLUMNS = [...DOCUMENT_COLUMNS, ...CHECK_COLUMNS] as const;
export const RUN_WARNING_COLUMNS = [...DOCUMENT_COLUMNS, "warning"] as const;

/**
 * Rebuilds <out>/checks.csv (every check of every complete document, passed
 * or not) and <out>/warnings.csv (every document warning), beside the
 * run-wide facts.csv and over the same documents. Returns the record counts.
 */
export async function rebuildRunChecks(outDir: string): Promise<{ checks: number; warnings: number }> {
  const documents: { marker: CompleteMarker; folder: string }[] = [];
  for (const folder of await completeFolders(outDir)) {
    const marker = await readCompleteMarker(folder);
    if (marker) documents.push({ marker, folder });
  }
  let checks = 0;
  await writeStreamAtomic(path.join(outDir, "checks.csv"), async (write) => {
    await write(await csvText(RUN_CHECK_COLUMNS, []));
    for (const { marker, folder } of documents) {
      const records = await readRecords(path.join(folder, "checks.csv"));
      checks += records.length;
      await write(await csvRecords(records.map((r) => [marker.input, marker.sha256, ...r])));
    }
  });
  const warnings = documents.flatMap(({ marker }) => marker.warnings.map((w) => [marker.input, marker.sha256, w]));
  await writeStreamAtomic(path.join(outDir, "warnings.csv"), async (write) => write(await csvText(RUN_WARNING_COLUMNS, warnings)));
  return { checks, warnings: warnings.length };
}

/** The records of a per-document CSV, header dropped. */
async function readRecords(file: string): Promise<string[][]> {
  const text = await readFile(file, "utf8").catch(() => "");
  const rows = await new Promise<string[][]>((resolve, reject) => {
    const out: string[][] = [];
    parseString(text.replace(/^\uFEFF/, ""), { headers: false })
      .on("data", (row: string[]) => out.push(row))
      .on("error", reject)
      .on("end", () => resolve(out));
  });
  return rows.slice(1);
}
