/**
 * The header cells of a scanned table snapped to the words its kind prints, once the kind is known (issue 17
 * item 3). Out of context a short word cannot be snapped (合计 is one character from 小计, 预算数 from 决算数);
 * in a header of a known kind it can: the words are those of HEADER_TERMS (src/ocr/vocabulary.ts) and of the
 * kind's header signature (extractors/kinds.ts) that the dimension vocabulary (src/normalize/dimensions.ts) maps
 * in a table of that kind, so a 三公 item is no word of a 支出表 and 收入 none of a one-sided table.
 */
import type { KindRegistry } from "../extractors/index.js";
import type { TableKind } from "../schemas/document.js";
import type { Grid, GridCell } from "./layout/grid.js";
import type { LayoutSettings } from "./layout/settings.js";
import { readStructure, type TableStructure } from "./layout/structure.js";
import { columnDimensions, type MappedColumn, type TableContext } from "./normalize/dimensions.js";
import { cleanLabel } from "./normalize/text.js";
import { HEADER_TERMS, isSureRead, snapHeaderWord } from "./ocr/vocabulary.js";
import { LOW_CONFIDENCE, UNREAD_MARK } from "./pdf/model.js";

/**
 * A header cell read one way and snapped to a word of its kind (OCR's read is kept here, for the warning), or
 * (snapped null) a doubtful read no word is near: the figures under it are flagged (src/tables.ts flagUnreadColumns).
 */
export interface HeaderSnap {
  page: number;
  read: string;
  snapped: string | null;
  /**
   * A word of the kind read below the flag threshold in a column's own (bottom) header cell: the column is named,
   * its figures are flagged (a header OCR read only on a second look, src/ocr/bold.ts, is one).
   */
  doubtfulLeaf?: boolean;
  /**
   * The columns (header paths) a doubtful leaf heads: only their figures are flagged, not those of every column whose
   * header ends in the same word (Jiangsu 检察院 p10 prints 金额 under three columns and read one of them doubtfully).
   */
  columns?: string[];
  /** A doubtful leaf another page of the document read surely in the same column of a table of the same kind. */
  confirmedOn?: number;
}

/**
 * The header reads on these pages that are no word of their form and were not snapped. A word of the form read
 * doubtfully (doubtfulLeaf) is not among them: it names its column.
 */
export function misreadHeaders(snaps: readonly HeaderSnap[], pages: readonly number[]): Set<string> {
  return new Set(snaps.filter((d) => !d.snapped && !d.doubtfulLeaf && pages.includes(d.page)).map((d) => d.read));
}

/** A column whose header path holds a cell OCR could not read (U+FFFD) or a read that is no word of its form. */
export function isUnreadColumn(column: string, misread: ReadonlySet<string>): boolean {
  return column.includes(UNREAD_MARK) || column.split("/").some((segment) => misread.has(segment));
}

/** The literal words of a header signature (/财政拨款|一般公共预算/ → 财政拨款, 一般公共预算). */
function signatureWords(patterns: readonly RegExp[]): string[] {
  return patterns.flatMap((re) => re.source.split("|")).filter((w) => /^[\u4e00-\u9fff（）]{2,}$/.test(w));
}

/** The document type a title names: a 决算 table's year figure is 决算数, a 预算 table's 预算数. */
function titleDocType(title: string): string | null {
  return /决算/.test(title) ? "final_account" : /预算/.test(title) ? "budget" : null;
}

/** The words a table of this kind prints in its header, in HEADER_TERMS's order (the more common word first). */
export function headerWords(ctx: TableContext, kinds: KindRegistry): string[] {
  const words = new Set([...HEADER_TERMS, ...signatureWords(kinds.entry(ctx.kind)?.header ?? [])]);
  return [...words].filter((w) => columnDimensions(w, ctx).known);
}

const sameMeaning = (a: MappedColumn, b: MappedColumn) =>
  a.measure === b.measure && a.fund === b.fund && a.expense === b.expense && a.item === b.item && a.side === b.side;

/**
 * Among words equally near a read: those naming the measure the title names (据算数 in a 预算表 is 预算数; in a
 * table whose title names neither, a tie stays); then, when they all mean the same (台计: 合计, 小计, 总计 are
 * each the column's total), the first. Null when they differ in meaning.
 */
function preferIn(ctx: TableContext, words: string[]): (tied: string[]) => string | null {
  const titleMeasure = ctx.docType === "budget" ? "budget" : ctx.docType === "final_account" ? "actual" : null;
  return (tied) => {
    const dims = tied.map((w) => columnDimensions(w, ctx));
    let kept = tied.map((word, i) => ({ word, dims: dims[i] }));
    if (kept.some((k) => k.dims.explicitMeasure))
      kept = kept.filter((k) => k.dims.explicitMeasure && k.dims.measure === titleMeasure);
    if (!kept.length || !kept.every((k) => sameMeaning(k.dims, kept[0].dims))) return null;
    return kept.sort((a, b) => words.indexOf(a.word) - words.indexOf(b.word))[0].word;
  };
}

/** What a table's header cells are read against: its context, its kind's words, and the snap to one of them. */
export interface HeaderReader {
  ctx: TableContext;
  words: string[];
  /** The word a header read is (itself when it is one), or null when none is near or equally near ones differ. */
  snap: (read: string) => string | null;
}

/** The reader of a header in a table of this kind and title, whose header's top words are `heads`. */
export function headerReader(
  kind: TableKind,
  title: string,
  heads: readonly string[],
  kinds: KindRegistry,
  minLength: number,
): HeaderReader {
  // The top words of the header, snapped as words of any form first: a table is two-sided (收入 | 支出) by them.
  const columns = heads.map((h) => snapHeaderWord(h, HEADER_TERMS, () => null, minLength) ?? h);
  const ctx: TableContext = { kind, title, docType: titleDocType(title), fiscalYear: null, columns, rowLabels: [] };
  const words = headerWords(ctx, kinds);
  const prefer = preferIn(ctx, words);
  return { ctx, words, snap: (read) => snapHeaderWord(read, words, prefer, minLength) };
}

/**
 * The table's structure with its header cells snapped to the words of its kind, and what was snapped. A
 * confident, clean read the dimension vocabulary knows stands (预算 is printed, and is one character from 预算数);
 * a doubtful one is snapped even when a pattern knows it (支出引 reads as a 支出 side). The structure is read again
 * from the snapped header, so column roles and paths follow the words; the same structure when nothing changed.
 */
export function snapHeader(
  structure: TableStructure,
  kind: TableKind,
  title: string,
  kinds: KindRegistry,
  s: LayoutSettings,
): { structure: TableStructure; snaps: HeaderSnap[] } {
  const { grid, headerRowCount } = structure;
  const heads = structure.columns.map((c) => c.path[0] ?? "");
  const { ctx, words, snap } = headerReader(kind, title, heads, kinds, s.headerWordMinLength);
  const snaps: HeaderSnap[] = [];
  const doubtfulLeaves = new Map<HeaderSnap, GridCell>();
  const replaced = new Map<GridCell, GridCell>();
  for (const cell of grid.cells) {
    if (cell.row >= headerRowCount) continue;
    const read = cleanLabel(cell.text);
    if (!read) continue;
    if (words.includes(read)) {
      const leaf = cell.row + cell.rowSpan >= headerRowCount;
      if (leaf && cell.confidence < LOW_CONFIDENCE) {
        const snap: HeaderSnap = { page: grid.page, read, snapped: null, doubtfulLeaf: true };
        doubtfulLeaves.set(snap, cell);
        snaps.push(snap);
      }
      continue;
    }
    const sure = isSureRead(read, cell.confidence);
    const known = columnDimensions(read, ctx).known;
    if (sure && known) continue;
    const snapped = snap(read);
    if (snapped) {
      replaced.set(cell, { ...cell, text: snapped });
      snaps.push({ page: grid.page, read, snapped });
    } else if (!sure && !known && /[\u4e00-\u9fff]/.test(read)) {
      // A doubtful read no word of the kind is near and no pattern knows (会讨 for 合计): its figures are flagged.
      snaps.push({ page: grid.page, read, snapped: null });
    }
  }
  const swap = (cell: GridCell) => replaced.get(cell) ?? cell;
  const snappedGrid: Grid = { ...grid, cells: grid.cells.map(swap), cellAt: grid.cellAt.map((row) => row.map(swap)) };
  const joined = joinSplitSides(snappedGrid, headerRowCount);
  const out = !replaced.size && joined === snappedGrid ? structure : readStructure(joined, headerRowCount, s);
  for (const [snap, cell] of doubtfulLeaves) snap.columns = headedColumns(out, cell);
  return { structure: out, snaps };
}

/** The header paths of the columns under a header cell (a column's key in the table's rows). */
export function headedColumns(structure: TableStructure, cell: GridCell): string[] {
  return structure.columns
    .filter((c) => c.index >= cell.col && c.index < cell.col + cell.colSpan && c.path.length)
    .map((c) => c.path.join("/"));
}

/** The side headings of a two-sided statement (收 入 | 支 出), as a cell's words. */
const SIDE_HEADING = /^(收入|支出)$/;

/**
 * A two-sided statement prints each side's heading (收 入, 支 出) over every column of its side. On a scan, a glyph
 * stroke lying on a column rule's line can carry that rule up through the heading's row (Xi'an 人社 p41: the 出 of
 * 支 出 ends at x 574.6 pt, on the rule between 预算数 and 政府预算支出经济分类科目), which cuts the heading: the cells
 * right of the cut are empty, and their columns lose the side. An empty header cell of the same rows directly right
 * of a side heading (or of such a cell), over columns that print headers of their own below it, is the heading's.
 */
function joinSplitSides(grid: Grid, headerRowCount: number): Grid {
  let cells = grid.cells;
  const cellAt = grid.cellAt.map((row) => [...row]);
  let changed = false;
  for (let r = 0; r < headerRowCount; r++) {
    for (let c = 1; c < grid.colCount; c++) {
      const cell = cellAt[r][c],
        left = cellAt[r][c - 1];
      if (!cell || !left || cell === left || cell.col !== c || cell.row !== r || left.row !== r) continue;
      if (cell.rowSpan !== left.rowSpan || cleanLabel(cell.text) || !SIDE_HEADING.test(cleanLabel(left.text))) continue;
      if (r + cell.rowSpan >= headerRowCount || !headedBelow(cellAt, r + cell.rowSpan, c, cell.colSpan)) continue;
      const merged: GridCell = { ...left, colSpan: left.colSpan + cell.colSpan, x1: cell.x1 };
      cells = cells.filter((x) => x !== cell).map((x) => (x === left ? merged : x));
      for (const row of cellAt)
        for (let k = 0; k < row.length; k++) if (row[k] === left || row[k] === cell) row[k] = merged;
      changed = true;
    }
  }
  return changed ? { ...grid, cells, cellAt } : grid;
}

/** Every column from c over `span` columns has a header cell with words in row r. */
function headedBelow(cellAt: (GridCell | null)[][], r: number, c: number, span: number): boolean {
  for (let k = c; k < c + span; k++) if (!cleanLabel(cellAt[r][k]?.text ?? "")) return false;
  return true;
}
