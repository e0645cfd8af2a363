import { cleanLabel } from "../normalize/text.js";
import { LOW_CONFIDENCE } from "../pdf/model.js";
import { isFigureToken, type Grid, type GridCell } from "./grid.js";
import { DEFAULT_LAYOUT, type LayoutSettings } from "./settings.js";

export type ColumnRole = "code" | "label" | "rowno" | "value";

export interface Column {
  index: number;
  /** Header texts from the top down, cleaned (spaces removed), without repeats. */
  path: string[];
  role: ColumnRole;
  /** Side-by-side blocks (收入 | 支出; 人员经费 | 公用经费 …) are numbered from 0. */
  block: number;
}

/** A grid read as a table: header rows turned into column paths, body rows below them. */
export interface TableStructure {
  grid: Grid;
  headerRowCount: number;
  columns: Column[];
  /** Elementary row indices of the body, top to bottom. */
  bodyRows: number[];
  /** Title and 单位 lines printed inside the grid, above the header (Excel sheets often do this). */
  caption: string[];
}

const STUB_MARKER = /^栏次$/;
/** The mark of a column without a number in a 栏次 row. */
const NO_NUMBER_MARK = /^\*+$/;
const ORDINAL_ITEM = /^([一二三四五六七八九十]+、|\d{1,2}、|[（(][一二三四五六七八九十]+[)）])[\u4e00-\u9fff]/;
/**
 * The same item as OCR reads it under a seal or in small print: 一 of 一、部门预算 read as …, - or —. One to three
 * marks that are no ideograph (… is cleaned to ...), then 、 and words: no header cell of a budget form starts so.
 */
const MISREAD_ORDINAL_ITEM = /^[^\u4e00-\u9fff\s、]{1,3}、[\u4e00-\u9fff]/;
const TOTAL_LABEL = /^(合计|总计|小计)$/;
const CODE_HEADER = /编码|代码|^类$|^款$|^项$|^科目$/;
const LABEL_HEADER = /名称|项目|科目|^项$/;
const BLANK_LABEL_HEADER = /名称$|^(项目|科目|项)$|^(项目|科目)[（(]/;

/** `headerRows` forces the header size (0 for a continuation page that repeats no header). */
export function readStructure(grid: Grid, headerRows?: number, s: LayoutSettings = DEFAULT_LAYOUT): TableStructure {
  const captionRows = headerRows === 0 ? 0 : countCaptionRows(grid);
  const headerEnd = headerRows ?? findHeaderEnd(grid, (r) => isStubRow(grid, r, s), s);
  // The row where the header ends may be a 栏次 row OCR misread past the in-place share: it is part of the header.
  const misreadStub = headerRows === undefined && isMisreadStubRow(grid, headerEnd, s) ? headerEnd : -1;
  const isStub = (r: number) => r === misreadStub || isStubRow(grid, r, s);
  const headerRowCount = misreadStub >= 0 ? headerEnd + 1 : headerEnd;
  const bodyRows: number[] = [];
  for (let r = Math.max(headerRowCount, captionRows); r < grid.rowCount; r++) if (!isStub(r)) bodyRows.push(r);
  const pathRows = [...Array(headerRowCount).keys()].filter((r) => r >= captionRows && !isStub(r));
  const caption = [...Array(captionRows).keys()].map((r) => grid.cellAt[r][0].text.replace(/\n/g, " "));
  const columns: Column[] = [];
  for (let c = 0; c < grid.colCount; c++) {
    const path = headerPath(grid, pathRows, c);
    columns.push({ index: c, path, role: columnRole(grid, bodyRows, c, path, s), block: 0 });
  }
  assignBlocks(columns);
  nameRepeatedBlocks(columns);
  distinguishRepeatedPaths(columns);
  return { grid, headerRowCount, columns, bodyRows, caption };
}

function rowCells(grid: Grid, r: number): GridCell[] {
  const out: GridCell[] = [];
  for (let c = 0; c < grid.colCount; c++) {
    const cell = grid.cellAt[r][c];
    if (cell && !out.includes(cell)) out.push(cell);
  }
  return out;
}

/**
 * The 栏次 row numbers the columns (1, 2, 3 …): part of the header, not data. Excel exports mark the
 * columns that take no number with ** (** ** 1 2 3 …, or ** in every column): the same row.
 */
function isStubRow(grid: Grid, r: number, s: LayoutSettings): boolean {
  const cells = rowCells(grid, r).filter((c) => c.row === r);
  if (cells.some((cell) => STUB_MARKER.test(cleanLabel(cell.text)))) return true;
  const texts = cells.map((c) => cleanLabel(c.text)).filter(Boolean);
  const numbers = texts.filter((t) => !NO_NUMBER_MARK.test(t));
  if (texts.length < s.stubRowMinCells) return false;
  if (numbers.every((t, i) => t === String(i + 1)) && (numbers.length > 0 || texts.length > 1)) return true;
  return numbersMostlyInPlace(texts, s.stubRowInPlaceShare);
}

/**
 * A 栏次 row read by OCR: ** read as 来束, 4 as 1, 12 as 1<. It is still a row of short marks in which most cells
 * from the first number on hold the number of their place (1, 2, 3 … with a misread here and there). Figures in a
 * body row are never small integers that count up with the columns.
 */
function numbersMostlyInPlace(texts: string[], share: number): boolean {
  if (texts.some((t) => t.length > 3)) return false;
  const offsets = new Map<number, number>();
  texts.forEach((t, k) => {
    if (/^\d{1,2}$/.test(t)) offsets.set(k - Number(t), (offsets.get(k - Number(t)) ?? 0) + 1);
  });
  const [offset, inPlace] = [...offsets.entries()].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  const first = texts.findIndex((t, k) => t === String(k - offset));
  return inPlace >= 3 && inPlace >= (texts.length - first) * share;
}

/**
 * A 栏次 row as OCR reads it in small print: every cell a mark of one or two characters (no amount, no word of two
 * ideographs), three numbers at least in their place and a share of the cells from the first one. Asked only of the
 * row where the header ends: a body row there that counts up with the columns in one- and two-digit marks is none.
 * With words of two ideographs in it (asterisks misread), its numbers are counted by column (`numberedByColumn`).
 */
function isMisreadStubRow(grid: Grid, r: number, s: LayoutSettings): boolean {
  if (r >= grid.rowCount) return false;
  const texts = rowCells(grid, r)
    .filter((c) => c.row === r)
    .map((c) => cleanLabel(c.text))
    .filter(Boolean);
  if (texts.length < s.stubRowMinCells) return false;
  if (texts.some((t) => [...t].length > 2 || /[.,]/.test(t))) return false;
  const words = texts.some((t) => /[\u4e00-\u9fff]{2}/.test(t));
  if (!words && numbersMostlyInPlace(texts, s.stubRowHeaderEndShare)) return true;
  return numberedByColumn(grid, r, s);
}

/**
 * A 栏次 row at one bit a pixel: ** ** 1 2 3 ** read 来来 素来 1 9 3 来末 (held-out 3 Xi'an 安监 2019 p16), the
 * asterisks read as ideographs, unsure, and one number of three misread. Its numbers are counted by the grid column
 * they stand in (a lost or misread number shifts none of the others): at least `stubRowColumnNumbers` and
 * `stubRowInPlaceShare` of them number their column alike, and every other cell is ** or a mark read unsure (a word
 * of the form such as 合计 beside figures is read surely). Asked only of the row where the header ends.
 */
function numberedByColumn(grid: Grid, r: number, s: LayoutSettings): boolean {
  const cells = rowCells(grid, r).filter((c) => c.row === r && cleanLabel(c.text));
  const numbers = cells.filter((c) => /^\d{1,2}$/.test(cleanLabel(c.text)));
  const sureWord = (c: GridCell) => c.confidence >= LOW_CONFIDENCE && !NO_NUMBER_MARK.test(cleanLabel(c.text));
  if (cells.some((c) => !numbers.includes(c) && sureWord(c))) return false;
  const offsets = new Map<number, number>();
  for (const c of numbers) {
    const offset = c.col - Number(cleanLabel(c.text));
    offsets.set(offset, (offsets.get(offset) ?? 0) + 1);
  }
  const inPlace = Math.max(0, ...offsets.values());
  return inPlace >= s.stubRowColumnNumbers && inPlace >= numbers.length * s.stubRowInPlaceShare;
}

function hasFigures(cell: GridCell): boolean {
  return cell.text.split(/\s+/).some(isFigureToken);
}

/**
 * The header ends at the first row that carries figures (a 栏次 row is
 * part of the header); in a table printed without figures, at its
 * 合计/总计 row.
 */
function findHeaderEnd(grid: Grid, isStub: (r: number) => boolean, s: LayoutSettings): number {
  for (let r = 0; r < grid.rowCount; r++) {
    if (isStub(r)) return r + 1;
    const cells = rowCells(grid, r).filter((c) => c.row === r);
    const figures = cells.filter((c) => hasFigures(c) && !isYearHeader(c.text));
    // Found once for the row, and only when a rule below asks (it scans every row under r).
    let below: Set<number> | undefined;
    const columnsBelow = () => (below ??= figureColumnsBelow(grid, r));
    if (figures.length > 0 && !isWordRowWithStrayFigure(grid, r, figures, columnsBelow, s)) return r;
    // A line item without figures (一、部门预算 heading blank amounts) is body, never header.
    if (r > 0 && cells.some((c) => isOrdinalItem(cleanLabel(c.text)))) return r;
    if (r > 0 && isBlankAmountsRow(cells, columnsBelow())) return r;
  }
  for (let r = 0; r < grid.rowCount; r++) {
    const cells = rowCells(grid, r).filter((c) => c.row === r);
    if (cells.some((c) => TOTAL_LABEL.test(cleanLabel(c.text)))) return r;
  }
  return grid.rowCount;
}

/**
 * A header row with one word misread as a lone mark of a digit or two (预算数 read 2 on a scan at 200 dpi, held-out 4
 * Xi'an 人社 p32, its neighbours' 预算数 read 搞算数 所算数): its figures are each such a mark over a column that carries
 * figures further down, and more of its cells in those columns hold words of two ideographs. A body row holds figures
 * there, not words.
 */
function isWordRowWithStrayFigure(
  grid: Grid,
  r: number,
  figures: GridCell[],
  columnsBelow: () => Set<number>,
  s: LayoutSettings,
): boolean {
  const stray = new RegExp(`^\\d{1,${s.headerStrayFigureDigits}}$`);
  if (!figures.every((c) => stray.test(cleanLabel(c.text)))) return false;
  const figureColumns = columnsBelow();
  // Each stands over a column of figures, as that column's header word would.
  if (!figures.every((c) => figureColumns.has(c.col))) return false;
  const words = rowCells(grid, r).filter(
    (c) => c.row === r && figureColumns.has(c.col) && !hasFigures(c) && /[\u4e00-\u9fff]{2}/.test(c.text),
  );
  return words.length > figures.length;
}

/**
 * A line item whose amounts are left blank (一、部门预算 with its 一、 lost on a scan): words in the label columns,
 * and in each column that carries figures further down an empty cell of its own. A header row names those columns.
 */
function isBlankAmountsRow(cells: GridCell[], figureColumns: Set<number>): boolean {
  const inFigures = cells.filter((c) => figureColumns.has(c.col));
  const labels = cells.filter((c) => !figureColumns.has(c.col) && /[\u4e00-\u9fff]{2}/.test(c.text));
  return inFigures.length >= 2 && labels.length > 0 && inFigures.every((c) => !cleanLabel(c.text));
}

/** The grid columns holding a figure in some row below r. */
function figureColumnsBelow(grid: Grid, r: number): Set<number> {
  const columns = new Set<number>();
  for (let below = r + 1; below < grid.rowCount; below++)
    for (const c of rowCells(grid, below)) if (c.row === below && hasFigures(c)) columns.add(c.col);
  return columns;
}

function isOrdinalItem(text: string): boolean {
  return ORDINAL_ITEM.test(text) || MISREAD_ORDINAL_ITEM.test(text);
}

/** Leading rows that are one cell across the whole grid holding a title (…表) or a 单位 line. */
function countCaptionRows(grid: Grid): number {
  let r = 0;
  while (r < grid.rowCount - 1) {
    const cell = grid.cellAt[r][0];
    const text = cleanLabel(cell.text);
    if (cell.colSpan !== grid.colCount || !(/表$/.test(text) || /单位[:：]/.test(text))) break;
    r += cell.rowSpan;
  }
  return r;
}

function isYearHeader(text: string): boolean {
  return /^(19|20)\d\d$/.test(text.trim());
}

function headerPath(grid: Grid, rows: number[], c: number): string[] {
  const path: string[] = [];
  let last: GridCell | null = null;
  for (const r of rows) {
    const cell = grid.cellAt[r][c];
    if (!cell || cell === last) continue;
    last = cell;
    const text = cleanLabel(cell.text);
    if (text && path[path.length - 1] !== text) path.push(text);
  }
  return path;
}

function columnRole(grid: Grid, bodyRows: number[], c: number, path: string[], s: LayoutSettings): ColumnRole {
  const leaf = path[path.length - 1] ?? "";
  if (/^(行次|序号|编号|栏次)$/.test(leaf)) return "rowno";
  const cells = bodyRows
    .map((r) => grid.cellAt[r][c])
    // A cell OCR could not read (U+FFFD alone) says nothing of what its column holds.
    .filter((cell) => cell && cell.col === c && cell.colSpan === 1 && /[^\uFFFD]/.test(cleanLabel(cell.text)));
  const texts = cells.map((cell) => cleanLabel(cell.text));
  const codes = texts.filter((t) => /^\d{1,7}$/.test(t) && !/[.,]/.test(t)).length;
  const figures = texts.filter((t) => isFigureToken(t) || /^[-—－]+$/.test(t)).length;
  if (CODE_HEADER.test(leaf) || path.some((p) => /编码|代码/.test(p))) {
    if (!texts.length || codes >= texts.length * s.columnRoleShare) return "code";
  }
  // Whatever its header reads (功能科目编码 read 功能科目编公 on a scan), a column of codes that form the
  // classification tree beside a column of labels is the code column: figures never nest like that. Only under
  // a header: a continuation page that repeats none takes its columns from the table it continues.
  const codeTree = codes >= texts.length * s.columnRoleShare && isCodeTree(texts, s);
  if (leaf && codeTree && labelsBeside(grid, bodyRows, c + 1, s)) return "code";
  // A lone character that is no digit, read unsure (台, 由, 习 between 38 and 50 in a 行次 column of 9 px print,
  // confidence 0-0.46), is OCR's reading of a figure it could not make out: it counts for neither side.
  const lone = cells.filter(
    (cell, i) => [...texts[i]].length === 1 && !/[\d\-—－]/.test(texts[i]) && unsure(cell),
  ).length;
  if (texts.length > lone && figures >= (texts.length - lone) * s.columnRoleShare) return "value";
  // A column with no header and no figures is a sliver of the label area (a rule drawn on some rows only).
  // A blank column headed by a label's name (项目, 科目名称) is a label; one whose header only mentions
  // 项目 (其中：专项资金列入部门预算项目, blank in every row) is a value column nobody filled.
  if (!texts.length) return BLANK_LABEL_HEADER.test(leaf) || !leaf ? "label" : "value";
  return "label";
}

function unsure(cell: GridCell): boolean {
  return cell.confidence < LOW_CONFIDENCE;
}

/**
 * Codes of the 政府收支分类 tree, top down: 类 (3 digits), 款 under it (5 digits, or its 2 digits alone when the
 * 类 is printed above: 205, 03), 项 under that (7 digits, or 2). Most codes must fall under the 类 and 款 above
 * them, and at least two must be children: a column of integers (amounts in 元, head counts) does not nest.
 */
function isCodeTree(texts: string[], s: LayoutSettings): boolean {
  let lei = "",
    kuan = "",
    nested = 0,
    inTree = 0;
  for (const t of texts) {
    if (/^\d{3}$/.test(t)) {
      [lei, kuan] = [t, ""];
      inTree++;
    } else if (/^\d{2}$/.test(t) && lei) {
      kuan = lei + t;
      [inTree, nested] = [inTree + 1, nested + 1];
    } else if (/^\d{5}$/.test(t) && lei && t.startsWith(lei)) {
      kuan = t;
      [inTree, nested] = [inTree + 1, nested + 1];
    } else if (/^\d{7}$/.test(t) && kuan && t.startsWith(kuan)) {
      [inTree, nested] = [inTree + 1, nested + 1];
    }
  }
  return nested >= 2 && inTree >= texts.length * s.columnRoleShare;
}

/** Whether the column at c holds labels in the body: text in most of its cells, few of them figures. */
function labelsBeside(grid: Grid, bodyRows: number[], c: number, s: LayoutSettings): boolean {
  if (c >= grid.colCount) return false;
  const texts = bodyRows
    .map((r) => grid.cellAt[r][c])
    .filter((cell) => cell && cell.col === c)
    .map((cell) => cleanLabel(cell.text))
    .filter(Boolean);
  const words = texts.filter((t) => /[\u4e00-\u9fff]/.test(t) && !isFigureToken(t)).length;
  return texts.length > 0 && words >= texts.length * s.columnRoleShare;
}

/**
 * Side-by-side blocks whose value columns print the same header (支出 | 预算数 three
 * times: by function, by department economic class, by government economic class)
 * are told apart by their blocks' label headers, set before the leaf:
 * 支出/支出功能分类科目（按大类）/预算数. Only where those headers differ.
 */
function nameRepeatedBlocks(columns: Column[]): void {
  const groups = new Map<string, Column[]>();
  for (const col of columns) {
    if (col.role !== "value" || !col.path.length) continue;
    const key = col.path.join("/");
    groups.set(key, [...(groups.get(key) ?? []), col]);
  }
  for (const cols of groups.values()) {
    if (new Set(cols.map((c) => c.block)).size < 2) continue;
    const names = cols.map((c) => blockLabel(columns, c));
    if (names.some((n) => !n) || new Set(names).size !== cols.length) continue;
    cols.forEach((c, i) => {
      c.path = [...c.path.slice(0, -1), names[i]!, c.path[c.path.length - 1]];
    });
  }
}

/** The header leaf of a block's label column, when it is not already part of the value column's path. */
function blockLabel(columns: Column[], value: Column): string | null {
  const label = columns.find((c) => c.block === value.block && c.role === "label");
  const leaf = label?.path[label.path.length - 1];
  return leaf && !value.path.includes(leaf) ? leaf : null;
}

/**
 * Two value columns of one block with the same header path would write
 * over each other's figures; the later ones get a "#2", "#3" level so no
 * figure is lost (it happens when a header could not be split).
 */
function distinguishRepeatedPaths(columns: Column[]): void {
  const seen = new Map<string, number>();
  for (const col of columns) {
    if (col.role !== "value" || !col.path.length) continue;
    const key = `${col.block}|${col.path.join("/")}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) col.path = [...col.path, `#${n}`];
  }
}

/** A new block starts where a code or label column follows a value column. */
function assignBlocks(columns: Column[]): void {
  let block = 0;
  let seenValue = false;
  for (const col of columns) {
    if ((col.role === "code" || col.role === "label") && seenValue) {
      block++;
      seenValue = false;
    }
    if (col.role === "value") seenValue = true;
    col.block = block;
  }
}
