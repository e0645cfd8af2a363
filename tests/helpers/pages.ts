import { readFileSync } from "node:fs";
import path from "node:path";
import { layoutPage, type PageLayout } from "../../src/layout/page-tables.js";
import { openPdf } from "../../src/pdf/load.js";
import type { PageModel } from "../../src/pdf/model.js";
import { readTextPage } from "../../src/pdf/page.js";

export const SAMPLES = path.resolve(import.meta.dirname, "../../samples");

/** Reads one page of a sample PDF into the page model. */
export async function samplePage(relPath: string, page: number): Promise<PageModel> {
  const pdf = await openPdf(new Uint8Array(readFileSync(path.join(SAMPLES, relPath))));
  try {
    return await readTextPage(pdf, page);
  } finally {
    await pdf.destroy();
  }
}

export async function sampleLayout(relPath: string, page: number): Promise<PageLayout> {
  return layoutPage(await samplePage(relPath, page));
}
