/**
 * A cell's ink is looked for a few pixels past its box (the box is found at 1/4 scale and stops short of its
 * rules), but not past its own left rule: the ink on and beyond that rule is the neighbour's, whose figure is printed
 * flush with it (src/ocr/page.ts leftRuleEdge). Found on the corpus scan of Xi'an 卫健委 2022 决算 p153 (财政拨款收入支出
 * 决算总表, 150 dpi, 7 px digits): the rendered page prints 56.00 in the row 一、一般公共服务支出 under both 合计 and
 * 一般公共预算财政拨款; the second cell reached back over the rule between them, took the first 56.00's last 0 as its
 * own first glyph and read 上上咕.吧.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { openPdf } from "../../dist/src/pdf/load.js";
import { ocrPage } from "../../dist/src/ocr/page.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { ROOT } from "./fixtures.js";

afterAll(() => shutdownOcr());

const SCAN = "samples/scans/xian-health-commission-2022-final-account-p153.scanned.pdf";

test("a figure flush with a rule is not read again as the start of the cell right of it", async () => {
  const pdf = await openPdf(new Uint8Array(await readFile(path.join(ROOT, SCAN))));
  try {
    const page = await ocrPage(pdf, 1);
    // The grid's full-height verticals, left to right: 项目 行次 金额 | 项目 行次 合计 一般 政府性 国有 (ten rules).
    const verticals = page.rulings.filter((r) => r.orientation === "v").sort((a, b) => a.at - b.at);
    expect(verticals).toHaveLength(10);
    const rules = verticals.map((r) => r.at);
    // No read in the grid starts on or left of the rule between 合计 and 一般公共预算财政拨款 and runs on past it.
    const inGrid = page.runs.filter((r) => r.y0 >= verticals[6].from && r.y1 <= verticals[6].to);
    expect(inGrid.filter((r) => r.x0 <= rules[6] + 1 && r.x1 > rules[6] + 2).map((r) => r.text)).toEqual([]);
    // Under 一般公共预算财政拨款 (its header, its 栏次 number 3), the first row's figure is 56.00, not 上上咕.吧.
    const column = page.runs
      .filter((r) => (r.x0 + r.x1) / 2 > rules[6] && (r.x0 + r.x1) / 2 < rules[7])
      .sort((a, b) => a.y0 - b.y0);
    expect(column.find((r) => r.text.includes("."))?.text).toBe("56.00");
  } finally {
    await pdf.destroy();
  }
}, 120_000);
