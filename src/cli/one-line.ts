/**
 * The one-line reasons of the manifest and the warnings. Its own module: the run's parent process needs it,
 * and importing it from worker.ts would load the whole pipeline (pdf.js, OCR) into the parent.
 */

/** First line of an error message: the manifest holds one-line reasons. */
export function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split(/\r?\n/).find((line) => line.trim() !== "") ?? "unknown error").trim();
}
