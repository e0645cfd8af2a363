import { describe, expect, it } from "vitest";
import { layoutPage } from "../../src/layout/page-tables.js";
import { recogniseTables } from "../../src/tables.js";
import { samplePage } from "../helpers/pages.js";

const FILE = "real/putuo-finance-bureau-2024-final-account.pdf";

// The same page with its rulings taken away is a table printed without
// rules: the stream fallback must still find the rows and the figures.
describe("tables without rulings (stream fallback)", () => {
  it("reads the 收入决算表 from text alignment alone", async () => {
    const page = await samplePage(FILE, 8);
    page.rulings = [];
    const layout = layoutPage(page);
    expect(layout.tables).toHaveLength(1);
    const { tables } = recogniseTables([layout], () => "text");
    expect(tables.map((t) => t.table_kind)).toEqual(["income"]);
    const rows = new Map(tables[0].rows.map((r) => [r.row_code ?? r.row_label, r]));
    // Read off the rendered page: 201 06 01 行政运行 1,511.90 | 1,511.89 | … | 0.01
    const admin = rows.get("2010601")!;
    expect(admin.row_label).toBe("行政运行");
    expect(admin.values["本年收入合计"].value_wan).toBe(1511.9);
    expect(
      Object.values(admin.values)
        .map((c) => c.value_wan)
        .filter((v) => v !== null),
    ).toEqual([1511.9, 1511.89, 0.01]);
    expect(rows.get("合计")!.values["本年收入合计"].value_wan).toBe(2946.25);
    expect(rows.get("2080505")!.values["本年收入合计"].value_wan).toBe(160.75);
  });

  it("finds no table in prose, even prose full of figures", async () => {
    const page = await samplePage(FILE, 22);
    expect(layoutPage(page).tables).toHaveLength(0);
  });
});
