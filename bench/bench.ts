/**
 * `npm run bench`: speed of the pipeline against a baseline measured in the
 * same run (speed is only meaningful as a ratio on a shared machine).
 *
 *   node dist/bench/bench.js [--repeat N (default 2)] [--ocr-pages N] [--ocr-document] [--no-ocr] [--no-batch]
 *                            [--no-review] [--no-shards] [--shard-documents N (default 100)]
 *
 * - text: pages per second through extractDocument (ocr "never") next to the
 *   bare pdfjs-dist reading of the same pages (getTextContent and
 *   getOperatorList, nothing else), interleaved document by document;
 * - peak memory (max RSS of this process);
 * - scanned pages: seconds per page of yujue's OCR (benchOcr() from
 *   bench/ocr.ts, when present) beside plain full-page tesseract.js on the
 *   same pages; --ocr-pages N: the first N table pages of the first scanned
 *   copy with a key instead of benchOcr's own choice;
 *   With --ocr-document, also the whole pipeline on that scanned copy (slow);
 * - batch throughput with 1 and 2 workers (benchBatch() from bench/batch.ts, when present);
 * - the review pages (bench/review.ts): a batch of the text PDFs with and without
 *   them, their share of the time, and the bytes per page image (--no-review skips it);
 * - shards (bench/shards.ts): a batch of 100 distinct documents run once and as 4
 *   shards one after another, the overhead, and the merge time (--no-shards skips it).
 * Prints a table and writes bench/results.json.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { REPO_ROOT, findScannedSamples, readKey } from "./eval-samples.js";
import { benchReview, formatReview } from "./review.js";
import { benchShards, formatShards, type ShardBench } from "./shards.js";
import { cpuSecondsSince } from "./measure.js";

const require = createRequire(import.meta.url);

interface DocTiming {
  id: string;
  pages: number;
  bare_s: number;
  pipeline_s: number;
  tables: number;
}

interface TextBench {
  documents: DocTiming[];
  pages: number;
  bare_s: number;
  pipeline_s: number;
  bare_pages_per_s: number;
  pipeline_pages_per_s: number;
  /** pipeline pages/s ÷ bare pages/s: the share of bare reading speed the whole pipeline keeps. */
  ratio: number;
  repeat: number;
}

interface OcrSide {
  s_per_page: number;
  cpu_s_per_page: number | null;
  /** Share of the answer key's values on those pages found in the OCR text (null without a key). */
  key_values_found: number | null;
  mean_confidence: number | null;
}

/** extractDocument on a whole scanned copy: what a user waits for. */
interface OcrDocumentBench {
  pdf: string;
  pages: number;
  ocr_pages: number;
  seconds: number;
  s_per_page: number;
}

interface Results {
  generated_at: string;
  command: string;
  machine: { cpus: number; node: string; load_average: number[] };
  text: TextBench;
  memory: {
    /** Peak RSS of a separate process that only runs extractDocument over the text PDFs. */
    pipeline_only_peak_rss_mb: number | null;
    peak_rss_mb_after_text: number;
    peak_rss_mb: number;
  };
  ocr: {
    pdf: string;
    pages: number[];
    /** OCR workers yujue ran in parallel (null when not measured). */
    workers: number | null;
    yujue: OcrSide | null;
    plain: OcrSide | null;
    /** Plain seconds per page ÷ yujue seconds per page (wall clock). */
    ratio: number | null;
    raw: unknown;
    document: OcrDocumentBench | null;
  } | null;
  batch: unknown;
  review: import("./review.js").ReviewBench | null;
  shards: ShardBench | null;
  notes: string[];
}

function peakRssMb(): number {
  // maxRSS is in kilobytes on Linux.
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

/** The text PDFs: every PDF in samples/real and the non-scanned PDFs of samples/synthetic. */
export function textPdfs(root = REPO_ROOT): string[] {
  const list = (dir: string) =>
    existsSync(path.join(root, dir))
      ? readdirSync(path.join(root, dir))
          .filter((f) => f.endsWith(".pdf") && !f.endsWith(".scanned.pdf"))
          .sort()
          .map((f) => `${dir}/${f}`)
      : [];
  return [...list("samples/real"), ...list("samples/synthetic")];
}

/** The baseline: open, then getTextContent and getOperatorList of every page, as bare as pdf.js allows. */
async function bareRead(file: string): Promise<{ pages: number; seconds: number }> {
  const { openPdf } = await import("../src/pdf/load.js");
  const started = performance.now();
  const pdf = await openPdf(new Uint8Array(readFileSync(file)));
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      await Promise.all([page.getTextContent(), page.getOperatorList()]);
      page.cleanup();
    }
    return { pages: pdf.numPages, seconds: seconds(started) };
  } finally {
    await pdf.destroy();
  }
}

async function pipelineRead(file: string): Promise<{ seconds: number; tables: number }> {
  const { extractDocument } = await import("../src/pipeline.js");
  const started = performance.now();
  const doc = await extractDocument(file, { ocr: "never" });
  return { seconds: seconds(started), tables: doc.tables.length };
}

async function benchText(files: string[], repeat: number, log: (s: string) => void): Promise<TextBench> {
  // Warm-up: the first document pays for CMap loading and module compilation.
  await bareRead(path.join(REPO_ROOT, files[0]));
  await pipelineRead(path.join(REPO_ROOT, files[0]));
  const documents: DocTiming[] = [];
  for (const id of files) {
    const file = path.join(REPO_ROOT, id);
    const bare: number[] = [];
    const pipeline: number[] = [];
    let pages = 0;
    let tables = 0;
    // Interleaved, best of N: load from the other engineers on this machine hits both sides alike.
    // The order alternates so that neither side always runs second (warm file cache, JIT).
    for (let r = 0; r < repeat; r++) {
      const bareFirst = (documents.length + r) % 2 === 0;
      const early = bareFirst ? await bareRead(file) : null;
      const p = await pipelineRead(file);
      const b = early ?? (await bareRead(file));
      bare.push(b.seconds);
      pipeline.push(p.seconds);
      pages = b.pages;
      tables = p.tables;
    }
    const best: DocTiming = { id, pages, bare_s: Math.min(...bare), pipeline_s: Math.min(...pipeline), tables };
    documents.push(best);
    log(
      `  ${id}: ${pages} pages, bare ${best.bare_s.toFixed(2)} s, ` +
        `pipeline ${best.pipeline_s.toFixed(2)} s, ${tables} tables`,
    );
  }
  const pages = documents.reduce((n, d) => n + d.pages, 0);
  const bare = documents.reduce((n, d) => n + d.bare_s, 0);
  const pipeline = documents.reduce((n, d) => n + d.pipeline_s, 0);
  return {
    documents,
    pages,
    bare_s: bare,
    pipeline_s: pipeline,
    bare_pages_per_s: pages / bare,
    pipeline_pages_per_s: pages / pipeline,
    ratio: bare / pipeline,
    repeat,
  };
}

/** Table pages of the first scanned copy that has a key: the pages OCR is for. */
function ocrPages(count: number): { pdf: string; pages: number[] } | null {
  const sample = findScannedSamples().find((s) => s.key !== null);
  if (!sample || !sample.key) return null;
  const key = readKey(sample.key);
  const pages = [...new Set(key.tables.filter((t) => !t.empty).flatMap((t) => t.pages))].sort((a, b) => a - b);
  return { pdf: sample.pdf, pages: pages.slice(0, count) };
}

async function renderPng(pdfPath: string, pageNumber: number): Promise<Buffer> {
  const { openPdf } = await import("../src/pdf/load.js");
  const pdf = await openPdf(new Uint8Array(readFileSync(pdfPath)));
  try {
    const page = await pdf.getPage(pageNumber);
    const viewport = page.getViewport({ scale: 200 / 72 });
    const factory = (pdf as any).canvasFactory;
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvasContext: context, canvas, viewport } as any).promise;
    return canvas.toBuffer("image/png") as Buffer;
  } finally {
    await pdf.destroy();
  }
}

/**
 * Plain full-page tesseract.js (chi_sim best_int, default page segmentation), one worker: the OCR baseline when
 * bench/ocr.ts is absent.
 */
async function plainTesseract(pdfPath: string, pages: number[]): Promise<OcrSide> {
  const Tesseract = (await import("tesseract.js")).default;
  const langPath = path.join(
    path.dirname(require.resolve("@tesseract.js-data/chi_sim/package.json")),
    "4.0.0_best_int",
  );
  const worker = await Tesseract.createWorker("chi_sim", Tesseract.OEM.LSTM_ONLY, {
    langPath,
    cacheMethod: "none",
    gzip: true,
  });
  try {
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    let confidence = 0;
    for (const n of pages) {
      const { data } = await worker.recognize(await renderPng(pdfPath, n));
      confidence += data.confidence;
    }
    const cpu = cpuSecondsSince(cpu0);
    return {
      s_per_page: seconds(started) / pages.length,
      cpu_s_per_page: cpu / pages.length,
      key_values_found: null,
      mean_confidence: confidence / pages.length,
    };
  } finally {
    await worker.terminate();
  }
}

/**
 * A module another engineer owns; null when it does not exist yet. The path is a variable so tsc does not require it.
 */
async function optionalModule(name: string): Promise<Record<string, unknown> | null> {
  const file = path.join(path.dirname(new URL(import.meta.url).pathname), name);
  if (!existsSync(file)) return null;
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

async function pipelineOnScan(pdfPath: string): Promise<OcrDocumentBench> {
  const { extractDocument } = await import("../src/pipeline.js");
  const started = performance.now();
  const doc = await extractDocument(pdfPath, { ocr: "auto" });
  const elapsed = seconds(started);
  return {
    pdf: path.relative(REPO_ROOT, pdfPath),
    pages: doc.source.pages,
    ocr_pages: doc.ocr_pages.length,
    seconds: elapsed,
    s_per_page: elapsed / doc.source.pages,
  };
}

/**
 * benchOcr() (bench/ocr.ts) measures yujue's OCR and plain tesseract.js on the same pages; without it, only the plain
 * baseline runs here.
 */
async function benchOcrPhase(count: number | null, wholeDocument: boolean, notes: string[]): Promise<Results["ocr"]> {
  const target = ocrPages(count ?? 2);
  const mod = await optionalModule("ocr.js");
  let ocr: NonNullable<Results["ocr"]>;
  if (mod && typeof mod.benchOcr === "function") {
    // Without --ocr-pages, benchOcr picks its own representative table pages.
    const options = count !== null && target ? { pdf: target.pdf, pages: target.pages } : {};
    const raw = (await (mod.benchOcr as (o: unknown) => Promise<BenchOcrResult>)(options)) as BenchOcrResult;
    ocr = fromBenchOcr(raw);
  } else if (target) {
    notes.push("bench/ocr.ts (benchOcr) absent: yujue OCR speed not measured");
    const plain = await plainTesseract(target.pdf, target.pages);
    ocr = {
      pdf: path.relative(REPO_ROOT, target.pdf),
      pages: target.pages,
      workers: null,
      yujue: null,
      plain,
      ratio: null,
      raw: null,
      document: null,
    };
  } else {
    notes.push("no scanned sample with a key: OCR not measured");
    return null;
  }
  if (wholeDocument) {
    ocr.document = await pipelineOnScan(path.join(REPO_ROOT, ocr.pdf));
    if (ocr.document.ocr_pages === 0) notes.push(`${ocr.document.pdf}: the pipeline read no page by OCR`);
  }
  return ocr;
}

/** What bench/ocr.ts returns (loaded dynamically, so only its type is imported). */
type BenchOcrResult = import("./ocr.js").OcrBenchResult;

function fromBenchOcr(raw: BenchOcrResult): NonNullable<Results["ocr"]> {
  const yujue: OcrSide = {
    s_per_page: raw.seconds_per_page,
    cpu_s_per_page: raw.cpu_seconds_per_page,
    key_values_found: raw.key_values_found,
    mean_confidence: null,
  };
  const plain: OcrSide | null = raw.plain
    ? {
        s_per_page: raw.plain.seconds_per_page,
        cpu_s_per_page: raw.plain.cpu_seconds_per_page,
        key_values_found: raw.plain.key_values_found,
        mean_confidence: raw.plain.mean_confidence,
      }
    : null;
  return {
    pdf: raw.pdf,
    pages: raw.pages,
    workers: raw.workers,
    yujue,
    plain,
    ratio: plain ? plain.s_per_page / yujue.s_per_page : null,
    raw,
    document: null,
  };
}

async function benchBatchPhase(files: string[], repeat: number, notes: string[]): Promise<unknown> {
  const mod = await optionalModule("batch.js");
  if (!mod || typeof mod.benchBatch !== "function") {
    notes.push("bench/batch.ts (benchBatch) absent: batch throughput not measured");
    return null;
  }
  // Same documents as the text runs; benchBatch cycles them to 12 documents and compares 1 and 2 workers,
  // interleaved and best of `repeat` like the text runs (a single run of each is at the mercy of the load).
  return (mod.benchBatch as (o: unknown) => Promise<unknown>)({
    samples: files.map((f) => path.join(REPO_ROOT, f)),
    repeats: repeat,
  });
}

/**
 * The pipeline's own peak memory: this process also holds the bare reader's
 * garbage, so the text PDFs are run again in a child that does nothing else.
 */
async function pipelinePeakRss(): Promise<number | null> {
  const { execFile } = await import("node:child_process");
  const script = new URL(import.meta.url).pathname;
  return new Promise((resolve) => {
    execFile(process.execPath, [script, "--pipeline-rss-child"], { maxBuffer: 1 << 20 }, (err, stdout) => {
      if (err) return resolve(null);
      resolve(Number(JSON.parse(stdout.trim().split("\n").pop()!).peak_rss_mb));
    });
  });
}

async function pipelineRssChild(): Promise<void> {
  for (const id of textPdfs()) await pipelineRead(path.join(REPO_ROOT, id));
  console.log(JSON.stringify({ peak_rss_mb: peakRssMb() }));
}

// ---------- printing ----------

function pad(text: string | number, width: number): string {
  const s = String(text);
  return s.length >= width ? s : s + " ".repeat(width - s.length);
}

export function formatResults(r: Results): string {
  const t = r.text;
  const lines = [
    "",
    `text PDFs: ${t.documents.length} documents, ${t.pages} pages (best of ${t.repeat}, after a warm-up document)`,
    `  ${pad("reader", 54)}${pad("seconds", 10)}pages/s`,
    "  " +
      pad("bare pdfjs-dist (getTextContent + getOperatorList)", 54) +
      pad(t.bare_s.toFixed(2), 10) +
      t.bare_pages_per_s.toFixed(1),
    "  " +
      pad("yujue extractDocument (ocr: never)", 54) +
      pad(t.pipeline_s.toFixed(2), 10) +
      t.pipeline_pages_per_s.toFixed(1),
    `  ratio pipeline / bare speed: ${t.ratio.toFixed(2)} ` +
      `(pipeline takes ${(1 / t.ratio).toFixed(2)}x the bare reading time)`,
    `peak RSS: ${r.memory.pipeline_only_peak_rss_mb ?? "?"} MB for extractDocument alone over these PDFs ` +
      "(separate process); " +
      `this process: ${r.memory.peak_rss_mb_after_text} MB after the text runs, ${r.memory.peak_rss_mb} MB at the end`,
  ];
  if (r.ocr) lines.push(...formatOcr(r.ocr));

  if (r.batch) lines.push(...formatBatch(r.batch));
  if (r.review) lines.push(...formatReview(r.review));
  if (r.shards) lines.push(...formatShards(r.shards));
  for (const note of r.notes) lines.push(`note: ${note}`);
  return lines.join("\n");
}

function formatOcr(o: NonNullable<Results["ocr"]>): string[] {
  const side = (name: string, x: OcrSide | null) =>
    x
      ? [
          "  ",
          pad(name, 40),
          pad(x.s_per_page.toFixed(2), 8),
          pad(x.cpu_s_per_page?.toFixed(2) ?? "-", 8),
          pad(x.key_values_found?.toFixed(3) ?? "-", 12),
          x.mean_confidence?.toFixed(0) ?? "-",
        ].join("")
      : `  ${pad(name, 40)}not measured`;
  const lines = [
    `scanned pages: ${o.pdf} pages ${o.pages.join(",")}`,
    `  ${pad("reader", 40)}${pad("s/page", 8)}${pad("cpu s", 8)}${pad("key values", 12)}confidence`,
    side(`yujue ocrPage (${o.workers ?? "?"} workers, cell by cell)`, o.yujue),
    side("plain full-page tesseract.js (1 worker)", o.plain),
  ];
  if (o.ratio !== null) lines.push(`  ratio plain / yujue seconds per page: ${o.ratio.toFixed(2)}`);
  const d = o.document;
  if (d)
    lines.push(
      `  yujue extractDocument on the whole copy: ${d.s_per_page.toFixed(2)} s/page ` +
        `(${d.pages} pages, ${d.ocr_pages} by OCR, ${d.seconds.toFixed(1)} s)`,
    );
  const corpus = (o.raw as { corpus?: import("./ocr.js").CorpusBench[] } | null)?.corpus ?? [];
  if (corpus.length) lines.push(...formatCorpus(corpus));
  return lines;
}

/**
 * The scan corpus: CPU-s per page of yujue (whole extractDocument, workers warm) beside plain full-page
 * tesseract.js on the same pages, and the parity beside them (numeric cells equal to the text original's).
 */
function formatCorpus(corpus: import("./ocr.js").CorpusBench[]): string[] {
  const row = (cells: string[]) =>
    "  " + [pad(cells[0], 56), pad(cells[1], 5), pad(cells[2], 9), pad(cells[3], 9)].join("") + cells[4];
  return [
    "scan corpus (samples/scans; aim: ≤ 2 CPU-s a table page):",
    row(["scan", "dpi", "yujue", "plain", "parity: cells equal / cells (unflagged differences, tables)"]),
    row(["", "", "CPU-s/pg", "CPU-s/pg", ""]),
    ...corpus.map((c) =>
      row([
        c.id.replace(/^scans\//, "").replace(/\.scanned\.pdf$/, ""),
        c.dpi?.toString() ?? "-",
        c.cpu_seconds_per_page.toFixed(2),
        c.plain_cpu_seconds_per_page?.toFixed(2) ?? "-",
        `${c.equal}/${c.numeric} = ${c.parity?.toFixed(3) ?? "-"} (${c.unaccounted} unflagged, ` +
          `tables ${c.tables_equal ? "same" : "DIFFER"})`,
      ]),
    ),
  ];
}

/** The shape bench/batch.ts reports (loaded dynamically, so only its type is imported). */
type BatchRun = import("./batch.js").BenchBatchRun;

/** benchBatch() result as a table; anything of another shape is printed as JSON. */
function formatBatch(batch: unknown): string[] {
  const b = batch as {
    runs?: BatchRun[];
    speedup?: number | null;
    database?: import("./batch.js").BenchDatabase | null;
  };
  if (!Array.isArray(b.runs)) return [`batch (benchBatch()): ${JSON.stringify(batch)}`];
  const lines = [
    `batch (benchBatch(), ocr never):`,
    ["  ", pad("workers", 9), pad("docs", 6), pad("pages", 7), pad("seconds", 9), pad("docs/s", 8), pad("pages/s", 9)]
      .concat("load at start")
      .join(""),
  ];
  for (const run of b.runs) {
    lines.push(
      [
        "  ",
        pad(run.workers, 9),
        pad(run.documents, 6),
        pad(run.pages, 7),
        pad((run.ms / 1000).toFixed(1), 9),
        pad(run.documents_per_s, 8),
        pad(run.pages_per_s, 9),
        run.load_at_start ?? "?",
      ].join(""),
    );
  }
  if (b.speedup) lines.push(`  speedup (time with fewest workers / time with most): ${b.speedup}`);
  for (const run of b.runs) {
    if (run.database_ms != null)
      lines.push(
        `  database writes in the ${run.workers}-worker run: ` +
          `${(run.database_ms / 1000).toFixed(2)} s of ${(run.ms / 1000).toFixed(1)} s`,
      );
  }
  const d = b.database;
  if (d) {
    lines.push(
      `  database, ${d.documents} documents (${d.facts} facts): ` +
        `writes ${(d.write_ms / 1000).toFixed(2)} s beside extraction ` +
        `${(d.extraction_ms / 1000).toFixed(1)} s (1 worker): +${(d.share * 100).toFixed(1)}% (aim: under 5%)`,
    );
  }
  return lines;
}

// ---------- command line ----------

interface Args {
  repeat: number;
  /** null: benchOcr's own choice of pages. */
  ocrPages: number | null;
  ocr: boolean;
  ocrDocument: boolean;
  batch: boolean;
  review: boolean;
  shards: boolean;
  shardDocuments: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    repeat: 2,
    ocrPages: null,
    ocr: true,
    ocrDocument: false,
    batch: true,
    review: true,
    shards: true,
    shardDocuments: 100,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--repeat") args.repeat = Number(argv[++i]);
    else if (a === "--ocr-pages") args.ocrPages = Number(argv[++i]);
    else if (a === "--no-ocr") args.ocr = false;
    else if (a === "--ocr-document") args.ocrDocument = true;
    else if (a === "--no-batch") args.batch = false;
    else if (a === "--no-review") args.review = false;
    else if (a === "--no-shards") args.shards = false;
    else if (a === "--shard-documents") args.shardDocuments = Number(argv[++i]);
    else
      throw new Error(
        `unknown argument ${a} (use --repeat N, --ocr-pages N, --ocr-document, --no-ocr, --no-batch, --no-review, --no-shards, --shard-documents N)`,
      );
  }
  if (!(args.repeat >= 1) || (args.ocrPages !== null && !(args.ocrPages >= 1)))
    throw new Error("--repeat and --ocr-pages take a number ≥ 1");
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const command = ["npm run bench --", ...process.argv.slice(2)].join(" ").replace(/ --$/, "");
  const files = textPdfs();
  if (files.length === 0) throw new Error("no text PDFs under samples/");
  const notes: string[] = [];
  console.log(`bench: ${files.length} text PDFs`);
  const text = await benchText(files, args.repeat, console.log);
  const afterText = peakRssMb();
  const pipelineRss = await pipelinePeakRss();
  const ocr = args.ocr ? await benchOcrPhase(args.ocrPages, args.ocrDocument, notes) : null;
  const batch = args.batch ? await benchBatchPhase(files, args.repeat, notes) : null;
  const review = args.review ? await benchReview(files, args.repeat) : null;
  const shards = args.shards
    ? await benchShards({ samples: files.map((f) => path.join(REPO_ROOT, f)), documents: args.shardDocuments })
    : null;
  const results: Results = {
    generated_at: new Date().toISOString(),
    command,
    machine: {
      cpus: os.availableParallelism?.() ?? os.cpus().length,
      node: process.version,
      load_average: os.loadavg(),
    },
    text,
    memory: { pipeline_only_peak_rss_mb: pipelineRss, peak_rss_mb_after_text: afterText, peak_rss_mb: peakRssMb() },
    ocr,
    batch,
    review,
    shards,
    notes,
  };
  console.log(formatResults(results));
  writeFileSync(path.join(REPO_ROOT, "bench/results.json"), JSON.stringify(results, null, 1) + "\n");
  console.log("\nwrote bench/results.json");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  (process.argv[2] === "--pipeline-rss-child" ? pipelineRssChild() : main()).then(
    () => process.exit(0),
    (err) => {
      console.error(`bench: ${(err as Error).stack ?? err}`);
      process.exit(2);
    },
  );
}
