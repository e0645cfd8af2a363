/**
 * A 自评表's target and actual, misread on a scan where no sum checks them (extractors/performance-read.ts), on
 * held-out 4's Xi'an 卫健委 2022 决算 p82 at JPEG quality 25, 150 dpi. Rendered page (pdftoppm -r 100):
 * - 采购成本 prints 年度指标值 152万元 and 实际完成值 152万元; the actual was read 162太匹 and, no fact's unit, left out
 *   of its row unflagged. A figure read with a unit its row's other measure does not print is kept, blank, flagged.
 * - 职业病诊断机构报告率 prints 年度指标值 ≥85%, read 285%: the digit model reads no ≥, it read a 2. A percentage over
 *   100 that is one at most 100 behind one more digit, read with no sign, is flagged.
 * - 重点职业病监测网络报告及时性 prints ≥90% beside its actual 100%, read 90: a figure read with no unit beside a
 *   percentage lost glyphs, and is flagged.
 */
import { afterAll, expect, test } from "vitest";
import type { Cell, Table } from "../../schemas/document.js";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { findScannedSamples } from "../../bench/eval-samples.js";

afterAll(() => shutdownOcr());

let read: Promise<Table> | null = null;
/** p82's 自评表, read once for every test. */
function table82(): Promise<Table> {
  const file = findScannedSamples().find(
    (s) => s.id === "heldout4/xian-health-commission-2022-final-account-p82-q25.scanned.pdf",
  )!.pdf;
  read ??= extractDocument(file, { ocr: "auto" }).then(
    (doc) => doc.tables.find((t) => t.table_kind === "project_performance_self_eval")!,
  );
  return read;
}

const column = (values: Record<string, Cell>, re: RegExp) => Object.entries(values).find(([k]) => re.test(k))?.[1];

test("p82 q25: 采购成本's 实际完成值 keeps its cell, as printed or flagged", async () => {
  const table = await table82();
  // 采购成本 (its label misread) comes right after 项目完成时间.
  const at = table.rows.findIndex((r) => r.row_label === "项目完成时间");
  expect(at).toBeGreaterThan(0);
  const actual = column(table.rows[at + 1]!.values, /实际完/);
  expect(actual).toBeDefined();
  expect(actual!.value_wan === 152 || actual!.flagged).toBe(true);
}, 300_000);

test("p82 q25: targets printed ≥85% and ≥90% are not figures read surely", async () => {
  const table = await table82();
  // Labels are read a character or two off at JPEG q25: found by their ends.
  for (const label of [/诊断机构报告率$/, /网络报告及时性$/]) {
    const row = table.rows.find((r) => label.test(r.row_label ?? ""));
    expect(row).toBeDefined();
    const target = column(row!.values, /年度指标/);
    expect(target === undefined || target.value_wan === null || target.flagged).toBe(true);
  }
}, 300_000);
