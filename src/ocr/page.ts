import { LOW_CONFIDENCE, type PageModel, type Ruling, type TextRun } from "../pdf/model.js";
import type { PdfDocument } from "../pdf/load.js";
import { binarize, evenLight, otsuThreshold, rotateEnlarged, rotateGray, whitenPaper, type Binary } from "./image.js";
import { eraseRulings, estimateSkew, findRulings, lineSettings, type PixelRuling } from "./lines.js";
import { cellsFromRulings, type PixelBox } from "./cells.js";
import { cutEdges } from "./edges.js";
import { restoreGlyphsOnRules } from "./overlap.js";
import { halfTurnRaster, liesSideways, liesUpsideDown, turnRaster, uprightTurn } from "./orientation.js";
import {
  columnHasInk,
  cropLine,
  cropLineFine,
  inkBox,
  inkRuns,
  scaleGray,
  sideBySide,
  textLines,
  widenToGreyInk,
} from "./crop.js";
import { rasterizePage, type Gray, type PageRaster } from "./raster.js";
import { FigureCheck, readLine, UNREAD_MARK, type LineHint, type LineImages } from "./read.js";
import { printedYear, snapToVocabulary } from "./vocabulary.js";
import { rereadRows, rowsOf, type WordCell } from "./row-reread.js";
import { rereadJunk, rereadThinned } from "./bold.js";
import { rereadFigures, type FigureLine } from "./glyphs.js";
import { headerCells, rereadHeaderWords, type LineCell } from "./header-reread.js";
import { repairImpossibleDecimals } from "./separators.js";
import { DEFAULT_OCR, type OcrSettings } from "./settings.js";
import { median } from "./stats.js";

export interface OcrOptions {
  /** Called as each page is finished (ocrPages), with its number. */
  onPage?: (pageNumber: number) => void;
  /**
   * Pages without a ruled table (概况, 情况说明 prose): "head" reads only
   * the first few text lines (enough to classify the page and find a
   * heading or table title); "full" reads every line (for narrative checks).
   */
  prose?: "head" | "full";
  /** Tolerances (default DEFAULT_OCR; src/ocr/settings.ts lists each with its default). */
  settings?: OcrSettings;
}

/** Everything derived from the pixels before any recognition. */
interface PreparedPage {
  raster: PageRaster;
  gray: Gray;
  /** Ink of text only: `bin` with the rules wiped out. */
  bin: Binary;
  dpi: number;
  skew: number;
  rulings: PixelRuling[];
  cells: PixelBox[];
  settings: OcrSettings;
  /** Single lines no taller than this (pixels) are probably numbers: read by the digit model first. */
  digitHeight?: number;
  /** The check of the digit model's sure reads on this page, against the Chinese model's. */
  figures?: FigureCheck;
  /** The evened-out page before the deskew, and the ink threshold: small print's finer page is made from them. */
  lit: Gray;
  threshold: number;
  /** Small print only (OcrSettings.smallPrintPx): the page on a grid `factor` times finer (rotateEnlarged). */
  fine?: { gray: Gray; factor: number };
}

/** Runs one named pixel step of preparePage: bench/ocr-stages.ts passes one that times each step. */
export type StepTimer = <T>(step: string, work: () => T) => T;

const untimed: StepTimer = (_step, work) => work();

/** Rasterises, deskews and finds the grid: the cheap part of OCR (no recognition). */
export async function preparePage(
  pdf: PdfDocument,
  pageNumber: number,
  settings: OcrSettings = DEFAULT_OCR,
  time: StepTimer = untimed,
): Promise<PreparedPage> {
  const raster = await rasterizePage(pdf, pageNumber, settings);
  const page = analysePage(raster, settings, time);
  if (liesSideways(page.cells, settings)) {
    const clockwise = await uprightTurn(page.gray, page.bin, page.cells, settings);
    return analysePage(turnRaster(raster, clockwise), settings, time);
  }
  const turned = await liesUpsideDown(page.gray, page.bin, page.cells, settings);
  return turned ? analysePage(halfTurnRaster(raster), settings, time) : page;
}

/** preparePage on the page's pixels: light evened out, deskewed, the grid found, rules wiped. */
function analysePage(raster: PageRaster, settings: OcrSettings, time: StepTimer): PreparedPage {
  const dpi = raster.scale * 72;
  const lit = time("even light", () => evenLight(raster.gray, settings));
  const skew = time("skew", () => estimateSkew(binarize(lit), dpi, settings));
  const gray = time("rotate", () => (Math.abs(skew) >= 0.05 ? rotateGray(lit, skew, settings.deskewCubic) : lit));
  const threshold = time("Otsu and binarize", () => otsuThreshold(gray));
  const withRules = time("Otsu and binarize", () => binarize(gray, threshold));
  // The lighter cut (halfway from the ink threshold to paper) is where faint hairline rules are followed.
  const faint = time("Otsu and binarize", () => binarize(gray, Math.round((threshold + 255) / 2)));
  const rulings = time("rules", () => findRulings(withRules, lineSettings(dpi, settings), faint));
  const minCell = Math.round(16 * (dpi / 200));
  const cells = time("cells", () => cellsFromRulings(rulings, withRules.width, withRules.height, minCell, settings));
  const text = time("rules wiped, glyphs on them kept", () =>
    restoreGlyphsOnRules(eraseRulings(withRules, rulings), whitenPaper(gray, threshold), rulings, threshold, settings),
  );
  return {
    raster,
    gray: text.gray,
    bin: text.bin,
    dpi,
    skew,
    rulings,
    cells,
    settings,
    lit,
    threshold,
  };
}

/** OCR of one page into the same PageModel the text layer gives (extraction "ocr"). */
export async function ocrPage(pdf: PdfDocument, pageNumber: number, options: OcrOptions = {}): Promise<PageModel> {
  const page = await preparePage(pdf, pageNumber, options.settings);
  const print = printHeight(page);
  page.digitHeight = print * 0.87;
  if (smallPrint(page, print) && page.settings.smallPrintEnlarge > 1) page.fine = finePage(page);
  // Only on scans reduced from a finer resolution (see OcrSettings.pointGap); elsewhere as before.
  if (page.raster.sourceDpi > page.settings.maxScanDpi) page.figures = new FigureCheck(page.settings.figureSample);
  const cellRuns = page.cells.map((cell) => readCell(page, cell));
  const outside = readOutsideGrid(page, options.prose ?? "head");
  const cellsRead = rereadFiguresByGlyphs(page, await rereadSmallPrint(page, await Promise.all(cellRuns), print));
  const loose = (await Promise.all(outside.runs)).filter((r): r is TextRun => r !== null);
  // The title's year dates the class names (2017's 文化体育与传媒支出, 2019's 文化旅游体育与传媒支出).
  const year = printedYear([...loose].sort((a, b) => a.y0 - b.y0).map((r) => r.text));
  const runs = [...snapToVocabulary(repairImpossibleDecimals(cellsRead), page.settings, year), ...loose];
  const toPoints = 1 / page.raster.scale;
  const cut = cutEdges(page.raster.gray, page.rulings, page.threshold, page.settings);
  return {
    number: pageNumber,
    width: page.raster.width,
    height: page.raster.height,
    runs: runs.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0),
    rulings: page.rulings.map((r) => toRuling(r, toPoints)),
    extraction: "ocr",
    ...(cut.length ? { cutEdges: cut } : {}),
    ...(outside.tableLook ? { tableLook: outside.tableLook } : {}),
  };
}

/**
 * Digits are shorter than CJK glyphs (about 0.7 against 0.9 of the em).
 * The tallest common line height in the cells (90th percentile) is the CJK height; lines
 * clearly below it are probably numbers.
 */
function printHeight(page: PreparedPage): number {
  const heights: number[] = [];
  for (const c of page.cells) {
    const ink = inkBox(page.bin, c, page.settings.minCellInk);
    const lines = ink ? textLines(page.bin, ink, Math.round(8 * (page.dpi / 200))) : [];
    if (lines.length === 1) heights.push(lines[0].y1 - lines[0].y0);
  }
  if (heights.length < 5) return 0;
  heights.sort((a, b) => a - b);
  return heights[Math.floor(heights.length * 0.9)];
}

/** Whether a page's print height (printHeight) is small print (OcrSettings.smallPrintPx). */
function smallPrint(page: PreparedPage, print: number): boolean {
  return print > 0 && print < page.settings.smallPrintPx;
}

/**
 * Small print's page for the digit model's crops: the evened-out page deskewed onto a grid smallPrintEnlarge times
 * finer by one cubic (rotateEnlarged), its paper whitened, and white wherever the page's own grey is (rules wiped,
 * paper), so a crop shows what the page's crop shows, only sharper.
 */
function finePage(page: PreparedPage): { gray: Gray; factor: number } {
  const factor = page.settings.smallPrintEnlarge;
  const turned = Math.abs(page.skew) >= 0.05 ? page.skew : 0;
  const fine = rotateEnlarged(page.lit, turned, factor, page.settings.smallPrintCubic);
  const paper = (page.threshold + 255) / 2;
  const { gray } = page;
  for (let y = 0; y < fine.height; y++) {
    const row = Math.min(gray.height - 1, Math.round(y / factor)) * gray.width;
    for (let x = 0; x < fine.width; x++) {
      const i = y * fine.width + x;
      if (fine.data[i] >= paper || gray.data[row + Math.min(gray.width - 1, Math.round(x / factor))] === 255)
        fine.data[i] = 255;
    }
  }
  return { gray: fine, factor };
}

/**
 * On small print (CJK lines under OcrSettings.smallPrintPx), two more looks at words read unsurely: rows of one-line
 * word cells holding an unread or unsure one are read again as one line (src/ocr/row-reread.ts), then header cells
 * still read as no header word are read again from the finer page (src/ocr/header-reread.ts). The cells' runs (one
 * per cell, null for a blank), blanks dropped.
 */
async function rereadSmallPrint(page: PreparedPage, runs: (TextRun | null)[], print: number): Promise<TextRun[]> {
  const read = runs.filter((r): r is TextRun => r !== null);
  if (!smallPrint(page, print)) return read;
  const lineCells: LineCell[] = page.cells.flatMap((cell, i) => {
    const run = runs[i];
    const line = run ? singleLine(page, cell) : null;
    return run && line ? [{ cell, line, run }] : [];
  });
  const words = lineCells.filter((c) => !/\d/.test(c.run.text) && c.line.y1 - c.line.y0 > (page.digitHeight ?? 0));
  const enlarge = (line: Gray, height: number) =>
    lineImages(line, height / (page.dpi / 200), "text", page.settings).text();
  const byRow = await rereadRows(page.gray, rowsOf(words, Math.round(2 * (page.dpi / 200))), enlarge);
  const afterRow = lineCells.map((c) => ({ ...c, run: byRow.get(c.run) ?? c.run }));
  const { fine } = page;
  const byFine = fine
    ? await rereadHeaderWords(
        headerCells(afterRow),
        (l) => ({ image: fineLineCrop(page, fine, l), lineHeight: (l.y1 - l.y0) * fine.factor }),
        page.settings,
      )
    : new Map<TextRun, TextRun>();
  return read.map((r) => {
    const row = byRow.get(r) ?? r;
    return byFine.get(row) ?? row;
  });
}

/** A cell's one line of text (its ink's box), or null when it holds none or more than one. */
function singleLine(page: PreparedPage, cell: PixelBox): PixelBox | null {
  const ink = cellInk(page, cell);
  const lines = ink ? textLines(page.bin, ink, Math.round(8 * (page.dpi / 200))) : [];
  return lines.length === 1 ? inkBox(page.bin, lines[0], 1) : null;
}

/**
 * Figures read again by the page's own glyphs (src/ocr/glyphs.ts): the runs of cells holding one line no taller than
 * digits, with that line's box back in the page's pixels. On small print from the finer page, every figure; on other
 * print from the page itself, only on a page of poor print (poorPrint), and only its unsure reads.
 */
function rereadFiguresByGlyphs(page: PreparedPage, runs: TextRun[]): TextRun[] {
  const k = page.raster.scale;
  const figures = runs
    .map((run) => ({ run, box: pixelBox(run, k) }))
    .filter((f) => f.box.y1 - f.box.y0 <= (page.digitHeight ?? 0));
  if (!page.fine && !poorPrint(page, figures)) return runs;
  const replaced = page.fine
    ? rereadFigures(page.fine, figures, page.threshold, page.settings)
    : rereadFigures({ gray: page.gray, factor: 1 }, figures, page.threshold, page.settings, true);
  return runs.map((r) => replaced.get(r) ?? r);
}

/**
 * Whether a page's figures look poorly printed: at least glyphUnsureShare of its amounts (figures with a point) read
 * unsurely. A page of good print with a figure or two flagged (a wide 1) does not pay for the glyph pass.
 */
function poorPrint(page: PreparedPage, figures: FigureLine[]): boolean {
  const amounts = figures.filter((f) => /\d\.\d/.test(f.run.text));
  const unsure = amounts.filter((f) => (f.run.confidence ?? 1) < LOW_CONFIDENCE).length;
  return unsure > 0 && unsure >= page.settings.glyphUnsureShare * amounts.length;
}

/** A run's box in the page's pixels (toRun's inverse). */
function pixelBox(run: TextRun, scale: number): PixelBox {
  const at = (v: number) => Math.round(v * scale);
  return { x0: at(run.x0), y0: at(run.y0), x1: at(run.x1), y1: at(run.y1) };
}

/** Pages OCR'd at once by ocrPages: one page's pixel work overlaps another's recognition. */
const PAGES_IN_FLIGHT = 2;

/** OCR of several pages, two at a time, in the order given. */
export async function ocrPages(
  pdf: PdfDocument,
  pageNumbers: number[],
  options: OcrOptions = {},
): Promise<PageModel[]> {
  const out: PageModel[] = new Array(pageNumbers.length);
  let next = 0;
  const lane = async () => {
    while (next < pageNumbers.length) {
      const i = next++;
      out[i] = await ocrPage(pdf, pageNumbers[i], options);
      options.onPage?.(pageNumbers[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PAGES_IN_FLIGHT, pageNumbers.length) }, lane));
  return out;
}

function toRuling(r: PixelRuling, k: number): Ruling {
  return { orientation: r.orientation, at: r.at * k, from: r.from * k, to: r.to * k };
}

/** One run for a cell: its lines read one by one and joined. Null for a blank cell. */
async function readCell(page: PreparedPage, cell: PixelBox): Promise<TextRun | null> {
  const inner = cellReach(page, cell);
  const ink = inner ? cellInk(page, cell) : null;
  return inner && ink ? readBlock(page, ink, inner) : null;
}

/** The box of a cell's ink, or null when it holds too little (a blank cell). */
function cellInk(page: PreparedPage, cell: PixelBox): PixelBox | null {
  const inner = cellReach(page, cell);
  return inner && inkBox(page.bin, inner, Math.round(page.settings.minCellInk * (page.dpi / 200) ** 2));
}

/** Where a cell's ink may lie: its box reaching back to its rules but not over its left one (null: none). */
function cellReach(page: PreparedPage, cell: PixelBox): PixelBox | null {
  // The cell region stops short of its rules (it is found at 1/4 scale);
  // reach back to them: the rules themselves are wiped from page.bin.
  const reach = Math.round(5 * (page.dpi / 200));
  const inner = {
    x0: Math.max(0, cell.x0 - reach, leftRuleEdge(page, cell, reach)),
    y0: Math.max(0, cell.y0 - reach),
    x1: Math.min(page.bin.width, cell.x1 + reach),
    y1: Math.min(page.bin.height, cell.y1 + reach),
  };
  return inner.x1 <= inner.x0 || inner.y1 <= inner.y0 ? null : inner;
}

/**
 * The first pixel right of the vertical rule a cell's left edge reaches back to (0 when none is within `reach`).
 * Ink on or beyond that rule is the left neighbour's: Excel right-aligns a figure flush with its cell's right rule,
 * and restoreGlyphsOnRules gives its last digit back there. Reaching over the rule, a cell took that digit for its
 * own first glyph (Xi'an 卫健委 p153, 150 dpi: the 56.00 under 一般公共预算财政拨款 read 上上咕.吧, the 00 of the 合计
 * column's 56.00 before it). A cell's own text does not start on its left rule.
 */
function leftRuleEdge(page: PreparedPage, cell: PixelBox, reach: number): number {
  let edge = 0;
  for (const r of page.rulings) {
    if (r.orientation !== "v" || r.at > cell.x0 || r.at < cell.x0 - reach - r.width) continue;
    // A rule that runs past the cell's top and bottom: its own left rule, not a stub of one beside it.
    if (r.from > cell.y0 + 1 || r.to < cell.y1 - 1) continue;
    edge = Math.max(edge, Math.ceil(r.at + r.width / 2));
  }
  return edge;
}

/**
 * Reads the text lines inside a box into one run (box = the ink's bounding box). A line's crop takes in the pale
 * edges of its glyphs beside it, within `bound` (widenToGreyInk).
 */
async function readBlock(page: PreparedPage, box: PixelBox, bound: PixelBox = box): Promise<TextRun | null> {
  const minHeight = Math.round(8 * (page.dpi / 200));
  const lines = textLines(page.bin, box, minHeight)
    .map((l) => inkBox(page.bin, l, 1))
    .filter((l): l is PixelBox => l !== null);
  if (lines.length === 0) return null;
  if (isColumnOfCharacters(lines)) return readColumnOfCharacters(page, lines);
  const pad = (l: PixelBox) => linePad(page, l);
  const hint = (l: PixelBox): LineHint =>
    lines.length === 1 && l.y1 - l.y0 <= (page.digitHeight ?? 0) ? "digits" : "text";
  // Gaps wider than 0.6 line height are closed up to it (letter-spaced headings).
  // Figures and codes only: a CJK line widened by a heavy JPEG's ringing beside it read other header words.
  const wide = (l: PixelBox) =>
    hint(l) === "digits" && page.dpi < page.settings.greyInkDpi
      ? widenToGreyInk(page.gray, l, bound, Math.round(page.settings.greyInkReach * (l.y1 - l.y0)))
      : l;
  const crop = (l: PixelBox, point = 0.6) => {
    const h = l.y1 - l.y0;
    return cropLine(page.gray, page.bin, wide(l), pad(l), Math.round(0.6 * h), Math.round(point * h));
  };
  const { fine } = page;
  // Small print's figures are cut from the finer page (finePage): the digit model reads them right there.
  const fineCrop = (l: PixelBox, point = 0.6) => fineLineCrop(page, fine!, wide(l), point);
  // Only for lines the digit model reads first (by their height, figures): a line the Chinese model reads first
  // is probably words, and the finer crop of a CJK header let the digit model read it as a figure (held-out 2
  // 安监 p32's 培训费 read 50, its table 96 -> 9 of 108 cells).
  const finer = (l: PixelBox) => fine !== undefined && hint(l) === "digits";
  const digitCrop = (l: PixelBox) =>
    page.figures
      ? once(() => (finer(l) ? fineCrop : crop)(l, page.settings.pointGap))
      : finer(l)
        ? once(() => fineCrop(l))
        : undefined;
  const reads = await Promise.all(
    lines.map((l) => {
      const h = hint(l);
      const height200 = (l.y1 - l.y0) / (page.dpi / 200);
      const images = lineImages(
        crop(l),
        height200,
        h,
        page.settings,
        digitCrop(l),
        fine ? { digits: finer(l) ? fine.factor : 1 } : undefined,
      );
      return readLine(images, h, page.settings, page.figures).then(async (read) => {
        if (h !== "text") return read;
        if (read.text) return rereadJunk(images.text(), read, page.settings);
        return (await rereadThinned(images.text(), page.settings)) ?? read;
      });
    }),
  );
  const texts = reads.map((r) => r.text || UNREAD_MARK);
  const confidence = Math.min(...reads.map((r) => (r.text ? r.confidence : 0)));
  return toRun(joinLines(texts), unionBox(lines), confidence, median(lines.map((l) => l.y1 - l.y0)), page.raster.scale);
}

/**
 * A line's white margin. A wide one (about 0.7 line height) matters: with a tight one tesseract misreads short lines
 * ("计" came back as "评", "05" as "05S"). (A narrower margin on long lines was tried: faster by a few per cent, but
 * misread 1,511.90 and titles.)
 */
function linePad(page: PreparedPage, l: PixelBox): number {
  return Math.max(Math.round(8 * (page.dpi / 200)), Math.round(0.7 * (l.y1 - l.y0)));
}

/** A line cut from small print's finer page (finePage), gaps closed up as cropLine closes them. */
function fineLineCrop(page: PreparedPage, fine: { gray: Gray; factor: number }, l: PixelBox, point = 0.6): Gray {
  const h = l.y1 - l.y0;
  return cropLineFine(
    fine.gray,
    fine.factor,
    page.bin,
    l,
    linePad(page, l),
    Math.round(0.6 * h),
    Math.round(point * h),
  );
}

/**
 * Header cells print a word one character a line (政/府/性/基/金…): each "line" is no wider than it is
 * tall. Read one by one, each character costs a recognition of its own and is read without the others.
 */
function isColumnOfCharacters(lines: PixelBox[]): boolean {
  return lines.length >= 2 && lines.every((l) => l.x1 - l.x0 <= 1.3 * (l.y1 - l.y0));
}

/** A column of characters read as the one line it spells (no spaces: it is one word printed downwards). */
async function readColumnOfCharacters(page: PreparedPage, lines: PixelBox[]): Promise<TextRun> {
  const height = median(lines.map((l) => l.y1 - l.y0));
  const pad = Math.max(Math.round(8 * (page.dpi / 200)), Math.round(0.7 * height));
  const line = sideBySide(page.gray, lines, Math.round(0.25 * height), pad);
  const read = await readLine(
    lineImages(line, height / (page.dpi / 200), "text", page.settings),
    "text",
    page.settings,
  );
  const text = read.text.replace(/\s+/g, "");
  return toRun(text || UNREAD_MARK, unionBox(lines), text ? read.confidence : 0, height, page.raster.scale);
}

/**
 * The crop for each model. The digit model reads small figures (2.22,
 * 13.95) right only when enlarged; the Chinese model reads small print
 * (a wrapped 元 of 609.95万元) right only when enlarged.
 */
function lineImages(
  crop: Gray,
  height200: number,
  hint: LineHint,
  s: OcrSettings,
  digitCrop: () => Gray = () => crop,
  cutFiner?: { digits: number },
): LineImages {
  // A crop cut from small print's finer page (cutFiner) is already that much larger: enlarged by what is left.
  const enlarge = (target: number, from = crop, finer = 1) => {
    const factor = Math.min(2, target / height200) / finer;
    return Math.abs(factor - 1) < 0.05 ? from : scaleGray(from, factor);
  };
  const digits =
    s.digitLineHeight / height200 > 1.2
      ? once(() => enlarge(s.digitLineHeight, digitCrop(), cutFiner?.digits))
      : digitCrop;
  // Not for probable figures: enlarged, the Chinese model misreads them more, and its
  // read is the second opinion that decides whether a figure is flagged.
  const text = hint === "text" && height200 < s.smallTextLine ? once(() => enlarge(s.textLineHeight)) : () => crop;
  return { text, digits };
}

function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

/** Wrapped lines of a cell are one phrase: CJK joins without a space, Latin/digits with one. */
function joinLines(texts: string[]): string {
  return texts.reduce((acc, t) => {
    if (!acc) return t;
    const cjkEdge = /[\u3000-\u9fff\uff00-\uffef]$/.test(acc) || /^[\u3000-\u9fff\uff00-\uffef]/.test(t);
    return acc + (cjkEdge ? "" : " ") + t;
  }, "");
}

function toRun(text: string, box: PixelBox, confidence: number, lineHeight: number, scale: number): TextRun {
  return {
    text,
    x0: box.x0 / scale,
    y0: box.y0 / scale,
    x1: box.x1 / scale,
    y1: box.y1 / scale,
    // Glyph ink is about 0.9 of the em box for CJK.
    size: lineHeight / 0.9 / scale,
    confidence,
  };
}

function unionBox(boxes: PixelBox[]): PixelBox {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/**
 * Text outside the grid: title, 单位 line, 编制部门 line, notes, page
 * numbers, or a whole prose page. Text lines are found by horizontal
 * projection over the rows no table covers, then cut into phrases at wide
 * gaps (a title and a 单位 line on one row are two runs).
 */
function readOutsideGrid(page: PreparedPage, prose: "head" | "full"): OutsideGrid {
  const { bin, dpi } = page;
  const free = freeRows(page);
  const lines = textBands(bin, free, Math.round(10 * (dpi / 200)), page.settings.minRowInk);
  const phrases = lines.map((l) => splitPhrases(bin, l, l.y1 - l.y0));
  const gridless = page.cells.length === 0;
  const rows = gridless ? phraseRows(page, phrases) : null;
  const chosen = gridless && prose === "head" && !rows ? phrases.slice(0, page.settings.proseHeadLines) : phrases;
  const runs = chosen.flat().map((p) => readBlock(page, p));
  return { runs, tableLook: rows ?? (gridless ? tangledPrint(page, lines) : null) };
}

interface OutsideGrid {
  runs: Promise<TextRun | null>[];
  /** On a page without a grid, why its print looks like a table all the same (PageModel.tableLook), else null. */
  tableLook: string | null;
}

/**
 * On a page without a grid: at least gridlessTableRows text lines each cut into gridlessTableColumns phrases or more
 * at wide gaps, said so, or null. Prose runs across its line; a table whose rules were not found (too faint, or none
 * printed) still sets its columns apart. Such a page is read whole, not only its head: a table may be made of its
 * lines (layout/stream.ts), and if none is, its figures are known and the page is named (unread-tables.ts).
 */
function phraseRows(page: PreparedPage, phrases: PixelBox[][]): string | null {
  const s = page.settings;
  const rows = phrases.filter((p) => p.length >= s.gridlessTableColumns).length;
  return rows >= s.gridlessTableRows ? `${rows} lines of ${s.gridlessTableColumns} or more phrases set apart` : null;
}

/**
 * On a page without a grid: print at least tangledPrintShare of the page tall and wide that does not part into
 * lines, said so, or null. A table left askew is such: held-out 3 Xi'an 民政 p44 at -2.5°, read at 0° (its skew
 * misjudged), was one band of print 1,300 px tall. Not read (it is no line); the page is named (unread-tables.ts).
 */
function tangledPrint(page: PreparedPage, lines: PixelBox[]): string | null {
  const { bin, settings } = page;
  const tall = lines.find((l) => l.y1 - l.y0 >= settings.tangledPrintShare * bin.height);
  const ink = tall ? inkBox(bin, tall, 1) : null;
  if (!tall || !ink || ink.x1 - ink.x0 < settings.tangledPrintShare * bin.width) return null;
  return `print ${Math.round(((tall.y1 - tall.y0) / bin.height) * 100)}% of the page tall that does not part into lines`;
}

/** Rows not covered by any table cell (with a margin for the rules themselves). */
function freeRows(page: PreparedPage): Uint8Array {
  const free = new Uint8Array(page.bin.height).fill(1);
  const margin = Math.round(8 * (page.dpi / 200));
  for (const c of page.cells) {
    for (let y = Math.max(0, c.y0 - margin); y < Math.min(free.length, c.y1 + margin); y++) free[y] = 0;
  }
  return free;
}

function textBands(bin: Binary, free: Uint8Array, minHeight: number, minRowInk: number): PixelBox[] {
  const bands: PixelBox[] = [];
  let start = -1;
  for (let y = 0; y <= bin.height; y++) {
    const ink = y < bin.height && free[y] === 1 && rowInk(bin, y) >= minRowInk;
    if (ink && start < 0) start = y;
    if (!ink && start >= 0) {
      if (y - start >= minHeight) bands.push({ x0: 0, y0: start, x1: bin.width, y1: y });
      start = -1;
    }
  }
  return bands;
}

function rowInk(bin: Binary, y: number): number {
  let n = 0;
  const row = y * bin.width;
  for (let x = 0; x < bin.width; x++) n += bin.data[row + x];
  return n;
}

/** Cuts a text line at gaps wider than 2.5 line heights: separate phrases on one row. */
function splitPhrases(bin: Binary, line: PixelBox, height: number): PixelBox[] {
  const runs = inkRuns(line.x0, line.x1, (x) => columnHasInk(bin, x, line.y0, line.y1), Math.round(2.5 * height));
  // A lone speck (noise) is not a phrase.
  return runs
    .filter(([start, end]) => end - 1 - start >= height / 3)
    .map(([start, end]) => inkBox(bin, { x0: start, y0: line.y0, x1: end, y1: line.y1 }, 1))
    .filter((box): box is PixelBox => box !== null);
}
