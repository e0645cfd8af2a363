import { describe, expect, it } from "vitest";
import { buildGrid } from "../../src/layout/grid.js";
import { DEFAULT_LAYOUT } from "../../src/layout/settings.js";
import type { Ruling } from "../../src/pdf/model.js";

const h = (at: number, from: number, to: number): Ruling => ({ orientation: "h", at, from, to });
const v = (at: number, from: number, to: number): Ruling => ({ orientation: "v", at, from, to });

describe("grid shapes", () => {
  it("an L-shaped merge (a rule missing by mistake) is split into rectangles, every position covered once", () => {
    // 2×2 box; the middle vertical rule only on the top row, the middle horizontal rule only on the right.
    const rulings = [h(0, 0, 200), h(40, 0, 200), h(20, 100, 200), v(0, 0, 40), v(200, 0, 40), v(100, 0, 20)];
    const grid = buildGrid(1, rulings, [], DEFAULT_LAYOUT)!;
    expect([grid.rowCount, grid.colCount]).toEqual([2, 2]);
    const cells = new Set(grid.cellAt.flat());
    const covered = [...cells].reduce((n, c) => n + c.rowSpan * c.colSpan, 0);
    expect(covered).toBe(4);
    expect(grid.cellAt[0][1]).not.toBe(grid.cellAt[0][0]);
  });

  it("a spanning header is one cell across the columns under it", () => {
    const rulings = [
      h(0, 0, 300),
      h(20, 0, 300),
      h(40, 0, 300),
      v(0, 0, 40),
      v(300, 0, 40),
      v(100, 0, 40),
      v(200, 20, 40),
    ];
    const grid = buildGrid(1, rulings, [], DEFAULT_LAYOUT)!;
    expect(grid.cellAt[0][1]).toBe(grid.cellAt[0][2]);
    expect(grid.cellAt[0][1]).toMatchObject({ row: 0, col: 1, rowSpan: 1, colSpan: 2 });
    expect(grid.cellAt[1][1]).not.toBe(grid.cellAt[1][2]);
  });
});
