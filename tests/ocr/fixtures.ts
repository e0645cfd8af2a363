import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openPdf, type PdfDocument } from "../../src/pdf/load.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SCANNED = path.join(ROOT, "samples/scanned");
export const SYNTHETIC = path.join(ROOT, "samples/synthetic");
export const REAL = path.join(ROOT, "samples/real");

export async function open(file: string): Promise<PdfDocument> {
  return openPdf(new Uint8Array(await readFile(file)));
}

/** A run's text as a number ("2,946.25" → 2946.25), or null when it is not an amount. */
export function amount(text: string): number | null {
  if (!/^-?[\d,]+(\.\d+)?%?$/.test(text)) return null;
  return Number(text.replace(/[,%]/g, ""));
}
