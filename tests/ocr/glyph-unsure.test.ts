/**
 * Figures of print that is not small, read unsurely, read again by the page's own glyphs (src/ocr/glyphs.ts with
 * `unsureOnly`, page.ts rereadFiguresByGlyphs). Held-out 3's Xi'an 安监 2019 基本支出 p16-18 is a 300 dpi scan at one
 * bit a pixel: the models misread its figures (5.80 as 5.50, 19.80 as 19.50, 22.12 as 2212, 228.38 as 228.348, 0.79
 * as 0.749), disagreeing, so flagged. Its 4s, whose thin strokes the threshold lost, are read 1 everywhere, so the
 * page's font has no 4 template: a read holding a 4 stays as read (228.348, 0.749: the 4 cannot be judged), and a 4
 * is never read as the nearest other template.
 * Expected values are read off the rendered p17 (pdftoppm -r 150).
 */
import path from "node:path";
import { readFile } from "node:fs/promises";
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { ocrPage } from "../../dist/src/ocr/page.js";
import { openPdf } from "../../dist/src/pdf/load.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { LOW_CONFIDENCE } from "../../dist/src/pdf/model.js";
import { ROOT } from "./fixtures.js";

afterAll(() => shutdownOcr());

const SCAN = "samples/heldout3/xian-work-safety-2019-budget-p16-17-18-bilevel.scanned.pdf";

async function pageRuns(file: string, page: number) {
  const pdf = await openPdf(new Uint8Array(await readFile(path.join(ROOT, file))));
  try {
    return (await ocrPage(pdf, page)).runs;
  } finally {
    await pdf.destroy();
  }
}

const count = (texts: string[], text: string) => texts.filter((t) => t === text).length;

/**
 * Rendered p17: 22.12 four times (05 and 2080505 rows, 合计 and 人员经费支出), 5.80 and 19.80 six times each (210 / 11
 * / 2101102 and 221 / 02 / 2210201), 228.38 three times (224 / 01 / 2240106 合计), 0.79 four times (99 and 2089901),
 * the codes 2080505 twice; 6.47 and 40.39 print a 4.
 */
test("a one-bit page's unsure figures are read again by its own glyphs, flagged", async () => {
  const runs = await pageRuns(SCAN, 2);
  const texts = runs.map((r) => r.text);
  expect(count(texts, "22.12")).toBe(4);
  expect(count(texts, "5.80")).toBe(6);
  expect(count(texts, "19.80")).toBe(6);
  for (const misread of ["2212", "5.50", "19.50"]) expect(texts).not.toContain(misread);
  // A row code is no amount: it keeps its digits (not 2080.05).
  expect(count(texts, "2080505")).toBe(2);
  // No 4 template on this page: a 4 is not read as the nearest template's digit (6.47 as 6.37).
  expect(texts).not.toContain("6.37");
  // A read the glyphs changed stays flagged: a third opinion, not a sure read.
  const changed = runs.filter((r) => r.raw !== undefined && /^[\d,.]+$/.test(r.text) && r.raw !== r.text);
  expect(changed.length).toBeGreaterThanOrEqual(4);
  for (const r of changed) expect(r.confidence).toBeLessThan(LOW_CONFIDENCE);
}, 180_000);
