import type { GridCell } from "../src/layout/grid.js";
import { cleanLabel } from "../src/normalize/text.js";
import { centredInColumn } from "../src/pdf/geometry.js";
import { PROJECT_IN_CELL, PROJECT_KEY } from "./performance-read.js";
import type { TablePart } from "./types.js";

/**
 * Splits a performance table holding several projects into one table a project. A project starts at a
 * 项目名称 key row (专项（项目）名称 | 网络建设维护) or, in a grid whose header has a 项目名称 column beside
 * the indicator columns (一般性项目绩效目标表), at each new cell of that column. Pages do not matter: a
 * project that runs over a page break stays whole, and a page may hold the end of one project and the
 * start of the next. A table with one project (or none named) is returned as it is.
 */
export function splitProjects(parts: TablePart[]): TablePart[][] {
  const groups: Slice[][] = [[]];
  let seen = false;
  let column: { x0: number; x1: number } | null = null;
  // The last indicator header: a project printed without its own takes it (Xi'an 人社 p63, 技工学校…).
  let header: Slice[] = [];
  let headerXs: number[] = [];
  let headed = false;
  for (const part of parts) {
    const grid = part.structure.grid;
    for (const r of part.rows ?? range(grid.rowCount)) {
      const own = ownCells(grid.cellAt[r] ?? [], r);
      const words = own.filter((c) => INDICATOR_HEADER.test(cleanLabel(c.text)));
      const named = own.find((c) => /^项目名称$/.test(cleanLabel(c.text)));
      if (words.length >= 2 || (named && words.length)) {
        // The header's own rows: its words' (a block label on the left spans the indicators too).
        header = range(Math.max(...words.map((c) => c.rowSpan))).map((k) => ({ part, r: r + k }));
        headerXs = own.map((c) => c.x0);
        column = named ? { x0: named.x0, x1: named.x1 } : column;
        headed = true;
      }
      const keyRow = isKeyRow(own);
      const starts =
        keyRow || (column !== null && !named && own.some((c) => centredInColumn(c, column!) && cleanLabel(c.text)));
      if (starts && seen) {
        groups.push(
          column && !keyRow ? header.filter((h) => h.part !== part || h.r < r).map((h) => lent(h, part)) : [],
        );
        headed = column !== null && !keyRow;
      }
      seen ||= starts;
      if (!headed && !keyRow && header.length && aligned(own, headerXs)) {
        groups[groups.length - 1]!.push(...header.map((h) => lent(h, part)));
        headed = true;
      }
      groups[groups.length - 1]!.push({ part, r });
    }
  }
  if (groups.length < 2) return [parts];
  return groups.map(toParts);
}

/** Words of an indicator header row. */
const INDICATOR_HEADER = /^(指标名称|一级指标|二级指标|三级指标|指标内容|指标值)$/;

/**
 * A row that starts cells on four of the header's cell boundaries: an indicator row opening its levels
 * (a key-value row such as 资金金额 | 实施期资金总额： | 100 starts three at most).
 */
function aligned(own: GridCell[], xs: number[]): boolean {
  return own.filter((c) => xs.some((x) => Math.abs(x - c.x0) < 2)).length >= 4;
}

/** A header row read for another page's rows: lent, its page is not the table's. */
function lent(h: Slice, part: TablePart): Slice {
  return h.part === part ? h : { ...h, lent: true };
}

interface Slice {
  part: TablePart;
  r: number;
  lent?: boolean;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function ownCells(cells: GridCell[], r: number): GridCell[] {
  return [...new Set(cells)].filter((c) => c && c.row === r).sort((a, b) => a.x0 - b.x0);
}

/** 项目名称 as the row's first filled cell, its name in a cell after it (or in the same cell, the rule lost). */
function isKeyRow(own: GridCell[]): boolean {
  const filled = own.filter((c) => cleanLabel(c.text));
  if (filled.length === 1) return PROJECT_IN_CELL.test(cleanLabel(filled[0]!.text));
  return filled.length >= 2 && PROJECT_KEY.test(cleanLabel(filled[0]!.text));
}

/** A project's rows as page parts, each reading only its rows. */
function toParts(slices: Slice[]): TablePart[] {
  const out: TablePart[] = [];
  for (const s of slices) {
    const last = out[out.length - 1];
    if (last && last.structure === s.part.structure && Boolean(last.lent) === Boolean(s.lent)) last.rows!.push(s.r);
    else out.push({ ...s.part, rows: [s.r], ...(s.lent ? { lent: true } : {}) });
  }
  return out;
}
