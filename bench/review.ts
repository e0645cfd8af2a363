/**
 * The review pages' cost beside extraction (issue 15): the same text PDFs are
 * extracted into a temporary output folder, then <out>/review/ is built cold
 * (every table page rendered) and again warm (every image reused). Reported
 * with the text pipeline's own seconds from the same bench run, as a ratio.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { extractDocument } from "../src/pipeline.js";
import { writeDocumentFiles } from "../src/output/document-files.js";
import { writeReview } from "../src/review/index.js";
import { REPO_ROOT } from "./eval-samples.js";

export interface ReviewBench {
  documents: number;
  /** Pages that hold a table: one image each. */
  page_images: number;
  cold_s: number;
  /** Of cold_s, rendering and encoding the images. */
  render_s: number;
  s_per_page_image: number;
  bytes_per_page_image: number;
  max_bytes_page_image: number;
  /** Rebuild with every image reused (yujue review on an unchanged folder). */
  warm_s: number;
  /** cold_s ÷ the text pipeline's seconds on the same PDFs in this bench run. */
  ratio_to_text: number;
}

export async function benchReview(files: string[], textSeconds: number): Promise<ReviewBench> {
  const out = await mkdtemp(path.join(os.tmpdir(), "yujue-bench-review-"));
  try {
    for (const id of files) {
      const file = path.join(REPO_ROOT, id);
      const doc = await extractDocument(file, { ocr: "never" });
      await writeDocumentFiles(path.join(out, path.basename(id, ".pdf")), doc, { input: file, ocr: "never", ms: 0 });
    }
    const cold = await writeReview(out);
    const sizes = await imageSizes(path.join(out, "review", "pages"));
    const warm = await writeReview(out);
    if (warm.pagesRendered !== 0) throw new Error(`review bench: a warm rebuild rendered ${warm.pagesRendered} images`);
    return {
      documents: cold.documents,
      page_images: cold.pagesRendered,
      cold_s: round(cold.ms / 1000),
      render_s: round(cold.renderMs / 1000),
      s_per_page_image: round(cold.renderMs / 1000 / Math.max(1, cold.pagesRendered), 3),
      bytes_per_page_image: Math.round(cold.renderedBytes / Math.max(1, cold.pagesRendered)),
      max_bytes_page_image: Math.max(0, ...sizes),
      warm_s: round(warm.ms / 1000),
      ratio_to_text: round(cold.ms / 1000 / textSeconds),
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function imageSizes(dir: string): Promise<number[]> {
  const { readdir, stat } = await import("node:fs/promises");
  const names = (await readdir(dir)).filter((f) => f.endsWith(".webp"));
  return Promise.all(names.map(async (n) => (await stat(path.join(dir, n))).size));
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function formatReview(r: ReviewBench): string[] {
  return [
    `review pages (same text PDFs): ${r.documents} documents, ${r.page_images} page images`,
    `  cold build ${r.cold_s.toFixed(2)} s (rendering ${r.render_s.toFixed(2)} s, ${r.s_per_page_image.toFixed(3)} s per page image), ` +
      `warm rebuild ${r.warm_s.toFixed(2)} s`,
    `  page images: ${(r.bytes_per_page_image / 1024).toFixed(0)} KB on average, ${(r.max_bytes_page_image / 1024).toFixed(0)} KB at most`,
    `  ratio cold review / text extraction time: ${r.ratio_to_text.toFixed(2)}`,
  ];
}
