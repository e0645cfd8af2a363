import type { PdfDocument } from "./load.js";
import { grayPng } from "./png.js";

/** A page rendered for the screen; its compression runs off the main thread and may still be under way. */
export interface PageImage {
  width: number;
  height: number;
  /** The encoded image (a 4-bit grayscale PNG). */
  bytes: Promise<Uint8Array>;
}

/**
 * Renders one page with pdf.js and the document's canvas factory
 * (@napi-rs/canvas in Node), on white, sized for a screen: `longSide` pixels
 * along the longer side (1200 keeps 9-point figures legible, about 13 px).
 * Returns once the page is drawn: the PNG's compression runs in libuv's
 * thread pool, so the caller can draw the next page meanwhile.
 */
export async function renderPageImage(pdf: PdfDocument, pageNumber: number, longSide: number): Promise<PageImage> {
  const page = await pdf.getPage(pageNumber);
  try {
    const unit = page.getViewport({ scale: 1 });
    const drawn = await drawPage(pdf, page, longSide / Math.max(unit.width, unit.height));
    try {
      return {
        width: drawn.width,
        height: drawn.height,
        bytes: grayPng(drawn.canvas.data(), drawn.width, drawn.height),
      };
    } finally {
      drawn.release();
    }
  } finally {
    page.cleanup();
  }
}

/** A page drawn on white on a canvas of the document's factory; `release` gives the canvas back. */
export interface DrawnPage {
  canvas: any;
  context: any;
  width: number;
  height: number;
  release: () => void;
}

/** Draws a pdf.js page at `scale` on white (used for the review's images and for OCR's raster). */
export async function drawPage(pdf: PdfDocument, page: any, scale: number): Promise<DrawnPage> {
  const viewport = page.getViewport({ scale });
  const width = Math.round(viewport.width),
    height = Math.round(viewport.height);
  // The document's own canvas factory (pdf.js wraps @napi-rs/canvas in Node).
  const factory = (pdf as any).canvasFactory;
  const { canvas, context } = factory.create(width, height);
  const release = () => factory.destroy({ canvas, context });
  try {
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, width, height);
    await page.render({ canvas, canvasContext: context, viewport }).promise;
  } catch (err) {
    release();
    throw err;
  }
  return { canvas, context, width, height, release };
}
