/**
 * A generated scan (samples/scans/, samples/heldout/) against its text original's pages, as bench/parity.ts
 * compares them, read with the original unseen (OcrSettings.unseenDocuments, as the eval reads it); the differing
 * cells printed when there are any, so a failing run shows what was read.
 */
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument, type ExtractOptions } from "../../dist/src/index.js";
import type { ScannedSample } from "../../bench/eval-samples.js";
import { onPages, unseenOriginal } from "../../bench/eval-run.js";
import { type Parity, compare } from "../../bench/parity.js";
import type { Document } from "../../schemas/document.js";

export async function scanParity(
  sample: ScannedSample,
  options: ExtractOptions = {},
): Promise<{ text: Document; scan: Document; parity: Parity }> {
  const text = onPages(await extractDocument(sample.original, { ocr: "never" }), sample.pages, sample.perImage);
  // Read as a document never seen, as the eval reads it: the original's printed names are not the vocabulary.
  const ocrSettings = { ...unseenOriginal(sample), ...options.ocrSettings };
  const scan = await extractDocument(sample.pdf, { ocr: "auto", ...options, ocrSettings });
  const parity = compare(text, scan);
  const shown = parity.differences.map(
    (d) =>
      `${d.key}: text ${d.text} scan ${d.scan?.value ?? null} (${d.scan?.raw ?? "no cell"}, ` +
      `conf ${d.scan?.confidence}, ${d.accounted ? "accounted" : "UNACCOUNTED"})`,
  );
  if (shown.length) console.log(`${sample.id}: ${parity.equal}/${parity.numericCells} equal\n${shown.join("\n")}`);
  return { text, scan, parity };
}
