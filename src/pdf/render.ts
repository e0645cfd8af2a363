import type { PdfDocument } from "./load.js";

/** A page rendered for the screen. */
export interface PageImage {
  /** Encoded image bytes (WebP). */
  bytes: Uint8Array;
  width: number;
  height: number;
}

export interface RenderOptions {
  /** Pixels along the page's longer side (the other follows the page's proportions). */
  longSide?: number;
  /** WebP quality, 0..100. */
  quality?: number;
}

/**
 * Renders one page to WebP with pdf.js and the document's canvas factory
 * (@napi-rs/canvas in Node), on white. Sized for a screen: 1400 px along
 * the longer side keeps 9-point figures legible at about 70 KB a page.
 */
export async function renderPageImage(pdf: PdfDocument, pageNumber: number, options: RenderOptions = {}): Promise<PageImage> {
  const page = await pdf.getPage(pageNumber);
  try {
    const unit = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: (options.longSide ?? 1400) / Math.max(unit.width, unit.height) });
    const width = Math.round(viewport.width), height = Math.round(viewport.height);
    const factory = (pdf as any).canvasFactory;
    const { canvas, context } = factory.create(width, height);
    try {
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, width, height);
      await page.render({ canvas, canvasContext: context, viewport }).promise;
      const bytes: Uint8Array = await canvas.encode("webp", options.quality ?? 70);
      return { bytes, width, height };
    } finally {
      factory.destroy({ canvas, context });
    }
  } finally {
    page.cleanup();
  }
}
