import type { Box, Ruling } from "../pdf/model.js";
import { centreInHalfOpen, centreInside, centreX, centreY } from "../pdf/geometry.js";
import { charsToLines, isFullWidth, type Char, type TextLine } from "./chars.js";
import { covered, networkBox } from "./lines.js";
import { gutterFor, type LayoutSettings } from "./settings.js";

/** A cell of a table grid, anchored at its top-left elementary position. */
export interface GridCell extends Box {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  lines: TextLine[];
  /** Lines joined with "\n"; "" for an empty cell. */
  text: string;
  confidence: number;
}

/** A table grid: elementary rows × columns, and the (possibly spanning) cells over them. */
export interface Grid extends Box {
  page: number;
  rowCount: number;
  colCount: number;
  xs: number[];
  ys: number[];
  cells: GridCell[];
  /** cellAt[r][c]: the cell covering elementary position (r, c). */
  cellAt: GridCell[][];
}

/**
 * Builds the grid of one table region. Columns and rows come from the
 * rulings; where a ruled cell holds text blocks separated by a clear gap
 * (a column drawn without its rule, rows drawn without theirs) it is split
 * at that gap. Spanning cells are the ruled cells whose inner borders are
 * missing.
 */
export function buildGrid(page: number, rulings: Ruling[], allChars: Char[], s: LayoutSettings): Grid | null {
  const box = networkBox(rulings);
  const xsR = boundaries(rulings, "v", box.x0, box.x1, s.snapTolerance);
  const ysR = boundaries(rulings, "h", box.y0, box.y1, s.snapTolerance);
  const ruled = ruledCells(rulings, xsR, ysR, s.edgeTolerance);
  const ruledAt: number[][] = Array.from({ length: ysR.length - 1 }, () => new Array(xsR.length - 1).fill(-1));
  ruled.forEach((ruledCell, i) => {
    for (let r = ruledCell.r0; r < ruledCell.r1; r++)
      for (let c = ruledCell.c0; c < ruledCell.c1; c++) ruledAt[r][c] = i;
  });
  const ruledBoxes = ruled.map((ruledCell) => ({
    x0: xsR[ruledCell.c0],
    x1: xsR[ruledCell.c1],
    y0: ysR[ruledCell.r0],
    y1: ysR[ruledCell.r1],
  }));
  // The ruled cells tile the region: a glyph's cell is found by its row and column band, not by a scan.
  const ruledCellOf = (ch: Char) => {
    const i = ruledAt[bandOf(ysR, centreY(ch))]?.[bandOf(xsR, centreX(ch))] ?? -1;
    return i >= 0 && centreInside(ch, ruledBoxes[i]) ? i : -1;
  };
  const chars = confineGluedWords(
    allChars.filter((c) => centreInside(c, box)),
    ruledBoxes,
    ruledCellOf,
  );

  const charsByRuledCell: Char[][] = ruled.map(() => []);
  for (const ch of chars) charsByRuledCell[ruledCellOf(ch)]?.push(ch);
  const xs = refine(xsR, virtualColumnBoundaries(ruled, xsR, charsByRuledCell, s));
  const ys = refine(ysR, virtualRowBoundaries(ysR, chars, s));
  const cells: GridCell[] = [];
  const cellAt: GridCell[][] = Array.from({ length: ys.length - 1 }, () => new Array(xs.length - 1));
  for (const ruledCell of ruled) {
    const colSlices = splitRange(xs, xsR[ruledCell.c0], xsR[ruledCell.c1], ruledCell.c1 - ruledCell.c0 === 1);
    const rowSlices = splitRange(ys, ysR[ruledCell.r0], ysR[ruledCell.r1], ruledCell.r1 - ruledCell.r0 === 1);
    for (const [r0, r1] of rowSlices)
      for (const [c0, c1] of colSlices) {
        const cell: GridCell = {
          row: r0,
          col: c0,
          rowSpan: r1 - r0,
          colSpan: c1 - c0,
          x0: xs[c0],
          x1: xs[c1],
          y0: ys[r0],
          y1: ys[r1],
          lines: [],
          text: "",
          confidence: 1,
        };
        cells.push(cell);
        for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) cellAt[r][c] = cell;
      }
  }
  fillText(cells, chars, s, cellAt, (ch) => {
    const cell = cellAt[bandOf(ys, centreY(ch))]?.[bandOf(xs, centreX(ch))];
    return cell && centreInHalfOpen(ch, cell) ? cell : undefined;
  });
  const rowCount = ys.length - 1,
    colCount = xs.length - 1;
  if (rowCount < s.minRows || colCount < s.minCols) return null;
  return { page, ...box, rowCount, colCount, xs, ys, cells, cellAt };
}

/**
 * A word that runs over a column rule without a break (Excel prints a long
 * label over its neighbour and clips it there: 部门预算支出经济分类科目 over the
 * 预算数 cell) belongs to the column that holds most of it, so its glyphs are
 * set inside that column. A run is cut only where it breaks: at a space or
 * where figures meet words (96,282,213.44 一、公共安全支出; 4一 never glued).
 */
function confineGluedWords(chars: Char[], cells: Box[], cellOf: (ch: Char) => number): Char[] {
  const out: Char[] = [];
  let word: Char[] = [];
  const flush = () => {
    out.push(...confineWord(word, cells, cellOf));
    word = [];
  };
  for (const ch of chars) {
    const prev = word[word.length - 1];
    if (
      prev &&
      (ch.run === undefined || ch.run !== prev.run || ch.spaceBefore || isFullWidth(ch.text) !== isFullWidth(prev.text))
    )
      flush();
    word.push(ch);
  }
  flush();
  return out;
}

/** `cellOf` gives the index in `cells` of the cell holding a glyph's centre strictly inside, or -1. */
function confineWord(word: Char[], cells: Box[], cellOf: (ch: Char) => number): Char[] {
  if (word.length < 2) return word;
  const counts = new Map<number, number>();
  for (const ch of word) {
    const cell = cellOf(ch);
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  if (counts.size < 2) return word;
  const home = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
  if (home < 0) return word;
  const lo = Math.max(cells[home].x0 + 0.5, word[0].x0),
    hi = Math.min(cells[home].x1 - 0.5, word[word.length - 1].x1);
  const from = word[0].x0,
    scale = (hi - lo) / Math.max(word[word.length - 1].x1 - from, 1e-6);
  return word.map((ch) => ({ ...ch, x0: lo + (ch.x0 - from) * scale, x1: lo + (ch.x1 - from) * scale }));
}

/** Sorted distinct ruling positions, with the region's edges always included. */
function boundaries(rulings: Ruling[], o: "h" | "v", lo: number, hi: number, tol: number): number[] {
  const pos = [lo, hi, ...rulings.filter((r) => r.orientation === o).map((r) => r.at)].sort((a, b) => a - b);
  const out: number[] = [];
  for (const p of pos) if (!out.length || p - out[out.length - 1] > tol) out.push(p);
  return out;
}

interface RuledCell {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/** Union-find over elementary ruled cells: neighbours merge where no rule separates them. */
function ruledCells(rulings: Ruling[], xs: number[], ys: number[], tol: number): RuledCell[] {
  const R = ys.length - 1,
    C = xs.length - 1;
  const parent = Array.from({ length: R * C }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++) {
      if (c + 1 < C && !covered(rulings, "v", xs[c + 1], ys[r], ys[r + 1], tol))
        parent[find(r * C + c)] = find(r * C + c + 1);
      if (r + 1 < R && !covered(rulings, "h", ys[r + 1], xs[c], xs[c + 1], tol))
        parent[find(r * C + c)] = find((r + 1) * C + c);
    }
  const members = new Map<number, [number, number][]>();
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++) {
      const root = find(r * C + c);
      if (!members.has(root)) members.set(root, []);
      members.get(root)!.push([r, c]);
    }
  return [...members.values()].flatMap(rectangles);
}

/**
 * A merged region is normally a rectangle; one that is not (a rule missing
 * in a drawing error makes an L) is split back into runs along its rows.
 */
function rectangles(cells: [number, number][]): RuledCell[] {
  const r0 = Math.min(...cells.map(([r]) => r)),
    r1 = Math.max(...cells.map(([r]) => r)) + 1;
  const c0 = Math.min(...cells.map(([, c]) => c)),
    c1 = Math.max(...cells.map(([, c]) => c)) + 1;
  if (cells.length === (r1 - r0) * (c1 - c0)) return [{ r0, r1, c0, c1 }];
  const out: RuledCell[] = [];
  for (let r = r0; r < r1; r++) {
    const cols = cells
      .filter(([rr]) => rr === r)
      .map(([, c]) => c)
      .sort((a, b) => a - b);
    let start = cols[0];
    cols.forEach((c, i) => {
      if (i + 1 === cols.length || cols[i + 1] !== c + 1) {
        out.push({ r0: r, r1: r + 1, c0: start, c1: c + 1 });
        start = cols[i + 1];
      }
    });
  }
  return out;
}

/** Column gutters inside single-column ruled cells: a column drawn without its rule. */
function virtualColumnBoundaries(
  ruled: RuledCell[],
  xs: number[],
  charsByRuledCell: Char[][],
  s: LayoutSettings,
): number[] {
  const out: number[] = [];
  for (let c = 0; c + 1 < xs.length; c++) {
    // The glyphs whose centre lies strictly inside each ruled cell one column wide.
    const charsPerCell = charsByRuledCell.filter((_, i) => ruled[i].c0 === c && ruled[i].c1 === c + 1);
    const smallest = Math.min(...charsPerCell.flat().map((ch) => ch.size), Infinity);
    for (const gap of gutters(charsPerCell.flat(), gutterFor(s, smallest))) {
      const splitsSomeCell = charsPerCell.some((cs) => separatesFigure(cs, gap));
      if (splitsSomeCell) out.push(gap);
    }
  }
  return out;
}

/**
 * A gap is a column boundary only where it sets a figure apart from its
 * neighbour; letter-spaced words (收 入 总 计) have gaps too.
 */
function separatesFigure(cs: Char[], gap: number): boolean {
  let left: Char | null = null,
    right: Char | null = null;
  for (const ch of cs) {
    if (ch.x1 <= gap && (!left || ch.x1 > left.x1)) left = ch;
    if (ch.x0 >= gap && (!right || ch.x0 < right.x0)) right = ch;
  }
  return Boolean(left && right && (FIGURE_CHAR.test(left.text) || FIGURE_CHAR.test(right.text)));
}
const FIGURE_CHAR = /[0-9０-９%％\-－—]/;

/** Centres of empty vertical strips at least `min` wide between occupied x-intervals. */
function gutters(chars: Char[], min: number): number[] {
  const spans = chars.map((c) => [c.x0, c.x1] as [number, number]).sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  let end = -Infinity;
  for (const [a, b] of spans) {
    if (end > -Infinity && a - end >= min) out.push((a + end) / 2);
    end = Math.max(end, b);
  }
  return out;
}

/** Row splits inside single-row ruled bands that hold several lines with figures or codes. */
function virtualRowBoundaries(ys: number[], chars: Char[], s: LayoutSettings): number[] {
  const out: number[] = [];
  // Glyph indices by centre height: each band's glyphs are a slice, put back in their reading order.
  const byHeight = chars.map((_, i) => i).sort((a, b) => centreY(chars[a]) - centreY(chars[b]));
  const heights = byHeight.map((i) => centreY(chars[i]));
  for (let r = 0; r + 1 < ys.length; r++) {
    const from = firstPassing(heights, (h) => h > ys[r]),
      to = firstPassing(heights, (h) => h >= ys[r + 1]);
    const bandChars = byHeight
      .slice(from, Math.max(from, to))
      .sort((a, b) => a - b)
      .map((i) => chars[i]);
    const lines = charsToLines(bandChars, s);
    const anchors = lines.filter((l, i) => l.text.split(/\s+/).some(isFigureToken) && !continuesFigure(lines, i));
    for (let i = 1; i < anchors.length; i++) {
      const prev = anchors[i - 1],
        next = anchors[i];
      if (next.y0 >= prev.y1 - 1) out.push(splitBetween(lines, prev, next));
    }
  }
  return out;
}

/**
 * A narrow cell wraps a figure over two lines (`12,672.` over `73`, `12,` over
 * `672.73`): the second line finishes the figure above it, it starts no row.
 */
function continuesFigure(lines: TextLine[], i: number): boolean {
  const line = lines[i];
  if (!/^[.,]?\d+(\.\d+)?$/.test(line.text.trim())) return false;
  return lines
    .slice(0, i)
    .some((above) => /\d[.,]$/.test(above.text.trim()) && overlapsX(above, line) && line.y0 >= above.y1 - 1);
}

function overlapsX(a: Box, b: Box): boolean {
  return Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0);
}

/** The split between two anchored lines goes where the lines between them are shared fairly. */
function splitBetween(lines: TextLine[], prev: TextLine, next: TextLine): number {
  const between = lines.filter((l) => l.y0 >= prev.y1 - 1 && l.y1 <= next.y0 + 1);
  if (!between.length) return (prev.y1 + next.y0) / 2;
  // Label-only lines stick to the nearer anchor.
  let cut = (prev.y1 + next.y0) / 2;
  for (const l of between) {
    const mid = (l.y0 + l.y1) / 2;
    if (mid - prev.y1 < next.y0 - mid) cut = Math.max(cut, l.y1 + 0.5);
  }
  return cut;
}

export function isFigureToken(t: string): boolean {
  return /^[-－(（]?\d[\d,，]*(\.\d+)?[)）%]?$/.test(t);
}

function refine(ruled: number[], virtual: number[]): number[] {
  return [...ruled, ...virtual].sort((a, b) => a - b);
}

/** Index slices of `all` between lo and hi: every elementary slice when splittable, else one. */
function splitRange(all: number[], lo: number, hi: number, splittable: boolean): [number, number][] {
  const i0 = all.indexOf(lo),
    i1 = all.indexOf(hi);
  if (!splittable) return [[i0, i1]];
  const out: [number, number][] = [];
  for (let i = i0; i < i1; i++) out.push([i, i + 1]);
  return out;
}

/** The first index whose value passes `test` in ascending values that fail it first (their length when none does). */
function firstPassing(sorted: number[], test: (value: number) => boolean): number {
  let lo = 0,
    hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(sorted[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The index i with all[i] <= v < all[i + 1] in sorted boundaries (the last such i where boundaries repeat),
 * or -1 outside them.
 */
export function bandOf(all: number[], v: number): number {
  let lo = 0,
    hi = all.length - 1;
  if (!(v >= all[lo] && v < all[hi])) return -1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (all[mid] <= v) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Each glyph goes to the cell holding its centre (half-open, so a centre on a border goes one way). The
 * cells tile the grid, so `cellOf` finds it by row and column band; a glyph it misses (a hole in the
 * tiling) is looked for in every cell.
 */
function fillText(
  cells: GridCell[],
  chars: Char[],
  s: LayoutSettings,
  cellAt: GridCell[][],
  cellOf: (ch: Char) => GridCell | undefined,
) {
  const byCell = new Map<GridCell, Char[]>();
  for (const ch of chars) {
    const cell = cellOf(ch) ?? cells.find((c) => centreInHalfOpen(ch, c));
    if (!cell) continue;
    if (!byCell.has(cell)) byCell.set(cell, []);
    byCell.get(cell)!.push(ch);
  }
  returnSpilledLines(byCell, cellAt, s);
  for (const [cell, cs] of byCell) {
    cell.lines = charsToLines(cs, s);
    cell.text = cell.lines.map((l) => l.text).join("\n");
    cell.confidence = Math.min(...cs.map((c) => c.confidence));
  }
}

/**
 * Excel clips a cell's text at its rules, but the text layer keeps the glyphs it clipped: a header wrapped onto one
 * line more than its cell holds prints that line past the header's bottom rule, and by its centre the line lands in
 * the first body row's cell beside its figure (Xi'an 民政 2021 p42: 对附属单位上缴收 / 入 over the 合计 row's 0.00,
 * read "入 0.00": no figure, so the cell was lost and the column named without 入). A cell's own text does not
 * reach past its rules; a line of words that does so in a cell otherwise holding one figure spilled over from the
 * cell across that rule, and goes back there, unless that cell holds a figure itself.
 */
function returnSpilledLines(byCell: Map<GridCell, Char[]>, cellAt: GridCell[][], s: LayoutSettings): void {
  for (const [cell, cs] of [...byCell]) {
    const lines = charsToLines(cs, s);
    if (lines.length < 2) continue;
    for (const line of lines) {
      const rest = lines.filter((l) => l !== line);
      if (/\d/.test(line.text) || !holdsFigure(rest)) continue;
      const across =
        line.y0 < cell.y0 - s.spillPastRule
          ? cellAt[cell.row - 1]?.[cell.col]
          : line.y1 > cell.y1 + s.spillPastRule
            ? cellAt[cell.row + cell.rowSpan]?.[cell.col]
            : undefined;
      if (!across || holdsFigure(charsToLines(byCell.get(across) ?? [], s))) continue;
      byCell.set(across, [...(byCell.get(across) ?? []), ...line.chars]);
      byCell.set(cell, rest.flatMap((l) => l.chars));
      break;
    }
  }
}

/** Lines that read as one figure (wrapped or not). */
function holdsFigure(lines: TextLine[]): boolean {
  return lines.length > 0 && isFigureToken(lines.map((l) => l.text.replace(/\s+/g, "")).join(""));
}
