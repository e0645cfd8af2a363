/**
 * Small print's figures read again by the page's own glyphs. At 150 dpi a 6 pt figure's digits are 7 px high and
 * both tesseract models misread some of them, often both the same way (Xi'an 卫健委 p153: 4,902.65 read 1,902.65,
 * 568,051.63 read 564,051.63, 10,657.37 read 0657.37, 864,099.38 read 864,099,318). But a page prints its figures
 * in one font with tabular digits: every character of a figure, comma and point too, takes the same advance (the
 * pitch), and most of the page's figures are read right. So the glyphs are cut on that pitch from the page on small
 * print's finer grid (page.ts finePage), each character's template is the mean of its glyphs in the page's
 * well-formed reads whose ink is as wide as their characters (a glyph nearer another digit's template than its own
 * left out: a misread), and every figure line is read again by the nearest templates, its layout (how many digits,
 * where the separators are) fitted to its ink. A read that differs from the models' is taken only when each digit
 * is clearly nearer one template than any other (OcrSettings.glyphMargin) and the line's glyphs are about as near
 * their templates as the page's figures are (glyphFit); it stays flagged: it is a third opinion, not a sure read.
 * Same page only: a font seen on one page vouching for another went wrong before (src/ocr/README.md, Shenzhen p33).
 * Print that is not small but poor (a one-bit scan: many figures read unsurely) is read the same way from the page
 * itself (`unsureOnly`): only unsure reads replaced, on tighter terms, and a digit the page's sure reads never hold
 * (a one-bit 4 always read 1) has no template: its glyphs, far from every template, are kept from being read as
 * another digit by a wider margin and a bound on each glyph's distance (glyphUnsureMargin, glyphWorst).
 */
import { LOW_CONFIDENCE, type TextRun } from "../pdf/model.js";
import type { PixelBox } from "./cells.js";
import type { Gray } from "./raster.js";
import type { OcrSettings } from "./settings.js";
import { median } from "./stats.js";

/** A figure's line in a cell: its run and the line's ink box in the page's pixels. */
export interface FigureLine {
  run: TextRun;
  box: PixelBox;
}

/** The page on small print's finer grid and how many times finer it is (page.ts finePage). */
export interface FinePage {
  gray: Gray;
  factor: number;
}

/**
 * A read the templates are learnt from: an amount with 2 or 4 decimals (the forms print no others), its integer
 * part without a leading 0, in thousands groups or in none.
 */
const AMOUNT = /^(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*|0)\.(?:\d\d|\d{4})$/;
/**
 * …or a whole number of two digits or more (a 行次, a code): more glyphs of each digit, in the same font. Not a lone
 * digit: that is often a column's number in the header (栏次 1 2 3 4 5), printed bold.
 */
const WHOLE = /^(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d+)$/;
const DIGITS = "0123456789";
const SIGNED = /[-−—()（）%]/;
/** Rounds of learning the templates and fitting each training line to them again. */
const ROUNDS = 3;
/** Pitches tried around the first estimate, as shares of it. */
const PITCH_STEPS = [-0.03, -0.02, -0.01, 0, 0.01, 0.02, 0.03];
/** Reads the pitch is chosen on, at most. */
const PITCH_SAMPLE = 24;
/** Most integer digits a layout is tried with. */
const MAX_INTEGER_DIGITS = 12;

/** Rows of blank above a figure's ink in its cells (the templates see the glyph's whole height, blur and all). */
const ABOVE = 2;

/** One figure line in the finer page: its ink's left and right edge, its cells' top row, and its darkness. */
interface Line {
  source: FigureLine;
  left: number;
  right: number;
  top: number;
  /** Darkness (255 - grey) of the rows from `top`, columns from `x0`, `width` a row. */
  dark: Float32Array;
  x0: number;
  width: number;
  /** Sums of squared darkness over the columns before each column of `dark` (inkOutside). */
  energy: Float64Array;
}

/** The page's font: pitch, cell size, and each character's template (mean darkness, row by row). */
interface Font {
  pitch: number;
  width: number;
  height: number;
  /** Rows of the line a cell's row is (its columns are pitch / width apart). */
  step: number;
  templates: Map<string, Float64Array>;
  /** How many glyphs each template is the mean of. */
  samples: Map<string, number>;
}

/** A line read by the templates: its text, cost per pixel, and its least clear digit's margin. */
interface GlyphRead {
  text: string;
  cost: number;
  margin: number;
  /** Its farthest digit's cost per pixel (a glyph of a digit with no template is far from every template). */
  worst: number;
}

/** One cell of a line at one place: its nearest digit, that digit's cost and the next one's, a comma's, a point's. */
interface CellScore {
  digit: string;
  cost: number;
  next: number;
  comma: number;
  point: number;
}

/**
 * Reads the page's figure lines again by its own glyphs. Returns the runs replaced (run -> new run): only reads
 * that differ from the models', with a clear margin; nothing when the page's font does not fit the model (too few
 * glyphs of a digit, or its own well-formed reads not read back).
 */
export function rereadFigures(
  fine: FinePage,
  figures: FigureLine[],
  threshold: number,
  s: OcrSettings,
  unsureOnly = false,
): Map<TextRun, TextRun> {
  const replaced = new Map<TextRun, TextRun>();
  const amounts = figures.filter((f) => AMOUNT.test(f.run.text));
  if (amounts.length === 0) return replaced;
  const height = Math.round(median(amounts.map((f) => f.box.y1 - f.box.y0)) * fine.factor) + 2 * ABOVE;
  const lines = figures.map((f) => lineOf(fine, f, threshold, height)).filter((l): l is Line => l !== null);
  const amountLines = lines.filter((l) => AMOUNT.test(l.source.run.text));
  // Cells are sampled a page pixel apart: the finer grid's own pixels cost four times as much and read the same.
  const font = learnFont(asWide(lines, amountLines), height, fine.factor, s, unsureOnly);
  if (!font) return replaced;
  const layouts = layoutsOf(amountLines.map((l) => l.source.run.text));
  const reads = new Map(lines.map((l) => [l, readLine(font, l, layouts)]));
  const agreed = amountLines.filter((l) => reads.get(l)?.text === l.source.run.text).length;
  if (agreed < s.glyphAgreement * amountLines.length) return replaced;
  const typical = median(amountLines.map((l) => reads.get(l)?.cost ?? Infinity));
  const limit = s.glyphFit * typical;
  for (const [line, read] of reads) {
    const run = line.source.run;
    // The layouts hold no sign: a read with one (-6.31, (2.00), 5%) is left as read.
    if (SIGNED.test(run.text) || !read || sameFigure(read.text, run.text)) continue;
    if (unsureOnly && !clearOnOtherPrint(read, run, figures, typical, s)) continue;
    // A digit the font has no template for cannot be judged: a read holding one stays (held-out Xi'an 安监 p5's
    // right 1.43, with one 4 on the page, was read 1.11).
    if (unsureOnly && [...run.text].some((c) => DIGITS.includes(c) && !font.templates.has(c))) continue;
    if (read.margin < s.glyphMargin || read.cost > limit) continue;
    const confidence = Math.min(run.confidence ?? 0, s.disagreementConfidence, LOW_CONFIDENCE);
    replaced.set(run, { ...run, text: read.text, raw: run.raw ?? run.text, confidence });
  }
  return replaced;
}

/**
 * On print that is not small (rereadFigures' `unsureOnly`), a read replaces only an unsure one, with a wider margin
 * (glyphUnsureMargin), each digit within glyphWorst times the page's median cost (a glyph of a digit the font has no
 * template for is far from all of them), and a whole number only in a column of amounts (a row code is no amount).
 */
function clearOnOtherPrint(read: GlyphRead, run: TextRun, figures: FigureLine[], cost: number, s: OcrSettings) {
  if ((run.confidence ?? 1) >= LOW_CONFIDENCE) return false;
  if (read.margin < s.glyphUnsureMargin || read.worst > s.glyphWorst * cost) return false;
  if (run.text.includes(".")) return true;
  const column = figures.filter((f) => f.run.x0 < run.x1 && run.x0 < f.run.x1 && f.run !== run);
  return column.filter((f) => AMOUNT.test(f.run.text)).length > column.length / 2;
}

/** A figure's ink in the finer page (darker than the page's ink threshold) and its darkness; null when blank. */
function lineOf(fine: FinePage, figure: FigureLine, threshold: number, height: number): Line | null {
  const { gray, factor } = fine;
  const y0 = figure.box.y0 * factor,
    y1 = Math.min(gray.height, figure.box.y1 * factor);
  const x0 = Math.max(0, (figure.box.x0 - 1) * factor),
    x1 = Math.min(gray.width, (figure.box.x1 + 1) * factor);
  let left = x1,
    right = -1,
    top = y1;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      if (gray.data[y * gray.width + x] >= threshold) continue;
      left = Math.min(left, x);
      right = Math.max(right, x + 1);
      top = Math.min(top, y);
    }
  if (right < 0) return null;
  // Room for a layout a pitch wider than the ink either side (a pitch is under the line's height).
  const from = Math.max(0, left - height),
    width = Math.min(gray.width, right + height) - from;
  const dark = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = top - ABOVE + y;
    if (row < 0 || row >= gray.height) continue;
    for (let x = 0; x < width; x++) dark[y * width + x] = 255 - gray.data[row * gray.width + from + x];
  }
  const energy = new Float64Array(width + 1);
  for (let x = 0; x < width; x++) {
    let column = 0;
    for (let y = 0; y < height; y++) column += dark[y * width + x] ** 2;
    energy[x + 1] = energy[x] + column;
  }
  return { source: figure, left, right, top: top - ABOVE, dark, x0: from, width, energy };
}

/**
 * The page's font learnt from its well-formed reads: the pitch first estimated from their widths, then the one
 * around it whose templates the reads fit best. Null when a digit's template is the mean of fewer than glyphSamples
 * glyphs: a digit with no template could not be read, and its glyphs would be read as another.
 */
function learnFont(training: Line[], height: number, step: number, s: OcrSettings, partial: boolean): Font | null {
  const counts = new Map<string, number>();
  for (const l of training) for (const c of l.source.run.text) counts.set(c, (counts.get(c) ?? 0) + 1);
  const learnt = (n: Map<string, number>) => [...DIGITS].filter((d) => (n.get(d) ?? 0) >= s.glyphSamples).length;
  const needed = partial ? s.glyphPartialDigits : DIGITS.length;
  if (learnt(counts) < needed) return null;
  const first = widthFit(training).pitch;
  // The pitch is chosen on a sample of the reads, spread over the page (the cost is each pitch's fit).
  const sample = training.filter((_, i) => i % Math.ceil(training.length / PITCH_SAMPLE) === 0);
  let best = { pitch: first, cost: Infinity };
  for (const share of PITCH_STEPS) {
    const font = fitFont(sample, first * (1 + share), height, step);
    const cost = sample.reduce((sum, l) => sum + place(font, l, l.source.run.text).cost, 0);
    if (cost < best.cost) best = { pitch: font.pitch, cost };
  }
  const font = fitFont(training, best.pitch, height, step);
  if (learnt(font.samples) < needed) return null;
  // A digit of too few glyphs has no template: none of the line's glyphs is read as it (its glyphs are read as the
  // nearest digit that has one, and a margin decides whether that read is taken).
  for (const d of DIGITS) if ((font.samples.get(d) ?? 0) < s.glyphSamples) font.templates.delete(d);
  return font;
}

/**
 * The well-formed reads, amounts and whole numbers, whose ink is as wide as their characters make it (within half
 * a pitch, by the amounts' widths): a read that lost or gained a character (864,099.38 read 54,099.38) would
 * teach its glyphs under the wrong characters.
 */
function asWide(lines: Line[], amountLines: Line[]): Line[] {
  const { pitch, intercept } = widthFit(amountLines);
  const wellFormed = lines.filter((l) => AMOUNT.test(l.source.run.text) || WHOLE.test(l.source.run.text));
  return wellFormed.filter(
    (l) => Math.abs(l.right - l.left - pitch * l.source.run.text.length - intercept) <= pitch / 2,
  );
}

/**
 * Width ≈ pitch × characters + intercept (the first and last glyphs' bearings), by least squares over reads of
 * different lengths; else width over characters.
 */
function widthFit(training: Line[]): { pitch: number; intercept: number } {
  const points = training.map((l) => [l.source.run.text.length, l.right - l.left]);
  const mx = mean(points.map((p) => p[0])),
    my = mean(points.map((p) => p[1]));
  const sxx = points.reduce((sum, p) => sum + (p[0] - mx) ** 2, 0);
  if (sxx === 0) return { pitch: my / mx, intercept: 0 };
  const pitch = points.reduce((sum, p) => sum + (p[0] - mx) * (p[1] - my), 0) / sxx;
  return { pitch, intercept: my - pitch * mx };
}

/** Templates for one pitch: the reads placed by their ink's left edge, then again by the templates, ROUNDS times. */
function fitFont(training: Line[], pitch: number, height: number, step: number): Font {
  const font: Font = {
    pitch,
    width: Math.round(pitch / step),
    height: Math.floor(height / step),
    step,
    templates: new Map(),
    samples: new Map(),
  };
  const cell = new Float64Array(font.width * font.height);
  for (let round = 0; round < ROUNDS; round++) {
    const sums = new Map<string, { sum: Float64Array; n: number }>();
    for (const l of training) {
      const text = l.source.run.text;
      const xs = round === 0 ? l.left - 1 : place(font, l, text).xs;
      for (let i = 0; i < text.length; i++) {
        glyph(font, l, xs, i, cell);
        // A glyph nearer another digit's template than its own is a misread (4 read 1): it would blur its template.
        if (round > 0 && DIGITS.includes(text[i]) && nearerOther(font, cell, text[i])) continue;
        const entry = sums.get(text[i]) ?? { sum: new Float64Array(cell.length), n: 0 };
        for (let k = 0; k < cell.length; k++) entry.sum[k] += cell[k];
        entry.n++;
        sums.set(text[i], entry);
      }
    }
    font.templates = new Map([...sums].map(([c, e]) => [c, e.sum.map((v) => v / e.n)]));
    font.samples = new Map([...sums].map(([c, e]) => [c, e.n]));
  }
  return font;
}

/** Whether a glyph taught under `char` is nearer another digit's template than its own: a misread, left out. */
function nearerOther(font: Font, cell: Float64Array, char: string): boolean {
  const own = distance(cell, font.templates.get(char));
  for (const d of DIGITS) {
    const template = font.templates.get(d);
    if (d !== char && template && distance(cell, template) < own) return true;
  }
  return false;
}

/**
 * The first character's left edges tried: from 0.6 pitch left of the ink (the widest bearing) to a pixel right of
 * it, a pixel apart, then half a pixel either side of the best (`around`).
 */
function placements(font: Font, line: Line, around?: number): number[] {
  if (around !== undefined) return [around - 0.5, around + 0.5];
  const out: number[] = [];
  for (let xs = line.left - 0.6 * font.pitch; xs <= line.left + 1; xs++) out.push(xs);
  return out;
}

/** Where a known text fits a line best (its first character's left edge) and its cost per pixel there. */
function place(font: Font, line: Line, text: string): { xs: number; cost: number } {
  const cell = new Float64Array(font.width * font.height);
  const costAt = (xs: number) => {
    let cost = 0;
    for (let i = 0; i < text.length; i++) cost += distance(glyph(font, line, xs, i, cell), font.templates.get(text[i]));
    return cost;
  };
  let best = { xs: line.left, cost: Infinity };
  for (const xs of placements(font, line)) {
    const cost = costAt(xs);
    if (cost < best.cost) best = { xs, cost };
  }
  for (const xs of placements(font, line, best.xs)) {
    const cost = costAt(xs);
    if (cost < best.cost) best = { xs, cost };
  }
  return { xs: best.xs, cost: best.cost / (text.length * font.width * font.height) };
}

/** Squared distance of a glyph to a template (to blank paper when the page has none for the character). */
function distance(cell: Float64Array, template: Float64Array | undefined): number {
  let sum = 0;
  if (!template) for (let k = 0; k < cell.length; k++) sum += cell[k] * cell[k];
  else
    for (let k = 0; k < cell.length; k++) {
      const d = cell[k] - template[k];
      sum += d * d;
    }
  return sum;
}

/** The i-th character's cell of a line read from `xs`: its darkness sampled to the font's cell size, into `out`. */
function glyph(font: Font, line: Line, xs: number, i: number, out: Float64Array): Float64Array {
  const { width, height, pitch } = font;
  for (let x = 0; x < width; x++) {
    const sx = xs + i * pitch + ((x + 0.5) * pitch) / width - 0.5 - line.x0;
    const c = Math.floor(sx),
      f = sx - c;
    const inside = c >= 0 && c + 1 < line.width;
    for (let y = 0; y < height; y++) {
      const row = y * font.step * line.width;
      out[y * width + x] = inside ? line.dark[row + c] * (1 - f) + line.dark[row + c + 1] * f : 0;
    }
  }
  return out;
}

/**
 * The layouts a figure of this page may have ("d" a digit): 1 to MAX_INTEGER_DIGITS integer digits, with each
 * number of decimals its reads print, in thousands groups when a read of four integer digits or more has them, in
 * none when one has not (both when no read tells).
 */
function layoutsOf(reads: string[]): string[] {
  const decimals = [...new Set(reads.map((r) => r.length - r.indexOf(".") - 1))];
  const long = reads.filter((r) => r.indexOf(".") - (r.match(/,/g) ?? []).length >= 4);
  const grouped = long.length === 0 || long.some((r) => r.includes(","));
  const plain = long.length === 0 || long.some((r) => !r.includes(","));
  const out: string[] = [];
  for (let k = 1; k <= MAX_INTEGER_DIGITS; k++) {
    const integers = [grouped ? groupedDigits(k) : "", plain || k <= 3 ? "d".repeat(k) : ""];
    for (const integer of new Set(integers.filter(Boolean)))
      for (const n of decimals) out.push(`${integer}.${"d".repeat(n)}`);
  }
  return out;
}

/** `k` digits in thousands groups: d,ddd. */
function groupedDigits(k: number): string {
  let out = "";
  for (let i = 0; i < k; i++) out += (i > 0 && (k - i) % 3 === 0 ? "," : "") + "d";
  return out;
}

/**
 * A line read by the templates: of the layouts whose width is within a pitch of its ink's, the one and the place
 * that fit best, each digit its nearest template. Null when no layout fits.
 */
function readLine(font: Font, line: Line, layouts: string[]): GlyphRead | null {
  const fitting = layouts.filter((l) => Math.abs(line.right - line.left - l.length * font.pitch) <= font.pitch);
  if (fitting.length === 0) return null;
  const cells = Math.max(...fitting.map((l) => l.length));
  const best = (xsList: number[], among: string[]) => {
    let out: { read: GlyphRead; xs: number; layout: string } | null = null;
    for (const xs of xsList) {
      const scores = scoreCells(font, line, xs, cells);
      for (const layout of among) {
        const read = readLayout(scores, layout, font, inkOutside(font, line, xs, layout.length));
        if (!out || read.cost < out.read.cost) out = { read, xs, layout };
      }
    }
    return out!;
  };
  const coarse = best(placements(font, line), fitting);
  const refined = best(placements(font, line, coarse.xs), [coarse.layout]);
  return refined.read.cost < coarse.read.cost ? refined.read : coarse.read;
}

/** The first `n` cells of a line read from `xs`, each scored against every template. */
function scoreCells(font: Font, line: Line, xs: number, n: number): CellScore[] {
  const cell = new Float64Array(font.width * font.height);
  const out: CellScore[] = [];
  for (let i = 0; i < n; i++) {
    glyph(font, line, xs, i, cell);
    let digit = "",
      cost = Infinity,
      next = Infinity;
    for (const d of DIGITS) {
      if (!font.templates.has(d)) continue;
      const c = distance(cell, font.templates.get(d));
      if (c < cost) {
        next = cost;
        cost = c;
        digit = d;
      } else if (c < next) next = c;
    }
    const comma = distance(cell, font.templates.get(",")),
      point = distance(cell, font.templates.get("."));
    out.push({ digit, cost, next, comma, point });
  }
  return out;
}

/**
 * The line's own ink left outside `n` cells from `xs`, as the cells' cost counts it (squared darkness, sampled as
 * the cells are): a layout must account for all of it (a minus sign, a digit past its last cell).
 */
function inkOutside(font: Font, line: Line, xs: number, n: number): number {
  const at = (x: number) => line.energy[Math.max(0, Math.min(line.width, Math.round(x) - line.x0))];
  const inside = at(Math.min(line.right, Math.max(line.left, xs + n * font.pitch))) - at(Math.max(line.left, xs));
  const all = at(line.right) - at(line.left);
  // Each cell samples `width` columns of a pitch and one row of every `step`.
  return ((all - Math.max(0, inside)) * font.width) / font.pitch / font.step;
}

/** One layout read from its cells' scores and the ink it leaves out: separators as laid out, each digit the nearest. */
function readLayout(scores: CellScore[], layout: string, font: Font, outside: number): GlyphRead {
  let text = "",
    cost = outside,
    margin = Infinity,
    worst = 0;
  for (let i = 0; i < layout.length; i++) {
    const score = scores[i];
    if (layout[i] !== "d") {
      text += layout[i];
      cost += layout[i] === "," ? score.comma : score.point;
      continue;
    }
    text += score.digit;
    cost += score.cost;
    margin = Math.min(margin, score.next / Math.max(score.cost, 1));
    worst = Math.max(worst, score.cost);
  }
  const pixels = font.width * font.height;
  return { text, cost: cost / (layout.length * pixels), margin, worst: worst / pixels };
}

/** The same figure, thousands separators aside (1902.65 and 1,902.65). */
function sameFigure(a: string, b: string): boolean {
  return a.replace(/,/g, "") === b.replace(/,/g, "");
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}
