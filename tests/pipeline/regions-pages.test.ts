import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractDocument } from "../../src/index.js";
import { documentFacts } from "../../src/output/facts.js";
import { layoutPage } from "../../src/layout/page-tables.js";
import { recogniseTables } from "../../src/tables.js";
import { ruledPage } from "../helpers/synthetic-page.js";
import { SAMPLES } from "../helpers/pages.js";

const tmp = mkdtempSync(path.join(tmpdir(), "yujue-regions-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("no figure lost (issue 11 item 9)", () => {
  const grid = (number: number, above: string[]) =>
    ruledPage({
      number,
      above,
      rows: [
        ["项目", "金额"],
        ["房租", "1,200.50"],
        ["物业费", "300.25"],
      ],
    });
  const read = (pages: ReturnType<typeof grid>[]) =>
    recogniseTables(
      pages.map((p) => layoutPage(p)),
      () => "text",
    ).tables;

  it("a ruled grid of figures matching no kind is kept as `other`, with its title, columns and typed rows", () => {
    const [t] = read([grid(1, ["房屋租赁情况表", "单位：万元"])]);
    expect(t).toMatchObject({ table_kind: "other", title: "房屋租赁情况表", pages: [1], columns: ["金额"] });
    expect(t.rows.map((r) => [r.row_label, r.values["金额"].value_wan])).toEqual([
      ["房租", 1200.5],
      ["物业费", 300.25],
    ]);
  });

  it("a table that is not standard (政府采购) is left out over all its pages", () => {
    expect(read([grid(1, ["2026年政府采购预算明细表"]), grid(2, [])])).toEqual([]);
  });

  it("a numbered list or a chart's axis is no grid of figures", () => {
    const list = ruledPage({
      rows: [
        ["序号", "单位名称"],
        ["1", "西安市技工学校"],
        ["2", "西安市职业介绍服务中心"],
      ],
    });
    expect(recogniseTables([layoutPage(list)], () => "text").tables).toEqual([]);
  });

  it("one warning names its pages; its facts carry the kind (Shenzhen 重点项目 table, pp. 11-12)", async () => {
    const doc = await extractDocument(path.join(SAMPLES, "regions/shenzhen-civil-affairs-2026-budget.pdf"));
    const other = doc.tables.filter((t) => t.table_kind === "other");
    expect(other.map((t) => t.pages)).toEqual([[11, 12]]);
    // Read off the rendered page 11: 福利彩票公益金项目 19,336.15 万元.
    expect(
      other[0].rows.find((r) => r.row_label?.includes("福利彩票公益金"))?.values["预算数（万元）"]?.value_wan,
    ).toBe(19336.15);
    expect(doc.warnings.filter((w) => /other/.test(w))).toEqual([expect.stringMatching(/^pages 11-12: /)]);
    const facts = documentFacts(doc).filter((f) => f.table_kind === "other");
    expect(facts.map((f) => f.value_wan)).toContain(19336.15);
  });
});

describe("narrative pages (issue 11 items 5 and 10)", () => {
  it("a narrative-only companion PDF ends ok with zero tables and one note", async () => {
    // The 情况说明 of Chongqing 气象 (pages 1-5, full of figures and 表 names), as a file of its own.
    const src = path.join(SAMPLES, "regions/chongqing-meteorology-2026-budget.pdf");
    execFileSync("pdfseparate", ["-f", "1", "-l", "5", src, path.join(tmp, "p-%d.pdf")]);
    const parts = readdirSync(tmp)
      .filter((f) => f.startsWith("p-"))
      .sort()
      .map((f) => path.join(tmp, f));
    const file = path.join(tmp, "narrative.pdf");
    execFileSync("pdfunite", [...parts, file]);
    const doc = await extractDocument(file);
    expect(doc.tables).toEqual([]);
    expect(doc.warnings).toEqual(["no standard table found"]);
    expect([doc.doc_type, doc.fiscal_year, doc.org_name]).toEqual(["budget", 2026, "重庆市气象局"]);
  });
});
