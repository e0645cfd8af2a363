/**
 * A book scanned open (held-out 4, samples/heldout4/README.md): Xi'an 卫健委 2022 决算 项目支出绩效自评表 p61 and
 * p62 side by side on one image. Both tables were found, but the right page's (printed a little higher) came first
 * and the left one took its title from both pages' text: 34 figures stood in the other table (src/layout/page-tables.ts).
 */
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { findScannedSamples } from "../../bench/eval-samples.js";

afterAll(() => shutdownOcr());

test("two pages on one image are read left page first, each table under its own title", async () => {
  const file = findScannedSamples().find(
    (s) => s.id === "heldout4/xian-health-commission-2022-final-account-p61-62-spread.scanned.pdf",
  )!.pdf;
  const doc = await extractDocument(file, { ocr: "auto" });
  const tables = doc.tables.filter((t) => t.table_kind === "project_performance_self_eval");
  expect(tables.map((t) => t.pages)).toEqual([[1], [1]]);
  // As printed (rendered scan): left 西安市级采供血业务经费（非政府采购部分）项目绩效自评表, 年度资金总额
  // 1268.6 | 1185.36 | 965.77; right （政府采购部分）, 785.31 | 785.31 | 703.27.
  const funds = (i: number) => tables[i].rows.find((r) => r.row_label === "年度资金总额")!.values;
  expect(tables[0].title).toContain("非政府采购部分");
  expect(tables[1].title).not.toContain("非政府采购部分");
  expect(funds(0)["年初预算数"]?.value_wan).toBe(1268.6);
  expect(funds(0)["全年执行数(B)"]?.value_wan).toBe(965.77);
  expect(funds(1)["年初预算数"]?.value_wan).toBe(785.31);
  expect(funds(1)["全年执行数(B)"]?.value_wan).toBe(703.27);
}, 300_000);
