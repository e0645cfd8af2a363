/**
 * `yujue merge <shard out>... --out DIR`: one output folder from the folders of shard runs (extract --shard),
 * as one run over all their inputs would have written it. Document folders are copied (the newest complete
 * extraction of each input wins, the merged folder's own ones included, so merging again as shards finish only
 * adds what changed); the run-wide CSVs, the manifest, the database (and Parquet, review) are then rebuilt
 * from the document folders, as `yujue db rebuild` and `yujue review` do.
 * Exit status: 0 merged, 1 merged but some inputs failed in every shard (named in the manifest), 2 usage error.
 */
import { copyFile, mkdir, readFile, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import type { ManifestEntry } from "../../schemas/document.js";
import { DATABASE_FILE, openForWriting, recordFailure } from "../dataset/index.js";
import { rebuildDatabase } from "../dataset/rebuild.js";
import { writeFileAtomic, tempPathFor } from "../output/atomic.js";
import { outcomeOf } from "../output/checks.js";
import type { CompleteMarker } from "../../schemas/output.js";
import { removeDocumentFiles } from "../output/document-files.js";
import { DOCUMENT_FILES } from "../output/files.js";
import { COMPLETE_MARKER, readCompleteMarker } from "../output/marker.js";
import { inputProvenance, ManifestStore, readManifest } from "../output/manifest.js";
import { completeFolders, rebuildRunFiles } from "../output/run-files.js";
import { PAGES_DIR, REVIEW_DIR } from "../review/paths.js";
import { isUrl } from "../download.js";
import { CliUsageError, parseCommandLine } from "./args.js";
import type { Input } from "./inputs.js";
import { LockError, lockOutputFolder } from "./lock.js";
import { identityKey, sameReports } from "./duplicates.js";
import { assignFolders, existingFolders } from "./naming.js";
import { oneLine } from "./one-line.js";

export const MERGE_USAGE = `usage: yujue merge <shard out>... --out DIR [--parquet] [--no-review]

  One output folder from shard outputs (yujue extract --shard K/N --out <shard out>): the newest complete
  extraction of each input, run-wide CSVs, manifest, database rebuilt. Run it again as more shards finish.
  exit status: 0 merged, 1 merged but some inputs failed in every shard, 2 usage error`;

export interface MergeOptions {
  shards: string[];
  out: string;
  parquet?: boolean;
  review?: boolean;
  /** For relative input names in the markers (the review's PDFs). Default process.cwd(). */
  cwd?: string;
  onWarning?: (message: string) => void;
}

export interface MergeSummary {
  /** Inputs with a complete extraction in the merged folder. */
  documents: number;
  /** Of those, folders copied in by this merge (0 when merging again with nothing new). */
  copied: number;
  /** Inputs that failed in the shards and have no complete extraction anywhere. */
  failed: string[];
  facts: number;
}

interface Candidate {
  dir: string;
  marker: CompleteMarker;
}

/** The merge; the caller holds no lock (this takes the merged folder's). Throws CliUsageError for a bad folder. */
export async function mergeOutputs(options: MergeOptions): Promise<MergeSummary> {
  const out = path.resolve(options.cwd ?? process.cwd(), options.out);
  const warn = options.onWarning ?? (() => {});
  const shards = [...new Set(options.shards.map((s) => path.resolve(options.cwd ?? process.cwd(), s)))].filter(
    (s) => s !== out,
  );
  for (const shard of shards) {
    if (!(await stat(shard).catch(() => null))?.isDirectory())
      throw new CliUsageError(`${shard}: no such output folder`);
  }
  await mkdir(out, { recursive: true });
  const release = await lockOutputFolder(out, warn);
  try {
    const extracted = await newestExtractions([out, ...shards]);
    const { best, repeats } = await sameContent(extracted, shards);
    const failures = await failedEverywhere(shards, best, repeats);
    const existing = await existingFolders(out);
    // A repeat has no folder, as in one run (its facts would count twice): one an earlier merge copied goes.
    for (const input of repeats.keys())
      if (existing.has(input)) await removeDocumentFiles(path.join(out, existing.get(input)!));
    const folders = assignFolders(asInputs([...best.keys(), ...repeats.keys(), ...failures.keys()]), existing);
    let copied = 0;
    for (const [input, candidate] of best) {
      if (await copyDocument(candidate, path.join(out, folders.get(input)!))) copied++;
    }
    await writeManifest(out, best, repeats, failures);
    const facts = (await rebuildRunFiles(out)).records["facts.csv"] ?? 0;
    await writeDatabase(out, failures, options.parquet ?? false, warn);
    if (options.review !== false) await reviewPages(out, shards, options.cwd ?? process.cwd(), warn);
    return { documents: best.size, copied, failed: [...failures.keys()].sort(), facts };
  } finally {
    await release();
  }
}

/** input -> its newest complete extraction over the folders (by the marker's finish time; on a tie the first folder). */
async function newestExtractions(dirs: string[]): Promise<Map<string, Candidate>> {
  const best = new Map<string, Candidate>();
  for (const dir of dirs) {
    for (const { folder, marker } of await completeFolders(dir)) {
      const current = best.get(marker.input);
      if (!current || marker.finished_at > current.marker.finished_at) best.set(marker.input, { dir: folder, marker });
    }
  }
  return best;
}

/** An input whose content another input already gave: no folder, an entry pointing at that first input. */
interface Repeat {
  first: string;
  /** As the shard's manifest recorded it, when it did. */
  ms: number;
}

/**
 * The same bytes under two names, as one run treats them: the first input (in runOrder) is extracted, the
 * others are repeats of it. A shard marked its own repeats in its manifest (same content falls in one shard);
 * two extractions of one content in different folders (a URL and a file, a rerun with other inputs) are
 * resolved here.
 */
async function sameContent(extracted: Map<string, Candidate>, shards: string[]) {
  const bySha = new Map<string, string[]>();
  for (const input of runOrder([...extracted.keys()])) {
    const sha = extracted.get(input)!.marker.sha256;
    bySha.set(sha, [...(bySha.get(sha) ?? []), input]);
  }
  const best = new Map<string, Candidate>();
  const repeats = new Map<string, Repeat>();
  for (const [first, ...others] of bySha.values()) {
    best.set(first, extracted.get(first)!);
    for (const input of others) repeats.set(input, { first, ms: extracted.get(input)!.marker.ms });
  }
  for (const entry of await shardEntries(shards)) {
    if (entry.duplicate_of === null || entry.status === "failed" || best.has(entry.file) || !entry.sha256) continue;
    const first = bySha.get(entry.sha256)?.[0];
    if (first && !repeats.has(entry.file)) repeats.set(entry.file, { first, ms: entry.ms ?? 0 });
  }
  return { best, repeats };
}

async function shardEntries(shards: string[]): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  for (const shard of shards) entries.push(...((await readManifest(path.join(shard, "manifest.json")))?.entries ?? []));
  return entries;
}

/** The shards' failed manifest entries of inputs no folder holds a complete extraction of (later shards win). */
async function failedEverywhere(shards: string[], best: Map<string, Candidate>, repeats: Map<string, Repeat>) {
  const failed = new Map<string, ManifestEntry>();
  for (const entry of await shardEntries(shards)) {
    if (entry.status === "failed" && !best.has(entry.file) && !repeats.has(entry.file)) failed.set(entry.file, entry);
  }
  return failed;
}

/**
 * The order one run meets inputs of equal size in (URLs first, then as listed): the merge cannot know how they
 * were listed and takes them sorted, as a run over one folder lists them.
 */
function runOrder(keys: string[]): string[] {
  return [...new Set(keys)].sort((a, b) => Number(isUrl(b)) - Number(isUrl(a)) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Input keys in the order a run over one folder lists them (sorted), so folder names come out as a single run's. */
function asInputs(keys: string[]): Input[] {
  return [...new Set(keys)]
    .sort()
    .map((key): Input => (isUrl(key) ? { kind: "url", key, url: key } : { kind: "file", key, path: key }));
}

/**
 * Copies a document folder's files, the marker last (as a run writes them: a kill part-way leaves the target
 * incomplete, never stale). Returns false when the target already holds this extraction.
 */
async function copyDocument(from: Candidate, target: string): Promise<boolean> {
  if (path.resolve(from.dir) === path.resolve(target)) return false;
  const there = await readCompleteMarker(target);
  if (there && JSON.stringify(there) === JSON.stringify(from.marker)) return false;
  await mkdir(target, { recursive: true });
  await unlink(path.join(target, COMPLETE_MARKER)).catch(() => {});
  for (const name of DOCUMENT_FILES) await copyAtomic(path.join(from.dir, name), path.join(target, name));
  await writeFileAtomic(path.join(target, COMPLETE_MARKER), await readFile(path.join(from.dir, COMPLETE_MARKER)));
  return true;
}

async function copyAtomic(from: string, to: string): Promise<void> {
  const temp = tempPathFor(to);
  await copyFile(from, temp);
  await rename(temp, to);
}

/**
 * The merged manifest, as one run over all inputs writes it: every extracted input "ok" (a later report of the
 * same organisation, year and type marked duplicate_of the first), each repeat "skipped" with the figures of
 * the input it repeats, the failures as the shards wrote them.
 */
async function writeManifest(
  out: string,
  best: Map<string, Candidate>,
  repeats: Map<string, Repeat>,
  failures: Map<string, ManifestEntry>,
) {
  const manifest = await ManifestStore.open(out);
  const order = runOrder([...best.keys()]);
  const sameReport = sameReports(
    order.map((input) => ({ file: input, identity: identityKey(best.get(input)!.marker) })),
  );
  const writes: Promise<void>[] = [];
  for (const input of order)
    writes.push(manifest.set(entryOf(input, best.get(input)!.marker, sameReport.get(input) ?? null)));
  for (const [input, { first, ms }] of repeats) {
    writes.push(manifest.set({ ...entryOf(input, best.get(first)!.marker, first), status: "skipped", ms }));
  }
  for (const entry of failures.values()) writes.push(manifest.set(entry));
  await Promise.all(writes);
}

function entryOf(input: string, marker: CompleteMarker, duplicateOf: string | null): ManifestEntry {
  const checks = { pass: marker.checks_passed, fail: marker.checks_failed, skipped: marker.checks_skipped };
  return {
    file: input,
    ...inputProvenance(input),
    sha256: marker.sha256,
    status: "ok",
    outcome: outcomeOf({ tables: marker.tables, warnings: marker.warnings, checks }),
    error: null,
    pages: marker.pages,
    tables: marker.tables,
    facts: marker.facts,
    checks,
    warnings: marker.warnings,
    duplicate_of: duplicateOf,
    ms: marker.ms,
  };
}

/** The database from the merged document folders, the failed inputs recorded as a run records them. */
async function writeDatabase(
  out: string,
  failures: Map<string, ManifestEntry>,
  parquet: boolean,
  warn: (m: string) => void,
) {
  const summary = await rebuildDatabase(out);
  for (const line of summary.unreadable) warn(`database: left out ${line}`);
  const db = openForWriting(path.join(out, DATABASE_FILE));
  try {
    for (const entry of failures.values()) {
      recordFailure(db, {
        input: entry.file,
        sha256: entry.sha256,
        error: entry.error ?? "failed",
        runId: null,
        ms: entry.ms,
      });
    }
    if (parquet) await (await import("../dataset/parquet.js")).writeParquetFiles(db, out);
  } finally {
    db.close();
  }
}

/**
 * Review pages are derived (yujue review rebuilds them): a failure is a warning. The shards' images are reused.
 * The review stage (pdf.js, canvas) is loaded only here: a merge with --no-review does without it.
 */
async function reviewPages(out: string, shards: string[], cwd: string, warn: (m: string) => void): Promise<void> {
  try {
    const { copyPageImages } = await import("../review/images.js");
    const { writeReview } = await import("../review/index.js");
    for (const shard of shards)
      await copyPageImages(path.join(shard, REVIEW_DIR, PAGES_DIR), path.join(out, REVIEW_DIR, PAGES_DIR));
    await writeReview(out, { cwd, onWarning: warn });
  } catch (err) {
    warn(`review not written: ${oneLine(err)}`);
  }
}

/** The `yujue merge` command. */
export async function mergeCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv, {
    out: { type: "string" },
    parquet: { type: "boolean" },
    "no-review": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(MERGE_USAGE + "\n");
    return 0;
  }
  if (positionals.length === 0) throw new CliUsageError("merge: no shard output folders given");
  if (!values.out) throw new CliUsageError("merge: --out DIR is required");
  let summary: MergeSummary;
  try {
    summary = await mergeOutputs({
      shards: positionals,
      out: values.out,
      parquet: values.parquet ?? false,
      review: !values["no-review"],
      onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
    });
  } catch (err) {
    if (err instanceof CliUsageError || err instanceof LockError) throw err;
    process.stderr.write(`yujue: merge: ${oneLine(err)}\n`);
    return 1;
  }
  process.stdout.write(
    `merged ${positionals.length} shard folders into ${values.out}: ${summary.documents} documents (${summary.copied} copied now), ` +
      `${summary.facts} facts, ${summary.failed.length} failed\n`,
  );
  for (const file of summary.failed) process.stderr.write(`failed in every shard: ${file}\n`);
  return summary.failed.length > 0 ? 1 : 0;
}
