import type { Gray } from "./raster.js";

/** A 0/1 image: 1 = ink. */
export interface Binary {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Otsu's threshold over the histogram: scans are mostly white paper and black ink. */
export function otsuThreshold(gray: Gray): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < gray.data.length; i++) hist[gray.data[i]]++;
  const total = gray.data.length;
  let sumAll = 0;
  for (let v = 0; v < 256; v++) sumAll += v * hist[v];
  let sumB = 0, weightB = 0, best = 0, threshold = 128;
  for (let v = 0; v < 256; v++) {
    weightB += hist[v];
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += v * hist[v];
    const meanB = sumB / weightB, meanF = (sumAll - sumB) / weightF;
    const between = weightB * weightF * (meanB - meanF) ** 2;
    if (between > best) { best = between; threshold = v; }
  }
  return threshold;
}

export function binarize(gray: Gray, threshold = otsuThreshold(gray)): Binary {
  const data = new Uint8Array(gray.data.length);
  for (let i = 0; i < data.length; i++) data[i] = gray.data[i] <= threshold ? 1 : 0;
  return { width: gray.width, height: gray.height, data };
}

/** Rotates by `degrees` about the centre (bilinear), keeping the size; uncovered pixels are white. */
export function rotateGray(gray: Gray, degrees: number): Gray {
  const { width, height, data } = gray;
  const out = new Uint8Array(width * height);
  const a = (degrees * Math.PI) / 180, cos = Math.cos(a), sin = Math.sin(a);
  const cx = width / 2, cy = height / 2;
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    // Source of (x, y) is the point rotated by +a: a line with slope tan(a) becomes level.
    let sx = cx - cx * cos - dy * sin;
    let sy = cy - cx * sin + dy * cos;
    for (let x = 0; x < width; x++, sx += cos, sy += sin) {
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) { out[y * width + x] = 255; continue; }
      const fx = sx - x0, fy = sy - y0, i = y0 * width + x0;
      const top = data[i] + (data[i + 1] - data[i]) * fx;
      const bottom = data[i + width] + (data[i + width + 1] - data[i + width]) * fx;
      out[y * width + x] = top + (bottom - top) * fy;
    }
  }
  return { width, height, data: out };
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
