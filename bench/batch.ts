/**
 * Batch throughput: the same N documents (copies of the samples) run with
 * 1 worker, then 2, into fresh output folders. Called by bench/bench.ts;
 * also runnable alone: node dist/bench/batch.js [--documents N] [--workers 1,2] [--ocr never] [--repeats R]
 */
import { readFileSync } from "node:fs";
import { appendFile, copyFile, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createHash } from "node:crypto";
import type { Document } from "../schemas/document.js";
import { runBatch } from "../src/cli/batch.js";
import { openForWriting, readDocumentJson, writeDocument } from "../src/dataset/index.js";
import { documentFacts } from "../src/output/facts.js";
import type { OcrMode } from "../src/pipeline.js";
import { cpuSeconds, round } from "./measure.js";

export interface BenchBatchOptions {
  /** PDFs to copy; default: the text PDFs of samples/real and samples/synthetic. */
  samples?: string[];
  /** Documents per run (samples are cycled). Default 12. */
  documents?: number;
  /** Worker counts to compare. Default [1, 2]. */
  workers?: number[];
  /** Default "never": the text path; OCR has its own benchmark. */
  ocr?: OcrMode;
  timeoutMs?: number;
  /** Runs per worker count, interleaved (1,2,1,2...); the fastest counts. Default 1. */
  repeats?: number;
}

export interface BenchBatchRun {
  workers: number;
  documents: number;
  failed: number;
  pages: number;
  ms: number;
  documents_per_s: number;
  pages_per_s: number;
  /** 1-minute load average when the run started: the machine may be shared. */
  load_at_start: number;
  /** CPU seconds used by the runner and its worker processes (Linux; null elsewhere). */
  cpu_s: number | null;
  /** Milliseconds of `ms` the parent spent writing <out>/yujue.sqlite (it overlaps the workers' extraction). */
  database_ms: number | null;
  /** cpu_s / wall seconds: how many cores the run actually got. */
  cores_used: number | null;
}

/**
 * The database's cost for a batch of 100 documents: the run's own writes
 * (writeDocument, one transaction per document) of the batch's extracted
 * documents, cycled to 100 with distinct hashes, into a fresh database, timed
 * in this process; set beside the 1-worker run's extraction time per
 * document times 100.
 */
export interface BenchDatabase {
  documents: number;
  facts: number;
  write_ms: number;
  extraction_ms: number;
  /** write_ms / extraction_ms: what the database adds to a text batch run one document at a time. */
  share: number;
}

export interface BenchBatchResult {
  samples: string[];
  runs: BenchBatchRun[];
  database: BenchDatabase | null;
  /** Time with the fewest workers divided by time with the most. */
  speedup: number | null;
  cores: number;
}

const REPO = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  fileURLToPath(import.meta.url).includes(`${path.sep}dist${path.sep}`) ? "../.." : "..",
);

export async function defaultSamples(): Promise<string[]> {
  const found: string[] = [];
  for (const folder of ["samples/real", "samples/synthetic"]) {
    const names = await readdir(path.join(REPO, folder)).catch(() => [] as string[]);
    for (const name of names.sort())
      if (/\.pdf$/i.test(name) && !/\.scanned\.pdf$/i.test(name)) found.push(path.join(REPO, folder, name));
  }
  return found;
}

/**
 * `count` copies of the samples, round robin, in `dir`. `distinct` appends a PDF comment to each copy so that
 * no two have the same bytes (a run reports a copy with known bytes as a duplicate, not a document).
 */
export async function copySamples(samples: string[], count: number, dir: string, distinct = false): Promise<void> {
  for (let i = 0; i < count; i++) {
    const sample = samples[i % samples.length];
    const copy = path.join(dir, `${String(i).padStart(4, "0")}-${path.basename(sample)}`);
    await copyFile(sample, copy);
    if (distinct) await appendFile(copy, `\n% bench copy ${i}\n`);
  }
}

export async function benchBatch(options: BenchBatchOptions = {}): Promise<BenchBatchResult> {
  const samples = options.samples ?? (await defaultSamples());
  if (samples.length === 0) throw new Error("benchBatch: no sample PDFs");
  const count = options.documents ?? 12;
  const tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-bench-"));
  try {
    const input = path.join(tmp, "input");
    await mkdir(input);
    await copySamples(samples, count, input);
    const best = new Map<number, BenchBatchRun>();
    for (let r = 0; r < (options.repeats ?? 1); r++) {
      for (const workers of options.workers ?? [1, 2]) {
        const run = await timedRun(input, path.join(tmp, `out-${workers}`), workers, count, options);
        if (!best.has(workers) || run.ms < best.get(workers)!.ms) best.set(workers, run);
      }
    }
    const runs = [...best.values()];
    const first = runs[0];
    const last = runs[runs.length - 1];
    const speedup = runs.length > 1 ? round(first.ms / last.ms) : null;
    const database = await benchDatabase(
      path.join(tmp, `out-${first.workers}`),
      first.ms / first.documents,
      path.join(tmp, "bench.sqlite"),
    );
    return {
      samples: samples.map((s) => path.relative(REPO, s)),
      runs,
      database,
      speedup,
      cores: os.availableParallelism(),
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function timedRun(
  input: string,
  out: string,
  workers: number,
  count: number,
  options: BenchBatchOptions,
): Promise<BenchBatchRun> {
  const load = os.loadavg()[0];
  const cpuBefore = cpuSeconds();
  const started = Date.now();
  const result = await runBatch({
    // Extraction throughput: the review pages are measured on their own (bench/review.ts).
    inputs: [input],
    out,
    concurrency: workers,
    ocr: options.ocr ?? "never",
    timeoutMs: options.timeoutMs,
    force: true,
    review: false,
  });
  const ms = Date.now() - started;
  const cpuAfter = cpuSeconds();
  const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  const { pages, failed } = result.summary;
  return {
    workers,
    documents: count,
    failed,
    pages,
    ms,
    database_ms: result.summary.database_ms,
    documents_per_s: round(count / (ms / 1000)),
    pages_per_s: round(pages / (ms / 1000)),
    load_at_start: round(load),
    cpu_s: cpu === null ? null : round(cpu),
    cores_used: cpu === null ? null : round(cpu / (ms / 1000)),
  };
}

async function benchDatabase(
  out: string,
  extractionMsPerDocument: number,
  file: string,
  count = 100,
): Promise<BenchDatabase | null> {
  const found: Document[] = [];
  for (const entry of await readdir(out, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const doc = await readDocumentJson(path.join(out, entry.name)).catch(() => null);
    if (doc) found.push(doc);
  }
  if (found.length === 0) return null;
  const db = openForWriting(file);
  try {
    let facts = 0;
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const doc = found[i % found.length];
      const sha256 = createHash("sha256").update(`${doc.source.sha256}/${i}`).digest("hex");
      writeDocument(
        db,
        { ...doc, source: { ...doc.source, sha256 } },
        { input: `bench-${i}.pdf`, output: null, runId: null },
      );
      facts += documentFacts(doc).length;
    }
    const writeMs = performance.now() - started;
    const extractionMs = extractionMsPerDocument * count;
    return {
      documents: count,
      facts,
      write_ms: Math.round(writeMs),
      extraction_ms: Math.round(extractionMs),
      share: round(writeMs / extractionMs),
    };
  } finally {
    db.close();
  }
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const documents = argValue("--documents");
  const workers = argValue("--workers");
  const result = await benchBatch({
    documents: documents ? Number(documents) : undefined,
    workers: workers ? workers.split(",").map(Number) : undefined,
    ocr: argValue("--ocr") as OcrMode | undefined,
    repeats: argValue("--repeats") ? Number(argValue("--repeats")) : undefined,
  });
  console.log(JSON.stringify(result, null, 2));
}
