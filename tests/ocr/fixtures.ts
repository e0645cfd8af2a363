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

export const CROPS = path.join(ROOT, "tests/ocr/crops");

/** A binary PGM (P5, 8 bit) as a Gray image: the crops cut from the corpus scans (tests/ocr/crops/README.md). */
export async function readPgm(file: string): Promise<{ width: number; height: number; data: Uint8Array }> {
  const bytes = await readFile(file);
  const header = bytes.toString("latin1", 0, 40).match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
  if (!header) throw new Error(`${file}: not an 8-bit binary PGM`);
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, data: new Uint8Array(bytes.subarray(header[0].length, header[0].length + width * height)) };
}
