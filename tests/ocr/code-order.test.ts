/**
 * Codes read with digits lost or added on pale 120 dpi print (held-out 4's Jiangsu 政协 2017 p9, 一般公共预算基本支出
 * 预算表): 30229 福利费 read 0229, 303 对个人和家庭的补助 read 3, 302 商品和服务支出 read 30102 (after 30107). Each
 * row went out under a code no classification prints there, its figure lost to its own code
 * (extractors/code-mend.ts mendOutOfPlace). Expected codes are read off the rendered page (pdftoppm -r 120).
 */
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { findScannedSamples } from "../../bench/eval-samples.js";

afterAll(() => shutdownOcr());

test("a code that cannot stand between its neighbours is mended from them, and its row flagged", async () => {
  const file = findScannedSamples().find(
    (s) => s.id === "heldout4/jiangsu-cppcc-office-2017-budget-tables-p9-10.scanned.pdf",
  )!.pdf;
  const doc = await extractDocument(file, { ocr: "auto" });
  const table = doc.tables.find((t) => t.table_kind === "basic_expenditure_detail")!;
  const coded = table.rows.filter((r) => r.row_code !== null);
  expect(coded.map((r) => r.row_code)).toEqual([
    ...["301", "30101", "30102", "30103", "30107"],
    ...["302", "30201", "30205", "30206", "30207", "30211", "30213", "30215", "30217", "30228", "30229"],
    ...["30231", "30239", "30299"],
    ...["303", "30301", "30302", "30307", "30309", "30311", "30312"],
  ]);
  // As printed: 福利费 5.00, 对个人和家庭的补助 2,606.84 (one row down, as the form prints its figures).
  const row = (code: string) => coded.find((r) => r.row_code === code)!;
  expect(row("30229").values["金额"]?.value_wan).toBe(5);
  expect(row("303").values["金额"]?.value_wan).toBe(2606.84);
  for (const code of ["302", "30229", "303"]) expect(row(code).values["金额"]?.flagged).toBe(true);
}, 300_000);
