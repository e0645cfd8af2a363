/**
 * Small print at 150 dpi read into its table (src/ocr/row-reread.ts, the digit model's crops from the finer page in
 * src/ocr/page.ts finePage). Found on the corpus scan of Xi'an 卫健委 2022 决算 p153 (财政拨款收入支出决算总表, 6 pt, 13 px
 * lines, 7 px digits): its header words read alone came back unread or wrong (项目 unread, 金额 全宙, 合计 会讨) and
 * its 收入 figures misread (296,030.91 as 296,000.91, 805,251.56 as 805,351.56), so the 收入 side's figure column was
 * taken for labels and joined into the row labels, and the table lost its 收入 side. The rendered page prints the 收入
 * side as 项目 | 行次 | 金额 with 296,030.91 (row 1), 805,251.56 (本年收入合计, row 27) and 58,926.37 (年初结转和结余,
 * row 28) under 金额.
 */
import path from "node:path";
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { readFile } from "node:fs/promises";
import { extractDocument } from "../../dist/src/index.js";
import { ocrPage } from "../../dist/src/ocr/page.js";
import { openPdf } from "../../dist/src/pdf/load.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { ROOT } from "./fixtures.js";

afterAll(() => shutdownOcr());

const SCAN = "samples/scans/xian-health-commission-2022-final-account-p153.scanned.pdf";

test("the 收入 side of a small-print statement is a column of figures, not part of the labels", async () => {
  const doc = await extractDocument(path.join(ROOT, SCAN));
  const table = doc.tables.find((t) => t.table_kind === "fiscal_grant_summary");
  expect(table).toBeDefined();
  const income = table!.columns.filter((c) => c.startsWith("收入/"));
  expect(income).toHaveLength(1);
  const figures = table!.rows.map((r) => r.values[income[0]]?.raw_text).filter(Boolean);
  for (const printed of ["296,030.91", "805,251.56", "58,926.37"]) expect(figures).toContain(printed);
  // No row label holds a figure.
  expect(table!.rows.filter((r) => /\d{3}\.\d\d/.test(r.row_label ?? "")).map((r) => r.row_label)).toEqual([]);
}, 120_000);

/**
 * The same page's header row prints 项目 | 行次 | 金额 | 项目 | 行次 | 合计 | …; read alone, 项目 came back unread on both
 * sides and 合计 as 会讨 (src/ocr/row-reread.ts): read again with their row, as doubtful words of their form.
 */
test("short header words of small print are read with their row", async () => {
  const pdf = await openPdf(new Uint8Array(await readFile(path.join(ROOT, SCAN))));
  try {
    const page = await ocrPage(pdf, 1);
    const words = page.runs.map((r) => r.text);
    expect(words.filter((w) => w === "项目")).toHaveLength(2);
    expect(words).toContain("合计");
    // Taken from a row's read: under the flag threshold.
    for (const r of page.runs.filter((r) => r.text === "项目")) expect(r.confidence).toBeLessThan(0.8);
  } finally {
    await pdf.destroy();
  }
}, 120_000);

/**
 * The same page's 支出 side prints 合计 | 一般公共预算财政拨款 | 政府性基金预算财政拨款 | 国有资本经营预算财政拨款, bold 6 pt.
 * Read from the page's crop the first came back 一筑会共算财政撤款 and the other two unread, so the table named three of
 * its five columns "#0", "#1", … and every cell of the page was flagged (the last one is not a cell: its line of
 * print is taken for a thick rule and wiped). Cut from the finer page and read at a few sizes
 * (src/ocr/header-reread.ts), each comes within the vocabulary's edits of its word: taken as doubtful words.
 */
test("long header words of small print are read again from the finer page", async () => {
  const pdf = await openPdf(new Uint8Array(await readFile(path.join(ROOT, SCAN))));
  try {
    const page = await ocrPage(pdf, 1);
    for (const word of ["一般公共预算财政拨款", "政府性基金预算财政拨款"]) {
      const runs = page.runs.filter((r) => r.text === word);
      expect(runs, word).toHaveLength(1);
      // The header row (y 126.7 pt), not the 收入 side's labels of the same words.
      expect(runs[0].y0).toBeLessThan(135);
      expect(runs[0].confidence).toBeLessThan(0.8);
    }
  } finally {
    await pdf.destroy();
  }
}, 120_000);

/**
 * The 合计 column of the 支出 side prints nine figures (rendered page: 56.00, 4,902.65, 10,657.37, 271,800.87,
 * 8,630.85, 568,051.63, 864,099.38, 78.55, 864,177.93). A figure OCR misread with a CJK glyph in it (2T1,800.果) was
 * left out of its row as words, unflagged: each of the nine is a cell, read as printed or flagged.
 */
test("every figure printed under 合计 is a cell, read right or flagged", async () => {
  const doc = await extractDocument(path.join(ROOT, SCAN));
  const table = doc.tables.find((t) => t.table_kind === "fiscal_grant_summary")!;
  const printed = [56, 4902.65, 10657.37, 271800.87, 8630.85, 568051.63, 864099.38, 78.55, 864177.93];
  const cells = table.rows.map((r) => r.values["支出/合计"]).filter((c) => c && c.raw_text !== "");
  expect(cells).toHaveLength(printed.length);
  for (const c of cells) if (!printed.includes(c.value_wan ?? NaN)) expect(c.flagged, c.raw_text).toBe(true);
}, 120_000);
