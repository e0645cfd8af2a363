import type { Gray } from "./raster.js";
import { DEFAULT_OCR, type OcrSettings } from "./settings.js";

/** A 0/1 image: 1 = ink. */
export interface Binary {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The image turned a half turn (upside down): its pixels in reverse order. */
export function halfTurn<T extends Gray | Binary>(image: T): T {
  return { ...image, data: Uint8Array.from(image.data).reverse() };
}

/** Otsu's threshold over the histogram: scans are mostly white paper and black ink. */
export function otsuThreshold(gray: Gray): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < gray.data.length; i++) hist[gray.data[i]]++;
  const total = gray.data.length;
  let sumAll = 0;
  for (let v = 0; v < 256; v++) sumAll += v * hist[v];
  let sumB = 0,
    weightB = 0,
    best = 0,
    threshold = 128;
  for (let v = 0; v < 256; v++) {
    weightB += hist[v];
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += v * hist[v];
    const meanB = sumB / weightB,
      meanF = (sumAll - sumB) / weightF;
    const between = weightB * weightF * (meanB - meanF) ** 2;
    if (between > best) {
      best = between;
      threshold = v;
    }
  }
  return threshold;
}

export function binarize(gray: Gray, threshold = otsuThreshold(gray)): Binary {
  const data = new Uint8Array(gray.data.length);
  for (let i = 0; i < data.length; i++) data[i] = gray.data[i] <= threshold ? 1 : 0;
  return { width: gray.width, height: gray.height, data };
}

/**
 * Pixels well above the page's ink threshold become white paper. What a seal leaves after colour separation
 * (light grey) and paper noise would otherwise be taken for ink by tesseract's own threshold on a small crop
 * holding few dark pixels (0.00 under a seal came back as 40400). Edges of strokes, darker, are kept.
 */
export function whitenPaper(gray: Gray, threshold: number): Gray {
  const paper = (threshold + 255) / 2;
  const data = new Uint8Array(gray.data.length);
  for (let i = 0; i < data.length; i++) data[i] = gray.data[i] >= paper ? 255 : gray.data[i];
  return { width: gray.width, height: gray.height, data };
}

/**
 * Rotates by `degrees` about the centre, keeping the size; uncovered pixels are white. Bilinear, or with `cubic`
 * (OcrSettings.deskewCubic) by rotateCubic.
 */
export function rotateGray(gray: Gray, degrees: number, cubic: number | null = null): Gray {
  if (cubic !== null) return rotateCubic(gray, degrees, cubic);
  // rotateWith's walk written out with the bilinear sample inline (a call per pixel otherwise; the same pixels).
  const { width, height, data } = gray;
  const out = new Uint8Array(width * height);
  const { cos, sin, cx, cy } = turn(gray, degrees);
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    let sx = cx - cx * cos - dy * sin;
    let sy = cy - cx * sin + dy * cos;
    for (let x = 0, o = y * width; x < width; x++, o++, sx += cos, sy += sin) {
      const x0 = Math.floor(sx),
        y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) {
        out[o] = 255;
        continue;
      }
      const fx = sx - x0,
        i = y0 * width + x0;
      const top = data[i] + (data[i + 1] - data[i]) * fx;
      const bottom = data[i + width] + (data[i + width + 1] - data[i + width]) * fx;
      out[o] = top + (bottom - top) * (sy - y0);
    }
  }
  return { width, height, data: out };
}

/** The turn's sine and cosine and the centre it is made about (rotateGray, rotateWith). */
function turn(gray: Gray, degrees: number): { cos: number; sin: number; cx: number; cy: number } {
  const r = (degrees * Math.PI) / 180;
  return { cos: Math.cos(r), sin: Math.sin(r), cx: gray.width / 2, cy: gray.height / 2 };
}

/**
 * rotateGray interpolated by a cubic (Keys, parameter `a`; -0.5 is Catmull-Rom) from the 4×4 pixels around each
 * source point, not bilinearly from 2×2: the scan's own rotation has blurred it once already, and on print about
 * 9 px high (150 dpi) a second bilinear blur halves the strokes' dark cores (tests/ocr/deskew.test.ts).
 */
export function rotateCubic(gray: Gray, degrees: number, a: number): Gray {
  return rotateEnlarged(gray, degrees, 1, a);
}

/**
 * rotateCubic onto a grid `factor` times finer: output pixel (x, y) is the deskewed page's point (x / factor,
 * y / factor), so one cubic interpolation turns and enlarges. Small print's line crops are cut from this
 * (OcrSettings.smallPrintPx): rotated at its own size and then enlarged a crop at a time, 9 px glyphs are
 * interpolated twice (turn, then bilinear enlargement) and their thin strokes fade.
 */
export function rotateEnlarged(gray: Gray, degrees: number, factor: number, a: number): Gray {
  const { width, data } = gray;
  const wx = new Float64Array(4),
    wy = new Float64Array(4);
  return rotateWith(
    gray,
    degrees,
    1,
    (sx, sy, x0, y0) => {
      cubicWeights(sx - x0, a, wx);
      cubicWeights(sy - y0, a, wy);
      let v = 0;
      for (let j = 0; j < 4; j++) {
        const i = (y0 - 1 + j) * width + x0 - 1;
        v += wy[j] * (data[i] * wx[0] + data[i + 1] * wx[1] + data[i + 2] * wx[2] + data[i + 3] * wx[3]);
      }
      return v < 0 ? 0 : v > 255 ? 255 : v + 0.5;
    },
    factor,
  );
}

/**
 * The cubic rotation's walk (rotateGray writes the same walk out for the bilinear): for each output pixel, its source point (x, y turned by +degrees about the centre:
 * a line with slope tan(degrees) becomes level) is given to `sample` with the pixel at or before it, when the
 * `reach` pixels `sample` reads around it lie inside the image; else the pixel is white.
 */
function rotateWith(
  gray: Gray,
  degrees: number,
  reach: number,
  sample: (sx: number, sy: number, x0: number, y0: number) => number,
  factor = 1,
): Gray {
  const { width, height } = gray;
  const outWidth = Math.round(width * factor),
    outHeight = Math.round(height * factor);
  const out = new Uint8Array(outWidth * outHeight);
  const t = turn(gray, degrees);
  // A step of one output pixel is 1/factor of a pixel of the deskewed page.
  const cos = t.cos / factor,
    sin = t.sin / factor,
    { cx, cy } = t;
  for (let y = 0; y < outHeight; y++) {
    const dy = y / factor - cy;
    let sx = cx - cx * t.cos - dy * t.sin;
    let sy = cy - cx * t.sin + dy * t.cos;
    for (let x = 0; x < outWidth; x++, sx += cos, sy += sin) {
      const x0 = Math.floor(sx),
        y0 = Math.floor(sy);
      const inside = x0 >= reach && y0 >= reach && x0 + 1 + reach < width && y0 + 1 + reach < height;
      out[y * outWidth + x] = inside ? sample(sx, sy, x0, y0) : 255;
    }
  }
  return { width: outWidth, height: outHeight, data: out };
}

/** Keys' cubic convolution kernel at distance d (0..2). */
function keys(d: number, a: number): number {
  return d <= 1 ? ((a + 2) * d - (a + 3)) * d * d + 1 : ((a * d - 5 * a) * d + 8 * a) * d - 4 * a;
}

/** The weights of the 4 pixels around a point `t` (0..1) past the second of them. */
function cubicWeights(t: number, a: number, w: Float64Array): void {
  w[0] = keys(1 + t, a);
  w[1] = keys(t, a);
  w[2] = keys(1 - t, a);
  w[3] = keys(2 - t, a);
}

/** The image turned on its side (x ↔ y), so column scans can reuse row code. */
export function transpose(bin: Binary): Binary {
  const { width, height, data } = bin;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) out[x * height + y] = data[row + x];
  }
  return { width: height, height: width, data: out };
}

/** Ink pixels inside a rectangle (x1, y1 exclusive). */
export function inkCount(bin: Binary, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++) {
    const row = y * bin.width;
    for (let x = x0; x < x1; x++) n += bin.data[row + x];
  }
  return n;
}

/**
 * Evens out the light of a photographed page (or a scan with a shadow at the spine): the paper's
 * brightness is estimated block by block (the 90th percentile of each block: paper, even where text is
 * dense), smoothed, and each pixel divided by it. A global threshold (Otsu) would otherwise take the dim
 * corner's paper for ink. Pages lit evenly are returned as they are.
 */
export function evenLight(gray: Gray, s: OcrSettings = DEFAULT_OCR): Gray {
  const { width, height, data } = gray;
  const block = Math.max(16, Math.round(Math.max(width, height) / 40));
  const bw = Math.ceil(width / block),
    bh = Math.ceil(height / block);
  const paper = new Float64Array(bw * bh);
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++) paper[by * bw + bx] = blockPaper(gray, bx * block, by * block, block);
  const smooth = maxFilter(paper, bw, bh);
  let lo = 255,
    hi = 0;
  for (const v of smooth) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (hi - lo <= s.unevenLight) return gray;
  const out = new Uint8Array(width * height);
  // The paper's light interpolated across a row of blocks is the same for every pixel row between two block
  // centres: worked out once per block row, not per pixel (Shenzhen photo 122 -> 57 ms, the same pixels).
  const top = new Float64Array(width),
    rise = new Float64Array(width);
  let row = -1;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) / block - 0.5, 0), bh - 1),
      y0 = Math.floor(fy);
    if (y0 !== row) paperAcross(smooth, bw, block, (row = y0), Math.min(y0 + 1, bh - 1), top, rise);
    const t = fy - y0;
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const bg = top[x] + rise[x] * t;
      const v = (data[i] * 255) / (bg > 1 ? bg : 1);
      out[i] = v >= 255 ? 255 : Math.round(v);
    }
  }
  return { width, height, data: out };
}

/**
 * The paper's light along block row y0 (`top`) and its rise to block row y1 (`rise`), interpolated between block
 * centres for every pixel column.
 */
function paperAcross(
  smooth: Float64Array,
  bw: number,
  block: number,
  y0: number,
  y1: number,
  top: Float64Array,
  rise: Float64Array,
): void {
  for (let x = 0; x < top.length; x++) {
    const fx = Math.min(Math.max((x + 0.5) / block - 0.5, 0), bw - 1),
      x0 = Math.floor(fx),
      x1 = Math.min(x0 + 1, bw - 1);
    top[x] = smooth[y0 * bw + x0] + (smooth[y0 * bw + x1] - smooth[y0 * bw + x0]) * (fx - x0);
    rise[x] = smooth[y1 * bw + x0] + (smooth[y1 * bw + x1] - smooth[y1 * bw + x0]) * (fx - x0) - top[x];
  }
}

function blockPaper(gray: Gray, x0: number, y0: number, block: number): number {
  const hist = new Uint32Array(256);
  const x1 = Math.min(gray.width, x0 + block),
    y1 = Math.min(gray.height, y0 + block);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) hist[gray.data[y * gray.width + x]]++;
  let need = Math.ceil((x1 - x0) * (y1 - y0) * 0.1);
  for (let v = 255; v >= 0; v--) if ((need -= hist[v]) <= 0) return v;
  return 0;
}

/** 3×3 maximum: a block covered by a dark heading or a solid cell takes its neighbours' paper. */
function maxFilter(values: Float64Array, w: number, h: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let m = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy,
            xx = x + dx;
          if (yy >= 0 && yy < h && xx >= 0 && xx < w) m = Math.max(m, values[yy * w + xx]);
        }
      out[y * w + x] = m;
    }
  }
  return out;
}
