/**
 * A 自评表 at JPEG quality 25, 150 dpi (held-out 4's Xi'an 卫健委 2022 决算 p82, 职业病防治项目绩效自评表): the row
 * 医院放射工作个人剂量监测率 prints 分值 5, 得分 5 (rendered page, pdftoppm -r 150); OCR read the 5s as 五 and 日. The
 * score was left out of the row as if none were printed, unflagged (extractors/performance-read.ts
 * readIndicatorValue): it now keeps its cell, flagged, never a figure it did not read.
 */
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { findScannedSamples } from "../../bench/eval-samples.js";

afterAll(() => shutdownOcr());

let read: ReturnType<typeof extractDocument> | null = null;
/** The page read once for both tests. */
function page82(): ReturnType<typeof extractDocument> {
  const file = findScannedSamples().find(
    (s) => s.id === "heldout4/xian-health-commission-2022-final-account-p82-q25.scanned.pdf",
  )!.pdf;
  return (read ??= extractDocument(file, { ocr: "auto" }));
}

test("a score cell whose ink reads as no figure is kept, flagged", async () => {
  const doc = await page82();
  const table = doc.tables.find((t) => t.table_kind === "project_performance_self_eval")!;
  // Its label is read with a character or two off (监测率 as 监蛮率): found by the start of the name.
  const row = table.rows.find((r) => r.row_label?.startsWith("医院放射工作个人剂量"))!;
  const score = Object.entries(row.values).find(([k]) => /得分/.test(k))?.[1];
  expect(score).toBeDefined();
  expect(score!.flagged).toBe(true);
  expect([null, 5]).toContain(score!.value_wan);
}, 300_000);

/**
 * Its 总分 (分值 100, 得分 97.15 on the rendered page) was read 所分: the row was taken for an indicator, its 97.15 for
 * an indicator's score and the form's total lost. A two-character label of that shape over the level columns is 总分.
 */
test("总分 with a character misread is still the total", async () => {
  const doc = await page82();
  const table = doc.tables.find((t) => t.table_kind === "project_performance_self_eval")!;
  expect(table.performance?.total_score).toBe(97.15);
  const total = table.rows.find((r) => r.row_label === "总分");
  expect(Object.values(total?.values ?? {}).map((c) => c.value_wan)).toEqual([97.15]);
}, 300_000);
