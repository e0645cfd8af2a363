/**
 * Every cell carries its box on the page (points, origin top-left, with the
 * page size). The boxes are checked against poppler's own word boxes
 * (`pdftotext -bbox`, an independent reader of the same text layer), and a
 * scanned copy's OCR boxes against the text original's, relative to each page.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
import type { Cell, CellBox, Document, Table } from "../../schemas/document.js";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { ocrPages, shutdownOcr } from "../../dist/src/ocr/index.js";
import { layoutPage } from "../../dist/src/layout/page-tables.js";
import { openPdf } from "../../dist/src/pdf/load.js";
import { recogniseTables } from "../../dist/src/tables.js";
import { documentFacts } from "../../src/output/facts.js";

afterAll(() => shutdownOcr());

const PUTUO = "samples/real/putuo-finance-bureau-2024-final-account.pdf";
const PUTUO_SCAN = "samples/scanned/putuo-finance-bureau-2024-final-account.scanned.pdf";
const HRSS = "samples/synthetic/wuhan-hrss-info-center-2023-final-account.pdf";

interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** poppler's words of one page with their boxes, and the page size. */
function popplerWords(file: string, page: number): { width: number; height: number; words: Word[] } {
  const html = execFileSync("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), file, "-"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const size = /<page width="([\d.]+)" height="([\d.]+)"/.exec(html)!;
  const words = [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], text: m[5] }));
  return { width: +size[1], height: +size[2], words };
}

/** Every cell with a key; OCR may misread a label, so `valueKey` pairs cells by kind, column and figure instead. */
function cells(doc: Document | { tables: Table[] }) {
  return doc.tables.flatMap((table) =>
    table.rows.flatMap((row) =>
      Object.entries(row.values).map(([column, cell]) => ({
        table,
        page: row.page,
        key: `${table.table_kind}|${row.page}|${row.row_code}|${row.row_label}|${column}`,
        cell,
        valueKey: `${table.table_kind}|${row.page}|${column}|${cell.value_wan}`,
      })),
    ),
  );
}

const inside = (w: Word, b: CellBox) => {
  const cx = (w.x0 + w.x1) / 2,
    cy = (w.y0 + w.y1) / 2;
  return cx > b.x0 && cx < b.x1 && cy > b.y0 && cy < b.y1;
};

describe.each([PUTUO, HRSS])("%s: text-layer boxes", (file) => {
  test("every numeric cell's box holds poppler's word for its printed figure, on a page of poppler's size", async () => {
    const doc = await extractDocument(file, { ocr: "never" });
    const numeric = cells(doc).filter((c) => c.cell.value_wan !== null && !/\s/.test(c.cell.raw_text));
    expect(numeric.length).toBeGreaterThan(150);
    const pages = new Map<number, ReturnType<typeof popplerWords>>();
    const missed: string[] = [];
    for (const { page, key, cell } of numeric) {
      if (!pages.has(page)) pages.set(page, popplerWords(file, page));
      const p = pages.get(page)!;
      expect(cell.box).not.toBeNull();
      expect(cell.box!.page_width).toBeCloseTo(p.width, 1);
      expect(cell.box!.page_height).toBeCloseTo(p.height, 1);
      if (!p.words.some((w) => w.text === cell.raw_text && inside(w, cell.box!)))
        missed.push(`${key} ${cell.raw_text}`);
    }
    expect(missed).toEqual([]);
  });

  test("blank cells have a box too, and facts carry the box columns", async () => {
    const doc = await extractDocument(file, { ocr: "never" });
    const all = cells(doc);
    expect(all.filter((c) => c.cell.box === null)).toEqual([]);
    const facts = documentFacts(doc);
    for (const f of facts) {
      expect(f.x0).toBeLessThan(f.x1!);
      expect(f.y0).toBeLessThan(f.y1!);
      expect(f.x1).toBeLessThanOrEqual(f.page_width!);
      expect(f.y1).toBeLessThanOrEqual(f.page_height!);
    }
  });
});

test("the failed check 卫生健康支出 85.6 vs 85.61 names its cells with boxes around the printed figures", async () => {
  const doc = await extractDocument(HRSS, { ocr: "never" });
  const check = doc.checks.find((c) => c.id === "across:income_expenditure_summary:210=expenditure:支出/决算数")!;
  expect(check.status).toBe("fail");
  // As printed: 85.6 on the 收支总表 (p3), 85.61 on the 支出决算表.
  const printed = ["85.6", "85.61"];
  expect(check.cells).toHaveLength(2);
  for (const [i, ref] of check.cells.entries()) {
    const words = popplerWords(HRSS, ref.page!).words.filter((w) => w.text === printed[i]);
    expect(
      words.some((w) => inside(w, ref.box!)),
      `${ref.table_kind} p${ref.page} ${printed[i]}`,
    ).toBe(true);
  }
});

test("OCR boxes: the scanned 收支总表 page puts each figure where the text original has it (within 1.5% of the page)", async () => {
  const text = await extractDocument(PUTUO, { ocr: "never" });
  const pdf = await openPdf(new Uint8Array(readFileSync(PUTUO_SCAN)));
  let scanned: { tables: Table[] };
  try {
    const [page] = await ocrPages(pdf, [6]);
    expect(page.extraction).toBe("ocr");
    scanned = recogniseTables([layoutPage(page)], () => "ocr");
  } finally {
    await pdf.destroy();
  }
  const onPage = cells(text).filter((c) => c.page === 6 && c.cell.value_wan !== null);
  // Figures printed once on the page, paired by kind, column and value.
  const once = onPage.filter((c) => onPage.filter((o) => o.valueKey === c.valueKey).length === 1);
  const original = new Map(once.map((c) => [c.valueKey, c.cell]));
  const pairs = cells(scanned)
    .filter((c) => original.has(c.valueKey))
    .map((c) => ({ ...c, key: c.valueKey }));
  expect(pairs.length).toBeGreaterThan(Math.min(20, 0.9 * once.length));
  const rel = (b: CellBox) => [(b.x0 + b.x1) / 2 / b.page_width, (b.y0 + b.y1) / 2 / b.page_height];
  const far = pairs.filter(({ key, cell }) => {
    const [sx, sy] = rel(cell.box!);
    const [tx, ty] = rel(original.get(key)!.box!);
    return Math.abs(sx - tx) > 0.015 || Math.abs(sy - ty) > 0.015;
  });
  expect(far.map((f) => f.key)).toEqual([]);
  // pdfinfo -f 6 -l 6: "Page 6 size: 607.32 x 850.68 pts" (the scan is not A4 like the original).
  expect([pairs[0].cell.box!.page_width, pairs[0].cell.box!.page_height]).toEqual([607.32, 850.68]);
}, 300_000);
