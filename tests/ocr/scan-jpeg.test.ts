/**
 * A scanned page's JPEG read from the file (src/ocr/scan-jpeg.ts) and its grey made from the decoded YCbCr planes
 * (src/ocr/raster.ts): the same pixels as pdf.js's decoded RGB gave, without pdf.js decoding the image.
 */
import "../../src/pdf/builtins.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, test } from "vitest";
import { openPdf, type PdfDocument } from "../../src/pdf/load.js";
import { rasterizePage, shrinkGray, toGray, type Gray } from "../../src/ocr/raster.js";
import { onlyImagePaint, pageJpeg } from "../../src/ocr/scan-jpeg.js";

const scan = (name: string) => path.resolve("samples/scans", name);

/** The page's grey the way it was made before: pdf.js's decoded image (RGB), its grey, reduced when over 250 dpi. */
async function greyViaPdfjs(pdf: PdfDocument, n: number): Promise<Gray> {
  const page = await pdf.getPage(n);
  try {
    const ops = await page.getOperatorList();
    const paint = ops.fnArray.indexOf(pdfjs.OPS.paintImageXObject);
    const img: any = await new Promise((resolve) => page.objs.get(ops.argsArray[paint][0], resolve));
    const dpi = (img.width / page.getViewport({ scale: 1 }).width) * 72;
    const gray = toGray(img.data, img.width, img.height, img.kind)!;
    return dpi > 250 ? shrinkGray(gray, 200 / dpi) : gray;
  } finally {
    page.cleanup();
  }
}

describe("a scanned page's JPEG read from the file", () => {
  test("found with its dictionary's size (the 300 dpi Fuzhou scan: 3508 x 2480, then 2480 x 3508)", async () => {
    const pdf = await openPdf(
      new Uint8Array(readFileSync(scan("fuzhou-medical-security-2026-budget-p12-14.scanned.pdf"))),
    );
    try {
      const sizes = [];
      for (const n of [1, 2]) {
        const jpeg = await pageJpeg(pdf, await pdf.getPage(n));
        expect(jpeg).not.toBeNull();
        expect([jpeg!.bytes[0], jpeg!.bytes[1]]).toEqual([0xff, 0xd8]);
        sizes.push([jpeg!.width, jpeg!.height]);
      }
      expect(sizes).toEqual([
        [3508, 2480],
        [2480, 3508],
      ]);
    } finally {
      await pdf.destroy();
    }
  });

  test.each([
    ["fuzhou-medical-security-2026-budget-p12-14.scanned.pdf", 1], // 300 dpi, reduced to 200
    ["guangzhou-meteorology-2026-budget-p7-seal.scanned.pdf", 1], // 200 dpi, a red seal over figures
    ["xian-health-commission-2022-final-account-p153.scanned.pdf", 1], // 150 dpi
  ])(
    "%s p%i: the same grey as from pdf.js's decoded image, pixel for pixel",
    async (name, n) => {
      const pdf = await openPdf(new Uint8Array(readFileSync(scan(name))));
      try {
        const expected = await greyViaPdfjs(pdf, n);
        const { gray } = await rasterizePage(pdf, n);
        expect([gray.width, gray.height]).toEqual([expected.width, expected.height]);
        let differ = 0;
        for (let i = 0; i < gray.data.length; i++) if (gray.data[i] !== expected.data[i]) differ++;
        expect(differ).toBe(0);
      } finally {
        await pdf.destroy();
      }
    },
    30_000,
  );

  test("a page of a text PDF is not such a page (it goes the pdf.js way)", async () => {
    const file = path.resolve("samples/regions/fuzhou-medical-security-2026-budget.pdf");
    const pdf = await openPdf(new Uint8Array(readFileSync(file)));
    try {
      expect(await pageJpeg(pdf, await pdf.getPage(12))).toBeNull();
    } finally {
      await pdf.destroy();
    }
  });
});

describe("a content stream that paints one image and nothing else", () => {
  const paints = (text: string) => onlyImagePaint(Buffer.from(text, "latin1"));

  test("q, cm, one Do and Q: the image's name", () => {
    expect(paints("q\n841.90 0 0 595.30 0 0 cm\n/Im0 Do\nQ\n")).toBe("Im0");
  });

  test("text, a second image, or any other operator: not such a page", () => {
    expect(paints("q 841.9 0 0 595.3 0 0 cm /Im0 Do Q BT /F1 12 Tf (x) Tj ET")).toBeNull();
    expect(paints("q 1 0 0 1 0 0 cm /Im0 Do Q q 1 0 0 1 0 0 cm /Im1 Do Q")).toBeNull();
    expect(paints("q 0 0 1 rg 0 0 10 10 re f /Im0 Do Q")).toBeNull();
    expect(paints("q 1 0 0 1 0 0 cm Q")).toBeNull();
  });
});
