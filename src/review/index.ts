/**
 * The review stage (issue 15): from the Documents in an output folder, a
 * static report at <out>/review/index.html with one page per document, each
 * table beside its page images (images.ts: mostly drawn by the extraction
 * workers; drawn here for a document extracted without them).
 */
import { mkdir, readdir, readFile, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Document } from "../../schemas/document.js";
import { readCompleteMarker } from "../output/marker.js";
import { isTempFile, writeFileAtomic } from "../output/atomic.js";
import { sha256File } from "../hash.js";
import { openPdf } from "../pdf/load.js";
import { REVIEW_CSS, REVIEW_JS } from "./assets.js";
import { documentHtml, indexHtml, type PageImages } from "./html.js";
import { drawPageImages, existingImage, imageName, isPageImage, PAGES_DIR } from "./images.js";
import { reviewDocument, reviewPages, worstFirst, type ReviewDocument } from "./model.js";
import { REVIEW_DIR } from "./paths.js";

export { reviewDocument, type ReviewDocument } from "./model.js";

export { REVIEW_DIR };

export interface ReviewOptions {
  /**
   * Local paths of PDFs by sha256 (this run's inputs and downloads); others are looked up from each document's marker.
   */
  sources?: Map<string, string>;
  /** For relative input paths in the markers (default: the current directory). */
  cwd?: string;
  onWarning?: (message: string) => void;
}

export interface ReviewStats {
  index: string;
  documents: number;
  pagesRendered: number;
  pagesReused: number;
  /** Bytes of the page images rendered in this call (not those the extraction workers drew). */
  renderedBytes: number;
  renderMs: number;
  ms: number;
}

/** Writes <out>/review/: index.html, one <folder>.html per complete document, review.css, review.js, pages/*.png. */
export async function writeReview(out: string, options: ReviewOptions = {}): Promise<ReviewStats> {
  const started = performance.now();
  const dir = path.join(out, REVIEW_DIR);
  await mkdir(path.join(dir, PAGES_DIR), { recursive: true });
  const stats: ReviewStats = {
    index: path.join(dir, "index.html"),
    documents: 0,
    pagesRendered: 0,
    pagesReused: 0,
    renderedBytes: 0,
    renderMs: 0,
    ms: 0,
  };
  const docs: ReviewDocument[] = [];
  const keepImages = new Set<string>();
  const keepPages = new Set<string>(["index.html"]);
  for (const found of await documentsIn(out, options)) {
    const reviewDoc = reviewDocument(found.folder, found.doc);
    const images = await pageImages(dir, reviewDoc, found.input, options, stats);
    for (const image of images.values()) if (image) keepImages.add(path.basename(image.src));
    await writeFileAtomic(path.join(dir, `${reviewDoc.folder}.html`), documentHtml(reviewDoc, images));
    keepPages.add(`${reviewDoc.folder}.html`);
    docs.push(reviewDoc);
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
      if (!parsed.success)
        options.onWarning?.(
          `review: ${e.name}/document.json is from an older version (re-run with --force for cell boxes)`,
        );
      found.push({ folder: e.name, doc: parsed.success ? parsed.data : (raw as Document), input: marker.input });
    } catch (err) {
      options.onWarning?.(`review: ${e.name}/document.json unreadable: ${(err as Error).message.split("\n")[0]}`);
    }
  }
  return found;
}

/** Each table page's image: reused when its file exists (same PDF content, page, size and version), else drawn. */
async function pageImages(
  dir: string,
  reviewDoc: ReviewDocument,
  input: string,
  options: ReviewOptions,
  stats: ReviewStats,
): Promise<PageImages> {
  const pagesDir = path.join(dir, PAGES_DIR);
  const sha256 = reviewDoc.doc.source.sha256;
  const images: PageImages = new Map();
  const missing: number[] = [];
  for (const p of reviewPages(reviewDoc.doc)) {
    const found = await existingImage(pagesDir, imageName(sha256, p));
    if (found) {
      images.set(p, found);
      stats.pagesReused++;
    } else missing.push(p);
  }
  if (!missing.length) return images;
  const source = await sourcePdf(path.dirname(dir), sha256, input, options);
  if (!source) {
    options.onWarning?.(`review: ${reviewDoc.doc.source.file}: source PDF not found, pages shown without images`);
    for (const p of missing) images.set(p, null);
    return images;
  }
  const t0 = performance.now();
  const pdf = await openPdf(new Uint8Array(await readFile(source)));
  try {
    const onError = (p: number, err: unknown) =>
      options.onWarning?.(
        `review: ${reviewDoc.doc.source.file} page ${p}: cannot render (${(err as Error).message.split("\n")[0]})`,
      );
    const drawn = await drawPageImages(pdf, sha256, missing, pagesDir, onError);
    for (const [p, image] of drawn.images) images.set(p, image);
    stats.pagesRendered += drawn.rendered;
    stats.renderedBytes += drawn.bytes;
  } finally {
    await pdf.destroy();
    stats.renderMs += performance.now() - t0;
  }
  return images;
}

/** The PDF with this content: a known local copy, the input path, or a download in the cache. */
async function sourcePdf(out: string, sha256: string, input: string, options: ReviewOptions): Promise<string | null> {
  const known = options.sources?.get(sha256);
  if (known) return known;
  const candidates = [path.join(out, ".cache", "downloads", `${sha256}.pdf`)];
  if (!/^https?:\/\//i.test(input)) candidates.push(path.resolve(options.cwd ?? process.cwd(), input));
  for (const file of candidates) {
    if (!(await stat(file).catch(() => null))?.isFile()) continue;
    if ((await sha256File(file)) === sha256) return file;
  }
  return null;
}

/** Removes document pages and images no current document uses (an input re-extracted or gone). */
async function removeStale(dir: string, pages: Set<string>, images: Set<string>): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.endsWith(".html") && !pages.has(name)) await unlink(path.join(dir, name)).catch(() => {});
  }
  // Temp files too: a worker killed while writing an image leaves one.
  for (const name of await readdir(path.join(dir, PAGES_DIR)).catch(() => [] as string[])) {
    const stale = (isPageImage(name) && !images.has(name)) || isTempFile(name);
    if (stale) await unlink(path.join(dir, PAGES_DIR, name)).catch(() => {});
  }
}
