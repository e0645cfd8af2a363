/**
 * Row borders of scanned tables (src/ocr/lines.ts horizontal rules), on a held-out scan (samples/heldout/README.md
 * records its use): Xi'an 民政 2021 收入总表 p42, 200 dpi, figures of nine digits in 6.6 pt set flush against
 * their cell's right-hand rule. What is asserted was read off the deskewed page's image.
 */
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { preparePage } from "../../src/ocr/page.js";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { open, ROOT } from "./fixtures.js";

const CIVIL_AFFAIRS = path.join(ROOT, "samples/heldout/xian-civil-affairs-2021-budget-p42-43.scanned.pdf");

describe("horizontal rules of small print flush against a column's rule", () => {
  test("the foot of a line of figures or of 二 is not a row border: each ruled row stays one row", async () => {
    const page = await preparePage(await open(CIVIL_AFFAIRS), 1);
    const rows = page.rulings
      .filter((r) => r.orientation === "h")
      .map((r) => Math.round(r.at))
      .sort((a, b) => a - b);
    // As printed: the header's top rule, the rules under 部门预算 and 一般公共预算拨款, the header's foot, then the
    // foot of each of the 15 numbered rows (合计, 241 西安市民政局, 241001 … 241013 西安市回民殡仪馆): 19 rules.
    // The bottoms of 872,031,967.20 (row 1, y about 465) and the lower stroke of 二 in 第二社会福利院 (row 5,
    // y about 859) ran 60-110 px into one vertical rule and were taken for rules: rows cut in two, 二 wiped to 一.
    const printed = [280, 313, 347, 427, 493, 556, 611, 691, 771, 826, 881, 961, 1068, 1147, 1203, 1282, 1337];
    expect(rows.length).toBe(19);
    printed.forEach((y, i) => expect(Math.abs(rows[i] - y)).toBeLessThanOrEqual(3));
    expect(rows.slice(17).every((y) => y > 1400 && y < 1480)).toBe(true);
    // Every row border runs across the table, from its left rule to its right one, but the header's inner two.
    const full = page.rulings.filter((r) => r.orientation === "h" && r.to - r.from > 1700);
    expect(full.length).toBe(17);
  }, 60_000);
});

/** Rows of the body where the header ends, on held-out scans of Xi'an 安监 2019 (values read off the page images). */
describe("the first body row of a scanned table", () => {
  afterAll(() => shutdownOcr());

  test("a 栏次 row misread past the in-place share is header, not a first row of data (支出总表 p5, 150 dpi)", async () => {
    const doc = await extractDocument(path.join(ROOT, "samples/heldout/xian-work-safety-2019-budget-p4-5.scanned.pdf"));
    const table = doc.tables.find((t) => t.pages.includes(2))!;
    // As printed: ** ** 1 2 … 11 (read � � 1 0 3 1 0 6 下 R 9 10 1), then 合计 3,695.91 and the four units.
    expect(table.rows.length).toBe(5);
    expect(table.rows[0].row_label).toBe("合计");
    expect(Object.values(table.rows[0].values).map((c) => c.value_wan)).toContain(3695.91);
    expect(table.rows[1].row_label).toBe("西安市安全生产监督管理局");
  }, 120_000);

  test("an item without figures under the header (一、部门预算 under a seal, 一 read …) is body", async () => {
    const doc = await extractDocument(
      path.join(ROOT, "samples/heldout/xian-work-safety-2019-budget-p6-seal.scanned.pdf"),
    );
    const [table] = doc.tables;
    // As printed: 一、部门预算 with its amounts blank, then 1、财政拨款 3,643.37.
    expect(table.rows[0].row_label).toMatch(/部门预算$/);
    expect(Object.values(table.rows[0].values).every((c) => c.value_wan === null)).toBe(true);
    expect(table.rows[1].row_label).toMatch(/财政拨款$/);
    expect(Object.values(table.rows[1].values).map((c) => c.value_wan)).toContain(3643.37);
  }, 120_000);
});

/**
 * A figure the grid cannot place in a row of its own (extractors/rows.ts flagUnplaced): on Xi'an 安监 p6 (held-out,
 * 200 dpi, red seal), read by OCR, with the row rule above 1、人员经费和公用经费支出's 2,022.39 (部门预算支出经济分类科目 pair)
 * lost in that figure's column only (as under a seal or a faded stroke), the cell of 2,022.39 spans the row of
 * 一、部门预算 (blank as printed) and its own. Read at its first row, the figure went to 一、部门预算, unmarked. As printed
 * (rendered page): 一、部门预算 blank, 1、人员经费和公用经费支出 2,022.39 (the label clipped by its cell: …支).
 */
describe("a figure whose cell spans rows the labels keep apart", () => {
  afterAll(() => shutdownOcr());

  test("is flagged, with a warning naming the page, never left unmarked in the row above", async () => {
    const { ocrPage } = await import("../../dist/src/ocr/index.js");
    const { layoutPage } = await import("../../dist/src/layout/page-tables.js");
    const { recogniseTables } = await import("../../dist/src/tables.js");
    const pdf = await open(path.join(ROOT, "samples/heldout/xian-work-safety-2019-budget-p6-seal.scanned.pdf"));
    const page = await ocrPage(pdf, 1);
    const figure = page.runs.find((r) => r.text === "2,022.39")!;
    expect(figure).toBeDefined();
    // The column's rules either side of the figure, and the row rule just above it, cut out between them.
    const verticals = page.rulings.filter((r) => r.orientation === "v" && r.from < figure.y0 && r.to > figure.y1);
    const left = Math.max(...verticals.map((r) => r.at).filter((x) => x < figure.x0));
    const right = Math.min(...verticals.map((r) => r.at).filter((x) => x > figure.x1));
    const above = page.rulings
      .filter((r) => r.orientation === "h" && r.at < figure.y0 && r.from < left && r.to > right)
      .sort((a, b) => b.at - a.at)[0];
    const rulings = page.rulings.flatMap((r) =>
      r === above
        ? [
            { ...r, to: left + 1 },
            { ...r, from: right - 1 },
          ]
        : [r],
    );
    const cut = { ...page, rulings };
    const { tables, warnings } = recogniseTables([layoutPage(cut)], () => "ocr");
    const cells = tables.flatMap((t) =>
      t.rows.flatMap((row) => Object.values(row.values).map((c) => ({ label: row.row_label, ...c }))),
    );
    const placed = cells.find((c) => c.raw_text === "2,022.39")!;
    expect(placed).toBeDefined();
    expect(placed.flagged).toBe(true);
    expect(warnings).toContainEqual(expect.stringMatching(/^page 1: figure 2,022\.39 .*not placed, flagged$/));
    // Uncut, the same figure is its own row's, unflagged, and no warning is given.
    const whole = recogniseTables([layoutPage(page)], () => "ocr");
    const own = whole.tables
      .flatMap((t) => t.rows)
      .find((r) => Object.values(r.values).some((c) => c.raw_text === "2,022.39"))!;
    expect(own.row_label).toMatch(/人员经费和公用经费支/);
    expect(Object.values(own.values).find((c) => c.raw_text === "2,022.39")!.flagged).toBe(false);
    expect(whole.warnings.filter((w) => /not placed/.test(w))).toEqual([]);
  }, 120_000);
});
