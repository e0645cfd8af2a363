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

let read: ReturnType<typeof extractDocument> | null = null;
/** The spread read once for both tests. */
function spread(): ReturnType<typeof extractDocument> {
  const file = findScannedSamples().find(
    (s) => s.id === "heldout4/xian-health-commission-2022-final-account-p61-62-spread.scanned.pdf",
  )!.pdf;
  return (read ??= extractDocument(file, { ocr: "auto" }));
}

test("two pages on one image are read left page first, each table under its own title", async () => {
  const doc = await spread();
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

/**
 * The indicator header's 二级指标 and 三级指标 cells read -级指标 and ：级指标 (left page), 一级 and 二级 as 级指标 and
 * �指标 (right): with no 三级指标 the header was no indicator header, the rows were read as an amount table (labels
 * from the 实际完成值 column, 分值 kept as figures, 总分 read as the 分值 total 100): 18 cells unflagged.
 */
test("an indicator header with its levels' ordinals misread is still read as one (levels named by their order)", async () => {
  const doc = await spread();
  const tables = doc.tables.filter((t) => t.table_kind === "project_performance_self_eval");
  // As printed (rendered scan): 目标采集血液人次 分值 12.5 得分 12.5; 项目完成成本 得分 10 (left), 11.19 (right);
  // 总分 分值 100, 得分 93.65 (left), 95.65 (right).
  const row = (i: number, label: string) => tables[i].rows.find((r) => r.row_label === label)?.values;
  expect(row(0, "目标采集血液人次")?.["得分"]?.value_wan).toBe(12.5);
  expect(Object.keys(row(0, "目标采集血液人次") ?? {})).not.toContain("分值");
  expect(row(0, "项目完成成本")?.["得分"]?.value_wan).toBe(10);
  expect(row(1, "项目完成成本")?.["得分"]?.value_wan).toBe(11.19);
  expect(Object.values(row(0, "总分") ?? {}).map((c) => c.value_wan)).toEqual([93.65]);
  expect(Object.values(row(1, "总分") ?? {}).map((c) => c.value_wan)).toEqual([95.65]);
  const indicators = tables[0].performance?.indicators ?? [];
  expect(indicators.find((x) => x.label === "目标采集血液人次")?.level3_weight).toBe(12.5);
}, 300_000);
