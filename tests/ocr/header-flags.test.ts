/**
 * A column header read doubtfully flags the figures of that column only, and none once another page of the document
 * read the same header surely (issue 17: a flag should mean "look at this figure"). Found on the held-out scans; the
 * printed figures are read from the rendered pages of the text originals.
 */
import path from "node:path";
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { ROOT } from "./fixtures.js";

afterAll(() => shutdownOcr());

/**
 * Guangzhou 气象 2026 表12 项目支出 over three pages (held-out 2, 150 dpi), each repeating its header: 国有资本经营预算
 * is read surely on p22 and p23 and only on a second look (0.79) on p24, which flagged the column's 28 figures on all
 * three pages. As printed (rendered p24): 0.00 in every row of 国有资本经营预算.
 */
test("a header read doubtfully on one page and surely on the others flags nothing", async () => {
  const pdf = path.join(ROOT, "samples/heldout2/guangzhou-meteorology-2026-budget-p22-23-24.scanned.pdf");
  const doc = await extractDocument(pdf);
  const [table] = doc.tables.filter((t) => t.table_kind === "project_expenditure");
  const column = table.rows.map((r) => r.values["财政拨款/国有资本经营预算"]);
  expect(column).toHaveLength(28);
  expect(column.every((c) => c.value_wan === 0 && !c.flagged)).toBe(true);
  expect(doc.warnings.filter((w) => /column header read doubtfully/.test(w))).toEqual([]);
}, 300_000);

/**
 * Jiangsu 检察院 2017 p10 收支预算总表 (held-out, 200 dpi, seal) prints 金额 under three columns; one of them (收入)
 * read only doubtfully flagged the figures of all three. As printed (rendered p10), 支出用途's 金额: 一、基本支出
 * 12,323.48, 三、单位预留机动经费 140.20, 当年支出小计 and 支出合计 17,996.68.
 */
test("a header read doubtfully flags its own column, not every column of the same word", async () => {
  const pdf = path.join(ROOT, "samples/heldout/jiangsu-procuratorate-2017-dept-budget-p10-seal.scanned.pdf");
  const doc = await extractDocument(pdf);
  const [table] = doc.tables.filter((t) => t.table_kind === "income_expenditure_summary");
  const use = (label: string) => table.rows.find((r) => r.row_label === label)?.values["支出/支出用途/金额"];
  expect(use("一、基本支出")).toMatchObject({ value_wan: 12323.48, flagged: false });
  expect(use("三、单位预留机动经费")).toMatchObject({ value_wan: 140.2, flagged: false });
  expect(use("支出合计")).toMatchObject({ value_wan: 17996.68, flagged: false });
  expect(doc.warnings).toContain("page 1: column header read doubtfully (收入/金额), 5 figures flagged");
  expect(doc.warnings.filter((w) => w.includes("(支出/支出用途/金额)"))).toEqual([]);
}, 300_000);
