// Child process of offline.test.ts: OCR one scanned page and print the runs as JSON.
import { readFile } from "node:fs/promises";
import { openPdf } from "../../dist/src/pdf/load.js";
import { ocrPage, shutdownOcr } from "../../dist/src/ocr/index.js";

const [file, page] = process.argv.slice(2);
const pdf = await openPdf(new Uint8Array(await readFile(file)));
try {
  const model = await ocrPage(pdf, Number(page));
  process.stdout.write(JSON.stringify(model.runs.map((r) => r.text)));
} finally {
  await shutdownOcr();
  await pdf.destroy();
}
