/**
 * Snapping OCR reads to the forms' vocabulary (src/ocr/vocabulary.ts). The misreads are ones OCR made on the
 * scans (-般公共预算 is issue 17's example; 用事业基金哆补收支差额 on xian hrss 2020 p30, 基本文出 on putuo gov
 * office 2025 p14, 政府性基金拨� on xian hrss p31).
 */
import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import type { TextRun } from "../../src/pdf/model.js";
import { OCR_LOW_CONFIDENCE } from "../../src/ocr/index.js";
import { DEFAULT_OCR, ocrSettings } from "../../src/ocr/settings.js";
import {
  CLASSIFICATION_NAMES_FILE,
  classificationNames,
  editDistance,
  snapCell,
  printedYear,
  snapClassName,
  snapLabel,
  snapTerm,
  snapToVocabulary,
  widelyPrintedNames,
  type ClassificationNamesFile,
} from "../../src/ocr/vocabulary.js";

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
    // A code no sample prints and the national 类/款 list does not hold.
    expect(snapLabel("2990101", "行政运行")).toBeNull();
  });

  // Misreads of the scan corpus (samples/scans/), beside the code cell printed on the same row.
  test("the printed names of 款 and 项 codes: misreads of the corpus scans snapped", () => {
    // fuzhou medical security 2026 p13 (scan p2), jiangsu cppcc 2017 p5 (scan p1), p6 (scan p2).
    expect(snapLabel("2080505", "机关事业单位基本养老保险缴费文出")).toBe("机关事业单位基本养老保险缴费支出");
    expect(snapLabel("2010202", "般行政管理事务")).toBe("一般行政管理事务");
    expect(snapLabel("2080504", "末归口管理的行政单位离退休")).toBe("未归口管理的行政单位离退休");
    expect(snapLabel("22102", "住房改革文出")).toBe("住房改革支出");
    expect(snapLabel("30307", "医疗缴")).toBe("医疗费");
    // Two characters of nine off: the code vouches for it (labelEditShare), a header word would not be snapped.
    expect(snapLabel("208", "性会保障和就业文出")).toBe("社会保障和就业支出");
  });

  test("a read beside the wrong code is not snapped; two names equally near are not guessed between", () => {
    expect(snapLabel("2080506", "机关事业单位基本养老保险缴费文出")).toBeNull();
    expect(snapLabel("22101", "住房改革文出")).toBeNull();
    // 30213 is printed 维修(护)费 and 维修（护）费; a read with one bracket of each is one edit from both.
    expect(classificationNames("30213")).toEqual(expect.arrayContaining(["维修(护)费", "维修（护）费"]));
    expect(snapLabel("30213", "维修（护)费")).toBeNull();
    expect(snapLabel("30213", "维修（护）贵")).toBe("维修（护）费");
  });

  test("every printed name of a code is kept (2017's 医疗费 and today's 医疗费补助); cut dump lines are not", () => {
    expect(classificationNames("30307")).toEqual(expect.arrayContaining(["医疗费", "医疗费补助"]));
    expect(snapLabel("30307", "医疗费补肋")).toBe("医疗费补助");
    expect(classificationNames("30108")).not.toContain("机关事业单位基本");
  });

  test("the data file: pairs sorted by code and name, each with a sample it was seen in", () => {
    const { pairs } = JSON.parse(readFileSync(CLASSIFICATION_NAMES_FILE, "utf8")) as ClassificationNamesFile;
    const keys = pairs.map((p) => `${p.code}\t${p.name}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(pairs.map((p) => p.code)).size).toBeGreaterThan(300);
    expect(pairs.filter((p) => !/^\d{3}(\d{2}){0,2}$/.test(p.code) || p.seen.length === 0)).toEqual([]);
  });

  // schemas/classification-names.json: 20104 发展与改革事务 is printed by Xi'an 卫健委 2022 alone (p147), 30307 医疗费 by
  // Jiangsu 政协 and 检察院 2017, 2240101 行政运行 by Xi'an 安监 2019 alone (p7).
  test("a name one document prints alone is snapped to, but vouches for no code in code-mend", () => {
    expect(snapLabel("20104", "发展与改草事务")).toBe("发展与改革事务");
    expect(widelyPrintedNames("20104")).not.toContain("发展与改革事务");
    expect(widelyPrintedNames("30307")).toContain("医疗费");
    // On a scan of that document, read as a document never seen (the eval's reading), the name is not known.
    const unseen = ocrSettings({ unseenDocuments: ["xian-health-commission-2022-final-account"] });
    expect(snapLabel("20104", "发展与改草事务", unseen)).toBeNull();
  });

  test("a document never seen: its own printing of a name does not count, another document's does", () => {
    // 30307 医疗费 is printed by Jiangsu 检察院 and 政协 2017.
    const one = ocrSettings({ unseenDocuments: ["jiangsu-procuratorate-2017-dept-budget"] });
    expect(snapLabel("30307", "医疗缴", one)).toBe("医疗费");
    const both = ocrSettings({
      unseenDocuments: ["jiangsu-procuratorate-2017-dept-budget", "jiangsu-cppcc-office-2017-budget-tables"],
    });
    expect(snapLabel("30307", "医疗缴", both)).toBeNull();
    expect(snapLabel("30307", "医疗费补肋", both)).toBe("医疗费补助");
  });

  // 2080108 信息化建设 is printed by the Wuhan 人社信息中心 2023 sample (p4) and by the seed dump it was rebuilt from
  // (shared/seeds/002, line 155), and by no other document.
  test("a text dump and the sample PDF rebuilt from it are one document", () => {
    expect(classificationNames("2080108")).toContain("信息化建设");
    expect(widelyPrintedNames("2080108")).not.toContain("信息化建设");
    const unseen = ocrSettings({ unseenDocuments: ["wuhan-hrss-info-center-2023-final-account"] });
    expect(snapLabel("2080108", "信息化建没", unseen)).toBeNull();
    expect(snapLabel("2080108", "信息化建没")).toBe("信息化建设");
  });

  test("the common 项 names of the national list: 行政运行 for any 2xxxx01, 一般行政管理事务 for 2xxxx02", () => {
    // 2240101 行政运行 is printed by Xi'an 安监 2019 alone (p7), 2010202 一般行政管理事务 by Jiangsu 政协 2017 alone (p5),
    // 2130102 by none: read as documents never seen, the common names still count.
    const ws = ocrSettings({ unseenDocuments: ["xian-work-safety-2019-budget"] });
    expect(snapLabel("2240101", "行政运衍", ws)).toBe("行政运行");
    const cppcc = ocrSettings({ unseenDocuments: ["jiangsu-cppcc-office-2017-budget-tables"] });
    expect(snapLabel("2010202", "般行政管理事务", cppcc)).toBe("一般行政管理事务");
    expect(snapLabel("2130102", "般行政管理事务")).toBe("一般行政管理事务");
    // Not for a 款 or an economic code.
    expect(snapLabel("30201", "行政运衍")).toBeNull();
    expect(snapLabel("20101", "行政运衍")).toBeNull();
  });

  test("a code and its label in one cell, or a label beside its code cell", () => {
    expect(snapCell("30101基本工姿")).toBe("30101基本工资");
    expect(snapCell("208 社会保障和就亚支出")).toBe("208 社会保障和就业支出");
    expect(snapCell("卫生健康攴出", "210")).toBe("卫生健康支出");
    // Beside a code whose name is far from the read, the header words are still tried.
    expect(snapCell("基本文出", "210")).toBe("基本支出");
  });
});

describe("labels without a code", () => {
  test("after an ordinal (kept as read), a header word or class name is snapped (central letters p5, p9)", () => {
    expect(snapCell("一、一般公共预算援款收入")).toBe("一、一般公共预算拨款收入");
    expect(snapCell("（一）-般公共预算拨款")).toBe("（一）一般公共预算拨款");
    expect(snapCell("（三）国有资本经营预算抽款")).toBe("（三）国有资本经营预算拨款");
    // putuo wanli 2025 p19: the class name is corrected, the misread ordinal (十 for 七) stays as read.
    expect(snapCell("十、D生健康支出")).toBe("十、卫生健康支出");
    expect(snapCell("十、深圳市民政局")).toBeNull();
  });

  test("small print (xian health 2022 p153 at 150 dpi): a class name clearly nearest is snapped", () => {
    // Too far for the header-word limit (2 edits), but 4 of 11 off one class name and 8 or more off every other.
    expect(snapTerm("自然和资产诲二气象等支出")).toBeNull();
    // The page's title prints 2022: the classes' names of the 2019 edition.
    expect(snapCell("十八、自然和资产诲二气象等支出", null, DEFAULT_OCR, 2022)).toBe("十八、自然资源海洋气象等支出");
    expect(snapCell("十…、怒多社区支出")).toBe("十…、城乡社区支出");
    expect(snapClassName("文化用落体育与优娟支出", DEFAULT_OCR, 2022)).toBe("文化旅游体育与传媒支出");
    // With no year the 2018 name (国土海洋气象等支出, 文化体育与传媒支出) is as near as another class: left as read.
    expect(snapCell("十八、自然和资产诲二气象等支出")).toBeNull();
    expect(snapClassName("文化用落体育与优娟支出")).toBeNull();
    // 3 off 卫生健康支出 but 4 off 教育支出: not clearly nearest, left as read.
    expect(snapCell("九、忆生授态支出")).toBeNull();
    expect(snapCell("十、区她支出")).toBeNull();
    // Labels that are no class name stay as read: 其他资本性支出 is 3 off 其他支出, more than 40% of it (it is the
    // economic 款 31099's name, a term of its own: it stands as itself).
    expect(snapCell("（二）其他资本性支出")).toBe("（二）其他资本性支出");
    expect(snapCell("二、项目支出")).toBe("二、项目支出");
    // The tolerance is a setting: at 0.25 of the name the 4 edits are too many.
    expect(snapClassName("文化用落体育与优娟支出", ocrSettings({ classNameEditShare: 0.25 }), 2022)).toBeNull();
    // Without an ordinal the row is no class row: left as read.
    expect(snapCell("文化用落体育与优娟支出")).toBeNull();
  });
});

describe("class names by the page's year, with or without their 支出", () => {
  test("2017 forms print the names before the 2019 edition (Jiangsu 检察院 2017 p10: 十、文化体育与传媒支出)", () => {
    // Read right at 0.87 (under sureRead), it was snapped to the 2019 name, 2 edits away.
    expect(snapCell("十、文化体育与传媒支出")).toBe("十、文化体育与传媒支出");
    expect(snapCell("九、医疗卫生与计划生育支出", null, DEFAULT_OCR, 2017)).toBe("九、医疗卫生与计划生育支出");
    expect(snapCell("七、文化体育与传煤支出", null, DEFAULT_OCR, 2017)).toBe("七、文化体育与传媒支出");
    // A 2022 page prints the 2019 edition's name: the same read is taken as a misread of it.
    expect(snapCell("七、文化体育与传煤支出", null, DEFAULT_OCR, 2022)).toBe("七、文化旅游体育与传媒支出");
    expect(printedYear(["一、收支预算总表", "2017年部门预算"])).toBe(2017);
    expect(printedYear(["2022年部门综合预算收支总表", "单位：元"])).toBe(2022);
    expect(printedYear(["单位：万元"])).toBeNull();
  });

  test("the ordinal stays on: a whole read 2 edits from a name without its ordinal is not that name", () => {
    expect(snapCell("十、文化旅游体育与传媒支出", null, DEFAULT_OCR, 2022)).toBe("十、文化旅游体育与传媒支出");
  });

  test("Xi'an prints function classes without 支出 (安监 2019 p4: 10、卫生健康 read 10、已生健康)", () => {
    expect(snapCell("10、已生健康", null, DEFAULT_OCR, 2019)).toBe("10、卫生健康");
    // Read right, it stays as printed (not the name with 支出, 2 edits away).
    expect(snapCell("23、灾害防治及应急管理", null, DEFAULT_OCR, 2019)).toBeNull();
    expect(snapCell("10、已生健康支出", null, DEFAULT_OCR, 2019)).toBe("10、卫生健康支出");
    // 2 of 4 off 住房保障: too far.
    expect(snapCell("20、仕岑保障", null, DEFAULT_OCR, 2019)).toBeNull();
  });

  test("classes the list lacked, and an ordinal read as a three-digit number (生态环境 2022 p27, p45)", () => {
    expect(snapCell("29、倾务发行费用支出")).toBe("29、债务发行费用支出");
    expect(snapCell("十四、质务发行费用支出")).toBe("十四、债务发行费用支出");
    // 24、 read 241、: no code (a code is never followed by 、), the ordinal is mended later (ordinals.ts).
    expect(snapCell("241、冉备费")).toBe("241、预备费");
    expect(snapCell("208 社会保障和就亚支出")).toBe("208 社会保障和就业支出");
  });
});

describe("runs of a page", () => {
  const run = (text: string, x0: number, confidence: number): TextRun => ({
    text,
    x0,
    x1: x0 + 80,
    y0: 100,
    y1: 112,
    size: 12,
    confidence,
  });

  test("a snapped label keeps the read in raw and is not flagged; a label nothing is near stays flagged", () => {
    const [code, label, other] = snapToVocabulary([
      run("208", 10, 0.95),
      run("性会保障和就业文出", 100, 0.62),
      { ...run("广州市气象台文出", 200, 0.55), y0: 300, y1: 312 },
    ]);
    expect(code.text).toBe("208");
    expect(label).toMatchObject({ text: "社会保障和就业支出", raw: "性会保障和就业文出" });
    expect(label.confidence).toBeGreaterThanOrEqual(OCR_LOW_CONFIDENCE);
    expect(other).toMatchObject({ text: "广州市气象台文出", confidence: 0.55 });
    expect(other.raw).toBeUndefined();
    expect(other.confidence).toBeLessThan(OCR_LOW_CONFIDENCE);
  });

  test("the label is snapped only to the code on its own line", () => {
    const [, label] = snapToVocabulary([
      { ...run("208", 10, 0.95), y0: 140, y1: 152 },
      run("性会保障和就业文出", 100, 0.62),
    ]);
    expect(label.text).toBe("性会保障和就业文出");
  });
});

test("edit distance counts characters, not UTF-16 units", () => {
  expect(editDistance("一般公共预算", "-般公共预算")).toBe(1);
  expect(editDistance("基本支出", "项目支出")).toBe(2);
  expect(editDistance("𠀀a", "a")).toBe(1);
});
