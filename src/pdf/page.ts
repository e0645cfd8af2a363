import type { PageModel } from "./model.js";
import type { PdfDocument } from "./load.js";
import type { Matrix } from "./geometry.js";
import { rulingsFromOperators } from "./rulings.js";
import { runsFromTextItems } from "./text.js";

/** Reads one page of a text PDF into the page model. */
export async function readTextPage(doc: PdfDocument, number: number): Promise<PageModel> {
  const page = await doc.getPage(number);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const vt = viewport.transform as Matrix;
    const [content, ops] = await Promise.all([page.getTextContent(), page.getOperatorList()]);
    return {
      number,
      width: viewport.width,
      height: viewport.height,
      runs: runsFromTextItems(content.items as any[], vt),
      rulings: rulingsFromOperators(ops as any, vt),
      extraction: "text",
    };
  } finally {
    page.cleanup();
  }
}
