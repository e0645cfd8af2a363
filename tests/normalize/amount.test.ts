import { describe, expect, it } from "vitest";
import { parseAmount, snapMisreadUnit, toWan, unitFromText } from "../../src/normalize/amount.js";
import { cleanLabel, foldText } from "../../src/normalize/text.js";

describe("amounts", () => {
  it.each([
    ["1,654.52", 1654.52],
    ["1466.86", 1466.86],
    ["18", 18],
    ["１，２３４．５", 1234.5],
    ["-12.30", -12.3],
    ["(12.30)", -12.3],
    ["－5", -5],
    ["-", 0],
    ["—", 0],
    ["－", 0],
    [" 2,946.25 ", 2946.25],
  ])("%s reads as %d", (raw, value) => {
    expect(parseAmount(raw)).toEqual({ value, numeric: true, blank: false });
  });

  it("blank is null, never 0", () => {
    expect(parseAmount("  ")).toEqual({ value: null, numeric: true, blank: true });
  });

  it("text that is not a number is not a number", () => {
    expect(parseAmount("2.94 6.25").numeric).toBe(false);
    expect(parseAmount("(12.3").numeric).toBe(false);
    expect(parseAmount("\uFFFD").numeric).toBe(false);
  });

  it("converts to 万元 without float dust", () => {
    expect(toWan(1097073.43, "元")).toBe(109.707343);
    expect(toWan(91016775.35, "元")).toBe(9101.677535);
    expect(toWan(12345, "千元")).toBe(1234.5);
    expect(toWan(1654.52, "万元")).toBe(1654.52);
  });

  it("reads the printed unit", () => {
    expect(unitFromText("单位：武汉市某单位 单位：万元")).toBe("万元");
    expect(unitFromText("编制部门：上海市普陀区人民政府办公室 单位：元")).toBe("元");
    expect(unitFromText("金额单位:千元")).toBe("千元");
    expect(unitFromText("收入决算表")).toBeNull();
  });

  // OCR reads of 单位 lines on held-out scans, the printed unit seen on the rendered pages: Xi'an 安监 2019 p32
  // 单位：万元 read 得位： 万元; Xi'an 生态环境 2022 p45 单位：元 read 单位：邢; 安监 p4 单位：万元 read 单位：方元.
  it("snaps a misread unit line to the one unit it is near, and to none when it is as near two", () => {
    expect(snapMisreadUnit("得位： 万元", 1)).toBe("万元");
    expect(snapMisreadUnit("单位：邢", 1)).toBe("元");
    expect(snapMisreadUnit("编制单位：民政局 单位：千兀", 1)).toBe("千元");
    // One edit from 万元, 千元, 亿元 and 元 alike: the scale is not known.
    expect(snapMisreadUnit("单位：方元", 1)).toBeNull();
    expect(snapMisreadUnit("单位：邢", 0)).toBeNull();
    // An organisation, not a unit; a line that is no 单位 line (Xi'an 民政 p43's 芋丛， 区).
    expect(snapMisreadUnit("单位名称：重庆市气象局", 1)).toBeNull();
    expect(snapMisreadUnit("预算单位：西安市应急管理局", 1)).toBeNull();
    expect(snapMisreadUnit("芋丛， 区", 1)).toBeNull();
  });
});

describe("labels", () => {
  it("folds radical code points and full-width forms, keeps Chinese punctuation", () => {
    expect(foldText("⼀般公共预算财政拨款收⼊")).toBe("一般公共预算财政拨款收入");
    expect(foldText("部⻔")).toBe("部门");
    expect(foldText("⻘⼭")).toBe("青山");
    expect(foldText("维修（护）费：ＡＢ１")).toBe("维修（护）费：AB1");
  });

  it("removes spaces inside words", () => {
    expect(cleanLabel("项 目\n名 称")).toBe("项目名称");
  });
});
