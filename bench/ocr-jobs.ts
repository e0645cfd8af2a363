/**
 * Which tesseract jobs a scan's pages cost, and which of them a reuse could spare (issue 17, speed at 300 dpi):
 *
 *   node dist/bench/ocr-jobs.js scanned.pdf [--list]
 *
 * Every page is OCR'd once to start the workers, again with its jobs recorded (bench/ocr-stages.ts does the same),
 * and each recorded job is replayed alone on the warm workers for its read and CPU. Printed: jobs and CPU-s by kind;
 * the Chinese model's label lines' width in ink heights, the image's and the ink's (the network's work is the text
 * line's width in line heights: white beside the ink costs nothing, ink that is not text does); the label texts read
 * on more than one page (the same row names in several tables, the same header words on each page), with what their
 * repeats cost; the Chinese model's second reads of figures by page (the figure check's sample, or every sure figure
 * of a page whose sample disagreed). `--list` prints every job. CPU is all threads' (the workers are threads of this
 * process), so it moves with the host's load: compare parts of one run, not runs.
 */
import "../src/pdf/builtins.js"; // before pdf.js: see src/pdf/builtins.ts
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { openPdf } from "../src/pdf/load.js";
import { ocrPage, shutdownOcr } from "../src/ocr/index.js";
import { recognize, recognizeBlock, recordJobs, type RecordedJob } from "../src/ocr/tesseract.js";
import { cpuSecondsSince, round } from "./measure.js";

interface Job {
  page: number;
  kind: string;
  width: number;
  height: number;
  /** The ink's width and height (pixels darker than mid-grey). */
  inkWidth: number;
  inkHeight: number;
  text: string;
  cpu: number;
}

const FIGURE = /^[-\d.,()%\s]+$/;

/** A recorded job's PGM: its size and pixels. */
function pgm(image: Buffer): { width: number; height: number; data: Uint8Array } {
  const head = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(image.toString("latin1", 0, 40));
  if (!head) throw new Error("not a binary PGM");
  return { width: Number(head[1]), height: Number(head[2]), data: image.subarray(head[0].length) };
}

function inkSize(image: Buffer): { width: number; height: number; inkWidth: number; inkHeight: number } {
  const { width, height, data } = pgm(image);
  let x0 = width,
    x1 = -1,
    y0 = height,
    y1 = -1;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (data[y * width + x] < 128) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
  return { width, height, inkWidth: Math.max(0, x1 - x0 + 1), inkHeight: Math.max(0, y1 - y0 + 1) };
}

async function replayed(job: RecordedJob, page: number): Promise<Job> {
  const cpu0 = process.cpuUsage();
  const text = job.block
    ? ((await recognizeBlock(job.image, job.reader)) ?? []).map((l) => l.text).join(" | ")
    : (await recognize(job.image, job.reader)).text;
  const cpu = cpuSecondsSince(cpu0);
  const kind = job.block
    ? `${job.reader} model, blocks (strips, figures read alone)`
    : job.reader === "digits"
      ? "digits model, single lines"
      : FIGURE.test(text)
        ? "Chinese model, figures"
        : "Chinese model, labels and headers";
  return { page, kind, text, cpu, ...inkSize(job.image) };
}

export async function ocrJobs(file: string): Promise<{ pages: number; jobs: Job[] }> {
  const pdf = await openPdf(new Uint8Array(readFileSync(file)));
  try {
    const pages = Array.from({ length: pdf.numPages }, (_, i) => i + 1);
    for (const n of pages) await ocrPage(pdf, n);
    const jobs: Job[] = [];
    for (const n of pages) {
      const recorded: RecordedJob[] = [];
      recordJobs(recorded);
      await ocrPage(pdf, n);
      recordJobs(null);
      for (const job of recorded) jobs.push(await replayed(job, n));
    }
    return { pages: pages.length, jobs };
  } finally {
    await shutdownOcr();
    await pdf.destroy();
  }
}

const sum = (jobs: Job[]) =>
  round(
    jobs.reduce((s, j) => s + j.cpu, 0),
    2,
  );
const mean = (xs: number[]) => round(xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length), 1);

function report(file: string, pages: number, jobs: Job[], list: boolean): void {
  console.log(`${path.basename(file)}: ${pages} pages, ${jobs.length} jobs, ${sum(jobs)} CPU-s replayed one at a time`);
  const kinds = [...new Set(jobs.map((j) => j.kind))];
  for (const k of kinds) {
    const of = jobs.filter((j) => j.kind === k);
    console.log(`  ${k.padEnd(48)} ${String(of.length).padStart(4)} jobs ${sum(of).toFixed(2)} CPU-s`);
  }
  const labels = jobs.filter((j) => j.kind === "Chinese model, labels and headers" && j.inkHeight > 0);
  const image = mean(labels.map((j) => j.width / j.inkHeight)),
    ink = mean(labels.map((j) => j.inkWidth / j.inkHeight));
  console.log(`  label lines: image ${image}, ink ${ink} ink heights wide (mean)`);
  const byText = new Map<string, Job[]>();
  for (const j of labels) byText.set(j.text, [...(byText.get(j.text) ?? []), j]);
  const again = [...byText.values()].filter((js) => new Set(js.map((j) => j.page)).size > 1).map((js) => js.slice(1));
  console.log(`  label texts read again on a later page: ${again.flat().length} jobs, ${sum(again.flat())} CPU-s`);
  for (const n of new Set(jobs.map((j) => j.page))) {
    const figures = jobs.filter((j) => j.page === n && j.kind === "Chinese model, figures");
    console.log(`  p${n}: the Chinese model's figure reads ${figures.length}, ${sum(figures)} CPU-s`);
  }
  if (!list) return;
  for (const j of jobs)
    console.log(
      `  p${j.page} ${j.kind.slice(0, 20).padEnd(20)} ${j.width}x${j.height} ink ${j.inkWidth}x${j.inkHeight}`,
      `${Math.round(j.cpu * 1000)} ms ${JSON.stringify(j.text.slice(0, 60))}`,
    );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: node dist/bench/ocr-jobs.js scanned.pdf [--list]");
  const { pages, jobs } = await ocrJobs(path.resolve(file));
  report(file, pages, jobs, process.argv.includes("--list"));
}
