import { describe, expect, it } from "vitest";
import { samplePage } from "../helpers/pages.js";

// One table page per PDF producer: each draws its borders differently
// (ONLYOFFICE and WPS stroke, Excel fills thin rectangles, Chromium fills under a page transform).
describe("page model: rulings and text runs from each producer", () => {
  it.each([
    ["real/putuo-finance-bureau-2024-final-account.pdf", 8, "收入决算表"],
    ["real/jiangsu-cppcc-office-2017-budget-tables.pdf", 2, "收入预算总表"],
    ["real/putuo-wanli-street-2025-budget.pdf", 10, "2025年部门收入预算总表"],
    ["synthetic/wuhan-qingshan-social-insurance-2023-final-account.pdf", 4, "2023 年度收入决算表"],
  ])("%s p%i has horizontal and vertical rulings and its title", async (file, n, title) => {
    const page = await samplePage(file, n);
    expect(page.rulings.filter((r) => r.orientation === "h").length).toBeGreaterThan(5);
    expect(page.rulings.filter((r) => r.orientation === "v").length).toBeGreaterThan(3);
    expect(page.runs.map((r) => r.text).join("")).toContain(title.replace(/ /g, "").slice(-5));
    for (const r of page.rulings) {
      expect(r.at).toBeGreaterThanOrEqual(-1);
      expect(r.to).toBeGreaterThan(r.from);
    }
  });

  it("puts text in top-left page space: the title sits above the first amount", async () => {
    const page = await samplePage("real/putuo-finance-bureau-2024-final-account.pdf", 8);
    const title = page.runs.find((r) => r.text.includes("收入决算表"))!;
    const total = page.runs.find((r) => r.text.includes("2,946.25"))!;
    expect(title.y0).toBeLessThan(total.y0);
    expect(page.width).toBeGreaterThan(page.height); // landscape page
  });

  it("a prose page has no rulings", async () => {
    const page = await samplePage("real/putuo-finance-bureau-2024-final-account.pdf", 22);
    expect(page.rulings).toHaveLength(0);
    expect(page.runs.length).toBeGreaterThan(50);
  });
});
