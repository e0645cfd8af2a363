/**
 * Where a scanned page's CPU goes, part by part, on warm workers (issue 17 item 5):
 *
 *   node dist/bench/ocr-stages.js [scanned.pdf]     (default: the 300 dpi Fuzhou scan of the corpus)
 *
 * 1. Every page is OCR'd once to start the workers, then again with the tesseract jobs recorded: that pass's
 *    CPU (all threads: the workers are threads of this process) is the total.
 * 2. The pixel steps, on the main thread: preparePage with each of its steps timed (its StepTimer); what it
 *    spends outside them is the page image's decoding, its grey and the reduction.
 * 3. The recorded jobs replayed one at a time on the same warm workers, by model and kind: a Chinese-model
 *    line whose read is a figure (the second opinion on an amount) apart from labels and headers.
 * What is left of the total is cropping and enlarging the lines, the vocabulary, messages and garbage collection.
 */
import "../src/pdf/builtins.js"; // before pdf.js: see src/pdf/builtins.ts
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { openPdf, type PdfDocument } from "../src/pdf/load.js";
import { ocrPage, preparePage, shutdownOcr } from "../src/ocr/index.js";
import { DEFAULT_OCR } from "../src/ocr/settings.js";
import { recognize, recognizeBlock, recordJobs, type RecordedJob } from "../src/ocr/tesseract.js";
import { cpuSecondsSince, round } from "./measure.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const DEFAULT_PDF = path.join(ROOT, "samples/scans/fuzhou-medical-security-2026-budget-p12-14.scanned.pdf");

/** CPU seconds a page, by part. */
export type Breakdown = Record<string, number>;

export async function ocrStages(file = DEFAULT_PDF): Promise<{ pages: number; perPage: Breakdown; jobs: Breakdown }> {
  const pdf = await openPdf(new Uint8Array(readFileSync(file)));
  try {
    const pages = Array.from({ length: pdf.numPages }, (_, i) => i + 1);
    for (const n of pages) await ocrPage(pdf, n);
    const recorded: RecordedJob[] = [];
    recordJobs(recorded);
    const cpu0 = process.cpuUsage();
    for (const n of pages) await ocrPage(pdf, n);
    const total = cpuSecondsSince(cpu0);
    recordJobs(null);
    const parts: Breakdown = {};
    for (const n of pages) await pixelSteps(pdf, n, parts);
    const jobs: Breakdown = {};
    await replay(recorded, parts, jobs);
    const counted = Object.entries(parts).reduce((sum, [k, v]) => (k === "preparePage itself" ? sum : sum + v), 0);
    const perPage: Breakdown = { total };
    for (const [k, v] of Object.entries(parts)) perPage[k] = v;
    perPage["rest (crops, enlargements, vocabulary, messages, GC)"] = total - counted;
    for (const k of Object.keys(perPage)) perPage[k] = round(perPage[k] / pages.length, 3);
    for (const k of Object.keys(jobs)) jobs[k] = round(jobs[k] / pages.length, 1);
    return { pages: pages.length, perPage, jobs };
  } finally {
    await shutdownOcr();
    await pdf.destroy();
  }
}

function add(parts: Breakdown, key: string, seconds: number): void {
  parts[key] = (parts[key] ?? 0) + seconds;
}

function step<T>(parts: Breakdown, key: string, work: () => T): T {
  const cpu0 = process.cpuUsage();
  const out = work();
  add(parts, key, cpuSecondsSince(cpu0));
  return out;
}

/**
 * The main thread's pixel work for one page: preparePage with each of its steps timed; what it spends outside
 * them is rasterizePage's: the page image read and decoded (src/ocr/scan-jpeg.ts, or pdf.js for other
 * scans), its grey and the reduction.
 */
async function pixelSteps(pdf: PdfDocument, n: number, parts: Breakdown): Promise<void> {
  const steps: Breakdown = {};
  const cpu0 = process.cpuUsage();
  await preparePage(pdf, n, DEFAULT_OCR, (key, work) => step(steps, key, work));
  const whole = cpuSecondsSince(cpu0);
  add(parts, "page image: decode, grey and reduction", whole - Object.values(steps).reduce((sum, v) => sum + v, 0));
  for (const [key, seconds] of Object.entries(steps)) add(parts, key, seconds);
  add(parts, "preparePage itself", whole);
}

/** The recorded jobs one at a time: CPU of each model's work, and jobs a page. */
async function replay(recorded: RecordedJob[], parts: Breakdown, jobs: Breakdown): Promise<void> {
  for (const job of recorded) {
    const cpu0 = process.cpuUsage();
    const read = job.block ? null : await recognize(job.image, job.reader);
    if (job.block) await recognizeBlock(job.image, job.reader);
    const kind = job.block
      ? `${job.reader} model, strips`
      : job.reader === "digits"
        ? "digits model, single lines"
        : /^[-\d.,()%\s]+$/.test(read!.text)
          ? "Chinese model, figures"
          : "Chinese model, labels and headers";
    add(parts, kind, cpuSecondsSince(cpu0));
    add(jobs, kind, 1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_PDF;
  const { pages, perPage, jobs } = await ocrStages(file);
  console.log(`${path.relative(ROOT, file)}: ${pages} pages, CPU-s a page (all threads), workers warm`);
  for (const [k, v] of Object.entries(perPage)) console.log(`  ${k.padEnd(52)} ${v.toFixed(3)}`);
  console.log("  tesseract jobs a page:");
  for (const [k, v] of Object.entries(jobs)) console.log(`    ${k.padEnd(50)} ${v}`);
}
