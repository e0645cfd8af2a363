/**
 * Snapping OCR reads to the forms' vocabulary (src/ocr/vocabulary.ts). The misreads are ones OCR made on the
 * scans (-般公共预算 is issue 17's example; 用事业基金哆补收支差额 on xian hrss 2020 p30, 基本文出 on putuo gov
 * office 2025 p14, 政府性基金拨� on xian hrss p31).
 */
import { describe, expect, test } from "vitest";
import { editDistance, snapCell, snapLabel, snapTerm } from "../../src/ocr/vocabulary.js";

describe("header words", () => {
  test("a read one character off a known header word is snapped to it", () => {
    expect(snapTerm("-般公共预算")).toBe("一般公共预算");
    expect(snapTerm("基本文出")).toBe("基本支出");
    expect(snapTerm("用事业基金哆补收支差额")).toBe("用事业基金弥补收支差额");
    expect(snapTerm("政府性基金拨\uFFFD")).toBe("政府性基金拨款");
  });

  test("a known word stays; a word near none, or near two, is left as read", () => {
    expect(snapTerm("事业单位经营收入")).toBe("事业单位经营收入");
    expect(snapTerm("广州市气象台")).toBeNull();
    // Short words are too near each other: 总分 (a performance score) is one character from 总计, 项 from 项目.
    expect(snapTerm("总分")).toBeNull();
    expect(snapTerm("项")).toBeNull();
    expect(snapTerm("合汁")).toBeNull();
    // 人员公费 is one edit from 人员经费 and two from 公用经费: 人员经费. 人用经费 is one from both: left alone.
    expect(snapTerm("人员公费")).toBe("人员经费");
    expect(snapTerm("人用经费")).toBeNull();
    // Figures are never snapped.
    expect(snapTerm("2,602.16")).toBeNull();
  });
});

describe("classification labels", () => {
  test("snapped to the name of their own code only", () => {
    expect(snapLabel("208", "社会保障和就亚支出")).toBe("社会保障和就业支出");
    expect(snapLabel("30101", "基本工姿")).toBe("基本工资");
    // The code disagrees: 基本工资 is 30101, not 30102 (津贴补贴).
    expect(snapLabel("30102", "基本工姿")).toBeNull();
    // A code the vocabulary does not name.
    expect(snapLabel("2010101", "行政运行")).toBeNull();
  });

  test("a code and its label in one cell, or a label beside its code cell", () => {
    expect(snapCell("30101基本工姿")).toBe("30101基本工资");
    expect(snapCell("208 社会保障和就亚支出")).toBe("208 社会保障和就业支出");
    expect(snapCell("卫生健康攴出", "210")).toBe("卫生健康支出");
    // Beside a code whose name is far from the read, the header words are still tried.
    expect(snapCell("基本文出", "210")).toBe("基本支出");
  });
});

test("edit distance counts characters, not UTF-16 units", () => {
  expect(editDistance("一般公共预算", "-般公共预算")).toBe(1);
  expect(editDistance("基本支出", "项目支出")).toBe(2);
  expect(editDistance("𠀀a", "a")).toBe(1);
});
