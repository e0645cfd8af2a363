/**
 * The system's Chromium driven by playwright-core (which downloads nothing):
 * a fresh profile, no network services, headless.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { chromium, type BrowserContext } from "playwright-core";

export const INSTALL_HINT =
  "Chromium not found: install it with `apt-get install -y chromium fonts-wqy-zenhei` (or set CHROMIUM_PATH)";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];

/** The Chromium executable: CHROMIUM_PATH, else the Debian package's. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(executablePath: string): Promise<Browser> {
  const profile = await mkdtemp(path.join(os.tmpdir(), "yujue-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

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
