/**
 * The review pages' cost beside extraction (issue 15). The same text PDFs go through runBatch (1 worker, ocr
 * never) with the review and with --no-review, interleaved, best of `repeat`: the extraction workers draw the
 * table pages while each PDF is open, so the review's cost is the difference, as a share of the run without it,
 * in wall time and in CPU time (the worker processes' included; on a shared machine CPU time is the steadier).
 * Also: the bytes per page image, `yujue review` on a folder extracted with --no-review (the review stage then
 * opens each PDF itself) and a rebuild with every image reused.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runBatch } from "../src/cli/batch.js";
import { writeReview } from "../src/review/index.js";
import { cpuSeconds, round } from "./measure.js";
import { REPO_ROOT } from "./eval-samples.js";

export interface ReviewRun {
  review: boolean;
  s: number;
  cpu_s: number | null;
  page_images: number;
}

export interface ReviewBench {
  documents: number;
  pages: number;
  /** Pages that hold a table: one image each. */
  page_images: number;
  /** Best of the runs with and without the review. */
  with_review: ReviewRun;
  without_review: ReviewRun;
  /** (with - without) / without, wall clock. */
  share_wall: number;
  /** The same in CPU seconds (null where /proc is missing). */
  share_cpu: number | null;
  bytes_per_page_image: number;
  max_bytes_page_image: number;
  /** `yujue review` after a --no-review run: every image drawn by the review stage, which opens each PDF again. */
  standalone_s: number;
  standalone_ratio: number;
  /** Rebuild with every image reused (yujue review on an unchanged folder). */
  warm_s: number;
}

export async function benchReview(files: string[], repeat: number): Promise<ReviewBench> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-bench-review-"));
  try {
    const input = path.join(tmp, "input");
    await mkdir(input);
    for (const id of files) await copyFile(path.join(REPO_ROOT, id), path.join(input, path.basename(id)));
    const best = new Map<boolean, ReviewRun & { pages: number; documents: number }>();
    for (let r = 0; r < repeat; r++) {
      // Alternate which goes first, so that neither always runs on a warmer machine.
      for (const review of r % 2 === 0 ? [false, true] : [true, false]) {
        const run = await timedRun(input, path.join(tmp, `out-${review}-${r}`), review);
        if (!best.has(review) || run.s < best.get(review)!.s) best.set(review, run);
      }
    }
    const withReview = best.get(true)!,
      without = best.get(false)!;
    const sizes = await imageSizes(path.join(tmp, `out-true-0`, "review", "pages"));
    const standalone = await writeReview(path.join(tmp, "out-false-0"), { cwd: input });
    const warm = await writeReview(path.join(tmp, "out-false-0"), { cwd: input });
    if (warm.pagesRendered !== 0) throw new Error(`review bench: a warm rebuild rendered ${warm.pagesRendered} images`);
    const cpuShare =
      withReview.cpu_s !== null && without.cpu_s !== null ? (withReview.cpu_s - without.cpu_s) / without.cpu_s : null;
    return {
      documents: withReview.documents,
      pages: withReview.pages,
      page_images: sizes.length,
      with_review: strip(withReview),
      without_review: strip(without),
      share_wall: round((withReview.s - without.s) / without.s),
      share_cpu: cpuShare === null ? null : round(cpuShare),
      bytes_per_page_image: Math.round(sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length)),
      max_bytes_page_image: Math.max(0, ...sizes),
      standalone_s: round(standalone.ms / 1000),
      standalone_ratio: round(standalone.ms / 1000 / without.s),
      warm_s: round(warm.ms / 1000),
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function timedRun(input: string, out: string, review: boolean) {
  const cpu0 = cpuSeconds();
  const started = performance.now();
  const result = await runBatch({
    inputs: [input],
    out,
    concurrency: 1,
    ocr: "never",
    force: true,
    review,
    database: false,
  });
  const s = (performance.now() - started) / 1000;
  const cpu1 = cpuSeconds();
  const images = review ? (await readdir(path.join(out, "review", "pages"))).length : 0;
  return {
    review,
    s: round(s),
    cpu_s: cpu0 === null || cpu1 === null ? null : round(cpu1 - cpu0),
    page_images: images,
    pages: result.summary.pages,
    documents: result.documents.length,
  };
}

function strip(run: ReviewRun): ReviewRun {
  return { review: run.review, s: run.s, cpu_s: run.cpu_s, page_images: run.page_images };
}

async function imageSizes(dir: string): Promise<number[]> {
  const names = (await readdir(dir)).filter((f) => f.endsWith(".png"));
  return Promise.all(names.map(async (n) => (await stat(path.join(dir, n))).size));
}

const pct = (x: number | null) => (x === null ? "?" : `${(x * 100).toFixed(0)}%`);

export function formatReview(r: ReviewBench): string[] {
  const w = r.with_review,
    wo = r.without_review;
  return [
    "review pages (runBatch, 1 worker, same text PDFs): " +
      `${r.documents} documents, ${r.pages} pages, ${r.page_images} page images`,
    `  with review ${w.s.toFixed(2)} s (${w.cpu_s ?? "?"} CPU-s), ` +
      `--no-review ${wo.s.toFixed(2)} s (${wo.cpu_s ?? "?"} CPU-s): ` +
      `the review adds ${pct(r.share_wall)} wall, ${pct(r.share_cpu)} CPU (aim: under 20%)`,
    `  page images: ${(r.bytes_per_page_image / 1024).toFixed(0)} KB on average, ` +
      `${(r.max_bytes_page_image / 1024).toFixed(0)} KB at most (aim: under 150 KB)`,
    `  yujue review after --no-review (opens each PDF again): ${r.standalone_s.toFixed(2)} s, ` +
      `${r.standalone_ratio.toFixed(2)}x the extraction; warm rebuild ${r.warm_s.toFixed(2)} s`,
  ];
}
