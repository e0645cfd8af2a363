import { describe, expect, it } from "vitest";
import { DEFAULT_LAYOUT, layoutSettings } from "../../src/layout/settings.js";
import { layoutPage } from "../../src/layout/page-tables.js";
import { extractDocument } from "../../src/pipeline.js";
import { ruledPage } from "../helpers/synthetic-page.js";

describe("layout settings", () => {
  it("fill every tolerance with its documented default", () => {
    expect(DEFAULT_LAYOUT).toMatchObject({
      snapTolerance: 2,
      edgeTolerance: 2.5,
      minTableWidth: 120,
      columnRoleShare: 0.6,
    });
    expect(layoutSettings({ snapTolerance: 1 })).toEqual({ ...DEFAULT_LAYOUT, snapTolerance: 1 });
  });

  it("refuse a bad or unknown setting with a one-line error naming it", () => {
    expect(() => layoutSettings({ snapTolerance: -1 })).toThrow(/^invalid layout setting snapTolerance: /);
    expect(() => layoutSettings({ columnRoleShare: 2 })).toThrow(/columnRoleShare/);
    expect(() => layoutSettings({ snapTolerence: 1 } as never)).toThrow(/snapTolerence/);
  });

  it("reach the layout stage: a smallest-table size above the page's table drops it", () => {
    const page = ruledPage({
      rows: [
        ["科目", "金额"],
        ["合计", "1.00"],
      ],
    });
    expect(layoutPage(page).tables).toHaveLength(1);
    expect(layoutPage(page, layoutSettings({ minTableWidth: 1000 })).tables).toHaveLength(0);
  });

  it("pass through ExtractOptions", async () => {
    const file = "samples/real/putuo-wanli-street-2025-budget.pdf";
    const doc = await extractDocument(file, { layout: { minCols: 1000 } }); // no grid is that wide
    expect(doc.tables).toEqual([]);
    expect(doc.warnings).toContain("no standard table found");
    await expect(extractDocument(file, { layout: { minRows: 0 } })).rejects.toThrow(/invalid layout setting minRows/);
  });
});
