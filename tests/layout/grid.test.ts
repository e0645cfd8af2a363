import { describe, expect, it } from "vitest";
import { bandOf, type Grid, type GridCell } from "../../src/layout/grid.js";
import { readStructure } from "../../src/layout/structure.js";
import { cleanLabel } from "../../src/normalize/text.js";
import { sampleLayout } from "../helpers/pages.js";

function find(grid: Grid, text: string): GridCell {
  const cell = grid.cells.find((c) => cleanLabel(c.text) === text);
  if (!cell) throw new Error(`no cell "${text}"`);
  return cell;
}

function rowTexts(grid: Grid, r: number): string[] {
  const out: string[] = [];
  for (let c = 0; c < grid.colCount; c++) {
    const cell = grid.cellAt[r][c];
    out.push(cell.row === r && cell.col === c ? cleanLabel(cell.text) : "^");
  }
  return out;
}

// Values below were read off the pages rendered with pdftoppm.
describe("grid from rulings", () => {
  it("ONLYOFFICE 收入决算表 (Shanghai): spans, split codes, wrapped labels", async () => {
    const layout = await sampleLayout("real/putuo-finance-bureau-2024-final-account.pdf", 8);
    expect(layout.tables).toHaveLength(1);
    const grid = layout.tables[0].grid;
    expect(grid.colCount).toBe(11);
    expect(find(grid, "项目").colSpan).toBe(4);
    expect(find(grid, "本年收入合计").rowSpan).toBe(3);
    expect(find(grid, "支出功能分类").colSpan).toBe(3);
    const row = grid.cells.find((c) => cleanLabel(c.text) === "行政运行")!.row;
    expect(rowTexts(grid, row)).toEqual([
      "201",
      "06",
      "01",
      "行政运行",
      "1,511.90",
      "1,511.89",
      "",
      "",
      "",
      "",
      "0.01",
    ]);
    expect(find(grid, "机关事业单位基本养老保险缴费支出").lines).toHaveLength(2);
    expect(layout.tables[0].above.map((l) => cleanLabel(l.text))).toEqual(["收入决算表", "单位：万元"]);
  });

  it("Excel 收入预算总表 (Jiangsu): a group label spanning three rows", async () => {
    const grid = (await sampleLayout("real/jiangsu-cppcc-office-2017-budget-tables.pdf", 2)).tables[0].grid;
    const group = find(grid, "一般公共预算资金");
    expect(group.rowSpan).toBe(3);
    expect(rowTexts(grid, group.row)).toEqual(["一般公共预算资金", "小计", "9,066.79"]);
    expect(find(grid, "其他资金").rowSpan).toBe(5);
  });

  it("WPS 收入预算总表 (Shanghai budget): columns drawn without rules are found from the text gaps", async () => {
    const st = readStructure((await sampleLayout("real/putuo-wanli-street-2025-budget.pdf", 10)).tables[0].grid);
    const paths = st.columns.filter((c) => c.role === "value").map((c) => c.path.join("/"));
    expect(paths).toEqual([
      "收入预算/合计",
      "收入预算/财政拨款收入",
      "收入预算/事业收入",
      "收入预算/事业单位经营收入",
      "收入预算/其他收入",
    ]);
    expect(st.columns.filter((c) => c.role === "code")).toHaveLength(3);
  });

  it("Chromium 基本支出决算明细表 (Wuhan): three side-by-side blocks", async () => {
    const st = readStructure(
      (await sampleLayout("synthetic/wuhan-qingshan-social-insurance-2023-final-account.pdf", 8)).tables[0].grid,
    );
    expect(new Set(st.columns.map((c) => c.block)).size).toBe(3);
    expect(st.columns.filter((c) => c.role === "value").map((c) => c.path[0])).toEqual([
      "人员经费",
      "公用经费",
      "公用经费",
    ]);
  });

  it("letter-spaced labels (收 入 总 计) stay in one cell", async () => {
    const grid = (await sampleLayout("synthetic/wuhan-jianghan-social-insurance-2024-budget.pdf", 8)).tables[0].grid;
    const cell = find(grid, "收入总计");
    expect(rowTexts(grid, cell.row).filter((t) => t && t !== "^")).toEqual([
      "收入总计",
      "1826.31",
      "支出总计",
      "1826.31",
    ]);
  });

  it("the 栏次 row is header, and header paths read top-down", async () => {
    const st = readStructure(
      (await sampleLayout("synthetic/wuhan-qingshan-social-insurance-2023-final-account.pdf", 3)).tables[0].grid,
    );
    expect(st.columns.map((c) => `${c.role}:${c.path.join("/")}`)).toEqual([
      "label:收入/项目",
      "rowno:收入/行次",
      "value:收入/金额",
      "label:支出/项目",
      "rowno:支出/行次",
      "value:支出/金额",
    ]);
    const first = st.bodyRows[0];
    expect(cleanLabel(st.grid.cellAt[first][0].text)).toBe("一、一般公共预算财政拨款收入");
  });
});

describe("finding a glyph's band among the grid's boundaries", () => {
  it("takes the band whose lower edge is at or below the value, the last of repeated edges", () => {
    const edges = [10, 20, 20, 35, 50];
    expect([9.9, 10, 19.9, 20, 34, 35, 49.9, 50].map((v) => bandOf(edges, v))).toEqual([-1, 0, 0, 2, 2, 3, 3, -1]);
  });
});
