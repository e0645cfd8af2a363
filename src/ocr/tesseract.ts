import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import Tesseract from "tesseract.js";

const require = createRequire(import.meta.url);

/** Which recogniser a crop goes to. */
export type Reader = "digits" | "text";

/** Characters of a printed amount, percentage or code. */
export const DIGIT_CHARS = "0123456789.,-()%";

/** Recreate the workers after this many jobs (a few hundred each): a worker's WASM memory grows and is never returned. */
const JOBS_PER_WORKER_SET = 1000;

/** Tesseract's page layouts (psm): one line of text, one block of lines (strips.ts). */
const LINE = "7";
const BLOCK_OF_LINES = "6";

interface ReaderConfig {
  lang: "eng" | "chi_sim";
  params: Record<string, string> & { tessedit_pageseg_mode: string };
}

/**
 * Each reader is set up with the layout most of its jobs are read in: the digit model's jobs are strips of lines
 * (psm 6), the Chinese model's single lines (psm 7). A job in the other layout passes it as an option, which
 * tesseract.js sets, and afterwards restores with every other parameter (SaveParameters / RestoreParameters): about
 * 3.5 ms a job, 7% of a digit strip's CPU when the digit model was set up with psm 7 (450 strips of 17 scans,
 * alternated, the same TSV from every one). tessedit_do_invert 0: scans are dark on light, and tesseract would
 * otherwise re-read every low-confidence line inverted, doubling the cost of exactly the hard lines.
 */
const READERS: Record<Reader, ReaderConfig> = {
  digits: {
    lang: "eng",
    params: {
      tessedit_pageseg_mode: BLOCK_OF_LINES,
      tessedit_char_whitelist: DIGIT_CHARS,
      user_defined_dpi: "200",
      tessedit_do_invert: "0",
    },
  },
  text: {
    lang: "chi_sim",
    params: {
      tessedit_pageseg_mode: LINE,
      preserve_interword_spaces: "1",
      user_defined_dpi: "200",
      tessedit_do_invert: "0",
    },
  },
};

/** The traineddata folder shipped in the npm package (LSTM-only, "best_int"): read from disk, never downloaded. */
export function langPath(lang: "eng" | "chi_sim"): string {
  const pkg = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  return path.join(path.dirname(pkg), "4.0.0_best_int");
}

interface Pool {
  scheduler: Tesseract.Scheduler;
  jobs: number;
  inFlight: Set<Promise<unknown>>;
}

const pools = new Map<Reader, Promise<Pool>>();
const retiring = new Set<Promise<void>>();

function workerCount(): number {
  const fromEnv = Number(process.env.YUJUE_OCR_WORKERS);
  if (fromEnv > 0) return Math.floor(fromEnv);
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

async function createPool(reader: Reader): Promise<Pool> {
  const { lang, params } = READERS[reader];
  const scheduler = Tesseract.createScheduler();
  const workers = await Promise.all(
    Array.from({ length: workerCount() }, async () => {
      const worker = await Tesseract.createWorker(lang, Tesseract.OEM.LSTM_ONLY, {
        langPath: langPath(lang),
        cacheMethod: "none",
        gzip: true,
        // Without a handler tesseract.js rethrows a failed job's error outside any
        // promise, which ends the process; the job's own promise rejects anyway.
        errorHandler: () => {},
      });
      await worker.setParameters(params as any);
      return worker;
    }),
  );
  for (const w of workers) scheduler.addWorker(w);
  return { scheduler, jobs: 0, inFlight: new Set() };
}

async function pool(reader: Reader): Promise<Pool> {
  for (;;) {
    let p = pools.get(reader);
    if (!p) {
      p = createPool(reader);
      pools.set(reader, p);
    }
    const current = await p;
    if (current.jobs < JOBS_PER_WORKER_SET) return current;
    // Many callers see the limit at once: only the first retires this set.
    if (pools.get(reader) === p) {
      pools.delete(reader);
      retire(current);
    }
  }
}

/** Terminates a worker set once the jobs already given to it are done. */
function retire(old: Pool): void {
  const done = Promise.allSettled([...old.inFlight])
    .then(() => old.scheduler.terminate())
    .then(
      () => undefined,
      () => undefined,
    );
  retiring.add(done);
  void done.finally(() => retiring.delete(done));
}

export interface Recognition {
  text: string;
  /** 0..1 */
  confidence: number;
}

/**
 * Workers are ended this long after the last recognition, so a program that
 * extracted a scan can exit on its own (the worker threads keep it alive);
 * short gaps between pages or documents do not pay the start-up again.
 */
export const OCR_IDLE_MS = Number(process.env.YUJUE_OCR_IDLE_MS) > 0 ? Number(process.env.YUJUE_OCR_IDLE_MS) : 2000;

let active = 0;
let idleTimer: NodeJS.Timeout | null = null;

function jobStarted(): void {
  active++;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
}

function jobEnded(): void {
  active--;
  if (active > 0) return;
  // Unref'd: the timer itself never keeps a process alive.
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (active === 0) void shutdownOcr();
  }, OCR_IDLE_MS);
  idleTimer.unref();
}

/** Tesseract jobs run per reader since start (for benchmarks): a strip of many lines is one job. */
export const ocrStats: Record<Reader, number> = { digits: 0, text: 0 };

/** A job as given to the workers: bench/ocr-stages.ts records a page's jobs and replays them one at a time. */
export interface RecordedJob {
  image: Buffer;
  reader: Reader;
  /** Several lines stacked in one image (strips.ts), read as a block. */
  block: boolean;
}

let recording: RecordedJob[] | null = null;

/** Jobs run from now on are appended to `into` (null: no longer recorded). */
export function recordJobs(into: RecordedJob[] | null): void {
  recording = into;
}

/** Recognises one image (an encoded image file: PGM, PNG...) as a single line. */
export async function recognize(image: Buffer, reader: Reader): Promise<Recognition> {
  const data = await runJob(image, reader, SINGLE_LINE);
  if (!data) return { text: "", confidence: 0 };
  return { text: data.text.trim(), confidence: toUnit(data.confidence) };
}

/** A text line found in an image of several lines: its vertical extent in that image, and its read. */
export interface BlockLine extends Recognition {
  y0: number;
  y1: number;
}

/**
 * Recognises an image of several lines stacked one above another (psm 6: one block of text).
 * Each line's confidence is the mean of its words', as tesseract's own for a one-line image.
 * Null when the job failed.
 */
export async function recognizeBlock(image: Buffer, reader: Reader): Promise<BlockLine[] | null> {
  const data = await runJob(image, reader, BLOCK);
  return data ? blockLines(data.tsv ?? "") : null;
}

/**
 * The lines of tesseract's TSV (level 4 a line with its box, level 5 a word of it with its confidence). Asked for
 * instead of tesseract.js's blocks tree, which gives the same lines (a word's confidence there is the TSV's cut to
 * a whole number) but costs a strip about an eighth more: the tree of every symbol built, parsed and sent back.
 */
export function blockLines(tsv: string): BlockLine[] {
  const lines: { y0: number; y1: number; words: string[]; sum: number }[] = [];
  for (const row of tsv.split("\n")) {
    const f = row.split("\t");
    if (f[0] === "4") lines.push({ y0: Number(f[7]), y1: Number(f[7]) + Number(f[9]), words: [], sum: 0 });
    else if (f[0] === "5" && lines.length) {
      const line = lines[lines.length - 1];
      line.words.push(f[11] ?? "");
      line.sum += Math.trunc(Number(f[10]));
    }
  }
  return lines.map((l) => ({
    y0: l.y0,
    y1: l.y1,
    text: l.words.join(" ").trim(),
    confidence: toUnit(l.sum / Math.max(1, l.words.length)),
  }));
}

/** One line: its text. */
const SINGLE_LINE = { layout: LINE, output: { text: true } };
/** One block of lines: the lines' boxes and the words' confidences are needed to split it. */
const BLOCK = { layout: BLOCK_OF_LINES, output: { text: false, tsv: true } };

/** The options a job in `layout` is run with: none when the reader is set up with that layout. */
function layoutOptions(reader: Reader, layout: string): Record<string, string> {
  return READERS[reader].params.tessedit_pageseg_mode === layout ? {} : { tessedit_pageseg_mode: layout };
}

function toUnit(confidence: number): number {
  return Math.max(0, Math.min(1, confidence / 100));
}

/** One tesseract job on a reader's workers; null when tesseract could not take the image. */
async function runJob(image: Buffer, reader: Reader, how: typeof SINGLE_LINE | typeof BLOCK) {
  jobStarted();
  try {
    const p = await pool(reader);
    p.jobs++;
    ocrStats[reader]++;
    recording?.push({ image, reader, block: how === BLOCK });
    const job = p.scheduler.addJob("recognize", image, layoutOptions(reader, how.layout) as any, how.output);
    p.inFlight.add(job);
    try {
      return (await job).data;
    } catch {
      // A crop tesseract cannot take is unread (empty, confidence 0), not the end of the page.
      return null;
    } finally {
      p.inFlight.delete(job);
    }
  } finally {
    jobEnded();
  }
}

/** Terminates every OCR worker. Safe to call when none was started; OCR starts new ones if used again. */
export async function shutdownOcr(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const current = [...pools.values()];
  pools.clear();
  const settled = await Promise.allSettled(current);
  await Promise.allSettled([
    ...settled.flatMap((s) => (s.status === "fulfilled" ? [s.value.scheduler.terminate()] : [])),
    ...retiring,
  ]);
}
