/**
 * The review's page images: one per page that holds a table, under <out>/review/pages/, named by the PDF's
 * content, the page, the size and the tool version, so an unchanged document's images are reused. They are
 * drawn where the PDF is already open: by the extraction worker, right after the Document is built (the fonts
 * are parsed, the file is read), or by the review stage for a document extracted without them.
 */
import { copyFile, mkdir, open, readdir } from "node:fs/promises";
import path from "node:path";
import type { Document } from "../../schemas/document.js";
import { renameOrClean, tempPathFor } from "../output/atomic.js";
import type { PdfDocument } from "../pdf/load.js";
import { pngSize } from "../pdf/png.js";
import { renderPageImage } from "../pdf/render.js";
import { TOOL_VERSION } from "../version.js";
import type { PageImageRef } from "./html.js";
import { reviewPages } from "./model.js";
import { PAGES_DIR } from "./paths.js";

export { PAGES_DIR };
/** Pixels along a page's longer side: 9-point figures come out about 13 px high, legible beside the table. */
export const LONG_SIDE = 1200;

export function imageName(sha256: string, page: number, longSide = LONG_SIDE): string {
  return `${sha256.slice(0, 20)}-p${page}-${longSide}-v${TOOL_VERSION}.png`;
}

export function isPageImage(name: string): boolean {
  // .webp: the images of earlier builds, removed as stale.
  return name.endsWith(".png") || name.endsWith(".webp");
}

/** An image already on disk: its reference for the HTML, or null when missing or not a PNG. */
export async function existingImage(pagesDir: string, name: string): Promise<PageImageRef | null> {
  const handle = await open(path.join(pagesDir, name), "r").catch(() => null);
  if (!handle) return null;
  try {
    const head = Buffer.alloc(24);
    const { bytesRead } = await handle.read(head, 0, 24, 0);
    const size = pngSize(head.subarray(0, bytesRead));
    return size ? { src: `${PAGES_DIR}/${name}`, ...size } : null;
  } finally {
    await handle.close();
  }
}

export interface DrawnImages {
  images: Map<number, PageImageRef | null>;
  rendered: number;
  bytes: number;
}

/**
 * Draws the given pages of an open PDF into `pagesDir` (each written whole: a temp file renamed into place, so
 * a kill leaves no half image). A page that cannot be drawn maps to null and is reported to `onError`.
 * Each page is drawn on this thread while the previous one is compressed in the thread pool.
 */
export async function drawPageImages(
  pdf: PdfDocument,
  sha256: string,
  pages: number[],
  pagesDir: string,
  onError: (page: number, err: unknown) => void,
): Promise<DrawnImages> {
  await mkdir(pagesDir, { recursive: true });
  const result: DrawnImages = { images: new Map(), rendered: 0, bytes: 0 };
  const writing: Promise<void>[] = [];
  for (const p of pages) {
    const name = imageName(sha256, p);
    const image = await renderPageImage(pdf, p, LONG_SIDE).catch((err) => onError(p, err));
    if (!image) {
      result.images.set(p, null);
      continue;
    }
    writing.push(
      image.bytes
        .then(async (bytes) => {
          await writeWhole(path.join(pagesDir, name), bytes);
          result.images.set(p, { src: `${PAGES_DIR}/${name}`, width: image.width, height: image.height });
          result.rendered++;
          result.bytes += bytes.length;
        })
        .catch((err) => {
          result.images.set(p, null);
          onError(p, err);
        }),
    );
  }
  await Promise.all(writing);
  return result;
}

/**
 * The extraction worker's step: a document's table pages not yet on disk, drawn while its PDF is open. Errors
 * are left to the review stage, which draws a missing image again and reports what still fails.
 */
export async function drawMissingImages(pdf: PdfDocument, doc: Document, pagesDir: string): Promise<void> {
  const have = new Set(await readdir(pagesDir).catch(() => [] as string[]));
  const missing = reviewPages(doc).filter((p) => !have.has(imageName(doc.source.sha256, p)));
  if (missing.length) await drawPageImages(pdf, doc.source.sha256, missing, pagesDir, () => {});
}

/**
 * Another output folder's page images not yet in `pagesDir` (a merge takes its shards'): the names say what
 * they show, so a copy is as good as drawing again; the review stage removes those no document uses.
 */
export async function copyPageImages(fromDir: string, pagesDir: string): Promise<number> {
  const have = new Set(await readdir(pagesDir).catch(() => [] as string[]));
  const names = (await readdir(fromDir).catch(() => [] as string[])).filter((n) => n.endsWith(".png") && !have.has(n));
  if (names.length) await mkdir(pagesDir, { recursive: true });
  for (const name of names) {
    const temp = tempPathFor(path.join(pagesDir, name));
    await copyFile(path.join(fromDir, name), temp);
    await renameOrClean(temp, path.join(pagesDir, name));
  }
  return names.length;
}

/** Not the atomic writer of src/output: an image is a cache entry and needs no flush to disk before the rename. */
async function writeWhole(target: string, bytes: Uint8Array): Promise<void> {
  const temp = tempPathFor(target);
  const handle = await open(temp, "w");
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
  await renameOrClean(temp, target);
}
