import type { Cell, CellBox, Row } from "../schemas/document.js";
import type { ExtractContext, TableExtractor } from "./types.js";
import type { Column, TableStructure } from "../src/layout/structure.js";
import type { GridCell } from "../src/layout/grid.js";
import { parseAmount, toWan } from "../src/normalize/amount.js";
import { cleanLabel } from "../src/normalize/text.js";
import type { PageSize } from "../src/pdf/model.js";
import { blankCell, cellBox, figureCell, loneGlyph, figureReadAsText, slotBox } from "./cell.js";
import { mendMisreadCodes } from "./code-mend.js";

/** The extractor of every coded table (all kinds but the performance tables). */
export const codedTableExtractor: TableExtractor = {
  extract(parts, ctx) {
    const rows: Row[] = [];
    const warnings: string[] = [];
    for (const part of parts)
      for (const row of extractRows(part.structure, ctx, part.size, warnings)) if (!isRepeat(rows, row)) rows.push(row);
    return { rows: flagBlanksBesideTwoFigures(mendMisreadCodes(joinClassCodes(rows), warnings, ctx.ocr)), warnings };
  },
};

/** A cell's text read as two figures ("117.60 117.60"): two rows' figures in one cell. */
const TWO_FIGURES = /^[-\d,.]*\d[-\d,.]*\s+[-\d,.]*\d[-\d,.]*$/;

/**
 * A scan's cell read blank beside a cell of its column that read two figures is flagged. Where figures are printed
 * off their rows' middles (120 dpi Shenzhen 民政 p28: half a row above their labels) and a rule between two rows is
 * lost, one cell's crop takes both rows' figures ("0.00 0.00", "117.60 117.60", flagged as no one figure) and the
 * next row's cell reads blank: its figure is the other one, so its blank is no sure blank.
 */
function flagBlanksBesideTwoFigures(rows: Row[]): Row[] {
  return rows.map((row, i) => {
    const beside = (key: string) =>
      [rows[i - 1], rows[i + 1]].some(
        (other) => other?.page === row.page && TWO_FIGURES.test(other.values[key]?.raw_text.trim() ?? ""),
      );
    const doubtful = Object.entries(row.values).filter(
      ([key, c]) => c.extraction === "ocr" && c.value_wan === null && c.raw_text === "" && !c.flagged && beside(key),
    );
    if (doubtful.length === 0) return row;
    const values = { ...row.values };
    for (const [key, c] of doubtful) values[key] = { ...c, flagged: true };
    return { ...row, values };
  });
}

/**
 * Some forms print a 款 code alone, two digits under its 类 (208, then 05 for 20805; 301, then 02 for
 * 30102): such a code is joined with the 类 printed above it, across pages too. Without a 类 above, it stays.
 */
function joinClassCodes(rows: Row[]): Row[] {
  let klass: string | null = null;
  return rows.map((row) => {
    const code = row.row_code;
    // Every longer code names its 类 too (a 项 2240101 after 208 moves on to 224).
    if (code && code.length >= 3) klass = code.slice(0, 3);
    if (!code || code.length !== 2 || !klass) return row;
    return { ...row, row_code: klass + code };
  });
}

/**
 * A 合计 row repeated on a continuation page is the same row, not a new one; so is the last row of a page printed
 * again at the top of the next. Any other row may print the label and figures of a row on an earlier page and be a row of its own:
 * a project table lists 机构运行辅助经费 7.00 under unit after unit (Guangzhou 气象 p22-24: the ones on p23 and p24 were
 * dropped as repeats of p22's, 14.00 of spending lost).
 */
export function isRepeat(rows: Row[], row: Row): boolean {
  if (row.row_code) return false;
  const same = (r: Row) => r.row_label === row.row_label && r.page !== row.page && sameValues(r, row);
  if (TOTAL_LABEL.test(row.row_label ?? "")) return rows.some(same);
  // Carried over: the previous page's last row, printed again as the first of this one.
  const last = rows[rows.length - 1];
  return Boolean(last) && !rows.some((r) => r.page === row.page) && same(last);
}

/** The label of a table's total row (合计, 总 计, 本年支出合计), as a repeat is recognised. */
const TOTAL_LABEL = /(合|总)\s*计$/;

function sameValues(a: Row, b: Row): boolean {
  const ka = Object.keys(a.values),
    kb = Object.keys(b.values);
  return ka.length === kb.length && ka.every((k) => a.values[k]?.value_wan === b.values[k]?.value_wan);
}

/**
 * Typed rows of a coded table: per side-by-side block, the classification
 * code (digits joined over 类/款/项), the label, and every value column
 * keyed by its header path.
 */
export function extractRows(
  structure: TableStructure,
  ctx: ExtractContext,
  size: PageSize,
  warnings: string[] = [],
): Row[] {
  const blocks = [...new Set(structure.columns.map((c) => c.block))];
  const rows: Row[] = [];
  for (const block of blocks) {
    const all = structure.columns.filter((c) => c.block === block);
    const second = secondClassification(all);
    const cols = all.filter((c) => !second.includes(c));
    // Label columns read only for a row that has no label of its own (the unit's total, a 合计 printed there).
    const fallback = [
      ...cols.filter((c) => namesTheOneUnit(structure, c, cols)),
      ...second.filter((c) => c.role === "label"),
    ];
    // Whether the block's stub labels two body rows or more: worked out once a block, not once a row.
    const body = structure.bodyRows;
    const stubbed = body.length > 0 && labelledRows(structure, cols, body[0], body[body.length - 1] + 1).length >= 2;
    for (const r of body) {
      const row = readRow(structure, cols, r, ctx, size, fallback);
      if (row && ctx.extraction === "ocr") warnings.push(...flagUnplaced(structure, cols, r, row, stubbed));
      if (row) rows.push(row);
    }
  }
  return rows;
}

function readRow(
  structure: TableStructure,
  cols: Column[],
  r: number,
  ctx: ExtractContext,
  size: PageSize,
  fallback: Column[] = [],
): Row | null {
  const grid = structure.grid;
  const own = (c: Column): GridCell | null => {
    const cell = grid.cellAt[r][c.index];
    return cell && cell.row === r ? cell : null;
  };
  const codeTexts = uniqueCells(cols.filter((c) => c.role === "code").map(own)).map((c) => cleanLabel(c.text));
  // A label cell spanning rows (a group such as 一般公共预算资金 over 小计 / 专项收入) labels each of them.
  // A header cell drawn down into the first body row (no rule under 部门经济科目名称 beside 合计) labels nothing.
  const inBody = (cell: GridCell | null) => (cell && cell.row >= (structure.bodyRows[0] ?? 0) ? cell : null);
  const labelCells = uniqueCells(
    cols.filter((c) => c.role === "label").map((c) => inBody(grid.cellAt[r][c.index] ?? null)),
  );
  const fallbackCells = uniqueCells(fallback.map((c) => grid.cellAt[r][c.index] ?? null));
  const textOf = (cells: GridCell[]) =>
    cells
      .map((c) => cleanLabel(c.text))
      .filter(Boolean)
      .join("/") || null;
  let label = textOf(labelCells.filter((c) => !fallbackCells.includes(c))) ?? textOf(fallbackCells);
  let code: string | null = null;
  const joined = withoutStrayMark(codeTexts.join(""));
  // A unit's code (部门（单位）代码 503004) is no classification code: such rows are known by name.
  const unitCodes = cols.some((c) => c.role === "code" && c.path.some(isUnitCodeHeader));
  // Classification codes have 3, 5 or 7 digits; six (503004, 125001) is a unit's code, even in a 科目编码 column.
  if (joined && /^\d+$/.test(joined)) code = unitCodes || joined.length === 6 ? null : joined;
  else if (joined && !label) label = joined.replace(/\d+/g, "") || null;

  if (!code && label && !unitCodes) [code, label] = splitLeadingCode(label);
  const values: Record<string, Cell> = {};
  let any = false;
  for (const c of cols.filter((col) => col.role === "value")) {
    const cell = own(c);
    if (cell && cell.col !== c.index) continue; // a spanning cell counts once, at its first column
    const key = columnKey(c);
    const box = cellBox(slotBox(grid, r, c.index, cell), size);
    const parsed = cell ? toCell(cell, ctx, box) : null;
    if (parsed === "text") continue;
    values[key] = parsed ?? blankCell(ctx, box);
    // A lone glyph taken for a misread figure keeps its cell but makes no row of its own (a speck may read so).
    if (parsed && !loneGlyph(parsed)) any = true;
  }
  if (!label && !code && !any) return null;
  // A label spanning into the next block (公用经费合计 across 公用经费 | 资本性支出) has its figure there: read it once, there.
  const lastCol = cols[cols.length - 1].index;
  if (!any && labelCells.some((c) => c.col + c.colSpan - 1 > lastCol)) return null;
  return { page: grid.page, row_code: code, row_label: label, values };
}

/**
 * A figure on a scan that the grid cannot put in a row of its own block is flagged, and a warning names the page: it
 * is never left, unmarked, in a row it may not belong to. Two cases. The row has no label and no code in a block whose
 * stub labels other rows (`stubbed`: a label column cut apart, a rule lost under a seal): nobody can say what the
 * figure is. Or the figure's cell spans rows that the block's stub labels apart (a rule lost in the value column
 * only): it is read at its first row, yet its ink lies in another's (or across them). On the text layer a cell's
 * glyphs split its rows (grid.ts virtualRowBoundaries); on a scan a cell is read whole, one run, so only its position
 * can tell.
 */
function flagUnplaced(structure: TableStructure, cols: Column[], r: number, row: Row, stubbed: boolean): string[] {
  const grid = structure.grid;
  const warnings: string[] = [];
  for (const c of cols.filter((col) => col.role === "value")) {
    const cell = grid.cellAt[r][c.index];
    const value = row.values[columnKey(c)];
    if (!cell || cell.row !== r || cell.col !== c.index || !value || value.value_wan === null) continue;
    const figure = `${value.raw_text} (${columnKey(c)})`;
    let why: string | null = null;
    // A table printed without a stub (one row of figures under its header: 三公, a 收入总表 of one unit) labels no row.
    if (!row.row_label && !row.row_code) why = stubbed ? "in a row with no label" : null;
    else if (cell.rowSpan > 1 && !inkWithin(cell, grid.ys[r], grid.ys[r + 1])) {
      const spanned = labelledRows(structure, cols, r, r + cell.rowSpan).length;
      if (spanned > 1) why = `in a cell over ${spanned} labelled rows, its ink outside the first`;
    }
    if (!why) continue;
    value.flagged = true;
    warnings.push(`page ${grid.page}: figure ${figure} ${why}: not placed, flagged`);
  }
  return warnings;
}

/** The rows from `from` up to `to` whose own stub cell (label or code column) holds words. */
function labelledRows(structure: TableStructure, cols: Column[], from: number, to: number): number[] {
  const grid = structure.grid;
  const stub = cols.filter((c) => c.role === "label" || c.role === "code");
  return [...Array(to - from).keys()]
    .map((k) => from + k)
    .filter((rr) =>
      stub.some((c) => grid.cellAt[rr][c.index]?.row === rr && cleanLabel(grid.cellAt[rr][c.index].text)),
    );
}

/** Whether a cell's text lies in the band from y0 to y1 (its lines' middle). */
function inkWithin(cell: GridCell, y0: number, y1: number): boolean {
  if (!cell.lines.length) return false;
  const mid = (Math.min(...cell.lines.map((l) => l.y0)) + Math.max(...cell.lines.map((l) => l.y1))) / 2;
  return mid >= y0 && mid < y1;
}

/**
 * A block that prints two classifications side by side (部门经济科目编码 | 名称 | 政府经济科目编码 | 名称) is
 * keyed by the first: the second pair (returned here) maps each row to another code system and would
 * otherwise be joined into the row's code and label (30101 + 50101 → "3010150101", "基本工资/工资奖金津补贴").
 */
function secondClassification(cols: Column[]): Column[] {
  const firstLabel = cols.findIndex((c) => c.role === "label");
  if (firstLabel < 0 || !cols.slice(0, firstLabel).some((c) => c.role === "code" && c.path.some(isClassHeader)))
    return [];
  const second = cols.findIndex((c, i) => i > firstLabel && c.role === "code" && c.path.some(isClassHeader));
  return second < 0 ? [] : cols.filter((c, i) => i >= second && c.role !== "value");
}

/** 功能科目编码, 部门经济科目编码, 支出经济分类: a classification (科目) code's header. */
function isClassHeader(level: string): boolean {
  return /科目|分类/.test(level) && !isUnitCodeHeader(level);
}

/**
 * A 预算单位 / 单位名称 label column that prints one unit's name, once, beside another label column (年度:
 * 2025年, 2026年, 增减变化金额) names the table's unit, not the row beside it: joining it would label the
 * first row "深圳市民政局（本级）/2025年" and the next ones "2026年". With several units it labels rows, and stays.
 */
function namesTheOneUnit(structure: TableStructure, c: Column, block: Column[]): boolean {
  if (c.role !== "label" || !c.path.some((level) => UNIT_HEADER.test(cleanLabel(level)))) return false;
  if (!block.some((other) => other !== c && other.role === "label")) return false;
  const names = new Set(
    structure.bodyRows.map((r) => cleanLabel(structure.grid.cellAt[r][c.index]?.text ?? "")).filter(Boolean),
  );
  return names.size <= 1;
}

const UNIT_HEADER = /^(预算|部门)?单位(名称)?$|^部门(名称)?$/;

/** 部门（单位）代码, 单位编码: a unit's code, not a classification (科目) code. */
function isUnitCodeHeader(level: string): boolean {
  return /(单位|部门)[）)]?(代码|编码)/.test(level) && !/科目|分类/.test(level);
}

/**
 * Some forms print the code inside the label cell: "2080101 行政运行",
 * "[201]一般公共服务支出", "【30101】基本工资". Codes are 3, 5 or 7 digits
 * (function) or 3 and 5 (economic); a year ("2023年") is not a code.
 */
export function splitLeadingCode(label: string): [string | null, string] {
  const m = /^[[【(（]?(\d{3}|\d{5}|\d{7})[\]】)）]?(?![年月日\d.%])([\u4e00-\u9fff].*)$/.exec(label);
  return m ? [m[1], m[2]] : [null, label];
}

/**
 * A classification code (3, 5 or 7 digits) followed by one mark: a speck beside the code on a scan, read as a comma
 * or a stop (held-out 3 central 信访局 photocopy p12: "30108," under the dark band), is no part of it. Left on, the
 * code is no code, the row goes out unlabelled and its figures under no code, unflagged.
 */
function withoutStrayMark(text: string): string {
  const m = /^(\d{3}|\d{5}|\d{7})[,.，。、·'`:;：；]$/.exec(text);
  return m ? m[1] : text;
}

function uniqueCells(cells: (GridCell | null)[]): GridCell[] {
  const out: GridCell[] = [];
  for (const c of cells) if (c && !out.includes(c)) out.push(c);
  return out;
}

export function columnKey(c: Column): string {
  return c.path.length ? c.path.join("/") : `col${c.index + 1}`;
}

/** A value cell as a Cell; null when blank; "text" when it holds words, not a figure. */
function toCell(cell: GridCell, ctx: ExtractContext, box: CellBox): Cell | null | "text" {
  const raw = cell.text.replace(/\n/g, " ").trim();
  if (!raw) return null;
  const parsed = parseAmount(raw);
  if (parsed.blank) return null;
  if (!parsed.numeric && /[\u4e00-\u9fff]/.test(raw)) {
    const misread = figureReadAsText(raw, cell.confidence, ctx);
    return misread ? figureCell(ctx, raw, null, cell.confidence, box, false) : "text";
  }
  const value = parsed.value === null ? null : toWan(parsed.value, ctx.unit);
  return figureCell(ctx, raw, value, cell.confidence, box, parsed.numeric);
}
