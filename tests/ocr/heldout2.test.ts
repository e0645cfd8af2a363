/**
 * The second held-out set (samples/heldout2/, bench/make-scans.ts HELDOUT2): table pages no other scan uses. Its
 * measure is `node dist/bench/eval.js --scanned --only heldout2/`; CI checks that the set stays apart from the
 * others and reads the one scan a fix was made on (samples/heldout/README.md, "Held-out 2").
 */
import { afterAll, describe, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { findScannedSamples } from "../../bench/eval-samples.js";
import { CORPUS, HELDOUT, HELDOUT2 } from "../../bench/make-scans.js";
import { HELD_OUT as SMALL_PRINT } from "../../bench/small-print.js";

afterAll(() => shutdownOcr());

const pagesOf = (specs: { source: string; pages: number[] }[]) =>
  specs.flatMap((s) => s.pages.map((p) => `${s.source}#${p}`));

test("every held-out 2 scan is on the disk, and none of its pages is in another scan set", () => {
  const found = findScannedSamples().filter((s) => s.id.startsWith("heldout2/"));
  expect(found.map((s) => s.id)).toEqual(HELDOUT2.map((s) => `heldout2/${s.name}.scanned.pdf`));
  const used = new Set(pagesOf([...CORPUS, ...HELDOUT, ...SMALL_PRINT]));
  expect(pagesOf(HELDOUT2).filter((p) => used.has(p))).toEqual([]);
});

/**
 * Guangzhou 气象 2026 表12 部门预算项目支出及其他支出预算表 over three pages (150 dpi, 1.1°, -0.6°, 0.9°), each
 * repeating the header: 一般公共预算 was read '般公共预7 on the first, -般公共预5 on the second and right on the third,
 * and 财政专户拨款 read 财政刀户投款 on the third. Continuation pages were never read against the kind's words, and
 * each page's read made a column of its own: 10 columns for 7, the second page's nine 一般公共预算 figures under a
 * column the original does not have, unflagged (src/tables.ts shareHeaderReads, and snapHeader on continuations).
 */
describe("a three-page scanned table whose repeated header is misread on two pages", () => {
  test("has the printed columns on every page, its 一般公共预算 figures under 一般公共预算", async () => {
    const sample = HELDOUT2.find((s) => s.name === "guangzhou-meteorology-2026-budget-p22-23-24")!;
    const pdf = findScannedSamples().find((s) => s.id === `heldout2/${sample.name}.scanned.pdf`)!.pdf;
    const doc = await extractDocument(pdf, { ocr: "auto" });
    const [table] = doc.tables.filter((t) => t.table_kind === "project_expenditure");
    expect(table.pages).toEqual([1, 2, 3]);
    // The header as printed (rendered page): 总计 | 财政拨款: 合计, 一般公共预算, 政府性基金预算, 国有资本经营预算 |
    // 财政专户拨款 | 其他资金 (绩效目标 is text).
    expect(table.columns).toEqual([
      "总计",
      "财政拨款/合计",
      "财政拨款/一般公共预算",
      "财政拨款/政府性基金预算",
      "财政拨款/国有资本经营预算",
      "财政专户拨款",
      "其他资金",
    ]);
    // 一般公共预算 as printed: 合计 1,505.38 (first row, p1), 102.33 (first row, p2), 797.94 (last row, p2),
    // 568.42 (last row, p3).
    const gpb = (page: number) =>
      table.rows.filter((r) => r.page === page).map((r) => r.values["财政拨款/一般公共预算"]);
    expect(gpb(1)[0]).toMatchObject({ value_wan: 1505.38, flagged: false });
    expect(gpb(2)[0]).toMatchObject({ value_wan: 102.33, flagged: false });
    expect(gpb(2).at(-1)).toMatchObject({ value_wan: 797.94, flagged: false });
    expect(gpb(3).at(-1)).toMatchObject({ value_wan: 568.42, flagged: false });
  }, 300_000);
});
