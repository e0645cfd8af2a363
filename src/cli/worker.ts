/**
 * Child process entry: extracts documents sent by the batch runner, one at
 * a time, and sends each Document back. It writes no output of its own, so
 * when the runner dies (or kills it) nothing is left half-written; the one
 * exception is the review's page images, a cache named by content and each
 * written whole (a temp file renamed into place).
 */
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { Document } from "../../schemas/document.js";
import { extractDocument, type ExtractOptions, type OcrMode, type PageProgress } from "../pipeline.js";
import { drawMissingImages } from "../review/images.js";
import { oneLine } from "./one-line.js";

export interface WorkerJob {
  type: "job";
  id: number;
  file: string;
  fileName: string;
  /** The input as given (relative to the working folder) and the URL it was fetched from (issue 13 provenance). */
  sourcePath?: string;
  sourceUrl?: string | null;
  ocr: OcrMode;
  password?: string;
  /** <out>/review/pages: draw the document's table pages there while its PDF is open (unset: --no-review). */
  pageImagesDir?: string;
}

export type WorkerReply =
  | { type: "progress"; id: number; progress: PageProgress }
  | { type: "result"; id: number; ok: true; doc: Document }
  | { type: "result"; id: number; ok: false; error: string };

export async function processJob(job: WorkerJob, onProgress?: (progress: PageProgress) => void): Promise<WorkerReply> {
  try {
    const bytes = new Uint8Array(await readFile(job.file));
    // The pipeline throws a one-line reason for unreadable input (including an image-only PDF with OCR off).
    const doc = await extractDocument(bytes, {
      fileName: job.fileName,
      sourcePath: job.sourcePath,
      sourceUrl: job.sourceUrl,
      ocr: job.ocr,
      password: job.password,
      onProgress,
      withOpenPdf: pageImages(job.pageImagesDir),
    });
    return { type: "result", id: job.id, ok: true, doc };
  } catch (err) {
    return { type: "result", id: job.id, ok: false, error: oneLine(err) };
  }
}

/** The review's images, drawn by the worker; an image that fails is drawn again (and reported) by the review stage. */
function pageImages(dir: string | undefined): ExtractOptions["withOpenPdf"] {
  if (!dir) return undefined;
  return (pdf, doc) => drawMissingImages(pdf, doc, dir).catch(() => {});
}

function serve(): void {
  // The runner is gone (killed, or done): stop at once rather than finish work nobody will receive.
  process.on("disconnect", () => process.exit(0));
  process.on("message", async (message: WorkerJob) => {
    if (message?.type !== "job") return;
    const reply = await processJob(message, (progress) =>
      process.send?.({ type: "progress", id: message.id, progress }),
    );
    process.send?.(reply);
  });
  // Modules are loaded: the runner starts the document's clock from here.
  process.send?.({ type: "ready" });
}

// Only when started as the child's main module (test runners also run in forked processes).
if (process.send && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) serve();
