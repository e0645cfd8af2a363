import "../pdf/builtins.js"; // before pdf.js: see src/pdf/builtins.ts
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PdfDocument } from "../pdf/load.js";
import { drawPage } from "../pdf/render.js";
import { JpegImage } from "pdfjs-dist/image_decoders/pdf.image_decoders.mjs";
import { halfTurn } from "./image.js";
import { DEFAULT_OCR, type OcrSettings } from "./settings.js";
import { pageJpeg, type PageJpeg } from "./scan-jpeg.js";

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
  /** The resolution the page came in at: a scan's own (before any reduction), else the rendering's. */
  sourceDpi: number;
}

/**
 * The page as grayscale pixels. A scan is usually one image covering the
 * page: its decoded pixels are taken directly (no rendering), at their own
 * resolution unless finer than `maxScanDpi` (then reduced to `renderDpi`).
 * A page that is one JPEG and nothing else is read from the file and decoded
 * here (scan-jpeg.ts), other scans from pdf.js's decoded image.
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
    const scan =
      (await jpegScan(pdf, page, viewport.width, viewport.height, s)) ?? (await pdfjsScan(page, viewport, s));
    // An image of a kind not read here (none seen yet) is rendered, as any other page. A scan's own pixels are
    // as stored: a page with /Rotate 180 is shown (and so read) turned over. (/Rotate 90 and 270 change the
    // page's aspect, so their image is rendered by pdf.js, which turns it.)
    const upright = scan && ((page.rotate as number) ?? 0) % 360 === 180 ? halfTurn(scan.gray) : scan?.gray;
    const gray = upright ?? (await renderGray(pdf, page, s.renderDpi / 72, s));
    const sourceDpi = scan ? (scan.width / viewport.width) * 72 : s.renderDpi;
    return { gray, scale: gray.width / viewport.width, width: viewport.width, height: viewport.height, sourceDpi };
  } finally {
    page.cleanup();
  }
}

/** A scan's grey, and its image's own width (for its resolution). */
interface ScanGray {
  gray: Gray;
  width: number;
}

async function jpegScan(
  pdf: PdfDocument,
  page: any,
  pageWidth: number,
  pageHeight: number,
  s: OcrSettings,
): Promise<ScanGray | null> {
  const jpeg = await pageJpeg(pdf, page);
  // The image must have about the page's aspect ratio, as pageFillingImage asks of pdf.js's image.
  if (!jpeg || Math.abs(jpeg.width / jpeg.height - pageWidth / pageHeight) > 0.02) return null;
  const gray = jpegGray(jpeg, pageWidth, s);
  return gray ? { gray, width: jpeg.width } : null;
}

async function pdfjsScan(
  page: any,
  viewport: { width: number; height: number },
  s: OcrSettings,
): Promise<ScanGray | null> {
  const image = await pageFillingImage(page, viewport.width, viewport.height);
  const gray = image && imageGray(image, viewport.width, s);
  return gray ? { gray, width: image!.width } : null;
}

/**
 * The scan's pixels as grey, reduced to `renderDpi` when finer than `maxScanDpi`. Every later step costs by
 * the pixel (deskewing, rules, cells, and tesseract's own thresholding and segmentation of each line), and
 * print is read as well at 200 dpi; a 300 dpi page has 2.25 times the pixels. The reduction reads the colour
 * image a row at a time: the full-resolution grey page is never made (at 300 dpi making it cost a third as
 * much as the reduction, and garbage collection after it).
 */
function imageGray(image: DecodedImage, pageWidth: number, s: OcrSettings): Gray | null {
  const rows = rowReader(image, s);
  return rows && grayOf(image.width, image.height, rows, pageWidth, s);
}

function grayOf(width: number, height: number, rows: RowReader, pageWidth: number, s: OcrSettings): Gray {
  const dpi = (width / pageWidth) * 72;
  if (dpi > s.maxScanDpi) return shrinkRows(width, height, s.renderDpi / dpi, rows);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) rows(y, data.subarray(y * width, (y + 1) * width));
  return { width, height, data };
}

/**
 * The grey of a page's JPEG read from the file (scan-jpeg.ts): decoded by pdf.js's own JPEG decoder, as pdf.js
 * would, and the grey made from its YCbCr planes directly. The pixels are those of the pdf.js way (its decoded
 * RGB, then rowReader): the same planes, the same conversion into the same clamped bytes. Null when the JPEG is
 * not of the size its dictionary says or cannot be decoded: the page then goes the pdf.js way.
 */
function jpegGray(jpeg: PageJpeg, pageWidth: number, s: OcrSettings): Gray | null {
  const { width, height } = jpeg;
  try {
    const image = new JpegImage({});
    image.parse(jpeg.bytes);
    if (image.width !== width || image.height !== height) return null;
    const rows =
      ycbcrRows(image, s) ??
      rowReader(
        { data: image.getData({ width, height, forceRGB: true, isSourcePDF: true }), width, height, kind: 2 },
        s,
      );
    return rows && grayOf(width, height, rows, pageWidth, s);
  } catch {
    return null;
  }
}

/**
 * Rows of grey straight from a decoded YCbCr JPEG, as rowReader reads the RGB pdf.js would make of it
 * (JpegImage.getData at the image's own size: each plane's sample for a pixel found as _getLinearizedBlockData
 * finds it, then _convertYccToRgb into clamped bytes), without that image-sized RGB buffer. A pixel's grey
 * depends on its three samples only, and a page holds few pairs of chroma samples (print is grey): each pair's
 * greys for the 256 lumas are worked out when the pair is first met, and a pixel is then one look-up. Null for
 * any other kind of JPEG (one or four components, RGB stored as is).
 */
function ycbcrRows(image: JpegImage, s: OcrSettings): RowReader | null {
  if (image.numComponents !== 3 || !image._isColorConversionNeeded) return null;
  const width = image.width;
  const planes = image.components.map((c) => {
    const column = new Uint32Array(width);
    for (let x = 0; x < width; x++) {
      const j = (x * c.scaleX) | 0;
      column[x] = ((j & 0xfffffff8) << 3) | (j & 7);
    }
    return { samples: c.output, scaleX: c.scaleX, scaleY: c.scaleY, perRow: (c.blocksPerLine + 1) << 3, column };
  });
  const rowStart = (p: (typeof planes)[number], y: number) => {
    const j = (y * p.scaleY) | 0;
    return (p.perRow * (j & 0xfffffff8)) | ((j & 7) << 3);
  };
  const [luma, blue, red] = planes;
  const ys = luma.samples,
    bs = blue.samples,
    rs = red.samples;
  const yc = luma.column,
    bc = blue.column,
    rc = red.column;
  const greys = new ChromaGreys(s.colouredSpread);
  if (luma.scaleX === 1 && blue.scaleX === 0.5 && red.scaleX === 0.5) {
    return (y, out) => halfChromaRow(ys, bs, rs, rowStart(luma, y), rowStart(blue, y), rowStart(red, y), greys, out);
  }
  return (y, out) => {
    const y0 = rowStart(luma, y),
      b0 = rowStart(blue, y),
      r0 = rowStart(red, y);
    // Neighbouring pixels mostly share their pair of chroma samples (subsampled, and print is grey).
    let last = -1,
      at = 0,
      table = greys.table;
    for (let x = 0; x < width; x++) {
      const chroma = (bs[b0 + bc[x]] << 8) | rs[r0 + rc[x]];
      if (chroma !== last) {
        last = chroma;
        at = greys.offset(chroma);
        table = greys.table; // grown, maybe
      }
      out[x] = table[at + ys[y0 + yc[x]]];
    }
  };
}

/**
 * One row of ycbcrRows' grey when the chroma is kept at half the width (4:2:0 or 4:2:2, the usual scan): the same
 * samples as its column tables find, found from x itself. Each pair of pixels shares its chroma samples (sample x >> 1
 * of the plane's row), and a row's samples lie in blocks of 8 × 8 (64 to a block, 8 to a block's row): sample j of a
 * row is at ((j >> 3) << 6) + (j & 7) from the row's start. An odd last pixel is read alone.
 */
function halfChromaRow(
  ys: Int16Array,
  bs: Int16Array,
  rs: Int16Array,
  y0: number,
  b0: number,
  r0: number,
  greys: ChromaGreys,
  out: Uint8Array,
): void {
  let last = -1,
    at = 0,
    table = greys.table;
  for (let x = 0; x < out.length; x += 2) {
    const c = ((x >> 4) << 6) + ((x >> 1) & 7);
    const chroma = (bs[b0 + c] << 8) | rs[r0 + c];
    if (chroma !== last) {
      last = chroma;
      at = greys.offset(chroma);
      table = greys.table; // grown, maybe
    }
    // x is even: x and x + 1 lie in the same block of the luma row.
    const l = y0 + ((x >> 3) << 6) + (x & 7);
    out[x] = table[at + ys[l]];
    if (x + 1 < out.length) out[x + 1] = table[at + ys[l + 1]];
  }
}

/**
 * Each pair of chroma samples' 256 greys (greysOf), worked out when the pair is first met, kept in one table that
 * grows as pairs are met: a pair's greys found through a typed index rather than an array of arrays.
 */
class ChromaGreys {
  table = new Uint8Array(256 * 64);
  private readonly at = new Int32Array(65536).fill(-1);
  private used = 0;
  constructor(private readonly coloured: number) {}
  /** Where the greys of the pair `chroma` (Cb << 8 | Cr) start in `table`. */
  offset(chroma: number): number {
    const known = this.at[chroma];
    if (known >= 0) return known;
    const start = this.used++ << 8;
    if (start + 256 > this.table.length) {
      const grown = new Uint8Array(this.table.length * 2);
      grown.set(this.table);
      this.table = grown;
    }
    this.table.set(greysOf(chroma >> 8, chroma & 255, this.coloured), start);
    return (this.at[chroma] = start);
  }
}

/**
 * The grey of each luma with these chroma samples: pdf.js's conversion (JpegImage._convertYccToRgb, its
 * expressions as they are, written into clamped bytes as it writes them), then rowReader's colour separation.
 * (The samples are whole numbers 0-255 after pdf.js's IDCT, as it copies them into clamped bytes.)
 */
function greysOf(Cb: number, Cr: number, coloured: number): Uint8Array {
  const greys = new Uint8Array(256);
  const rgb = new Uint8ClampedArray(3);
  for (let Y = 0; Y < 256; Y++) {
    rgb[0] = Y - 179.456 + 1.402 * Cr;
    rgb[1] = Y + 135.459 - 0.344 * Cb - 0.714 * Cr;
    rgb[2] = Y - 226.816 + 1.772 * Cb;
    const hi = Math.max(rgb[0], rgb[1], rgb[2]),
      lo = Math.min(rgb[0], rgb[1], rgb[2]);
    // As rowReader: a clearly coloured pixel that is not dark is seal, however faint: paper.
    greys[Y] = hi - lo > coloured && hi > 140 ? 255 : hi;
  }
  return greys;
}

/** Fills `out` (one row's worth) with row y of an image's grey. */
type RowReader = (y: number, out: Uint8Array) => void;

/**
 * Area-average reduction by `factor` (< 1): each output pixel is the mean of the source area it covers, so a
 * thin stroke or a decimal point fades to grey rather than dropping out as it can when pixels are sampled.
 */
export function shrinkGray(gray: Gray, factor: number): Gray {
  const w = gray.width;
  return shrinkRows(w, gray.height, factor, (y, out) => out.set(gray.data.subarray(y * w, (y + 1) * w)));
}

/**
 * The reduction, done down the columns into one source-wide row, then across it (the average is separable).
 * Each source row is read when an output row first needs it; neighbouring output rows share at most one
 * source row, which is kept from one to the next. Only the shares that are not 0 are summed, in order, and the
 * first two of a row together: the same float32 sums as adding every share in turn to a cleared row (0 + v is v,
 * and v + 0 is v), so the same pixels.
 */
function shrinkRows(width: number, height: number, factor: number, read: RowReader): Gray {
  const w = Math.max(1, Math.round(width * factor)),
    h = Math.max(1, Math.round(height * factor));
  const cols = coverage(width, w),
    rows = coverage(height, h);
  const across = threeTaps(cols, w);
  const data = new Uint8Array(w * h);
  // Two columns more than the row: a three-share sum reads them (times a share of 0) at the row's end.
  const down = new Float32Array(width + 2);
  const rowsRead = new SourceRows(width, read);
  for (let y = 0; y < h; y++) {
    downRow(down, width, rows, y, rowsRead);
    acrossRow(down, data.subarray(y * w, (y + 1) * w), cols, across);
  }
  return { width: w, height: h, data };
}

type Coverage = ReturnType<typeof coverage>;

/** Output row y's sums down the columns, into `down` (float32, as the shares are added in turn). */
function downRow(down: Float32Array, width: number, rows: Coverage, y: number, rowsRead: SourceRows): void {
  const first = rows.start[y],
    end = rows.start[y + 1];
  const top = rowsRead.get(rows.source[first]),
    wTop = rows.weight[first];
  if (end - first === 1) {
    for (let x = 0; x < width; x++) down[x] = top[x] * wTop;
    return;
  }
  const next = rowsRead.get(rows.source[first + 1]),
    wNext = rows.weight[first + 1];
  for (let x = 0; x < width; x++) down[x] = Math.fround(top[x] * wTop) + next[x] * wNext;
  for (let t = first + 2; t < end; t++) {
    const more = rowsRead.get(rows.source[t]),
      wt = rows.weight[t];
    for (let x = 0; x < width; x++) down[x] += more[x] * wt;
  }
}

/**
 * Each output column's shares of at most three neighbouring source columns, one array a share (0 where a column
 * has fewer): a 300 to 200 dpi reduction covers 2 or 3. Columns covering more, or not neighbours, are `other`.
 */
function threeTaps(cols: Coverage, w: number) {
  const first = new Int32Array(w),
    w0 = new Float64Array(w),
    w1 = new Float64Array(w),
    w2 = new Float64Array(w);
  const other: number[] = [];
  for (let x = 0; x < w; x++) {
    const t0 = cols.start[x],
      n = cols.start[x + 1] - t0;
    first[x] = cols.source[t0];
    let neighbours = n <= 3;
    for (let t = 1; t < n; t++) neighbours &&= cols.source[t0 + t] === first[x] + t;
    if (!neighbours) other.push(x);
    else {
      w0[x] = cols.weight[t0];
      if (n > 1) w1[x] = cols.weight[t0 + 1];
      if (n > 2) w2[x] = cols.weight[t0 + 2];
    }
  }
  return { first, w0, w1, w2, other };
}

/**
 * One output row from the column sums: each pixel the sum of its shares in order (a share of 0 adds 0: the same
 * double as the sum of its shares alone), rounded.
 */
function acrossRow(down: Float32Array, out: Uint8Array, cols: Coverage, taps: ReturnType<typeof threeTaps>): void {
  const { first, w0, w1, w2 } = taps;
  for (let x = 0; x < out.length; x++) {
    const s = first[x];
    const sum = down[s] * w0[x] + down[s + 1] * w1[x] + down[s + 2] * w2[x];
    out[x] = sum >= 255 ? 255 : Math.round(sum);
  }
  for (const x of taps.other) {
    const t0 = cols.start[x],
      t1 = cols.start[x + 1];
    let sum = down[cols.source[t0]] * cols.weight[t0];
    for (let t = t0 + 1; t < t1; t++) sum += down[cols.source[t]] * cols.weight[t];
    out[x] = sum >= 255 ? 255 : Math.round(sum);
  }
}

/**
 * Source rows as the reduction asks for them, in order: the last three read are kept (an output row covers two or
 * three source rows, the next one starts on the last of them).
 */
class SourceRows {
  private readonly rows: Uint8Array[];
  private readonly at = [-1, -1, -1];
  private oldest = 0;
  constructor(
    width: number,
    private readonly read: RowReader,
  ) {
    this.rows = [0, 1, 2].map(() => new Uint8Array(width));
  }
  get(y: number): Uint8Array {
    const i = this.at.indexOf(y);
    if (i >= 0) return this.rows[i];
    const slot = this.oldest;
    this.oldest = (slot + 1) % 3;
    this.read(y, this.rows[slot]);
    this.at[slot] = y;
    return this.rows[slot];
  }
}

/**
 * For each of `to` output positions, the source positions (of `from`) it covers and their shares (summing to
 * 1), in order: position i's are at start[i] to start[i + 1] in `source` and `weight`.
 */
function coverage(from: number, to: number): { start: Int32Array; source: Int32Array; weight: Float32Array } {
  const ratio = from / to;
  const taps = Math.ceil(ratio) + 1;
  const start = new Int32Array(to + 1),
    source = new Int32Array(to * taps),
    weight = new Float32Array(to * taps);
  let n = 0;
  for (let i = 0; i < to; i++) {
    start[i] = n;
    const a = i * ratio,
      b = (i + 1) * ratio;
    for (let at = Math.floor(a), t = 0; at < Math.min(from, Math.ceil(b)) && t < taps; at++) {
      const part = Math.min(b, at + 1) - Math.max(a, at);
      if (part <= 1e-9) continue;
      source[n] = at;
      t++;
      weight[n++] = part / ratio;
    }
  }
  start[to] = n;
  return { start, source, weight };
}

interface DecodedImage {
  width: number;
  height: number;
  kind?: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** The decoded pixels of the single image that covers the page, or null when the page is not like that. */
async function pageFillingImage(page: any, pageWidth: number, pageHeight: number): Promise<DecodedImage | null> {
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
  const img: Partial<DecodedImage> = await new Promise((resolve) => page.objs.get(name, resolve));
  if (!img?.data || img.width !== w || img.height !== h) return null;
  return img as DecodedImage;
}

/** The whole image as grey (see rowReader); null for a kind of pixels not read here. */
export function toGray(
  src: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  kind?: number,
  s: OcrSettings = DEFAULT_OCR,
): Gray | null {
  const rows = rowReader({ data: src, width, height, kind }, s);
  if (!rows) return null;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) rows(y, data.subarray(y * width, (y + 1) * width));
  return { width, height, data };
}

/**
 * Reads an image's rows as grey. pdf.js ImageKind: 1 = 1 bit per pixel, 2 = RGB, 3 = RGBA.
 * Colour is separated before any threshold: a pixel's grey is its lightest channel. Black print is dark in
 * every channel, while a red seal (or a blue stamp, a coloured highlight) is light in its own colour's
 * channel: it drops out, and the black text under it stays. (Luminance would turn a red seal into
 * mid-grey ink over the figures.)
 */
function rowReader(image: DecodedImage, s: OcrSettings): RowReader | null {
  const { data: src, width, kind } = image;
  const coloured = s.colouredSpread;
  if (kind === 2 || kind === 3) {
    const step = kind === 2 ? 3 : 4;
    return (y, out) => {
      for (let x = 0, j = y * width * step; x < width; x++, j += step) {
        const r = src[j],
          g = src[j + 1],
          b = src[j + 2];
        const hi = r > g ? (r > b ? r : b) : g > b ? g : b,
          lo = r < g ? (r < b ? r : b) : g < b ? g : b;
        // JPEG keeps colour at half resolution: inside a seal's strokes the red fades to a mid grey in every
        // channel. A clearly coloured pixel that is not dark is seal, however faint: paper.
        out[x] = hi - lo > coloured && hi > 140 ? 255 : hi;
      }
    };
  }
  if (kind === 1) {
    const rowBytes = (width + 7) >> 3;
    return (y, out) => {
      for (let x = 0; x < width; x++) out[x] = (src[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1 ? 255 : 0;
    };
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
