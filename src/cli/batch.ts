import { mkdir, readdir, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pLimit from "p-limit";
import { DOCUMENT_SCHEMA_VERSION, Outcome, type Document, type ManifestEntry } from "../../schemas/document.js";
import { sweepTempFiles } from "../output/atomic.js";
import { checkCounts, outcomeOf } from "../output/checks.js";
import type { CompleteMarker } from "../../schemas/output.js";
import { removeDocumentFiles, writeDocumentFiles } from "../output/document-files.js";
import { readCompleteMarker } from "../output/marker.js";
import { inputProvenance, ManifestStore } from "../output/manifest.js";
import { RunDatabase } from "../dataset/index.js";
import { rebuildRunFiles } from "../output/run-files.js";
import { PAGES_DIR, REVIEW_DIR } from "../review/paths.js";
import type { OcrMode, PageProgress } from "../pipeline.js";
import { TOOL_VERSION } from "../version.js";
import { DOWNLOAD_DEFAULTS, DownloadError, downloadToCache } from "../download.js";
import { resolveInputs, type Input } from "./inputs.js";
import { lockOutputFolder } from "./lock.js";
import { Deferred, identityKey, sameReports, type Duplicate } from "./duplicates.js";
import { assignFolders, baseStem, existingFolders } from "./naming.js";
import { WorkerPool, type JobOutcome } from "./pool.js";
import { sha256File } from "../hash.js";
import { selectShard, type Shard } from "./shard.js";
import { oneLine } from "./one-line.js";

export interface BatchOptions {
  /** Files, folders (recursive, *.pdf), globs and http(s) URLs. */
  inputs: string[];
  out: string;
  ocr?: OcrMode;
  /** Documents at once, each in its own process. Default: one per core. */
  concurrency?: number;
  /** Per-document time limit. Default 600 s. */
  timeoutMs?: number;
  /** Per-document process memory limit. Default 3072 MB. */
  maxMemoryMb?: number;
  /** Redo documents whose outputs are already complete. */
  force?: boolean;
  password?: string;
  /** Relative inputs and manifest names are taken from here. Default process.cwd(). */
  cwd?: string;
  downloadMaxBytes?: number;
  downloadTimeoutMs?: number;
  /** A process is replaced after this many documents. */
  maxJobsPerWorker?: number;
  /** Keep <out>/yujue.sqlite current (default true). */
  database?: boolean;
  /** Also write <out>/{facts,checks,indicators}.parquet from the database. */
  parquet?: boolean;
  /** Write the review pages <out>/review/ (default true). */
  review?: boolean;
  /** Only the inputs of this shard (see shard.ts). */
  shard?: Shard;
  onEvent?: (event: BatchEvent) => void;
  /**
   * Stops the run early (the CLI aborts it on SIGINT/SIGTERM, with the signal's name as reason): no new
   * document starts, running ones are stopped and left as they were before the run, and the run-wide
   * files and the manifest are written for what is done. The summary says `interrupted`.
   */
  signal?: AbortSignal;
}

export interface DocumentEvent {
  event: "document";
  file: string;
  /** Output folder name under `out`, null when the document failed. */
  output: string | null;
  status: ManifestEntry["status"];
  error: string | null;
  sha256: string | null;
  pages: number | null;
  tables: number | null;
  facts: number | null;
  checks_passed: number | null;
  checks_failed: number | null;
  checks_skipped: number | null;
  /** What the result means: ok, ok_with_warnings (warnings or failed checks), no_tables, failed. */
  outcome: Outcome;
  /** The input this one repeats (same content, or same organisation, year and document type); null otherwise. */
  duplicate_of: string | null;
  warnings: string[];
  ms: number;
  done: number;
  total: number;
}

export interface BatchSummary {
  event: "summary";
  documents: number;
  ok: number;
  skipped: number;
  failed: number;
  pages: number;
  tables: number;
  facts: number;
  /** Rows of the rebuilt run-wide <out>/facts.csv (every complete document in the folder). */
  run_facts: number;
  ms: number;
  /** Of `ms`, the time spent writing <out>/yujue.sqlite; null when the database was not written. */
  database_ms: number | null;
  /** <out>/review/index.html, null when the review was not written (--no-review, or it failed: see the warning). */
  review: string | null;
  /** This run's documents by outcome. */
  outcomes: Record<Outcome, number>;
  /** Documents to look at: no tables, failed checks or warnings (failed ones have their own lines). */
  to_review: ReviewItem[];
  /** The signal that stopped the run early (SIGINT, SIGTERM, or the abort reason), null when it ran to the end. */
  interrupted: string | null;
  /** Inputs not done because the run was stopped (not started, or stopped while running). */
  not_done: number;
  /** Inputs that repeat an earlier one: the same content (extracted once), or the same report. */
  duplicates: Duplicate[];
}

export interface ReviewItem {
  file: string;
  outcome: Outcome;
  checks_failed: number;
  warnings: number;
}

/** A page read by OCR: `done` of `pages` pages of `document` are read. */
export interface PageEvent {
  event: "page";
  document: string;
  page: number;
  done: number;
  pages: number;
}

export type BatchEvent =
  | { event: "start"; documents: number; out: string; concurrency: number }
  | PageEvent
  | { event: "warning"; message: string }
  | DocumentEvent
  | BatchSummary;

export interface BatchResult {
  /** This run's documents, in input order. */
  documents: DocumentEvent[];
  summary: BatchSummary;
  warnings: string[];
}

export class UsageError extends Error {}

const DEFAULTS = {
  timeoutMs: 600_000,
  maxMemoryMb: 3072,
  downloadMaxBytes: DOWNLOAD_DEFAULTS.maxBytes,
  downloadTimeoutMs: DOWNLOAD_DEFAULTS.timeoutMs,
  maxJobsPerWorker: 50,
};

interface RunContext {
  options: BatchOptions;
  out: string;
  ocr: OcrMode;
  pool: WorkerPool;
  manifest: ManifestStore;
  folders: Map<string, string>;
  existing: Map<string, string>;
  /** Null when the database is turned off or could not be opened. */
  database: RunDatabase | null;
  emit: (event: BatchEvent) => void;
  total: number;
  done: number;
  /** This run's PDFs by sha256: where the review renders page images from. */
  sources: Map<string, string>;
  /** The first input with each sha256, and its result once settled (null: stopped). */
  firstBySha: Map<string, { file: string; result: Deferred<DocumentEvent | null> }>;
  /** Which report each done input is (identityKey), for the same-report duplicates. */
  identities: Map<string, string | null>;
}

/**
 * Extracts every input into <out>/<folder>/{document.json,facts.csv,checks.csv},
 * keeps <out>/manifest.json current after each document and rebuilds
 * <out>/facts.csv at the end. Bad inputs become failed entries; only a
 * usage problem (no inputs, output folder busy) throws.
 */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const started = Date.now();
  const cwd = options.cwd ?? process.cwd();
  const out = path.resolve(cwd, options.out);
  const emit = options.onEvent ?? (() => {});
  // The download cache is the only place this tool writes PDFs: never take those as inputs.
  const resolved = await resolveInputs(options.inputs, cwd, path.join(out, ".cache"));
  const warnings = resolved.warnings;
  for (const message of warnings) emit({ event: "warning", message });
  if (resolved.inputs.length === 0) throw new UsageError("no PDF inputs found");
  // A shard with no inputs still writes its (empty) output folder: the merge and the job engine expect one.
  const inputs = options.shard ? await selectShard(resolved.inputs, options.shard) : resolved.inputs;
  await mkdir(out, { recursive: true });
  const release = await lockOutputFolder(out, (message) => emit({ event: "warning", message }));
  const concurrency = Math.max(1, options.concurrency ?? os.availableParallelism());
  const pool = new WorkerPool({
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    maxMemoryMb: options.maxMemoryMb ?? DEFAULTS.maxMemoryMb,
    maxJobsPerWorker: options.maxJobsPerWorker ?? DEFAULTS.maxJobsPerWorker,
    // N documents at once on C cores: each gets C/N OCR workers, so scans do not oversubscribe the machine.
    ocrWorkers: Math.max(1, Math.floor(os.availableParallelism() / concurrency)),
  });
  let database: RunDatabase | null = null;
  try {
    await sweepTempFiles(await outputFoldersToSweep(out));
    const existing = await existingFolders(out);
    const ocr = options.ocr ?? "auto";
    database = options.database === false ? null : openDatabase(out, ocr, emit);
    const ctx: RunContext = {
      options,
      out,
      pool,
      existing,
      ocr,
      emit,
      database,
      manifest: await ManifestStore.open(out),
      folders: assignFolders(inputs, existing),
      sources: new Map(),
      firstBySha: new Map(),
      identities: new Map(),
      total: inputs.length,
      done: 0,
    };
    emit({ event: "start", documents: inputs.length, out, concurrency });
    const limit = pLimit(concurrency);
    const byInput = new Map<string, Promise<DocumentEvent | null>>();
    const stopRunning = () => void pool.close();
    options.signal?.addEventListener("abort", stopRunning, { once: true });
    for (const input of await largestFirst(inputs)) {
      byInput.set(
        input.key,
        limit(async () => {
          if (options.signal?.aborted) return null;
          const event = await processInput(ctx, input);
          if (event) emit(event);
          return event;
        }),
      );
    }
    const settled = await Promise.all(inputs.map((input) => byInput.get(input.key)!));
    options.signal?.removeEventListener("abort", stopRunning);
    const documents = settled.filter((d): d is DocumentEvent => d !== null);
    await markSameReports(ctx, documents);
    const interrupted = options.signal?.aborted ? signalName(options.signal) : null;
    const runFiles = await rebuildRunFiles(out);
    // Review pages render page images (slow): an interrupted run leaves them to the next run or `yujue review`.
    const review = options.review === false || interrupted ? null : await reviewPages(ctx, cwd);
    const summary = {
      ...summarise(documents, runFiles.records["facts.csv"] ?? 0, Date.now() - started, ctx.database?.ms ?? null),
      review,
      interrupted,
      not_done: inputs.length - documents.length,
      duplicates: duplicatesOf(ctx, documents),
    };
    await toDatabase(ctx, async (db) => {
      await db.finish(summary);
      if (options.parquet) await db.writeParquet();
    });
    if (ctx.database) summary.database_ms = Math.round(ctx.database.ms);
    emit(summary);
    return { documents, summary, warnings };
  } finally {
    database?.close();
    await pool.close();
    await release();
  }
}

function duplicatesOf(ctx: RunContext, documents: DocumentEvent[]): Duplicate[] {
  return documents.flatMap((d) => {
    if (d.duplicate_of === null) return [];
    const sameContent = ctx.firstBySha.get(d.sha256 ?? "")?.file === d.duplicate_of;
    return [
      {
        file: d.file,
        duplicate_of: d.duplicate_of,
        reason: sameContent ? "same content" : "same organisation, year and document type",
      },
    ];
  });
}

/** Documents that are the same report as an earlier one of the run get duplicate_of, here and in the manifest. */
async function markSameReports(ctx: RunContext, documents: DocumentEvent[]): Promise<void> {
  const distinct = documents.filter((d) => d.duplicate_of === null);
  const repeats = sameReports(distinct.map((d) => ({ file: d.file, identity: ctx.identities.get(d.file) ?? null })));
  for (const doc of distinct) {
    const first = repeats.get(doc.file);
    const entry = first ? ctx.manifest.get(doc.file) : undefined;
    if (!first || !entry) continue;
    doc.duplicate_of = first;
    await ctx.manifest.set({ ...entry, duplicate_of: first });
  }
}

function signalName(signal: AbortSignal): string {
  return typeof signal.reason === "string" ? signal.reason : "aborted";
}

/**
 * The review pages are derived from the document folders (yujue review rebuilds them): a failure is a warning.
 * The review stage (pdf.js, canvas) is loaded here, when it is written: a --no-review run never loads it.
 */
async function reviewPages(ctx: RunContext, cwd: string): Promise<string | null> {
  try {
    const { writeReview } = await import("../review/index.js");
    const onWarning = (message: string) => ctx.emit({ event: "warning", message });
    return (await writeReview(ctx.out, { sources: ctx.sources, cwd, onWarning })).index;
  } catch (err) {
    ctx.emit({ event: "warning", message: `review not written: ${oneLine(err)}` });
    return null;
  }
}

function openDatabase(out: string, ocr: OcrMode, emit: (event: BatchEvent) => void): RunDatabase | null {
  try {
    return RunDatabase.open(out, { command: "extract", toolVersion: TOOL_VERSION, ocr });
  } catch (err) {
    emit({ event: "warning", message: `database not updated: ${oneLine(err)}` });
    return null;
  }
}

/**
 * The database is derived from the document folders (yujue db rebuild makes it
 * again): a write that fails is a warning, never a failed document.
 */
async function toDatabase(ctx: RunContext, write: (db: RunDatabase) => void | Promise<void>): Promise<void> {
  if (!ctx.database) return;
  try {
    await write(ctx.database);
  } catch (err) {
    ctx.emit({ event: "warning", message: `database: ${oneLine(err)}` });
  }
}

/**
 * The order documents start in: downloads first (they wait on the network),
 * then files from the largest down, so that a big document does not start
 * last and leave the other workers idle at the end of the batch.
 */
async function largestFirst(inputs: Input[]): Promise<Input[]> {
  const sizes = new Map<string, number>();
  for (const input of inputs) {
    const size =
      input.kind === "file"
        ? ((await stat(input.path).catch(() => null))?.size ?? 0)
        : input.kind === "url"
          ? Infinity
          : -1;
    sizes.set(input.key, size);
  }
  return [...inputs].sort((a, b) => sizes.get(b.key)! - sizes.get(a.key)!);
}

async function outputFoldersToSweep(out: string): Promise<string[]> {
  const entries = await readdir(out, { withFileTypes: true }).catch(() => []);
  const subfolders = entries.filter((e) => e.isDirectory()).map((e) => path.join(out, e.name));
  return [out, ...subfolders, path.join(out, ".cache", "downloads")];
}

/** One input from start to manifest entry. Never throws: every failure becomes the entry's reason. */
async function processInput(ctx: RunContext, input: Input): Promise<DocumentEvent | null> {
  const started = Date.now();
  const folder = ctx.folders.get(input.key)!;
  let sha256: string | null = null;
  try {
    if (input.kind === "missing") return await finishFailed(ctx, input, null, input.reason, started);
    const local = await localCopy(ctx, input);
    sha256 = local.sha256;
    const first = ctx.firstBySha.get(local.sha256);
    if (first) return await finishRepeat(ctx, input, first.file, await first.result.promise, started);
    const result = new Deferred<DocumentEvent | null>();
    ctx.firstBySha.set(local.sha256, { file: input.key, result });
    // Settled whatever happens: the repeats waiting on `result` always get an answer.
    let event: DocumentEvent | null = null;
    try {
      event = await extractOrSkip(ctx, input, local, folder, started);
    } finally {
      result.resolve(event);
    }
    return event;
  } catch (err) {
    return stopped(ctx) ? null : await finishFailed(ctx, input, sha256, oneLine(err), started);
  }
}

/** A local PDF whose content no other input of this run had: skipped when unchanged, else extracted. */
async function extractOrSkip(ctx: RunContext, input: Input, local: LocalCopy, folder: string, started: number) {
  const sha256 = local.sha256;
  try {
    ctx.sources.set(local.sha256, local.path);
    const dir = path.join(ctx.out, folder);
    const marker = ctx.options.force ? null : await readCompleteMarker(dir);
    if (marker && isUpToDate(marker, local.sha256, ctx.ocr))
      return await finishSkipped(ctx, input, folder, marker, started);
    const job = {
      file: local.path,
      fileName: local.fileName,
      sourcePath: input.key,
      sourceUrl: input.kind === "url" ? input.url : null,
      ocr: ctx.ocr,
      password: ctx.options.password,
      pageImagesDir: ctx.options.review === false ? undefined : path.join(ctx.out, REVIEW_DIR, PAGES_DIR),
    };
    const onProgress = (p: PageProgress) => ctx.emit({ event: "page", document: input.key, ...p });
    const outcome = await ctx.pool.run(job, onProgress);
    if (!outcome.ok) return stopped(ctx) ? null : await finishFailed(ctx, input, sha256, outcome.error, started);
    return await finishOk(ctx, input, folder, outcome, started);
  } catch (err) {
    return stopped(ctx) ? null : await finishFailed(ctx, input, sha256, oneLine(err), started);
  }
}

/**
 * An input with the same content as an earlier one of this run: not extracted again, and given no output
 * folder (the run-wide files would count its facts twice); its entry points at the first.
 */
async function finishRepeat(
  ctx: RunContext,
  input: Input,
  firstFile: string,
  first: DocumentEvent | null,
  started: number,
) {
  if (!first) return null;
  const earlier = ctx.existing.get(input.key);
  if (earlier && earlier !== first.output) await removeDocumentFiles(path.join(ctx.out, earlier));
  const { event: _e, done: _d, total: _t, outcome: _o, duplicate_of: _dup, ...fields } = first;
  return record(
    ctx,
    {
      ...fields,
      file: input.key,
      status: first.status === "failed" ? "failed" : "skipped",
      error: first.error === null ? null : `same content as ${firstFile}, which failed: ${first.error}`,
      ms: Date.now() - started,
    },
    firstFile,
  );
}

/** A document cut short by a stop is not done, not failed: no entry, and its earlier outputs stay. */
function stopped(ctx: RunContext): boolean {
  return ctx.options.signal?.aborted ?? false;
}

function isUpToDate(marker: CompleteMarker, sha256: string, ocr: OcrMode): boolean {
  return (
    marker.sha256 === sha256 &&
    marker.tool_version === TOOL_VERSION &&
    marker.schema_version === DOCUMENT_SCHEMA_VERSION &&
    marker.ocr === ocr
  );
}

interface LocalCopy {
  path: string;
  fileName: string;
  sha256: string;
}

async function localCopy(ctx: RunContext, input: Exclude<Input, { kind: "missing" }>): Promise<LocalCopy> {
  if (input.kind === "file") {
    const sha256 = await sha256File(input.path).catch((err) => {
      throw new Error(`cannot read file: ${(err as NodeJS.ErrnoException).code ?? oneLine(err)}`);
    });
    return { path: input.path, fileName: path.basename(input.path), sha256 };
  }
  const got = await downloadToCache(input.url, {
    cacheDir: path.join(ctx.out, ".cache", "downloads"),
    maxBytes: ctx.options.downloadMaxBytes ?? DEFAULTS.downloadMaxBytes,
    timeoutMs: ctx.options.downloadTimeoutMs ?? DEFAULTS.downloadTimeoutMs,
    signal: ctx.options.signal,
  }).catch((err) => {
    throw err instanceof DownloadError ? err : new Error(oneLine(err));
  });
  return { path: got.path, fileName: `${baseStem(input)}.pdf`, sha256: got.sha256 };
}

async function finishOk(
  ctx: RunContext,
  input: Input,
  folder: string,
  outcome: JobOutcome & { ok: true },
  started: number,
) {
  const doc: Document = outcome.doc;
  const ms = Date.now() - started;
  const marker = await writeDocumentFiles(path.join(ctx.out, folder), doc, { input: input.key, ocr: ctx.ocr, ms });
  ctx.identities.set(input.key, identityKey(doc));
  await toDatabase(ctx, (db) => db.documentOk(input.key, folder, doc, ms));
  const counts = checkCounts(doc.checks);
  return record(ctx, {
    file: input.key,
    output: folder,
    status: "ok",
    error: null,
    sha256: doc.source.sha256,
    pages: doc.source.pages,
    tables: doc.tables.length,
    facts: marker.facts,
    checks_passed: counts.pass,
    checks_failed: counts.fail,
    checks_skipped: counts.skipped,
    warnings: doc.warnings,
    ms,
  });
}

async function finishSkipped(ctx: RunContext, input: Input, folder: string, marker: CompleteMarker, started: number) {
  const dir = path.join(ctx.out, folder);
  ctx.identities.set(input.key, identityKey(marker));
  await toDatabase(ctx, (db) =>
    db.documentSkipped(input.key, folder, dir, marker.sha256, marker.tool_version, Date.now() - started),
  );
  return record(ctx, {
    file: input.key,
    output: folder,
    status: "skipped",
    error: null,
    sha256: marker.sha256,
    pages: marker.pages,
    tables: marker.tables,
    facts: marker.facts,
    checks_passed: marker.checks_passed,
    checks_failed: marker.checks_failed,
    checks_skipped: marker.checks_skipped,
    warnings: marker.warnings,
    ms: Date.now() - started,
  });
}

async function finishFailed(ctx: RunContext, input: Input, sha256: string | null, error: string, started: number) {
  // Outputs an earlier run made for this same input are now stale: remove them so the
  // run-wide facts.csv agrees with the manifest.
  const earlier = ctx.existing.get(input.key);
  if (earlier) await removeDocumentFiles(path.join(ctx.out, earlier));
  // The database keeps the earlier rows, marked failed: a dataset should not lose a year on one bad download.
  await toDatabase(ctx, (db) => db.documentFailed(input.key, sha256, error, Date.now() - started));
  return record(ctx, {
    file: input.key,
    output: null,
    status: "failed",
    error,
    sha256,
    pages: null,
    tables: null,
    facts: null,
    checks_passed: null,
    checks_failed: null,
    checks_skipped: null,
    warnings: [],
    ms: Date.now() - started,
  });
}

type RecordFields = Omit<DocumentEvent, "event" | "done" | "total" | "outcome" | "duplicate_of">;

async function record(
  ctx: RunContext,
  fields: RecordFields,
  duplicateOf: string | null = null,
): Promise<DocumentEvent> {
  const checks =
    fields.checks_passed === null
      ? null
      : { pass: fields.checks_passed, fail: fields.checks_failed ?? 0, skipped: fields.checks_skipped ?? 0 };
  const outcome = outcomeOf(
    fields.status === "failed" || !checks ? null : { tables: fields.tables ?? 0, warnings: fields.warnings, checks },
  );
  const duplicate_of = duplicateOf;
  await ctx.manifest.set({
    file: fields.file,
    ...inputProvenance(fields.file),
    sha256: fields.sha256,
    status: fields.status,
    outcome,
    error: fields.error,
    pages: fields.pages,
    tables: fields.tables,
    facts: fields.facts,
    checks,
    warnings: fields.warnings,
    duplicate_of,
    ms: fields.ms,
  });
  ctx.done++;
  return { event: "document", ...fields, outcome, duplicate_of, done: ctx.done, total: ctx.total };
}

type Summarised = Omit<BatchSummary, "review" | "interrupted" | "not_done" | "duplicates">;

function summarise(documents: DocumentEvent[], runFacts: number, ms: number, databaseMs: number | null): Summarised {
  const count = (status: string) => documents.filter((d) => d.status === status).length;
  // Content given twice is counted once: the repeat holds the first one's figures.
  const distinct = documents.filter(
    (d, i) => d.sha256 === null || documents.findIndex((o) => o.sha256 === d.sha256) === i,
  );
  const sum = (key: "pages" | "tables" | "facts") => distinct.reduce((total, d) => total + (d[key] ?? 0), 0);
  return {
    event: "summary",
    documents: documents.length,
    ok: count("ok"),
    skipped: count("skipped"),
    failed: count("failed"),
    pages: sum("pages"),
    tables: sum("tables"),
    facts: sum("facts"),
    run_facts: runFacts,
    ms,
    database_ms: databaseMs === null ? null : Math.round(databaseMs),
    outcomes: Object.fromEntries(
      Outcome.options.map((o) => [o, documents.filter((d) => d.outcome === o).length]),
    ) as Record<Outcome, number>,
    to_review: distinct
      .filter((d) => d.outcome === "ok_with_warnings" || d.outcome === "no_tables")
      .map((d) => ({
        file: d.file,
        outcome: d.outcome,
        checks_failed: d.checks_failed ?? 0,
        warnings: d.warnings.length,
      })),
  };
}

/** --strict: a document with failed checks or no tables fails the run, as a failed document does. */
export function strictFailures(summary: BatchSummary): number {
  return summary.failed + summary.to_review.filter((d) => d.outcome === "no_tables" || d.checks_failed > 0).length;
}
