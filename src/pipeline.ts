import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Document, type Table } from "../schemas/document.js";
import { openPdf } from "./pdf/load.js";
import { readTextPage } from "./pdf/page.js";
import type { PageModel } from "./pdf/model.js";
import { TOOL_VERSION } from "./version.js";

export type OcrMode = "auto" | "always" | "never";

export interface ExtractOptions {
  /** Name recorded as source.file when the input is a buffer. */
  fileName?: string;
  ocr?: OcrMode;
  password?: string;
}

/** Runs every stage on one PDF and returns the validated Document. Throws with a one-line reason on unreadable input. */
export async function extractDocument(input: string | Uint8Array, options: ExtractOptions = {}): Promise<Document> {
  const bytes = typeof input === "string" ? new Uint8Array(await readFile(input)) : input;
  const file = options.fileName ?? (typeof input === "string" ? path.basename(input) : "document.pdf");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const pdf = await openPdf(bytes, options.password);
  try {
    const pages: PageModel[] = [];
    for (let n = 1; n <= pdf.numPages; n++) pages.push(await readTextPage(pdf, n));
    const tables: Table[] = [];
    const doc: Document = {
      schema_version: 1,
      tool: { name: "yujue", version: TOOL_VERSION },
      source: { file, sha256, pages: pdf.numPages },
      doc_type: null,
      fiscal_year: null,
      org_name: null,
      tables,
      checks: [],
      ocr_pages: [],
      warnings: [],
    };
    return Document.parse(doc);
  } finally {
    await pdf.destroy();
  }
}
