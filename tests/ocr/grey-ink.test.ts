/**
 * Pale print at 120 dpi (held-out 4's Jiangsu 政协 2017 p9, 一般公共预算基本支出预算表, JPEG q70, 0.8° askew): the codes
 * are printed a pixel or two off the table's left rule and their strokes are grey, so the binary cut keeps only the
 * darkest of them. The crop of a code began at the first digit's right-hand curve and the digit model read 30102 as
 * 0102 and 30205 as 10205, surely enough to go out unflagged (src/ocr/crop.ts widenToGreyInk). Expected codes are
 * read off the rendered page (pdftoppm -r 150): 301, 30101, 30102, 30103, 30107, 302, 30201, 30205 … 30312.
 */
import path from "node:path";
import { readFile } from "node:fs/promises";
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { ocrPage } from "../../dist/src/ocr/page.js";
import { openPdf } from "../../dist/src/pdf/load.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { ROOT } from "./fixtures.js";

afterAll(() => shutdownOcr());

const SCAN = "samples/heldout4/jiangsu-cppcc-office-2017-budget-tables-p9-10.scanned.pdf";

test("a code's first digit printed pale beside its rule is read with the rest of the code", async () => {
  const pdf = await openPdf(new Uint8Array(await readFile(path.join(ROOT, SCAN))));
  try {
    const page = await ocrPage(pdf, 1);
    // The code column: the grid's first column, left of the rule before 科目名称.
    const verticals = page.rulings.filter((r) => r.orientation === "v").sort((a, b) => a.at - b.at);
    const codes = page.runs.filter((r) => r.x1 < verticals[1].at && /^\d+$/.test(r.text)).map((r) => r.text);
    // Each of these was read without its leading 3 (0102, 0107, 10205, 0211, 10215, 10217, 030, 0311).
    for (const code of ["30102", "30107", "30205", "30211", "30215", "30217", "30307", "30311"])
      expect(codes).toContain(code);
  } finally {
    await pdf.destroy();
  }
});
