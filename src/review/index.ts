/**
 * The review stage (issue 15): from the Documents in an output folder, a
 * static report at <out>/review/index.html with one page per document, each
 * table beside its page images. Page images are rendered by src/pdf from
 * the source PDF and kept under review/pages/ by content hash, so an
 * unchanged document's images are reused.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { Document } from "../../schemas/document.js";
import { readCompleteMarker } from "../output/marker.js";
import { writeFileAtomic } from "../output/atomic.js";
import { openPdf } from "../pdf/load.js";
import { renderPageImage, type RenderOptions } from "../pdf/render.js";
import { REVIEW_CSS, REVIEW_JS } from "./assets.js";
import { documentHtml, indexHtml, type PageImageRef, type PageImages } from "./html.js";
import { reviewDocument, reviewPages, worstFirst, type ReviewDocument } from "./model.js";

export { reviewDocument, type ReviewDocument } from "./model.js";

export const REVIEW_DIR = "review";
const PAGES_DIR = "pages";
const LONG_SIDE = 1200;

export interface ReviewOptions {
  /** Local paths of PDFs by sha256 (this run's inputs and downloads); others are looked up from each document's marker. */
  sources?: Map<string, string>;
  /** For relative input paths in the markers (default: the current directory). */
  cwd?: string;
  onWarning?: (message: string) => void;
  render?: RenderOptions;
}

export interface ReviewStats {
  index: string;
  documents: number;
  pagesRendered: number;
  pagesReused: number;
  /** Bytes of the page images rendered in this call. */
  renderedBytes: number;
  renderMs: number;
  ms: number;
}

/** Writes <out>/review/: index.html, one <folder>.html per complete document, review.css, review.js, pages/*.webp. */
export async function writeReview(out: string, options: ReviewOptions = {}): Promise<ReviewStats> {
  const started = performance.now();
  const dir = path.join(out, REVIEW_DIR);
  await mkdir(path.join(dir, PAGES_DIR), { recursive: true });
  const stats: ReviewStats = { index: path.join(dir, "index.html"), documents: 0, pagesRendered: 0, pagesReused: 0, renderedBytes: 0, renderMs: 0, ms: 0 };
  const docs: ReviewDocument[] = [];
  const keepImages = new Set<string>();
  const keepPages = new Set<string>(["index.html"]);
  for (const found of await documentsIn(out, options)) {
    const rd = reviewDocument(found.folder, found.doc);
    const images = await pageImages(dir, rd, found.input, options, stats);
    for (const image of images.values()) if (image) keepImages.add(path.basename(image.src));
    await writeFileAtomic(path.join(dir, `${rd.folder}.html`), documentHtml(rd, images));
    keepPages.add(`${rd.folder}.html`);
    docs.push(rd);
  }
  docs.sort(worstFirst);
  await writeFileAtomic(path.join(dir, "review.css"), REVIEW_CSS);
  await writeFileAtomic(path.join(dir, "review.js"), REVIEW_JS);
  await writeFileAtomic(stats.index, indexHtml(docs, new Date().toISOString()));
  await removeStale(dir, keepPages, keepImages);
  stats.documents = docs.length;
  stats.ms = performance.now() - started;
  return stats;
}

interface FoundDocument {
  folder: string;
  doc: Document;
  /** The input as recorded in the completion marker (a path or URL). */
  input: string;
}

/** The complete document folders of an output folder, by name. */
async function documentsIn(out: string, options: ReviewOptions): Promise<FoundDocument[]> {
  const entries = await readdir(out, { withFileTypes: true }).catch(() => []);
  const found: FoundDocument[] = [];
  for (const e of entries.filter((x) => x.isDirectory() && x !== null).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name === REVIEW_DIR || e.name.startsWith(".")) continue;
    const folder = path.join(out, e.name);
    const marker = await readCompleteMarker(folder);
    if (!marker) continue;
    try {
      const raw = JSON.parse(await readFile(path.join(folder, "document.json"), "utf8"));
      const parsed = Document.safeParse(raw);
      // A document.json written before cells had boxes still reviews, without boxes.
      if (!parsed.success) options.onWarning?.(`review: ${e.name}/document.json is from an older version (re-run with --force for cell boxes)`);
      found.push({ folder: e.name, doc: parsed.success ? parsed.data : (raw as Document), input: marker.input });
    } catch (err) {
      options.onWarning?.(`review: ${e.name}/document.json unreadable: ${(err as Error).message.split("\n")[0]}`);
    }
  }
  return found;
}

function imageName(sha256: string, page: number, longSide: number): string {
  return `${sha256.slice(0, 20)}-p${page}-${longSide}.webp`;
}

/** Each table page's image: reused when its file exists (same PDF content, page and size), else rendered. */
async function pageImages(dir: string, rd: ReviewDocument, input: string, options: ReviewOptions, stats: ReviewStats): Promise<PageImages> {
  const longSide = options.render?.longSide ?? LONG_SIDE;
  const images: PageImages = new Map();
  const missing: number[] = [];
  for (const p of reviewPages(rd)) {
    const name = imageName(rd.doc.source.sha256, p, longSide);
    const size = await webpSize(path.join(dir, PAGES_DIR, name));
    if (size) {
      images.set(p, { src: `${PAGES_DIR}/${name}`, ...size });
      stats.pagesReused++;
    } else missing.push(p);
  }
  if (!missing.length) return images;
  const source = await sourcePdf(path.dirname(dir), rd.doc.source.sha256, input, options);
  if (!source) {
    options.onWarning?.(`review: ${rd.doc.source.file}: source PDF not found, pages shown without images`);
    for (const p of missing) images.set(p, null);
    return images;
  }
  const t0 = performance.now();
  const pdf = await openPdf(new Uint8Array(await readFile(source)));
  try {
    // Each page is drawn on this thread while the previous one is encoded and written in the thread pool.
    const writing: Promise<void>[] = [];
    for (const p of missing) {
      const drawn = await renderOne(pdf, dir, rd, p, longSide, options, stats);
      if (drawn) writing.push(drawn.written.then((ok) => { images.set(p, ok ? drawn.ref : null); }));
      else images.set(p, null);
    }
    await Promise.all(writing);
  } finally {
    await pdf.destroy();
    stats.renderMs += performance.now() - t0;
  }
  return images;
}

/** Draws one page; `written` resolves once its image is encoded and on disk (false when that failed, with a warning). */
async function renderOne(
  pdf: Awaited<ReturnType<typeof openPdf>>, dir: string, rd: ReviewDocument, p: number, longSide: number,
  options: ReviewOptions, stats: ReviewStats,
): Promise<{ ref: PageImageRef; written: Promise<boolean> } | null> {
  const fail = (err: unknown) => {
    options.onWarning?.(`review: ${rd.doc.source.file} page ${p}: cannot render (${(err as Error).message.split("\n")[0]})`);
    return false;
  };
  try {
    const image = await renderPageImage(pdf, p, { ...options.render, longSide });
    const name = imageName(rd.doc.source.sha256, p, longSide);
    const written = image.bytes.then(async (bytes) => {
      await writeFile(path.join(dir, PAGES_DIR, name), bytes);
      stats.pagesRendered++;
      stats.renderedBytes += bytes.length;
      return true;
    }).catch(fail);
    return { ref: { src: `${PAGES_DIR}/${name}`, width: image.width, height: image.height }, written };
  } catch (err) {
    fail(err);
    return null;
  }
}

/** The PDF with this content: a known local copy, the input path, or a download in the cache. */
async function sourcePdf(out: string, sha256: string, input: string, options: ReviewOptions): Promise<string | null> {
  const known = options.sources?.get(sha256);
  if (known) return known;
  const candidates = [path.join(out, ".cache", "downloads", `${sha256}.pdf`)];
  if (!/^https?:\/\//i.test(input)) candidates.push(path.resolve(options.cwd ?? process.cwd(), input));
  for (const file of candidates) {
    if (!(await stat(file).catch(() => null))?.isFile()) continue;
    if ((await hashFile(file)) === sha256) return file;
  }
  return null;
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file).on("data", (chunk) => hash.update(chunk)).on("error", reject).on("end", () => resolve(hash.digest("hex")));
  });
}

/** Width and height of a WebP file from its header; null when missing or not a WebP. */
export async function webpSize(file: string): Promise<{ width: number; height: number } | null> {
  const head = await readFile(file).then((b) => b.subarray(0, 32)).catch(() => null);
  if (!head || head.length < 30 || head.toString("latin1", 0, 4) !== "RIFF" || head.toString("latin1", 8, 12) !== "WEBP") return null;
  const chunk = head.toString("latin1", 12, 16);
  if (chunk === "VP8X") return { width: 1 + head.readUIntLE(24, 3), height: 1 + head.readUIntLE(27, 3) };
  if (chunk === "VP8 ") return { width: head.readUInt16LE(26) & 0x3fff, height: head.readUInt16LE(28) & 0x3fff };
  if (chunk === "VP8L") {
    const bits = head.readUInt32LE(21);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  return null;
}

/** Removes document pages and images no current document uses (an input re-extracted or gone). */
async function removeStale(dir: string, pages: Set<string>, images: Set<string>): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.endsWith(".html") && !pages.has(name)) await unlink(path.join(dir, name)).catch(() => {});
  }
  for (const name of await readdir(path.join(dir, PAGES_DIR)).catch(() => [] as string[])) {
    if (name.endsWith(".webp") && !images.has(name)) await unlink(path.join(dir, PAGES_DIR, name)).catch(() => {});
  }
}
