/**
 * Header words read as the page prints them (strict parity, issue 17): regressions found on the held-out scans
 * (samples/heldout/), the printed words read from the rendered pages.
 *
 * - Xi'an 生态环境 2022 p27 (部门综合预算收支总表, 300 dpi scan of 5.4 pt print): the bold 项目 and the four 预算数
 *   headers came back from the Chinese model as nothing (U+FFFD), so every column was 收入/\uFFFD and its figures
 *   flagged; read again with the strokes thinned (src/ocr/bold.ts) they are read, and the figures stay flagged (a
 *   second look does not vouch for them: 460,322,509.15 is read 160,322,509.15 under one of them).
 * - A full-width bracket read twice, as 《 and itself: Shenzhen p19 深圳市民政局（《本级）, Xi'an 人社 p41
 *   支出功能分类科目《（按大类）.
 */
import path from "node:path";
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { ROOT } from "./fixtures.js";

afterAll(() => shutdownOcr());

const heldout = (name: string) => path.join(ROOT, "samples/heldout", name);

test("Xi'an 生态环境 p27 (held-out, 300 dpi): bold 预算数 headers read on a second look, figures still flagged", async () => {
  const doc = await extractDocument(heldout("xian-ecology-environment-2022-budget-p27-45.scanned.pdf"));
  const summary = doc.tables.find((t) => t.table_kind === "income_expenditure_summary");
  // As printed (分科目 without 类 in the first 支出 block, 经济科目 in the second: the page's own words).
  expect(summary?.columns).toEqual([
    "收入/预算数",
    "支出/支出功能分科目（按大类）/预算数",
    "支出/部门预算支出经济科目（按大类）/预算数",
    "支出/政府预算支出经济分类科目（按大类）/预算数",
  ]);
  const cells = (summary?.rows ?? []).flatMap((r) => Object.values(r.values).filter((c) => c.raw_text));
  expect(cells.length).toBeGreaterThan(70);
  expect(cells.filter((c) => !c.flagged)).toEqual([]);
  expect(doc.warnings).toContain("page 1: column header read doubtfully (收入/预算数), 19 figures flagged");
}, 120_000);

test("Shenzhen p19 (held-out, 300 dpi): 深圳市民政局（本级） with one bracket, as printed", async () => {
  const doc = await extractDocument(heldout("shenzhen-civil-affairs-2026-budget-p19-33.scanned.pdf"));
  const income = doc.tables.find((t) => t.table_kind === "income");
  const labels = (income?.rows ?? []).map((r) => r.row_label);
  expect(labels).toContain("深圳市民政局（本级）");
  expect(labels.filter((l) => /《|》/.test(l ?? ""))).toEqual([]);
}, 120_000);
