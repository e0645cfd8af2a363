import type { PageModel } from "./model.js";
import type { PdfDocument } from "./load.js";
import type { Matrix } from "./geometry.js";
import { rulingsFromOperators } from "./rulings.js";
import { runsFromTextItems } from "./text.js";

/**
 * Reads one page of a text PDF into the page model. `wantsRulings` sees
 * the page's text first: a page that will be read by OCR instead does not
 * pay for its operator list (on a scan, decoding the page image: about
 * 0.1 s a page).
 */
export async function readTextPage(
  doc: PdfDocument,
  number: number,
  wantsRulings: (textOnly: PageModel) => boolean = () => true,
): Promise<PageModel> {
  const page = await doc.getPage(number);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const vt = viewport.transform as Matrix;
    const content = await page.getTextContent();
    const model: PageModel = {
      number,
      width: viewport.width,
      height: viewport.height,
      runs: runsFromTextItems(content.items as any[], vt),
      rulings: [],
      extraction: "text",
    };
    if (wantsRulings(model)) model.rulings = rulingsFromOperators((await page.getOperatorList()) as any, vt);
    return model;
  } finally {
    page.cleanup();
  }
}
