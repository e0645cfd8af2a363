import { describe, expect, it } from "vitest";
import { normLabel, ordinalLevel } from "../../src/normalize/text.js";

/**
 * One ordinal rule serves both uses: the checks (which compare labels and nest statement lines by ordinal level)
 * and the 收支总表 extractor (which finds the income total of a stacked statement). Labels as printed, read from
 * the rendered pages.
 */
describe("one label normaliser for checks and extractors", () => {
  it.each([
    // 江苏省政协办公厅 2017 收支预算总表, p.1
    ["一、财政拨款", "财政拨款", 1],
    ["1.一般公共预算", "一般公共预算", 3],
    ["十七、国土海洋气象等支出", "国土海洋气象等支出", 1],
    // 西安市安全生产监督管理局 2019 部门综合预算收支总表, p.3
    ["1、财政拨款", "财政拨款", 3],
    ["(1)一般公共预算拨款收入", "一般公共预算拨款收入", 4],
    ["(3)国有资本经营预算拨款收入", "国有资本经营预算拨款收入", 4],
    ["29、债务发行费用支出", "债务发行费用支出", 3],
    ["本年收入合计", "本年收入合计", 0],
    ["收入总计", "收入总计", 0],
    // 广州市气象局 2026 财政拨款安排的行政经费及"三公"经费预算表, p.17
    ["其中：（一）因公出国（境）支出", "因公出国(境)支出", 0],
    ["（二）公务用车购置及运行维护支出", "公务用车购置及运行维护支出", 2],
    ["1.公务用车购置费", "公务用车购置费", 3],
    // 福州市民政局 2026 一般公共预算"三公"经费支出预算表, p.23
    ["其中：（1）公务用车购置费", "公务用车购置费", 0],
    ["（2）公务用车运行费", "公务用车运行费", 4],
  ])("%s → %s (level %d)", (printed, label, level) => {
    expect(normLabel(printed)).toBe(label);
    expect(ordinalLevel(printed)).toBe(level);
  });

  it("keeps what is not an ordinal: 其中 alone, a year, a decimal", () => {
    // 西安 2019 p.3: a part of 财政拨款 with no ordinal of its own.
    expect(normLabel("其中：专项资金列入部门预算的项目")).toBe("其中:专项资金列入部门预算的项目");
    expect(normLabel("2019年部门综合预算收支总表")).toBe("2019年部门综合预算收支总表");
    expect(normLabel("2.5倍")).toBe("2.5倍");
  });

  it("folds ⑴ and ⒈ to (1) and 1. before stripping; ① folds to a bare 1 and stays", () => {
    expect(normLabel("⑴工资福利支出")).toBe("工资福利支出");
    expect(normLabel("⒈公务接待费")).toBe("公务接待费");
    expect(normLabel("①公务接待费")).toBe("1公务接待费");
  });
});
