/**
 * A one-digit figure read as a CJK glyph (held-out 3 Xi'an 人社 2020 p44, grey JPEG at 200 dpi: the 5 of
 * 保障农民工工资抽查审计经费 read 口 at 0.64). Left out as words, the cell was lost from its row, unflagged; a lone
 * glyph read unsure in a figure column is kept, blank and flagged (extractors/cell.ts figureReadAsText).
 */
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { findScannedSamples } from "../../bench/eval-samples.js";

afterAll(() => shutdownOcr());

const scan = (name: string) => findScannedSamples().find((s) => s.id === `heldout3/${name}.scanned.pdf`)!.pdf;

test("Xi'an 人社 p44 grey: the lone 5 is read, or its cell is kept and flagged", async () => {
  const doc = await extractDocument(scan("xian-hrss-2020-budget-p42-43-44-grey"), { ocr: "auto" });
  const [table] = doc.tables.filter((t) => t.table_kind === "project_expenditure");
  // As printed (rendered p44, the scan's page 3), 项目金额 down the page: 324.1, 9.49, 24.05, 60.61, 3.85, 9.33, 5
  // (保障农民工工资抽查审计经费), 9.6, 56 … Each row is labelled by its unit (单位名称 is the first 名称 column).
  const cells = table.rows.filter((r) => r.page === 3).map((r) => r.values["项目金额"]);
  const at = cells.findIndex((c) => c?.value_wan === 9.33);
  expect(at).toBeGreaterThanOrEqual(0);
  const five = cells[at + 1];
  expect(five).toBeDefined();
  expect(five!.value_wan === 5 || five!.flagged).toBe(true);
  expect(cells[at + 2]?.value_wan).toBe(9.6);
}, 300_000);
