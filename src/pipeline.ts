import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Document, DOCUMENT_SCHEMA_VERSION } from "../schemas/document.js";
import { downloadBytes, isUrl, looksLikeUrl, unsupportedUrl, urlFileName } from "./download.js";
import { layoutPage, type PageLayout } from "./layout/page-tables.js";
import { layoutSettings, type LayoutSettingsInput } from "./layout/settings.js";
import { readMetadata } from "./metadata.js";
import { tableIds } from "./normalize/dimensions.js";
import { flagUnreadColumns, recogniseTables } from "./tables.js";
import { flagCutTables, flagLostTables, flagUnreadTables, flagUnreadUnits } from "./unread-tables.js";
import { confirmByChecks } from "./checks/confirm.js";
import { confirmingChecks, runChecks, type NarrativePage } from "./checks/index.js";
import {
  ocrPages,
  ocrSettings,
  shouldOcr,
  type OcrMode,
  type OcrSettings,
  type OcrSettingsInput,
} from "./ocr/index.js";
import { openPdf, PdfLoadError, type PdfDocument } from "./pdf/load.js";
import { readTextPage } from "./pdf/page.js";
import { mendRepeatedReads } from "./ocr/document-reads.js";
import { mendOrdinals } from "./ocr/ordinals.js";
import type { PageModel } from "./pdf/model.js";
import { TOOL_VERSION } from "./version.js";

export type { OcrMode };

export interface ExtractOptions {
  /** Name recorded as source.file when the input is a buffer. */
  fileName?: string;
  /** The input as the user gave it, relative to the working folder (default: the path or URL passed). */
  sourcePath?: string;
  /** The URL the PDF was fetched from, when a caller downloaded it (default: the input when it is a URL). */
  sourceUrl?: string | null;
  /** auto (default): OCR the pages whose text layer is missing or unreadable. */
  ocr?: OcrMode;
  /** Scanned prose pages: "head" (default) reads a few lines to find titles; "full" reads all (narrative checks). */
  ocrProse?: "head" | "full";
  password?: string;
  /** Layout tolerances to change (src/layout/settings.ts lists each with its default); validated. */
  layout?: LayoutSettingsInput;
  /** OCR tolerances to change (src/ocr/settings.ts lists each with its default); validated. */
  ocrSettings?: OcrSettingsInput;
  /** Called after each page read by OCR (the slow part): a progress bar's feed. */
  onProgress?: (progress: PageProgress) => void;
  /**
   * Called with the still-open PDF once the Document is built: the review's page images are drawn here, so a
   * document is read and its fonts parsed once (issue 15). Its errors are the caller's.
   */
  withOpenPdf?: (pdf: PdfDocument, doc: Document) => Promise<void>;
}

export interface PageProgress {
  /** The page just read. */
  page: number;
  /** Pages read so far, text pages included. */
  done: number;
  /** Pages of the document. */
  pages: number;
}

/**
 * Runs every stage on one PDF (a path, an http(s) URL or the bytes) and returns the validated Document.
 * Throws with a one-line reason on unreadable input. OCR workers stop on their own when idle; `shutdown()` stops them
 * now.
 */
export async function extractDocument(
  input: string | URL | Uint8Array,
  options: ExtractOptions = {},
): Promise<Document> {
  const settings = layoutSettings(options.layout);
  const ocr = ocrSettings(options.ocrSettings);
  const given = input instanceof URL ? input.href : input;
  const { bytes, name } = await readInput(given);
  const file = options.fileName ?? name;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const pdf = await openPdf(bytes, options.password);
  try {
    const warnings: string[] = [];
    const pages = await readPages(pdf, options, ocr, warnings);
    const layouts = pages.map((p) => layoutPage(p, settings));
    const extractionOf = (n: number) => pages[n - 1]?.extraction ?? "text";
    const recognised = recogniseTables(layouts, extractionOf, { settings, ocr });
    const { tables, orgs, headerSnaps, warnings: cellWarnings } = recognised;
    const ids = tableIds(tables);
    tables.forEach((t, i) => (t.table_id = ids[i]));
    const meta = readMetadata(layouts, tables, orgs);
    if (!tables.length) warnings.push("no standard table found");
    for (const t of tables.filter((x) => x.table_kind === "other")) warnings.push(unrecognisedWarning(t));
    for (const h of headerSnaps.filter((x) => x.snapped))
      warnings.push(`page ${h.page}: column header read ${h.read}, taken as ${h.snapped}`);
    warnings.push(...cellWarnings);
    // Before the column, unit and table flags: they flag what they flag whatever the arithmetic says.
    if (tables.some((t) => t.extraction === "ocr"))
      confirmByChecks(tables, confirmingChecks(tables), ocr.checkConfirmTerms);
    warnings.push(...flagUnreadColumns(tables, headerSnaps));
    const unreadTables = flagUnreadTables(tables, headerSnaps, settings);
    const cutTables = flagCutTables(tables, new Map(pages.map((p) => [p.number, p.cutEdges ?? []])));
    warnings.push(...unreadTables.warnings, ...cutTables.warnings, ...flagUnreadUnits(tables, layouts, settings));
    const lostTables = flagLostTables(pages, tables, settings);
    warnings.push(...lostTables.warnings);
    const doc: Document = {
      schema_version: DOCUMENT_SCHEMA_VERSION,
      tool: { name: "yujue", version: TOOL_VERSION },
      source: { file, ...provenance(given, options), sha256, pages: pdf.numPages },
      ...meta,
      tables,
      checks: [],
      ocr_pages: pages.filter((p) => p.extraction === "ocr").map((p) => p.number),
      warnings,
    };
    doc.checks = [
      ...runChecks(doc, narrativeOf(layouts)),
      ...unreadTables.checks,
      ...cutTables.checks,
      ...lostTables.checks,
    ];
    const valid = Document.parse(doc);
    await options.withOpenPdf?.(pdf, valid);
    return valid;
  } finally {
    await pdf.destroy();
  }
}

/** The input as given (a path, or the URL it was fetched from); a caller that read the file itself names both. */
function provenance(given: string | Uint8Array, options: ExtractOptions): { path: string; url: string | null } {
  const url = options.sourceUrl ?? (typeof given === "string" && isUrl(given) ? given : null);
  const path = options.sourcePath ?? (typeof given === "string" ? given : (url ?? options.fileName ?? "document.pdf"));
  return { path, url };
}

async function readInput(input: string | Uint8Array): Promise<{ bytes: Uint8Array; name: string }> {
  if (typeof input !== "string") return { bytes: input, name: "document.pdf" };
  if (isUrl(input)) return { bytes: await downloadBytes(input), name: urlFileName(input, "document.pdf") };
  if (looksLikeUrl(input) && !input.startsWith("file:")) throw new PdfLoadError(unsupportedUrl(input)!);
  const file = input.startsWith("file:") ? fileURLToPath(input) : input;
  const bytes = await readFile(file).catch((err: NodeJS.ErrnoException) => {
    throw new PdfLoadError(
      err.code === "ENOENT" ? `${file}: file not found` : `${file}: cannot read file (${err.code ?? err.message})`,
    );
  });
  return { bytes: new Uint8Array(bytes), name: path.basename(file) };
}

/** One warning per grid of figures kept as `other`: its pages and printed title, so the gap is visible. */
function unrecognisedWarning(t: Document["tables"][number]): string {
  const pages = t.pages.length > 1 ? `pages ${t.pages[0]}-${t.pages[t.pages.length - 1]}` : `page ${t.pages[0]}`;
  return `${pages}: a table of figures matching no known kind, kept as "other"${t.title ? ` (${t.title})` : ""}`;
}

/** Each page from its text layer, or by OCR where that layer is missing or unreadable (per the mode). */
async function readPages(
  pdf: PdfDocument,
  options: ExtractOptions,
  settings: OcrSettings,
  warnings: string[],
): Promise<PageModel[]> {
  const mode = options.ocr ?? "auto";
  const needsOcr = (page: PageModel) => shouldOcr(page, mode === "never" ? "auto" : mode, settings);
  const pages: PageModel[] = [];
  for (let n = 1; n <= pdf.numPages; n++)
    pages.push(await readTextPage(pdf, n, (page) => mode === "never" || !needsOcr(page)));
  const needOcr = pages.filter(needsOcr).map((p) => p.number);
  if (mode === "never") {
    if (needOcr.length === pages.length && pages.length > 0) {
      throw new PdfLoadError("image-only PDF: no page has a usable text layer and OCR is off (--ocr never)");
    }
    if (needOcr.length)
      warnings.push(`pages without a usable text layer, not read (--ocr never): ${needOcr.join(", ")}`);
    return pages;
  }
  // Pages are recognised a few at a time, so the OCR workers never wait on one page's preparation.
  let done = pages.length - needOcr.length;
  const onPage = (page: number) => options.onProgress?.({ page, done: ++done, pages: pages.length });
  const scanned = await ocrPages(pdf, needOcr, { prose: options.ocrProse ?? "head", onPage, settings });
  for (const page of scanned) pages[page.number - 1] = page;
  // Misread ordinals mended from their column's sequence (src/ocr/ordinals.ts); a name misread on one page and
  // read right on another taken as read there (src/ocr/document-reads.ts).
  return mendRepeatedReads(
    pages.map((p) => mendOrdinals(p, settings)),
    settings,
  );
}

/** Each page's text outside its tables, in reading order: what the narrative checks read. */
function narrativeOf(layouts: PageLayout[]): NarrativePage[] {
  return layouts.map((l) => ({ page: l.page, text: l.lines.map((line) => line.text).join("\n") }));
}
