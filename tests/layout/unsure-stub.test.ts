/**
 * A 栏次 row read at one bit a pixel (held-out 3 Xi'an 安监 2019 p16, rendered: ** | ** | 1 | 2 | 3 | ** under
 * 功能科目编码 | 功能科目名称 | 合计 | 人员经费支出 | 公用经费支出 | 备注): OCR read it 来来 | 素来 | 1 | 9 | 3 | 来末, the
 * asterisks as ideographs at 0.63, 0, 0.4 and the 2 as 9. It went out as the table's first body row (1 and 3 as
 * figures) and shifted the unlabelled rows under it (合计, each unit's row) by one: 1,839.51 under 合计 had no cell.
 */
import { describe, expect, it } from "vitest";
import type { Grid, GridCell } from "../../src/layout/grid.js";
import { readStructure } from "../../src/layout/structure.js";

type Read = [text: string, confidence: number];

/** A grid of one-line cells, no spans, rows and columns 10 apart. */
function gridOf(rows: Read[][]): Grid {
  const cells: GridCell[] = [];
  const cellAt = rows.map((row, r) =>
    row.map(([text, confidence], c) => {
      const box = { x0: c * 10, y0: r * 10, x1: c * 10 + 10, y1: r * 10 + 10 };
      const cell: GridCell = { ...box, row: r, col: c, rowSpan: 1, colSpan: 1, lines: [], text, confidence };
      cells.push(cell);
      return cell;
    }),
  );
  const cols = rows[0].length;
  const xs = [...Array(cols + 1).keys()].map((c) => c * 10);
  const ys = [...Array(rows.length + 1).keys()].map((r) => r * 10);
  return {
    page: 1,
    x0: 0,
    y0: 0,
    x1: cols * 10,
    y1: rows.length * 10,
    rowCount: rows.length,
    colCount: cols,
    xs,
    ys,
    cells,
    cellAt,
  };
}

const sure = (text: string): Read => [text, 0.95];
const header = ["功能科目编码", "功能科目名称", "合计", "人员经费支出", "公用经费支出", "备注"].map(sure);
const total = ["", "合计", "2,022.39", "1,839.51", "182.88", ""].map(sure);
const body = ["208", "社会保障和就业支出", "115.11", "83.06", "32.05", ""].map(sure);

describe("a 栏次 row with its asterisks read as ideographs and a number misread", () => {
  it("is header, its numbers counted by the column they stand in", () => {
    const stub: Read[] = [
      ["来来", 0.63],
      ["素来", 0],
      ["1", 0.49],
      ["9", 0.5],
      ["3", 0.96],
      ["来末", 0.4],
    ];
    const structure = readStructure(gridOf([header, stub, total, body]));
    expect(structure.headerRowCount).toBe(2);
    expect(structure.bodyRows).toEqual([2, 3]);
  });

  it("a row beside a word of the form read surely stays body", () => {
    const row: Read[] = [
      ["", 1],
      ["小计", 0.95],
      ["1", 0.9],
      ["", 1],
      ["3", 0.9],
      ["", 1],
    ];
    expect(readStructure(gridOf([header, row, body])).bodyRows).toEqual([1, 2]);
  });
});
