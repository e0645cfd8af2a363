/**
 * A figure under a column header OCR could not read is flagged, with a warning naming the page (src/tables.ts
 * flagUnreadColumns). Found on a real page: Xi'an 卫健委 2022 决算 p153 (财政拨款收入支出决算总表), scanned at 150 dpi
 * (samples/scans). Its print is about 9 px high; the 行次 header of the expenditure side is unread, and that column's
 * row numbers — 38 beside 六、科学技术支出, 50 beside 十八、自然资源海洋气象等支出, 56 beside 二十四、债务还本支出, 61 in
 * the row under 年末结转和结余, as printed on the rendered page — came out as sure amounts, unflagged.
 */
import path from "node:path";
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { ROOT } from "./fixtures.js";

afterAll(() => shutdownOcr());

const SCAN = "samples/scans/xian-health-commission-2022-final-account-p153.scanned.pdf";

/**
 * Since its long headers are read again from the finer page (src/ocr/header-reread.ts) and 国有资本经营预算财政拨款 is
 * no longer taken for a thick rule, p153 has no unread header left: read without those, 政府性基金预算财政拨款 is
 * unread again, which is what this rule is for.
 */
const AS_UNREAD = { ocrSettings: { headerRereadHeights: [] } };

test("figures under an unread column header are flagged, and a warning names the page", async () => {
  const doc = await extractDocument(path.join(ROOT, SCAN), AS_UNREAD);
  const cells = doc.tables.flatMap((t) =>
    t.rows.flatMap((row) => Object.entries(row.values).map(([column, cell]) => ({ column, ...cell }))),
  );
  const unreadColumn = cells.filter((c) => c.column.includes("\uFFFD") && (c.value_wan !== null || c.raw_text));
  expect(unreadColumn.length).toBeGreaterThan(0);
  expect(unreadColumn.filter((c) => !c.flagged)).toEqual([]);
  // Since small print's header words are read with their row (src/ocr/row-reread.ts) the 行次 header is read and
  // its row numbers are no figures; the header left unread is 政府性基金预算财政拨款's, over 568,051.63 (二十三、其他支出,
  // 本年支出合计 and 总计 on the rendered page).
  expect(unreadColumn.filter((c) => c.raw_text === "568,051.63").length).toBeGreaterThanOrEqual(1);
  expect(doc.warnings.some((w) => /^page 1: column header unread \(.*\uFFFD.*\), \d+ figures? flagged$/.test(w))).toBe(
    true,
  );
}, 120_000);
