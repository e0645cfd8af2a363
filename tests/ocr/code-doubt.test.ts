/**
 * A bilevel scan whose row codes are misread past mending (held-out 3 Jiangsu 检察院 2017 p11-13, 200 dpi at one bit a
 * pixel): 204 read 20, 20404 read 20101, 2040401 read 2010101, 2210201 under 22002. The rows went out under codes the
 * page does not print, and the rows it prints (204, 20404, …) had no cells at all, unnamed: 29 cells missing,
 * unflagged. A table page many of whose codes cannot be as printed (not 3, 5 or 7 digits of a classification, or under a
 * 类 or 款 the table prints but not above them) is named as a whole by the unread-table check, every cell flagged.
 */
import { afterAll, describe, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { doubtfulCodes, flagUnreadTables, UNREAD_TABLE_CHECK } from "../../dist/src/unread-tables.js";
import type { Row, Table } from "../../schemas/document.js";
import { findScannedSamples } from "../../bench/eval-samples.js";

afterAll(() => shutdownOcr());

const scan = (name: string) => findScannedSamples().find((s) => s.id === `heldout3/${name}.scanned.pdf`)!.pdf;
const row = (row_code: string, page = 1): Row => ({ page, row_code, row_label: null, values: {} });
const codes = (rows: Row[]) => [...doubtfulCodes(rows)].map((r) => r.row_code);

describe("row codes that cannot be as printed", () => {
  test("a listing of 类, 款 and 项 in order has none, across pages too", () => {
    const listed = ["204", "20404", "2040401", "2040499", "208", "20805"].map((c) => row(c));
    expect(codes([...listed, row("2080504", 2), row("221", 2), row("22102", 2), row("2210201", 2)])).toEqual([]);
    // A table printing 项 only (no 类 or 款 rows) is not asked for their parents.
    expect(codes(["2080501", "2080505", "2210201"].map((c) => row(c)))).toEqual([]);
    // Economic codes (301, 30101) alike.
    expect(codes(["301", "30101", "30199", "302", "30201"].map((c) => row(c)))).toEqual([]);
    // An economic 项 right under its 类, its 款 not printed (3010201 津贴补贴 under 301).
    expect(codes(["301", "30101", "3010201", "3010202"].map((c) => row(c)))).toEqual([]);
  });

  test("a code a digit short, of no classification, or under a parent the table does not print above it", () => {
    const read = ["20", "20101", "2010101", "208", "20805", "2080504", "220", "22002", "2210201", "0213"];
    expect(codes(read.map((c) => row(c)))).toEqual(["20", "20101", "2210201", "0213"]);
  });
});

describe("a row code of no classification's shape that code-mend left as read", () => {
  const cell = () => ({ value_wan: 1, raw_text: "1.00", confidence: 0.9, extraction: "ocr" as const, flagged: false });
  const table = (codes: (string | null)[]): Table => ({
    table_kind: "basic_expenditure_detail",
    title: "财政拨款基本支出预算表",
    pages: [1],
    unit_printed: "万元",
    empty: false,
    columns: ["金额"],
    rows: codes.map((c) => ({ page: 1, row_code: c, row_label: null, values: { 金额: { ...cell(), box: null } } })),
    extraction: "ocr",
  });
  const named = (t: Table) => flagUnreadTables([t]).checks.some((c) => c.id.startsWith(UNREAD_TABLE_CHECK));

  test("names its page: the code printed there has no cells", () => {
    // Jiangsu 检察院 p12 at one bit (rendered: 301, 30101, 30102, 30103): 30101 read 0.
    const t = table([null, "301", "0", "30102", "30104"]);
    expect(named(t)).toBe(true);
    expect(t.rows.flatMap((r) => Object.values(r.values)).every((c) => c.flagged)).toBe(true);
  });

  test("a page whose codes all have a classification's shape is not named", () => {
    expect(named(table([null, "301", "30101", "30102", "30103"]))).toBe(false);
  });
});

// One read of the page for the tests below.
let jiangsu: ReturnType<typeof extractDocument> | undefined;
const readJiangsu = () =>
  (jiangsu ??= extractDocument(scan("jiangsu-procuratorate-2017-dept-budget-p11-12-13-bilevel"), { ocr: "auto" }));

test("Jiangsu 检察院 p12's 基本支出 at one bit: each printed code is a row, or the page is named", async () => {
  const doc = await readJiangsu();
  const [table] = doc.tables.filter((t) => t.table_kind === "basic_expenditure_detail");
  // As printed (rendered p12, the scan's page 2): 合计, then 301, 30101, 30102, 30103.
  const found = new Set(table.rows.filter((r) => r.page === 2).map((r) => r.row_code));
  const named = doc.checks.some(
    (c) =>
      c.id.startsWith(UNREAD_TABLE_CHECK) && c.status === "fail" && c.table_kind === table.table_kind && c.page === 2,
  );
  expect(["301", "30101", "30102", "30103"].every((c) => found.has(c)) || named).toBe(true);
  const cells = table.rows.filter((r) => r.page === 2).flatMap((r) => Object.values(r.values));
  if (named) expect(cells.filter((c) => !c.flagged)).toEqual([]);
}, 300_000);

test("Jiangsu 检察院 p12 at one bit: its misread codes name the page, every cell flagged", async () => {
  const doc = await readJiangsu();
  const [table] = doc.tables.filter((t) => t.table_kind === "general_budget_expenditure");
  // As printed (rendered p12, the scan's page 2): 204, 20404, 2040401, 2040402, 2040404, 2040405, 2040406, 2040499,
  // 208, 20805, 2080504, 221, 22102, 2210201, 2210202. Each is a row of the table, or the page is named as a whole.
  const printed = ["204", "20404", "2040401", "2040402", "2040404", "2040405", "2040406", "2040499"];
  printed.push("208", "20805", "2080504", "221", "22102", "2210201", "2210202");
  const found = new Set(table.rows.filter((r) => r.page === 2).map((r) => r.row_code));
  const named = doc.checks.some(
    (c) =>
      c.id.startsWith(UNREAD_TABLE_CHECK) && c.status === "fail" && c.table_kind === table.table_kind && c.page === 2,
  );
  expect(printed.every((c) => found.has(c)) || named).toBe(true);
  if (named) {
    const cells = table.rows.filter((r) => r.page === 2).flatMap((r) => Object.values(r.values));
    expect(cells.filter((c) => !c.flagged)).toEqual([]);
  }
}, 300_000);
