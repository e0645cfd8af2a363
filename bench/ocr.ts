/**
 * OCR speed on scanned pages: yujue's ocrPage (grid → cell OCR) beside
 * plain full-page tesseract.js (chi_sim, automatic page segmentation) on
 * the same pages, in the same run. When the scan has an answer key, the
 * share of the key's values found in each output is reported too.
 *
 *   node dist/bench/ocr.js [scanned.pdf] [page ...]
 */
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Tesseract from "tesseract.js";
import { openPdf } from "../src/pdf/load.js";
import { ocrPage, shutdownOcr } from "../src/ocr/index.js";
import { rasterizePage } from "../src/ocr/raster.js";
import { toPgm } from "../src/ocr/crop.js";
import { langPath, ocrStats } from "../src/ocr/tesseract.js";
import { extractDocument } from "../src/pipeline.js";
import { findScannedSamples } from "./eval-samples.js";
import { onPages } from "./eval-run.js";
import { compare } from "./parity.js";
import { cpuSecondsSince } from "./measure.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const DEFAULT_PDF = path.join(ROOT, "samples/synthetic/wuhan-qingshan-social-insurance-2023-final-account.scanned.pdf");
/** 收支总表, 收入, 支出, 财政拨款收支总表, 一般公共预算支出, 基本支出明细: the table pages of that scan. */
const DEFAULT_PAGES = [3, 4, 5, 6, 7, 8];

export interface OcrBenchOptions {
  pdf?: string;
  pages?: number[];
  /** Also run plain full-page tesseract.js on the same pages (default true). */
  plain?: boolean;
  /** Scans of the corpus (samples/scans/) to measure with their parity; default CORPUS_BENCH, [] for none. */
  corpus?: string[];
}

/** One corpus scan: CPU per page of the whole pipeline and of plain tesseract.js, and the parity beside them. */
export interface CorpusBench {
  id: string;
  /** Resolution of the scan (corpus manifest), null when unknown. */
  dpi: number | null;
  pages: number;
  /** extractDocument on the scan (OCR and everything after it), all threads. */
  cpu_seconds_per_page: number;
  plain_cpu_seconds_per_page: number | null;
  /** Numeric cells equal to the text original's (bench/parity.ts), and how many. */
  parity: number | null;
  equal: number;
  numeric: number;
  tables_equal: boolean;
  /** Differing cells neither flagged nor failing a check. */
  unaccounted: number;
}

/** One scan of each resolution (150, 200, 300 dpi) and of each difficulty (seal, photograph): 8 pages. */
export const CORPUS_BENCH = [
  "scans/central-letters-and-visits-2026-budget-p5-9.scanned.pdf",
  "scans/chongqing-meteorology-2026-budget-p11-16.scanned.pdf",
  "scans/fuzhou-medical-security-2026-budget-p12-14.scanned.pdf",
  "scans/guangzhou-meteorology-2026-budget-p7-seal.scanned.pdf",
  "scans/shenzhen-civil-affairs-2026-budget-p25-photo.scanned.pdf",
];

export interface OcrBenchResult {
  pdf: string;
  pages: number[];
  workers: number;
  /** yujue ocrPage, wall clock, workers in parallel (first page's worker start-up excluded). */
  seconds_per_page: number;
  /** CPU time per page, all threads: the cost per core. */
  cpu_seconds_per_page: number;
  recognitions_per_page: number;
  /** Share of the answer key's values on these pages found among the runs (null without a key). */
  key_values_found: number | null;
  plain: {
    seconds_per_page: number;
    cpu_seconds_per_page: number;
    mean_confidence: number;
    key_values_found: number | null;
  } | null;
  corpus: CorpusBench[];
}

export async function benchOcr(options: OcrBenchOptions = {}): Promise<OcrBenchResult> {
  const pdfPath = options.pdf ?? DEFAULT_PDF;
  const pages = options.pages ?? DEFAULT_PAGES;
  const keyValues = answerKeyValues(pdfPath);
  const pdf = await openPdf(new Uint8Array(readFileSync(pdfPath)));
  try {
    const ours = await benchYujue(pdf, pages, keyValues);
    const plain = options.plain === false ? null : await benchPlain(pdf, pages, keyValues);
    const corpus = await benchCorpus(options.corpus ?? CORPUS_BENCH, options.plain !== false);
    return { pdf: path.relative(ROOT, pdfPath), pages, workers: ours.workers, ...ours.result, plain, corpus };
  } finally {
    await pdf.destroy();
  }
}

async function benchCorpus(ids: string[], withPlain: boolean): Promise<CorpusBench[]> {
  const samples = findScannedSamples().filter((s) => ids.includes(s.id));
  if (samples.length) await warmUp(samples[0].pdf);
  // The scans one after another, before anything else: the workers end 2 s after their last job, and
  // a text extraction or the plain baseline in between would charge each scan the models' loading.
  const scans = [];
  for (const sample of samples) {
    const cpu0 = process.cpuUsage();
    const scan = await extractDocument(sample.pdf, { ocr: "auto" });
    scans.push({ sample, scan, cpu: cpuSecondsSince(cpu0) });
  }
  await shutdownOcr();
  const out: CorpusBench[] = [];
  for (const { sample, scan, cpu } of scans) {
    const text = onPages(await extractDocument(sample.original, { ocr: "never" }), sample.pages, sample.perImage);
    const p = compare(text, scan);
    let plainCpu: number | null = null;
    if (withPlain) {
      const pdf = await openPdf(new Uint8Array(readFileSync(sample.pdf)));
      try {
        plainCpu = (await benchPlain(pdf, scan.ocr_pages, null)).cpu_seconds_per_page;
      } finally {
        await pdf.destroy();
      }
    }
    out.push({
      id: sample.id,
      dpi: sample.dpi ?? null,
      pages: scan.source.pages,
      cpu_seconds_per_page: cpu / scan.source.pages,
      plain_cpu_seconds_per_page: plainCpu,
      parity: p.numericCells ? p.equal / p.numericCells : null,
      equal: p.equal,
      numeric: p.numericCells,
      tables_equal: JSON.stringify(p.textTables) === JSON.stringify(p.scanTables),
      unaccounted: p.differences.filter((d) => !d.accounted).length,
    });
  }
  return out;
}

/** Starts the OCR workers (loading the models costs seconds of CPU) outside any timing. */
async function warmUp(file: string): Promise<void> {
  const pdf = await openPdf(new Uint8Array(readFileSync(file)));
  try {
    await ocrPage(pdf, 1);
  } finally {
    await pdf.destroy();
  }
}

async function benchYujue(
  pdf: Awaited<ReturnType<typeof openPdf>>,
  pages: number[],
  key: Map<number, number[]> | null,
) {
  await ocrPage(pdf, pages[0]); // start the workers outside the timing
  const jobs0 = ocrStats.digits + ocrStats.text;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let found = 0,
    total = 0;
  for (const n of pages) {
    const page = await ocrPage(pdf, n);
    const hits = countFound(page.runs.map((r) => r.text).join("\n"), key?.get(n) ?? []);
    found += hits.found;
    total += hits.total;
  }
  const wall = (performance.now() - t0) / 1000;
  const cpu = cpuSecondsSince(cpu0);
  const jobs = ocrStats.digits + ocrStats.text - jobs0;
  await shutdownOcr();
  return {
    workers: Number(process.env.YUJUE_OCR_WORKERS) || os.availableParallelism(),
    result: {
      seconds_per_page: wall / pages.length,
      cpu_seconds_per_page: cpu / pages.length,
      recognitions_per_page: jobs / pages.length,
      key_values_found: key ? found / Math.max(1, total) : null,
    },
  };
}

/** One chi_sim worker, whole page, default segmentation: what a naive OCR pass costs and gives. */
async function benchPlain(
  pdf: Awaited<ReturnType<typeof openPdf>>,
  pages: number[],
  key: Map<number, number[]> | null,
) {
  const worker = await Tesseract.createWorker("chi_sim", Tesseract.OEM.LSTM_ONLY, {
    langPath: langPath("chi_sim"),
    cacheMethod: "none",
    gzip: true,
  });
  try {
    await worker.setParameters({ preserve_interword_spaces: "1" });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let confidence = 0,
      found = 0,
      total = 0;
    for (const n of pages) {
      const raster = await rasterizePage(pdf, n);
      const { data } = await worker.recognize(toPgm(raster.gray));
      confidence += data.confidence;
      const hits = countFound(data.text, key?.get(n) ?? []);
      found += hits.found;
      total += hits.total;
    }
    return {
      seconds_per_page: (performance.now() - t0) / 1000 / pages.length,
      cpu_seconds_per_page: cpuSecondsSince(cpu0) / pages.length,
      mean_confidence: confidence / pages.length,
      key_values_found: key ? found / Math.max(1, total) : null,
    };
  } finally {
    await worker.terminate();
  }
}

/** Values per page from the answer key next to a scanned copy (x.scanned.pdf → x.json). */
function answerKeyValues(pdfPath: string): Map<number, number[]> | null {
  const keyPath = pdfPath.replace(/\.scanned\.pdf$/, ".json");
  if (keyPath === pdfPath || !existsSync(keyPath)) return null;
  const key = JSON.parse(readFileSync(keyPath, "utf8")) as { facts: { page: number; value: number }[] };
  const byPage = new Map<number, number[]>();
  for (const f of key.facts) byPage.set(f.page, [...(byPage.get(f.page) ?? []), f.value]);
  return byPage;
}

/** How many of `values` occur as numbers in `text` (each occurrence used once). */
function countFound(text: string, values: number[]): { found: number; total: number } {
  const numbers = (text.match(/-?\d[\d,]*(?:\.\d+)?/g) ?? []).map((s) => Number(s.replace(/,/g, "")));
  let found = 0;
  for (const v of values) {
    const i = numbers.indexOf(v);
    if (i >= 0) {
      found++;
      numbers.splice(i, 1);
    }
  }
  return { found, total: values.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [pdfArg, ...pageArgs] = process.argv.slice(2);
  const result = await benchOcr({
    pdf: pdfArg ? path.resolve(pdfArg) : undefined,
    pages: pageArgs.length ? pageArgs.map(Number) : undefined,
  });
  console.log(JSON.stringify(result, null, 2));
}
