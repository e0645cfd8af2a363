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
 * page: its decoded pixels are taken directly (no rendering), at their own
 * resolution unless finer than `maxScanDpi` (then reduced to `renderDpi`).
 * Anything else is rendered by pdf.js at `renderDpi`.
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
    const gray = image ? atMostDpi(image, viewport.width, s) : await renderGray(pdf, page, s.renderDpi / 72, s);
    return { gray, scale: gray.width / viewport.width, width: viewport.width, height: viewport.height };
  } finally {
    page.cleanup();
  }
}

/**
 * A scan finer than `maxScanDpi` reduced to `renderDpi`. Every later step costs by the pixel (deskewing,
 * rules, cells, and tesseract's own thresholding and segmentation of each line), and print is read as well
 * at 200 dpi; a 300 dpi page has 2.25 times the pixels.
 */
function atMostDpi(gray: Gray, pageWidth: number, s: OcrSettings): Gray {
  const dpi = (gray.width / pageWidth) * 72;
  return dpi > s.maxScanDpi ? shrinkGray(gray, s.renderDpi / dpi) : gray;
}

/**
 * Area-average reduction by `factor` (< 1): each output pixel is the mean of the source area it covers, so a
 * thin stroke or a decimal point fades to grey rather than dropping out as it can when pixels are sampled.
 * Done down the columns into one source-wide row, then across it (the average is separable).
 */
export function shrinkGray(gray: Gray, factor: number): Gray {
  const w = Math.max(1, Math.round(gray.width * factor)),
    h = Math.max(1, Math.round(gray.height * factor));
  const cols = coverage(gray.width, w),
    rows = coverage(gray.height, h);
  const src = gray.data,
    data = new Uint8Array(w * h);
  const down = new Float32Array(gray.width);
  for (let y = 0; y < h; y++) {
    down.fill(0);
    for (let t = 0, j = y * rows.taps; t < rows.taps; t++, j++) {
      const weight = rows.weight[j];
      if (weight === 0) continue;
      const from = rows.source[j] * gray.width;
      for (let x = 0; x < gray.width; x++) down[x] += src[from + x] * weight;
    }
    const out = y * w;
    for (let x = 0, j = 0; x < w; x++) {
      let sum = 0;
      for (let t = 0; t < cols.taps; t++, j++) sum += down[cols.source[j]] * cols.weight[j];
      data[out + x] = sum >= 255 ? 255 : Math.round(sum);
    }
  }
  return { width: w, height: h, data };
}

/**
 * For each of `to` output positions, the source positions (of `from`) it covers and their shares (summing to
 * 1): `taps` of them each, the unused ones with weight 0 at the last used position.
 */
function coverage(from: number, to: number): { taps: number; source: Int32Array; weight: Float32Array } {
  const ratio = from / to;
  const taps = Math.ceil(ratio) + 1;
  const source = new Int32Array(to * taps),
    weight = new Float32Array(to * taps);
  for (let i = 0; i < to; i++) {
    const a = i * ratio,
      b = (i + 1) * ratio;
    let t = 0;
    for (let at = Math.floor(a); at < Math.min(from, Math.ceil(b)) && t < taps; at++) {
      const part = Math.min(b, at + 1) - Math.max(a, at);
      if (part <= 1e-9) continue;
      source[i * taps + t] = at;
      weight[i * taps + t++] = part / ratio;
    }
    for (; t < taps; t++) source[i * taps + t] = source[i * taps + Math.max(0, t - 1)];
  }
  return { taps, source, weight };
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
