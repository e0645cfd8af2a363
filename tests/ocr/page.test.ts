/**
 * OCR of real scanned pages: the values asserted are the ones printed on
 * the page (checked against the text original and the rendered scan).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { PageModel } from "../../src/pdf/model.js";
import type { PdfDocument } from "../../src/pdf/load.js";
import { OCR_LOW_CONFIDENCE, ocrPage, ocrPages, shutdownOcr } from "../../src/ocr/index.js";
import { amount, open, SCANNED, SYNTHETIC } from "./fixtures.js";

afterAll(() => shutdownOcr());

describe("putuo finance bureau 2024 final account, scanned page 8 (收入决算表)", () => {
  let pdf: PdfDocument;
  let page: PageModel;
  beforeAll(async () => {
    pdf = await open(path.join(SCANNED, "putuo-finance-bureau-2024-final-account.scanned.pdf"));
    page = await ocrPage(pdf, 8);
  });
  afterAll(() => pdf?.destroy());

  const texts = () => page.runs.map((r) => r.text);

  test("is a PageModel in PDF points with extraction ocr", () => {
    expect(page.extraction).toBe("ocr");
    expect(page.number).toBe(8);
    // The scan's page box (the rotated image at 200 dpi), landscape.
    expect(page.width).toBeCloseTo(848.5, 0);
    expect(page.height).toBeCloseTo(603.7, 0);
    for (const r of page.runs) {
      expect(r.x0).toBeGreaterThanOrEqual(0);
      expect(r.x1).toBeLessThanOrEqual(page.width);
      expect(r.y1).toBeLessThanOrEqual(page.height);
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
  });

  test("finds the grid: 16 row rules and 11 column rules", () => {
    const h = page.rulings.filter((r) => r.orientation === "h");
    const v = page.rulings.filter((r) => r.orientation === "v");
    // 15 body rows + header rules; the table spans most of the page width.
    expect(h.length).toBeGreaterThanOrEqual(16);
    expect(v.length).toBeGreaterThanOrEqual(11);
    const widest = Math.max(...h.map((r) => r.to - r.from));
    expect(widest).toBeGreaterThan(600);
  });

  test("reads the title, the unit line and the header cells", () => {
    expect(texts()).toContain("收入决算表");
    expect(texts().some((t) => t.includes("万元"))).toBe(true);
    expect(texts()).toEqual(
      expect.arrayContaining(["财政拨款收入", "上级补助收入", "其他收入", "合计", "类", "款", "项"]),
    );
  });

  test("reads the amounts printed in the cells", () => {
    const printed = [
      "2,946.25",
      "2,940.05",
      "2,112.86",
      "2,106.66",
      "1,511.90",
      "1,511.89",
      "0.01",
      "16.19",
      "10.00",
      "6.19",
      "135.25",
      "449.52",
      "326.72",
      "84.65",
      "160.75",
      "80.38",
      "0.94",
      "60.99",
    ];
    expect(texts()).toEqual(expect.arrayContaining(printed));
    // 6.20 is printed in three rows of 其他收入.
    expect(texts().filter((t) => t === "6.20")).toHaveLength(3);
  });

  test("a wrapped label is one run, read in order", () => {
    expect(texts()).toContain("机关事业单位基本养老保险缴费支出");
  });

  test("the 本年收入合计 row is on the same line as its amounts", () => {
    const total = page.runs.find((r) => r.text === "2,946.25")!;
    const grant = page.runs.find((r) => r.text === "2,940.05")!;
    expect(Math.abs(total.y0 - grant.y0)).toBeLessThan(3);
    expect(grant.x0).toBeGreaterThan(total.x1);
  });

  test("ocrPages reads pages two at a time, returned in the order asked, same as one by one", async () => {
    const [p9, p8] = await ocrPages(pdf, [9, 8]);
    expect(p9.number).toBe(9);
    expect(p8.runs.map((r) => r.text)).toEqual(texts());
    // Page 9 continues the table: 住房公积金 187.19, 购房补贴 258.50.
    expect(p9.runs.map((r) => r.text)).toEqual(expect.arrayContaining(["住房公积金", "187.19", "购房补贴", "258.50"]));
  });

  test("blank cells give no run (the 上级补助收入 … 附属单位上缴收入 columns are empty)", () => {
    const header = page.runs.find((r) => r.text === "上级补助收入")!;
    const below = page.runs.filter((r) => r.y0 > header.y1 + 5 && r.x0 >= header.x0 - 10 && r.x1 <= header.x1 + 10);
    expect(below).toEqual([]);
  });
});

describe("synthetic Wuhan final account (青山), scanned page 4 (收入决算表), against the answer key", () => {
  test("every numeric cell of the key is read exactly, with confidence above the flag threshold", async () => {
    const key = JSON.parse(
      await readFile(path.join(SYNTHETIC, "wuhan-qingshan-social-insurance-2023-final-account.json"), "utf8"),
    );
    const facts: { page: number; value: number }[] = key.facts.filter((f: { page: number }) => f.page === 4);
    expect(facts.length).toBe(44);
    const pdf = await open(path.join(SYNTHETIC, "wuhan-qingshan-social-insurance-2023-final-account.scanned.pdf"));
    try {
      const page = await ocrPage(pdf, 4);
      const read = page.runs.map((r) => ({ value: amount(r.text), confidence: r.confidence }));
      const missing = facts.filter((f) => !read.some((r) => r.value === f.value));
      expect(missing).toEqual([]);
      const weak = facts.filter((f) => !read.some((r) => r.value === f.value && r.confidence >= OCR_LOW_CONFIDENCE));
      expect(weak.length).toBeLessThanOrEqual(2);
    } finally {
      await pdf.destroy();
    }
  });
});

describe("prose pages", () => {
  test("a page with no grid reads only its first lines unless asked for all (putuo finance page 4, 概况)", async () => {
    const pdf = await open(path.join(SCANNED, "putuo-finance-bureau-2024-final-account.scanned.pdf"));
    try {
      const head = await ocrPage(pdf, 4);
      expect(head.rulings).toEqual([]);
      expect(head.runs.length).toBeLessThanOrEqual(3);
      expect(head.runs[0].text).toContain("第一部分");
      expect(head.runs[0].text).toContain("概况");
      expect(head.runs.map((r) => r.text)).toContain("一、主要职能");
      const full = await ocrPage(pdf, 4, { prose: "full" });
      expect(full.runs.length).toBeGreaterThan(15);
      expect(full.runs.map((r) => r.text).join("")).toContain("财政");
    } finally {
      await pdf.destroy();
    }
  });
});
