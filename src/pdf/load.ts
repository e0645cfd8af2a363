import { createRequire } from "node:module";
import path from "node:path";
// First: it keeps the engine's builtins before pdf.js's polyfills replace them.
import { restoreBuiltins } from "./builtins.js";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
// pdf.js in Node runs its worker in this thread; loaded here rather than by pdf.js on the first document, so
// that its own copy of the polyfills is in place before the builtins are put back.
import "pdfjs-dist/legacy/build/pdf.worker.mjs";
import type { PDFDocumentProxy } from "pdfjs-dist/types/src/display/api.js";
import { useSyncInflate } from "./inflate.js";

restoreBuiltins();
useSyncInflate();

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve("pdfjs-dist/package.json"));

/** CMaps and standard fonts come from the installed package: never the network. */
const assetOptions = {
  cMapUrl: path.join(pdfjsRoot, "cmaps") + path.sep,
  cMapPacked: true,
  standardFontDataUrl: path.join(pdfjsRoot, "standard_fonts") + path.sep,
};

export type PdfDocument = PDFDocumentProxy;

export class PdfLoadError extends Error {}

/** Opens a PDF from bytes. Throws PdfLoadError with a one-line reason. */
export async function openPdf(bytes: Uint8Array, password?: string): Promise<PdfDocument> {
  if (bytes.length === 0) throw new PdfLoadError("empty file");
  if (!looksLikePdf(bytes)) throw new PdfLoadError("not a PDF (no %PDF- header)");
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of (and detaches) the buffer it is given.
    data: new Uint8Array(bytes),
    password,
    ...assetOptions,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    stopAtErrors: false,
  });
  try {
    return await task.promise;
  } catch (err) {
    throw new PdfLoadError(describePdfError(err));
  }
}

function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  return head.includes("%PDF-");
}

function describePdfError(err: unknown): string {
  const e = err as { name?: string; message?: string; code?: number };
  if (e?.name === "PasswordException") {
    return e.code === 2 ? "encrypted PDF: wrong password" : "encrypted PDF: a password is required (--password)";
  }
  if (e?.name === "InvalidPDFException") return `invalid or truncated PDF (${e.message ?? "unreadable structure"})`;
  return `unreadable PDF (${e?.message ?? String(err)})`;
}
