import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Document } from "../schemas/document.js";
import { layoutPage, type PageLayout } from "./layout/page-tables.js";
import { readMetadata } from "./metadata.js";
import { recogniseTables } from "./tables.js";
import { runChecks, type NarrativePage } from "./checks/index.js";
import { ocrPages, shouldOcr, type OcrMode } from "./ocr/index.js";
import { openPdf, PdfLoadError, type PdfDocument } from "./pdf/load.js";
import { readTextPage } from "./pdf/page.js";
import type { PageModel } from "./pdf/model.js";
import { TOOL_VERSION } from "./version.js";

export type { OcrMode };

export interface ExtractOptions {
  /** Name recorded as source.file when the input is a buffer. */
  fileName?: string;
  /** auto (default): OCR the pages whose text layer is missing or unreadable. */
  ocr?: OcrMode;
  /** Scanned prose pages: "head" (default) reads a few lines to find titles; "full" reads all (narrative checks). */
  ocrProse?: "head" | "full";
  password?: string;
}

/** Runs every stage on one PDF and returns the validated Document. Throws with a one-line reason on unreadable input. */
export async function extractDocument(input: string | Uint8Array, options: ExtractOptions = {}): Promise<Document> {
  const bytes = typeof input === "string" ? new Uint8Array(await readFile(input)) : input;
  const file = options.fileName ?? (typeof input === "string" ? path.basename(input) : "document.pdf");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const pdf = await openPdf(bytes, options.password);
  try {
    const warnings: string[] = [];
    const pages = await readPages(pdf, options, warnings);
    const layouts = pages.map((p) => layoutPage(p));
    const extractionOf = (n: number) => pages[n - 1]?.extraction ?? "text";
    const { tables, orgs } = recogniseTables(layouts, extractionOf);
    const meta = readMetadata(layouts, tables, orgs);
    if (!tables.length) warnings.push("no standard table found");
    const doc: Document = {
      schema_version: 1,
      tool: { name: "yujue", version: TOOL_VERSION },
      source: { file, sha256, pages: pdf.numPages },
      ...meta,
      tables,
      checks: [],
      ocr_pages: pages.filter((p) => p.extraction === "ocr").map((p) => p.number),
      warnings,
    };
    doc.checks = runChecks(doc, narrativeOf(layouts));
    return Document.parse(doc);
  } finally {
    await pdf.destroy();
  }
}

/** Each page from its text layer, or by OCR where that layer is missing or unreadable (per the mode). */
async function readPages(pdf: PdfDocument, options: ExtractOptions, warnings: string[]): Promise<PageModel[]> {
  const mode = options.ocr ?? "auto";
  const needsOcr = (page: PageModel) => shouldOcr(page, mode === "never" ? "auto" : mode);
  const pages: PageModel[] = [];
  for (let n = 1; n <= pdf.numPages; n++) pages.push(await readTextPage(pdf, n, (page) => mode === "never" || !needsOcr(page)));
  const needOcr = pages.filter(needsOcr).map((p) => p.number);
  if (mode === "never") {
    if (needOcr.length === pages.length && pages.length > 0) {
      throw new PdfLoadError("image-only PDF: no page has a usable text layer and OCR is off (--ocr never)");
    }
    if (needOcr.length) warnings.push(`pages without a usable text layer, not read (--ocr never): ${needOcr.join(", ")}`);
    return pages;
  }
  // Pages are recognised a few at a time, so the OCR workers never wait on one page's preparation.
  const scanned = await ocrPages(pdf, needOcr, { prose: options.ocrProse ?? "head" });
  for (const page of scanned) pages[page.number - 1] = page;
  return pages;
}

/** Each page's text outside its tables, in reading order: what the narrative checks read. */
function narrativeOf(layouts: PageLayout[]): NarrativePage[] {
  return layouts.map((l) => ({ page: l.page, text: l.lines.map((line) => line.text).join("\n") }));
}
