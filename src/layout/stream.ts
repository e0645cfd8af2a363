import type { Ruling } from "../pdf/model.js";
import type { Char, TextLine } from "./chars.js";
import { isFigureToken } from "./grid.js";
import { gutterFor, type LayoutSettings } from "./settings.js";

/**
 * Tables printed without rulings (camelot's "stream" case). A run of
 * lines whose figures stand apart in aligned columns is a table; its rows
 * are the text lines and its columns the gaps that set figures apart. The
 * result is a set of virtual rulings, so the ruled-grid code builds the
 * cells: a header word that crosses a column gap gets no rule there and
 * becomes a spanning header cell.
 */
export function streamNetworks(lines: TextLine[], s: LayoutSettings): Ruling[][] {
  const sorted = [...lines].sort((a, b) => a.y0 - b.y0);
  const networks: Ruling[][] = [];
  for (const block of tableBlocks(sorted, s)) {
    const net = virtualRulings(block, s);
    if (net) networks.push(net);
  }
  return networks;
}

/** Segments of a line: runs of chars separated by gaps of at least the gutter width. */
function segments(line: TextLine, minGap: number): Char[][] {
  const out: Char[][] = [];
  for (const ch of line.chars) {
    const last = out[out.length - 1];
    if (last && ch.x0 - last[last.length - 1].x1 < minGap) last.push(ch);
    else out.push([ch]);
  }
  return out;
}

function isFigureLine(line: TextLine, s: LayoutSettings): boolean {
  const segs = segments(line, gutterFor(s, line.size));
  return segs.length >= 2 && segs.some((seg) => isFigureToken(seg.map((c) => c.text).join("")));
}

const STOP_LINE = /^(注|说明|备注)[:：]?|表$|单位[:：]/;

/** Runs of lines around enough figure lines, stopped by big gaps, titles, 单位 and 注 lines. */
function tableBlocks(lines: TextLine[], s: LayoutSettings): TextLine[][] {
  const blocks: TextLine[][] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isFigureLine(lines[i], s)) {
      i++;
      continue;
    }
    let start = i;
    while (start > 0 && joins(lines[start - 1], lines[start], s) && isHeaderLike(lines[start - 1], s)) start--;
    let end = i;
    const carriesOn = (next: TextLine) => joins(lines[end], next, s) && !STOP_LINE.test(compact(next));
    while (end + 1 < lines.length && carriesOn(lines[end + 1])) end++;
    while (end > i && !isFigureLine(lines[end], s)) end--;
    const block = lines.slice(start, end + 1);
    const figureLines = block.filter((l) => isFigureLine(l, s)).length;
    if (figureLines >= s.minFigureLines || (start < i && headedByTitle(lines, start))) blocks.push(block);
    i = end + 1;
  }
  return blocks;
}

/** A short table (the one-row 三公 table) counts when a title or 单位 line sits right above its header. */
function headedByTitle(lines: TextLine[], start: number): boolean {
  return lines.slice(Math.max(0, start - 2), start).some((l) => /表$|单位[:：]/.test(compact(l)));
}

function compact(line: TextLine): string {
  return line.text.replace(/\s+/g, "");
}

/** Lines belong to one table when the gap between them is under a few line heights. */
function joins(a: TextLine, b: TextLine, s: LayoutSettings): boolean {
  const h = Math.max(a.y1 - a.y0, b.y1 - b.y0, 1);
  return b.y0 - a.y1 < s.streamLineGap * h;
}

/** Header lines are short words in columns, not a sentence, a title or the 单位 line. */
function isHeaderLike(line: TextLine, s: LayoutSettings): boolean {
  const text = compact(line);
  if (STOP_LINE.test(text) || /[。；]/.test(text)) return false;
  return segments(line, gutterFor(s, line.size)).length >= 2 || text.length <= s.headerLineMaxChars;
}

function virtualRulings(block: TextLine[], s: LayoutSettings): Ruling[] | null {
  const chars = block.flatMap((l) => l.chars);
  const x0 = Math.min(...chars.map((c) => c.x0)) - s.streamMargin;
  const x1 = Math.max(...chars.map((c) => c.x1)) + s.streamMargin;
  const xs = columnGaps(
    block.filter((l) => isFigureLine(l, s)),
    s,
  );
  if (!xs.length) return null;
  const bands = rowBands(block, s, xs);
  const ys = [bands[0][0].y0 - s.streamMargin];
  for (let k = 1; k < bands.length; k++) ys.push((bands[k - 1][bands[k - 1].length - 1].y1 + bands[k][0].y0) / 2);
  ys.push(block[block.length - 1].y1 + s.streamMargin);
  const rulings: Ruling[] = ys.map((y) => ({ orientation: "h", at: y, from: x0, to: x1 }));
  rulings.push({ orientation: "v", at: x0, from: ys[0], to: ys[ys.length - 1] });
  rulings.push({ orientation: "v", at: x1, from: ys[0], to: ys[ys.length - 1] });
  bands.forEach((band, k) => {
    for (const x of xs) {
      // No rule through a word: a header that crosses a column gap spans those columns.
      if (!band.some((line) => crosses(line, x))) rulings.push({ orientation: "v", at: x, from: ys[k], to: ys[k + 1] });
    }
  });
  return rulings;
}

/**
 * Rows of the table: one per line, except that header lines set tightly
 * together (a header cell's text wrapped onto a second line) share a row.
 */
function rowBands(block: TextLine[], s: LayoutSettings, xs: number[]): TextLine[][] {
  const bands: TextLine[][] = [];
  let inHeader = true;
  for (const line of block) {
    if (isFigureLine(line, s)) inHeader = false;
    const band = bands[bands.length - 1];
    const prev = band?.[band.length - 1];
    const tight = prev && line.y0 - prev.y1 < s.headerWrapGap * Math.min(prev.y1 - prev.y0, line.y1 - line.y0);
    if (inHeader && tight && !splitsSpanner(band, line, xs)) band.push(line);
    else bands.push([line]);
  }
  return bands;
}

/**
 * Joining a line to the band above would hide a column boundary when the
 * band has a word across it (a spanning 收入预算) and the line has words
 * on both sides of it (财政拨款收入 | 事业收入): those are two header rows.
 */
function splitsSpanner(band: TextLine[], line: TextLine, xs: number[]): boolean {
  return xs.some(
    (x) =>
      band.some((l) => crosses(l, x)) &&
      !crosses(line, x) &&
      line.chars.some((c) => c.x1 <= x) &&
      line.chars.some((c) => c.x0 >= x),
  );
}

function crosses(line: TextLine, x: number): boolean {
  return line.chars.some((c) => c.x0 < x && c.x1 > x);
}

/** Gaps, free of text in every figure line, that set a figure apart from its neighbour in some line. */
function columnGaps(figureLines: TextLine[], s: LayoutSettings): number[] {
  const spans = figureLines.flatMap((l) => l.chars.map((c) => [c.x0, c.x1] as const)).sort((a, b) => a[0] - b[0]);
  const minGap = gutterFor(s, Math.min(...figureLines.map((l) => l.size)));
  const gaps: number[] = [];
  let end = -Infinity;
  for (const [a, b] of spans) {
    if (end > -Infinity && a - end >= minGap) gaps.push((a + end) / 2);
    end = Math.max(end, b);
  }
  return gaps.filter((x) => figureLines.some((l) => figureAt(l, x, s)));
}

function figureAt(line: TextLine, x: number, s: LayoutSettings): boolean {
  const segs = segments(line, line.size * s.segmentGapEm);
  const left = segs.filter((seg) => seg[seg.length - 1].x1 <= x).pop();
  const right = segs.find((seg) => seg[0].x0 >= x);
  const text = (seg?: Char[]) => (seg ?? []).map((c) => c.text).join("");
  return Boolean(left && right && (isFigureToken(text(left)) || isFigureToken(text(right))));
}
