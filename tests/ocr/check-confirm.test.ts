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

/**
 * Held-out 1's Xi'an 民政 2021 p42-43 scan (元), read as the eval reads it. Rendered p2 部门综合预算支出总表, row 6 西安市儿童福利院:
 * 合计 45,001,295.90 = 小计 40,723,965.50 + 0.00 × 5 + 上年实户资金余额 2,977,330.40 + 其他收入 1,300,000.00. 小计 and 其他收入 are
 * read under the flag threshold, the rest surely: two doubtful parts of a sure total, confirmed together.
 */
test("two doubtful parts of an identity whose total is read surely are not flagged", async () => {
  const pdf = path.join(ROOT, "samples/heldout/xian-civil-affairs-2021-budget-p42-43.scanned.pdf");
  const doc = await extractDocument(pdf, { ocrSettings: { unseenDocuments: ["xian-civil-affairs-2021-budget"] } });
  const row = doc.tables
    .find((t) => t.table_kind === "expenditure")
    ?.rows.find((r) => r.page === 2 && r.row_label === "西安市儿童福利院");
  const grant = row?.values["部门预算/公共预算拨款/小计"];
  const other = row?.values["部门预算/其他收入"];
  expect(grant).toMatchObject({ value_wan: 4072.39655, flagged: false });
  expect(other).toMatchObject({ value_wan: 130, flagged: false });
  expect(grant!.confidence).toBeLessThan(LOW_CONFIDENCE);
  expect(other!.confidence).toBeLessThan(LOW_CONFIDENCE);
}, 300_000);

/**
 * Held-out 3's 国家信访局 2026 p12-13 photocopy. Rendered p2 基本支出表: 310 资本性支出 公用经费 40.00 = 31002 25.00 + 31099 15.00;
 * 合计 公用经费 2,376.26 = 302 2,336.26 + 310 40.00, read under the flag threshold (as 40.00 is): confirmed once 40.00 is;
 * 303 人员经费 884.54 = 430.23 + 269.19 + 156.49 + 0.34 + 28.29, 离休费 430.23 and 抚恤金 156.49 read doubtfully.
 */
test("a figure an identity confirmed confirms the next, and two doubtful parts of a sure total are confirmed", async () => {
  const pdf = path.join(ROOT, "samples/heldout3/central-letters-and-visits-2026-budget-p12-13-photocopy.scanned.pdf");
  const doc = await extractDocument(pdf, {
    ocrSettings: { unseenDocuments: ["central-letters-and-visits-2026-budget"] },
  });
  const rows = doc.tables.find((t) => t.table_kind === "basic_expenditure_detail")?.rows ?? [];
  const cell = (label: string, column: string) =>
    rows.find((r) => r.page === 2 && r.row_label === label)?.values[`2026年基本支出/${column}`];
  for (const [label, column, value] of [
    ["合计", "公用经费", 2376.26],
    ["离休费", "人员经费", 430.23],
    ["抚恤金", "人员经费", 156.49],
  ] as const) {
    expect(cell(label, column)).toMatchObject({ value_wan: value, flagged: false });
    expect(cell(label, column)!.confidence).toBeLessThan(LOW_CONFIDENCE);
  }
}, 300_000);

/**
 * Held-out 4's Xi'an 卫健委 2022 部门整体支出绩效自评表 (p30-31, gutter shadow), read as the eval reads it. Rendered p1, row
 * 其他卫生健康支出: 全年预算数 20123.78 = 财政拨款 277.01 + 其他资金 19846.77, 全年执行数 11772.6 = 277.01 + 11495.59, 执行率
 * 58.50% (11772.6 / 20123.78 = 58.5008…%); row 进修培训: 全年预算数 151.03 | 151.03 | 0, 全年执行数 151.03 | 151.03 | 0,
 * 执行率 100.00%. 19846.77, 11772.6, 58.50%, 进修培训's 执行数 总额 151.03 and its 100.00% are read under the flag
 * threshold: the form's sums confirm the amounts, its rule 执行率 = 执行数 / 预算数 the rates (and 151.03, the only
 * figure at 0.01 beside 151.03 that gives 100.00%).
 */
test("a 自评表's amounts its row sums confirm, and a rate its sure amounts give, are not flagged", async () => {
  const pdf = path.join(ROOT, "samples/heldout4/xian-health-commission-2022-final-account-p30-31-gutter.scanned.pdf");
  const doc = await extractDocument(pdf, {
    ocrSettings: { unseenDocuments: ["xian-health-commission-2022-final-account"] },
  });
  const rows = doc.tables.find((t) => t.table_kind === "overall_performance_self_eval")?.rows ?? [];
  // The row labels are read through the gutter's shadow (其他卫生健硕坟出): found by how they begin.
  const row = (begins: string) => rows.find((r) => r.page === 1 && r.row_label?.startsWith(begins));
  const other = row("其他卫生")?.values ?? {};
  const training = row("进修培训")?.values ?? {};
  for (const [cell, value] of [
    [other["全年预算数（万元）/其他资金"], 19846.77],
    [other["全年执行数（万元）/总额"], 11772.6],
    [other["执行率"], 58.5],
    [training["全年执行数（万元）/总额"], 151.03],
    [training["执行率"], 100],
  ] as const) {
    expect(cell).toMatchObject({ value_wan: value, flagged: false });
    expect(cell!.confidence).toBeLessThan(LOW_CONFIDENCE);
  }
}, 300_000);
