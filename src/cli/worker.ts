/**
 * Child process entry: extracts documents sent by the batch runner, one at
 * a time, and sends each Document back. It writes nothing itself, so when
 * the runner dies (or kills it) no output is left half-written.
 */
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { Document } from "../../schemas/document.js";
import { openPdf } from "../pdf/load.js";
import { extractDocument, type OcrMode } from "../pipeline.js";

export interface WorkerJob {
  type: "job";
  id: number;
  file: string;
  fileName: string;
  ocr: OcrMode;
  password?: string;
}

export type WorkerReply =
  | { type: "result"; id: number; ok: true; doc: Document }
  | { type: "result"; id: number; ok: false; error: string };

/** First line of an error message: the manifest holds one-line reasons. */
export function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split(/\r?\n/).find((line) => line.trim() !== "") ?? "unknown error").trim();
}

export async function processJob(job: WorkerJob): Promise<WorkerReply> {
  try {
    const bytes = new Uint8Array(await readFile(job.file));
    const doc = await extractDocument(bytes, { fileName: job.fileName, ocr: job.ocr, password: job.password });
    if (job.ocr === "never" && doc.tables.length === 0 && !(await hasTextLayer(bytes, job.password))) {
      return { type: "result", id: job.id, ok: false, error: "image-only PDF (no text layer) and --ocr never: nothing to read" };
    }
    return { type: "result", id: job.id, ok: true, doc };
  } catch (err) {
    return { type: "result", id: job.id, ok: false, error: oneLine(err) };
  }
}

/** True when any page has extractable text. Only asked for documents that gave no table. */
export async function hasTextLayer(bytes: Uint8Array, password?: string): Promise<boolean> {
  const pdf = await openPdf(bytes, password);
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      page.cleanup();
      if (content.items.some((item) => "str" in item && item.str.trim() !== "")) return true;
    }
    return false;
  } finally {
    await pdf.destroy();
  }
}

function serve(): void {
  // The runner is gone (killed, or done): stop at once rather than finish work nobody will receive.
  process.on("disconnect", () => process.exit(0));
  process.on("message", async (message: WorkerJob) => {
    if (message?.type !== "job") return;
    const reply = await processJob(message);
    process.send?.(reply);
  });
}

// Only when started as the child's main module (test runners also run in forked processes).
if (process.send && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) serve();
