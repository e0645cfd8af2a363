/** Helpers of the browser tests: the browser itself is bench/browser.ts's; PNG pixels compared here. */
import { createCanvas, loadImage } from "@napi-rs/canvas";

export { findChromium, INSTALL_HINT, launch, type Browser } from "../../bench/browser.js";

/** A PNG as grayscale pixels (0 = black). */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export async function pngGray(png: Buffer): Promise<GrayImage> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  const rgba = ctx.getImageData(0, 0, image.width, image.height).data;
  const data = new Uint8Array(image.width * image.height);
  for (let i = 0; i < data.length; i++)
    data[i] = (rgba[4 * i] * 77 + rgba[4 * i + 1] * 150 + rgba[4 * i + 2] * 29) >> 8;
  return { width: image.width, height: image.height, data };
}

/** Share of pixels darker than mid-grey: the ink of rendered text. */
export function ink(img: GrayImage): number {
  let dark = 0;
  for (const v of img.data) if (v < 128) dark++;
  return dark / img.data.length;
}

/** Mean absolute difference (0..255) over the common top-left area of two images. */
export function meanDifference(a: GrayImage, b: GrayImage): number {
  const w = Math.min(a.width, b.width),
    h = Math.min(a.height, b.height);
  let sum = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) sum += Math.abs(a.data[y * a.width + x] - b.data[y * b.width + x]);
  return sum / (w * h);
}
