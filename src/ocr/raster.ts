import "../pdf/builtins.js"; // before pdf.js: see src/pdf/builtins.ts
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PdfDocument } from "../pdf/load.js";
import { drawPage } from "../pdf/render.js";
import { DEFAULT_OCR, type OcrSettings } from "./settings.js";

/** An 8-bit grayscale image, row-major, 0 = black. */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A page as pixels, with the factor from PDF points to pixels. */
export interface PageRaster {
  gray: Gray;
  /** Pixels per PDF point (200 dpi scans: 200/72). */
  scale: number;
  /** Page size in PDF points (from the pdf.js viewport). */
  width: number;
  height: number;
}

/**
 * The page as grayscale pixels. A scan is usually one image covering the
 * page: its decoded pixels are taken directly (no rendering, native
 * resolution). Anything else is rendered by pdf.js at `renderDpi`.
 */
export async function rasterizePage(
  pdf: PdfDocument,
  pageNumber: number,
  s: OcrSettings = DEFAULT_OCR,
): Promise<PageRaster> {
  const page = await pdf.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const image = await pageFillingImage(page, viewport.width, viewport.height, s);
    const gray = image ?? (await renderGray(pdf, page, s.renderDpi / 72, s));
    return { gray, scale: gray.width / viewport.width, width: viewport.width, height: viewport.height };
  } finally {
    page.cleanup();
  }
}

interface DecodedImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

/** The decoded pixels of the single image that covers the page, or null when the page is not like that. */
async function pageFillingImage(
  page: any,
  pageWidth: number,
  pageHeight: number,
  s: OcrSettings,
): Promise<Gray | null> {
  const ops = await page.getOperatorList();
  const paints: number[] = [];
  ops.fnArray.forEach((fn: number, i: number) => {
    if (fn === pdfjs.OPS.paintImageXObject) paints.push(i);
  });
  // Any text or a second image means the page is more than a scan: render it.
  const hasText = ops.fnArray.some((fn: number) => fn === pdfjs.OPS.showText);
  if (paints.length !== 1 || hasText) return null;
  const [name, w, h] = ops.argsArray[paints[0]] as [string, number, number];
  // The image must have about the page's aspect ratio, else it is a figure on a page.
  if (Math.abs(w / h - pageWidth / pageHeight) > 0.02) return null;
  const img: DecodedImage = await new Promise((resolve) => page.objs.get(name, resolve));
  if (!img?.data || img.width !== w || img.height !== h) return null;
  return toGray(img.data, img.width, img.height, img.kind, s);
}

/**
 * pdf.js ImageKind: 1 = 1 bit per pixel, 2 = RGB, 3 = RGBA.
 * Colour is separated before any threshold: a pixel's grey is its lightest channel. Black print is dark in
 * every channel, while a red seal (or a blue stamp, a coloured highlight) is light in its own colour's
 * channel: it drops out, and the black text under it stays. (Luminance would turn a red seal into
 * mid-grey ink over the figures.)
 */
export function toGray(
  src: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  kind?: number,
  s: OcrSettings = DEFAULT_OCR,
): Gray | null {
  const n = width * height;
  const out = new Uint8Array(n);
  const coloured = s.colouredSpread;
  if (kind === 2 || kind === 3) {
    const step = kind === 2 ? 3 : 4;
    for (let i = 0, j = 0; i < n; i++, j += step) {
      const r = src[j],
        g = src[j + 1],
        b = src[j + 2];
      const hi = r > g ? (r > b ? r : b) : g > b ? g : b,
        lo = r < g ? (r < b ? r : b) : g < b ? g : b;
      // JPEG keeps colour at half resolution: inside a seal's strokes the red fades to a mid grey in every
      // channel. A clearly coloured pixel that is not dark is seal, however faint: paper.
      out[i] = hi - lo > coloured && hi > 140 ? 255 : hi;
    }
    return { width, height, data: out };
  }
  if (kind === 1) {
    const rowBytes = (width + 7) >> 3;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const bit = (src[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1;
        out[y * width + x] = bit ? 255 : 0;
      }
    }
    return { width, height, data: out };
  }
  return null;
}

async function renderGray(pdf: PdfDocument, page: any, scale: number, s: OcrSettings): Promise<Gray> {
  const drawn = await drawPage(pdf, page, scale);
  try {
    const rgba = drawn.context.getImageData(0, 0, drawn.width, drawn.height).data as Uint8ClampedArray;
    return toGray(rgba, drawn.width, drawn.height, 3, s)!;
  } finally {
    drawn.release();
  }
}
