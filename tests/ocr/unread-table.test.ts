/**
 * A scanned table page whose column headers are mostly unread is not known column by column: every cell of it is
 * flagged, blanks too, a warning names the page, and a failed check names the table on that page as a whole
 * (src/unread-tables.ts). Found on a real page: Xi'an 卫健委 2022 决算 p153 (财政拨款收入支出决算总表), scanned at 150 dpi
 * (samples/scans), print about 9 px high. The rendered page prints two sides (收入: 项目, 行次, 金额; 支出: 项目, 行次,
 * 合计 and three fund columns); read with 项目, 金额 and the expenditure 行次 unread and 合计 read 会讨, the 收入 side's
 * figures (296,030.91, 509,220.66, 805,251.56 on the page) were joined into the row labels and the table kept three
 * columns of five: blank cells at confidence 1 under 会讨, unflagged, and no cell at all for the 收入 figures.
 */
import path from "node:path";
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { flagUnreadTables, UNREAD_TABLE_CHECK } from "../../dist/src/unread-tables.js";
import type { Table } from "../../schemas/document.js";
import { DEFAULT_LAYOUT } from "../../dist/src/layout/settings.js";
import { ROOT } from "./fixtures.js";

afterAll(() => shutdownOcr());

const SCAN = "samples/scans/xian-health-commission-2022-final-account-p153.scanned.pdf";
/**
 * p153's long headers are now read (a second look from the finer page, and 国有资本经营预算财政拨款 no longer taken for a
 * thick rule: tests/ocr/small-print.test.ts): read as the page was read before those, with the second look off and
 * rules of any thickness, its headers are mostly unread again, which is what this rule is for.
 */
const AS_UNREAD = { ocrSettings: { headerRereadHeights: [] } };
test("a scanned table page with its headers mostly unread: every cell flagged, a check names the page", async () => {
  const doc = await extractDocument(path.join(ROOT, SCAN), AS_UNREAD);
  const table = doc.tables.find((t) => t.table_kind === "fiscal_grant_summary");
  expect(table).toBeDefined();
  const cells = table!.rows.flatMap((row) => Object.values(row.values).map((cell) => ({ label: row.row_label, cell })));
  expect(cells.filter(({ cell }) => !cell.flagged)).toEqual([]);
  // Blanks among them: on the page's rows they are not known to be blank in the column they were put in.
  expect(cells.filter(({ cell }) => cell.value_wan === null).length).toBeGreaterThan(0);
  const check = doc.checks.find((c) => c.id.startsWith(UNREAD_TABLE_CHECK));
  expect(check).toMatchObject({ status: "fail", table_kind: "fiscal_grant_summary", page: 1 });
  expect(doc.warnings.some((w) => /^page 1: fiscal_grant_summary \d+ of \d+ column headers unread/.test(w))).toBe(true);
}, 120_000);

function table(columns: string[], extraction: "ocr" | "text" = "ocr"): Table {
  const cell = (value: number | null) => ({
    value_wan: value,
    raw_text: value === null ? "" : String(value),
    confidence: 1,
    extraction,
    flagged: false,
    box: null,
  });
  return {
    table_kind: "fiscal_grant_summary",
    title: "",
    pages: [1],
    unit_printed: null,
    empty: false,
    columns,
    rows: [
      {
        page: 1,
        row_code: null,
        row_label: "合计",
        values: Object.fromEntries(columns.map((c, i) => [c, cell(i || null)])),
      },
    ],
    extraction,
  };
}

test("half the headers unread or fewer, or a text page: nothing flagged", () => {
  const half = table(["支出/合计", "支出/\uFFFD"]);
  expect(flagUnreadTables([half])).toEqual({ warnings: [], checks: [] });
  expect(Object.values(half.rows[0].values).some((c) => c.flagged)).toBe(false);
  const text = table(["支出/\uFFFD", "支出/\uFFFD2", "支出/合计"], "text");
  expect(flagUnreadTables([text]).checks).toEqual([]);
  const most = table(["支出/\uFFFD", "支出/会讨", "支出/合计"]);
  const out = flagUnreadTables([most], [{ page: 1, read: "会讨", snapped: null }]);
  expect(out.checks).toHaveLength(1);
  expect(Object.values(most.rows[0].values).every((c) => c.flagged)).toBe(true);
});

/**
 * A column whose own header was read as a word of its form, but below the flag threshold (HeaderSnap.doubtfulLeaf),
 * is named: its figures are flagged as doubtful (src/tables.ts), the table is not unread. Found on the held-out scan
 * of Fuzhou 民政 2026 p23 (一般公共预算"三公"经费支出预算表, 150 dpi): its one column, 预算数, read doubtfully, made the
 * page "1 of 1 column headers unread" and failed the check on a table whose six figures were read as printed.
 */
test("a header read doubtfully as a word of its form does not count as unread", () => {
  const t = table(["预算数"]);
  const out = flagUnreadTables([t], [{ page: 1, read: "预算数", snapped: null, doubtfulLeaf: true }]);
  expect(out).toEqual({ warnings: [], checks: [] });
});

const FUZHOU = "samples/heldout/fuzhou-civil-affairs-2026-unit-budget-p16-23.scanned.pdf";
test("Fuzhou 民政 p23 三公 (held-out scan, page 2): figures as printed, no unread-table check failed", async () => {
  const doc = await extractDocument(path.join(ROOT, FUZHOU));
  const table = doc.tables.find((t) => t.table_kind === "three_public");
  // As printed (rendered page): 合计 25.05, 因公出国（境）费用 7.05, 公务接待费 8.00, 公务用车购置及运行费 10.00,
  // 其中：（1）公务用车购置费 0.00, （2）公务用车运行费 10.00.
  const figures = table!.rows.flatMap((r) => Object.values(r.values).map((c) => c.value_wan));
  expect(figures).toEqual([25.05, 7.05, 8, 10, 0, 10]);
  expect(doc.checks.filter((c) => c.id.startsWith(UNREAD_TABLE_CHECK))).toEqual([]);
}, 120_000);

test("row labels holding amounts (a column of figures taken for labels): every cell flagged", () => {
  const labels = ["一、一般公共预算财政拨款/296,030.91/一、一般公共服务支出", "271,800.87", "二〇二二年/229"];
  const t = table(["支出/合计", "支出/一般公共预算财政拨款"]);
  t.rows = labels.map((label) => ({ ...structuredClone(t.rows[0]), row_label: label }));
  const out = flagUnreadTables([structuredClone(t)], [], { ...DEFAULT_LAYOUT, amountLabels: 3 });
  expect(out.checks).toEqual([]);
  const flagged = flagUnreadTables([t]);
  expect(flagged.warnings).toEqual([
    "page 1: fiscal_grant_summary 2 row labels holding an amount (一、一般公共预算财政拨款/296,030.91/一、一般公共服务支出): " +
      "every cell of the page flagged (columns or rows may be missing or misplaced)",
  ]);
  expect(t.rows.every((r) => Object.values(r.values).every((c) => c.flagged))).toBe(true);
});
