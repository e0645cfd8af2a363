/**
 * A figure read doubtfully that an identity of sure figures confirms is not flagged (src/checks/confirm.ts; issue 17:
 * a flag must mean "look at this figure"). The printed figures are read off the rendered scan (pdftoppm).
 */
import path from "node:path";
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { LOW_CONFIDENCE } from "../../dist/src/pdf/model.js";
import { ROOT } from "./fixtures.js";

afterAll(() => shutdownOcr());

/**
 * The corpus's 国家信访局 2026 p5-9 scan, read as the eval reads it (its original's names unseen). Rendered p1 部门收支总表:
 * 收入总计 50,616.94 = 本年收入合计 48,362.82 + 上年结转 2,254.12; p2 财政拨款收支总表: 本年支出 18,728.94 = 15,291.30 + 118.01 +
 * 2,208.19 + 1,111.44 (（四）住房保障支出). 50,616.94 and 1,111.44 are read under the flag threshold, the rest surely.
 */
test("a doubtful figure its table's sure figures add up to is not flagged", async () => {
  const pdf = path.join(ROOT, "samples/scans/central-letters-and-visits-2026-budget-p5-9.scanned.pdf");
  const doc = await extractDocument(pdf, {
    ocrSettings: { unseenDocuments: ["central-letters-and-visits-2026-budget"] },
  });
  const cell = (kind: string, label: string, column: string) =>
    doc.tables.find((t) => t.table_kind === kind)?.rows.find((r) => r.row_label === label)?.values[column];
  const total = cell("income_expenditure_summary", "收入总计", "收入/预算数");
  const housing = cell("fiscal_grant_summary", "（四）住房保障支出", "支出/预算数");
  expect(total).toMatchObject({ value_wan: 50616.94, flagged: false });
  expect(housing).toMatchObject({ value_wan: 1111.44, flagged: false });
  // Read doubtfully: without the identity each would be flagged.
  expect(total!.confidence).toBeLessThan(LOW_CONFIDENCE);
  expect(housing!.confidence).toBeLessThan(LOW_CONFIDENCE);
}, 300_000);
