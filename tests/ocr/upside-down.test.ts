/**
 * Pages fed upside down (held-out 4, samples/heldout4/README.md): a sheet turned a half turn on the glass, with no
 * /Rotate on the page, and the same with /Rotate 180 (a viewer shows it upright). Both lost their tables whole,
 * unflagged: a half turn keeps the grid's shape, so nothing looked, and /Rotate 180 was not honoured on a scan's
 * own pixels (src/ocr/raster.ts, src/ocr/orientation.ts liesUpsideDown).
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { preparePage } from "../../dist/src/ocr/page.js";
import { punctuationSides } from "../../dist/src/ocr/orientation.js";
import { DEFAULT_OCR } from "../../dist/src/ocr/settings.js";
import { openPdf } from "../../dist/src/pdf/load.js";
import { halfTurn } from "../../src/ocr/image.js";
import { findScannedSamples } from "../../bench/eval-samples.js";

afterAll(() => shutdownOcr());

const scan = (name: string) => findScannedSamples().find((s) => s.id === `heldout4/${name}.scanned.pdf`)!.pdf;

test("a half turn moves the top left corner to the bottom right, and back", () => {
  // 3 wide, 2 high: 1 2 3 / 4 5 6.
  const image = { width: 3, height: 2, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
  const turned = halfTurn(image);
  expect([turned.width, turned.height]).toEqual([3, 2]);
  expect([...turned.data]).toEqual([6, 5, 4, 3, 2, 1]);
  expect([...halfTurn(turned).data]).toEqual([...image.data]);
  expect([...image.data]).toEqual([1, 2, 3, 4, 5, 6]);
});

/**
 * Chongqing 规自 2026 表六 一般公共预算基本支出情况表 p22-24 at 200 dpi, each sheet turned 180° (0.5°, -0.9°, 1.2°
 * askew), no /Rotate: the grid was found but read upside down, the table kept as other (0 of 109 cells, none flagged).
 */
describe("a table scanned upside down, the page not rotated", () => {
  test("is read upright on all its pages, its figures as printed and its blank cells blank", async () => {
    const doc = await extractDocument(scan("chongqing-planning-resources-2026-budget-p22-23-24-upside-down"), {
      ocr: "auto",
    });
    const [table] = doc.tables.filter((t) => t.table_kind === "basic_expenditure_detail");
    expect(table.pages).toEqual([1, 2, 3]);
    const row = (page: number, code: string | null, label?: string) =>
      table.rows.find((r) => r.page === page && r.row_code === code && (!label || r.row_label === label))!;
    // As printed (rendered p22): 合计 113,007.22 | 97,954.58 | 15,052.63; 30101 基本工资 22,507.79 | 22,507.79 |
    // blank; 30114 医疗费 776.65 | 679.68 | 96.97. Rendered p24 (the third sheet): 310 资本性支出 179.17 | blank | 179.17.
    const total = row(1, null, "合计");
    expect(total.values["基本支出/总计"]).toMatchObject({ value_wan: 113007.22, flagged: false });
    expect(total.values["基本支出/公用经费"]).toMatchObject({ value_wan: 15052.63, flagged: false });
    expect(total.values["基本支出/人员经费"]?.value_wan).toBe(97954.58);
    expect(row(1, "30101").values["基本支出/总计"]?.value_wan).toBe(22507.79);
    expect(row(1, "30101").values["基本支出/公用经费"]?.value_wan ?? null).toBeNull();
    expect(row(1, "30114").values["基本支出/公用经费"]?.value_wan).toBe(96.97);
    expect(row(3, "310").values["基本支出/总计"]?.value_wan).toBe(179.17);
    expect(row(3, "310").values["基本支出/人员经费"]?.value_wan ?? null).toBeNull();
  }, 300_000);
});

/**
 * Chongqing 气象 2026 表二 部门收入总体情况表 p7 at 200 dpi, the image stored turned 180° and the page given
 * /Rotate 180: the scan's pixels were read as stored, upside down. Honoured, the prepared page's print stands the
 * right way up by its own marks (points at the foot of the lines) before any look for a turn.
 */
test("a scan on a page with /Rotate 180 is read as a viewer shows it", async () => {
  const file = scan("chongqing-meteorology-2026-budget-p7-8-rotate180");
  const pdf = await openPdf(new Uint8Array(readFileSync(file)));
  try {
    // upsideDownMarkRatio 0: never turned by the look for an upside-down page, so only /Rotate can turn it.
    const page = await preparePage(pdf, 1, { ...DEFAULT_OCR, upsideDownMarkRatio: 0 });
    const { head, foot } = punctuationSides(page.bin, page.cells, DEFAULT_OCR);
    expect(foot).toBeGreaterThan(20);
    expect(head).toBeLessThan(3);
  } finally {
    await pdf.destroy();
  }
}, 120_000);

/**
 * The same page read whole. Its letter-spaced 科 目 header (the cell over 科目编码 and 科目名称), its gaps closed up,
 * came back from the Chinese model as "8" at 0.02: the header band was taken for data, no column got its header,
 * and every cell was flagged (0 of 76). The page with /Rotate 180 taken off (its image upside down as stored, turned
 * by liesUpsideDown) read the same "8": the turn was not the cause. A text line read as junk is now read again
 * enlarged (src/ocr/bold.ts rereadJunk): 科 目.
 */
test("a page with /Rotate 180 gives its table with its headers, figures as printed", async () => {
  const doc = await extractDocument(scan("chongqing-meteorology-2026-budget-p7-8-rotate180"), { ocr: "auto" });
  const [table] = doc.tables.filter((t) => t.table_kind === "income");
  // As printed (rendered p7): 总计 | 一般公共预算拨款收入 | 政府性基金预算拨款收入 | 国有资本经营预算拨款收入 |
  // 财政专户管理资金收入 | 事业收入 | 上级补助收入 | 附属单位上缴收入 | 事业单位经营收入 | 其他收入.
  expect(table.columns).toEqual([
    "总计",
    "一般公共预算拨款收入",
    "政府性基金预算拨款收入",
    "国有资本经营预算拨款收入",
    "财政专户管理资金收入",
    "事业收入",
    "上级补助收入",
    "附属单位上缴收入",
    "事业单位经营收入",
    "其他收入",
  ]);
  // Rendered p7: 合计 14,770.62 | 12,672.73 | 579.89 | blank | blank | 388.00 | blank | blank | blank | 1,130.00;
  // 208 社会保障和就业支出 120.17 | 82.51 | … | 事业收入 37.66.
  const total = table.rows.find((r) => r.page === 1 && r.row_label === "合计")!;
  expect(total.values["一般公共预算拨款收入"]).toMatchObject({ value_wan: 12672.73, flagged: false });
  expect(total.values["其他收入"]).toMatchObject({ value_wan: 1130, flagged: false });
  expect(total.values["总计"]?.value_wan).toBe(14770.62);
  expect(total.values["上级补助收入"]?.value_wan ?? null).toBeNull();
  const social = table.rows.find((r) => r.page === 1 && r.row_code === "208")!;
  expect(social.values["事业收入"]).toMatchObject({ value_wan: 37.66, flagged: false });
  expect(doc.checks.filter((c) => c.status === "fail" && c.id.startsWith("ocr_table"))).toEqual([]);
}, 300_000);
