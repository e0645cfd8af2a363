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

  test("a 款 read right under a 类 left misread stays: the 类 row's label names the 类 the 款 begins with", () => {
    const rows = [row("221", "灾害防冶及庆忆牛理文山", 1), row("22401", "应急管理事务", 1)];
    expect(codes(mendMisreadCodes(rows))).toEqual(["221", "22401"]);
  });

  test("a 项 directly under a 类 row, with no 款 row, is left as read", () => {
    const rows = [row("224", "灾害防治及应急管理支出", 1), row("2210101", "行政运行", 1)];
    expect(codes(mendMisreadCodes(rows))).toEqual(["224", "2210101"]);
  });
});

describe("a code that cannot stand between its neighbours (pale 120 dpi print, held-out 4 Jiangsu 政协 p9)", () => {
  test("with digits lost, is the one known code between them holding the digits read; its row flagged", () => {
    const rows = [row("30228", "工会经费", 37.6), row("0229", "砚利绩", 5), row("30231", "公务用车运行维护费", 156.6)];
    const mended = mendMisreadCodes(rows);
    expect(codes(mended)).toEqual(["30228", "30229", "30231"]);
    expect(mended.map((r) => r.values["合计"].flagged)).toEqual([false, true, false]);
    const three = [row("30299", "其他商品和服务支出", 1), row("3", "导个人和家庭的让甚", 2), row("30301", "离休费", 3)];
    expect(codes(mendMisreadCodes(three))).toEqual(["30299", "303", "30301"]);
  });

  test("out of its neighbours' order, is the code between them its label clearly names", () => {
    const rows = [row("30107", "绩效工资", 36.28), row("30102", "商品和服务支出", 1), row("30201", "办公费", 110)];
    expect(codes(mendMisreadCodes(rows))).toEqual(["30107", "302", "30201"]);
  });

  test("of no shape and with nothing to vouch for one code, left as read but flagged and named", () => {
    const warnings: string[] = [];
    const rows = [row("30107", "绩效工资", 1), row("0", "某某", 2), row("30201", "办公费", 3)];
    const mended = mendMisreadCodes(rows, warnings);
    expect(codes(mended)).toEqual(["30107", "0", "30201"]);
    expect(mended[1].values["合计"].flagged).toBe(true);
    expect(warnings).toEqual(["page 1: row code 0 cannot stand there (30107 … 30201): flagged"]);
    // No neighbours to bound it and a label naming nothing: flagged as read.
    expect(mendMisreadCodes([row("3", "导个", 1)], warnings)[0].values["合计"].flagged).toBe(true);
  });

  test("out of order but named by its label as its own code, stands as printed (Xi'an 人社 2020 p38)", () => {
    const rows = [
      row("20801", "人力资源和社会保障管理事务", 1),
      row("2080199", "其他人力资源和社会保障管理事务支出", 2),
      row("2080111", "公共就业服务和职业技能鉴定机构", 3),
    ];
    const mended = mendMisreadCodes(rows);
    expect(codes(mended)).toEqual(["20801", "2080199", "2080111"]);
    expect(mended.every((r) => !r.values["合计"].flagged)).toBe(true);
  });

  test("codes in order, or read from a text layer, are left alone", () => {
    const rows = [row("30107", "绩效工资", 1), row("302", "商品和服务支出", 2), row("30201", "办公费", 3)];
    expect(mendMisreadCodes(rows).every((r) => !r.values["合计"].flagged)).toBe(true);
    const text = [row("30228", "工会经费", 1, "text"), row("0229", "福利费", 2, "text"), row("30231", "x", 3, "text")];
    expect(codes(mendMisreadCodes(text))).toEqual(["30228", "0229", "30231"]);
  });

  test("out of order but its label its own name, the 款 in brackets aside, stands (Xi'an 人社 2020 p38, rendered)", () => {
    const rows = [
      row("2080199", "其他人力资源和社会保障管理事务支出", 233.45),
      row("2080111", "公共就业服务和职业技能鉴定机构", 978.74),
      row("2080101", "行政运行（人力资源和社会保障管理事务）", 5226.96),
      row("2080505", "机关事业单位基本养老保险缴费支出", 465.21),
    ];
    const mended = mendMisreadCodes(rows);
    expect(codes(mended)).toEqual(["2080199", "2080111", "2080101", "2080505"]);
    expect(mended.every((r) => !r.values["合计"].flagged)).toBe(true);
  });

  test("a revenue code (1xx, as a 收入 table prints 103 非税收入 / 10302) is of a classification's shape", () => {
    const rows = [row("101", "税收收入", 1), row("103", "非税收入", 2), row("10302", "专项收入", 3)];
    const mended = mendMisreadCodes(rows);
    expect(codes(mended)).toEqual(["101", "103", "10302"]);
    expect(mended.every((r) => !r.values["合计"].flagged)).toBe(true);
  });
});
