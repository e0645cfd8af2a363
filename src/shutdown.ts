import { shutdownOcr } from "./ocr/index.js";

/**
 * Releases what the library holds between calls: the OCR worker threads.
 * They also stop by themselves a moment after the last page is read, so a
 * script ends on its own; call this to end them at once (before exit, or in
 * a long-lived server). Safe to call any time; the next scan starts them again.
 */
export async function shutdown(): Promise<void> {
  await shutdownOcr();
}
