/**
 * The run-wide files in <out>: each CSV of DOCUMENT_CSVS rebuilt from the
 * same file of every complete document folder (sorted by folder name), and
 * warnings.csv from the markers, so that an incremental run that processed
 * only a few documents still leaves complete files. Each is written atomically.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseString } from "fast-csv";
import type { CompleteMarker } from "../../schemas/output.js";
import { writeStreamAtomic } from "./atomic.js";
import { csvRecords, csvText } from "./csv.js";
import { DOCUMENT_CSVS, RUN_PREFIX_COLUMNS, runColumns, type DocumentCsv } from "./files.js";
import { readCompleteMarker } from "./marker.js";

export const RUN_WARNING_COLUMNS = [...RUN_PREFIX_COLUMNS, "warning"] as const;

export interface RunFilesSummary {
  /** Complete document folders. */
  documents: number;
  /** Records written per run-wide CSV, by file name (facts.csv …). */
  records: Record<string, number>;
  warnings: number;
}

interface CompleteFolder {
  folder: string;
  marker: CompleteMarker;
}

export async function rebuildRunFiles(outDir: string): Promise<RunFilesSummary> {
  const folders = await completeFolders(outDir);
  const records: Record<string, number> = {};
  for (const csv of DOCUMENT_CSVS) records[csv.file] = await rebuildRunCsv(outDir, csv, folders);
  const warnings = folders.flatMap(({ marker }) => marker.warnings.map((w) => [marker.input, marker.sha256, w]));
  await writeStreamAtomic(path.join(outDir, "warnings.csv"), async (write) => {
    await write(await csvText(RUN_WARNING_COLUMNS, warnings));
  });
  return { documents: folders.length, records, warnings: warnings.length };
}

/** The complete document folders of an output folder, sorted by name, with their markers. */
export async function completeFolders(outDir: string): Promise<CompleteFolder[]> {
  const entries = await readdir(outDir, { withFileTypes: true }).catch(() => []);
  const folders: CompleteFolder[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const folder = path.join(outDir, entry.name);
    const marker = await readCompleteMarker(folder);
    if (marker) folders.push({ folder, marker });
  }
  return folders;
}

/** Writes <out>/<file> from the folders' copies; returns the number of records. */
async function rebuildRunCsv(outDir: string, csv: DocumentCsv, folders: CompleteFolder[]): Promise<number> {
  let records = 0;
  await writeStreamAtomic(path.join(outDir, csv.file), async (write) => {
    await write(await csvText(runColumns(csv), []));
    for (const { folder, marker } of folders) {
      const file = path.join(folder, csv.file);
      if (csv.run === "prefixed") {
        const rows = await readRecords(file);
        records += rows.length;
        await write(await csvRecords(rows.map((r) => [marker.input, marker.sha256, ...r])));
        continue;
      }
      const text = await readFile(file, "utf8").catch(() => null);
      const body = text === null ? "" : withoutHeader(text);
      if (body.length === 0) continue;
      records += countRecords(body);
      await write(body.endsWith("\n") ? body : body + "\n");
    }
  });
  return records;
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

/** The records of a per-document CSV, header dropped. */
async function readRecords(file: string): Promise<string[][]> {
  const text = await readFile(file, "utf8").catch(() => "");
  return (await parseCsv(text)).slice(1);
}

/** Every record of a CSV text (a leading BOM dropped), header included. */
export function parseCsv(text: string): Promise<string[][]> {
  return new Promise<string[][]>((resolve, reject) => {
    const out: string[][] = [];
    parseString(text.replace(/^\uFEFF/, ""), { headers: false })
      .on("data", (row: string[]) => out.push(row))
      .on("error", reject)
      .on("end", () => resolve(out));
  });
}
