import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Document } from "../schemas/document.js";
import { layoutPage } from "./layout/page-tables.js";
import { readMetadata } from "./metadata.js";
import { recogniseTables } from "./tables.js";
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
    const layouts = pages.map((p) => layoutPage(p));
    const extractionOf = (n: number) => pages[n - 1]?.extraction ?? "text";
    const { tables, orgs } = recogniseTables(layouts, extractionOf);
    const meta = readMetadata(layouts, tables, orgs);
    const doc: Document = {
      schema_version: 1,
      tool: { name: "yujue", version: TOOL_VERSION },
      source: { file, sha256, pages: pdf.numPages },
      ...meta,
      tables,
      checks: [],
      ocr_pages: pages.filter((p) => p.extraction === "ocr").map((p) => p.number),
      warnings: [],
    };
    return Document.parse(doc);
  } finally {
    await pdf.destroy();
  }
}
