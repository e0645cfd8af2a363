/**
 * A speck beside a code on a photocopy (held-out 3 central 信访局 2026 基本支出 p12-13, a dark band along the left edge
 * and toner specks): OCR read the code 30108 with a comma after it, "30108,", which is no code. The row went out with
 * no code and its figures (657.51 twice) stood in an unlabelled row, while 30108 had none: two cells differing,
 * unflagged. extractors/rows.ts drops one mark after a 3, 5 or 7-digit code.
 */
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { findScannedSamples } from "../../bench/eval-samples.js";

afterAll(() => shutdownOcr());

const scan = (name: string) => findScannedSamples().find((s) => s.id === `heldout3/${name}.scanned.pdf`)!.pdf;

test("a code read with a speck after it keeps its row", async () => {
  const doc = await extractDocument(scan("central-letters-and-visits-2026-budget-p12-13-photocopy"), { ocr: "auto" });
  const [table] = doc.tables.filter((t) => t.table_kind === "basic_expenditure_detail");
  // As printed (rendered p12 at 150 dpi): 30108 机关事业单位基本养老保险缴费, 合计 657.51, 人员经费 657.51, 公用经费 blank.
  const [row] = table.rows.filter((r) => r.page === 1 && r.row_code === "30108");
  expect(row.row_label).toContain("养老保险");
  expect(row.values["2026年基本支出/合计"].value_wan).toBe(657.51);
  expect(row.values["2026年基本支出/人员经费"].value_wan).toBe(657.51);
  expect(row.values["2026年基本支出/公用经费"]?.value_wan ?? null).toBeNull();
  // No row without a code or label holds its figures.
  const stray = table.rows.filter(
    (r) => r.page === 1 && !r.row_code && r.values["2026年基本支出/合计"]?.value_wan === 657.51,
  );
  expect(stray).toEqual([]);
}, 300_000);
