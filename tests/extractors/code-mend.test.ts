/**
 * Classification codes misread by a digit on a bilevel scan (extractors/code-mend.ts). Held-out 3's Xi'an 安监 2019
 * p16 at one bit a pixel prints 224 灾害防治及应急管理支出 / 01 应急管理事务 / 2240101 行政运行 (rendered page); the
 * 4's thin strokes are lost and OCR read 221 / 01 / 2210101, so the three rows went out under 住房保障's codes.
 */
import { describe, expect, test } from "vitest";
import type { Cell, Row } from "../../schemas/document.js";
import { mendMisreadCodes } from "../../extractors/code-mend.js";

const cell = (value: number, extraction: "ocr" | "text" = "ocr"): Cell => ({
  value_wan: value,
  raw_text: String(value),
  confidence: 0.95,
  extraction,
  flagged: false,
  box: null,
});
const row = (code: string | null, label: string, value: number, extraction: "ocr" | "text" = "ocr"): Row => ({
  page: 1,
  row_code: code,
  row_label: label,
  values: { 合计: cell(value, extraction) },
});
const codes = (rows: Row[]) => rows.map((r) => r.row_code);

describe("a misread classification code", () => {
  // As read on the bilevel p16 (labels as OCR read them), 01 already joined to the 类 above (221 + 01).
  const read = [
    row("221", "住房保卫广出", 87.86),
    row("22102", "作房改革文出", 87.86),
    row("2210201", "住房公积金", 87.86),
    row("221", "灾宙防治及庆忆生理文出", 853.04),
    row("22101", "访直这理末分", 853.04),
    row("2210101", "行虹运行", 853.04),
  ];

  test("is the class its label is clearly the name of, and its 款 and 项 follow it; those rows are flagged", () => {
    const mended = mendMisreadCodes(read);
    expect(codes(mended)).toEqual(["221", "22102", "2210201", "224", "22401", "2240101"]);
    expect(mended.slice(3).every((r) => r.values["合计"].flagged)).toBe(true);
    expect(mended.slice(0, 3).every((r) => !r.values["合计"].flagged)).toBe(true);
  });

  test("is left as read in a text layer", () => {
    const text = read.map((r) => ({ ...r, values: { 合计: { ...r.values["合计"], extraction: "text" as const } } }));
    expect(codes(mendMisreadCodes(text))).toEqual(codes(read));
  });

  test("is left as read when the label is near no class a digit away", () => {
    const rows = [row("221", "灾宙防治及庆忆生理文出", 1), row("221", "住房保障文出", 2)];
    expect(codes(mendMisreadCodes([rows[1]]))).toEqual(["221"]);
    expect(codes(mendMisreadCodes([row("221", "灾宙防冶及庆忆牛理文山", 1)]))).toEqual(["221"]);
  });

  test("a 款 read right under a 类 left misread stays: its label is its own code's name", () => {
    const rows = [row("221", "灾害防冶及庆忆牛理文山", 1), row("22401", "应急管理事务", 1)];
    expect(codes(mendMisreadCodes(rows))).toEqual(["221", "22401"]);
  });

  test("a 项 directly under a 类 row, with no 款 row, is left as read", () => {
    const rows = [row("224", "灾害防治及应急管理支出", 1), row("2210101", "行政运行", 1)];
    expect(codes(mendMisreadCodes(rows))).toEqual(["224", "2210101"]);
  });
});
