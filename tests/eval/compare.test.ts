import { describe, expect, it } from "vitest";
import {
  type Fact,
  columnMatches,
  factMatches,
  normalizeLabel,
  precisionOf,
  resolveKeyFacts,
  scoreFacts,
  scoreTables,
  valueMatches,
} from "../../bench/compare.js";

const fact = (over: Partial<Fact>): Fact => ({
  table_kind: "income",
  page: 5,
  row_code: null,
  row_label: "行政运行",
  column: "本年收入合计",
  value: 962.77,
  ...over,
});

describe("row labels", () => {
  it("drops spaces and leading ordinals", () => {
    expect(normalizeLabel("一、一般公共预算财政拨款收入")).toBe("一般公共预算财政拨款收入");
    expect(normalizeLabel("（一）行政 运行")).toBe("行政运行");
    expect(normalizeLabel("(3)其他")).toBe("其他");
    expect(normalizeLabel("1.一般公共预算")).toBe("一般公共预算");
    expect(normalizeLabel("2、项目支出")).toBe("项目支出");
    expect(normalizeLabel("一、（一）工资福利支出")).toBe("工资福利支出");
  });

  it("folds full-width ASCII forms, not radicals", () => {
    expect(normalizeLabel("其他政府办公厅（室）及相关机构事务")).toBe("其他政府办公厅(室)及相关机构事务");
    expect(normalizeLabel("１．行政运行")).toBe("行政运行");
    // U+2F00 KANGXI RADICAL ONE is not 一: a radical in a label stays a difference.
    expect(normalizeLabel("\u2F00般行政管理事务")).not.toBe(normalizeLabel("一般行政管理事务"));
  });

  it("keeps what is not an ordinal", () => {
    expect(normalizeLabel("1.5倍")).toBe("1.5倍");
    expect(normalizeLabel("其中：行政运行")).toBe("其中:行政运行");
    expect(normalizeLabel("十、")).toBe("十、");
    expect(normalizeLabel(null)).toBe("");
  });
});

describe("columns", () => {
  const key = (column: string, more: Partial<Fact> = {}) => fact({ column, ...more });

  it("match the whole header path, spaces ignored", () => {
    expect(columnMatches(key("收入/决算数"), "收入/决算数")).toBe(true);
    expect(columnMatches(key("收 入/金 额"), "收入/金额")).toBe(true);
    expect(columnMatches(key("“三公”经费预算数/因公出国(境)费"), "“三公”经费预算数/因公出国（境）费")).toBe(true);
    expect(columnMatches(key("决算数/公务用车购置及运行维护费/小计"), "决算数/公务用车购置及运行维护费/小计")).toBe(
      true,
    );
  });

  it("do not match a path with more, fewer or other levels", () => {
    expect(columnMatches(key("决算数"), "收入/决算数")).toBe(false);
    expect(columnMatches(key("收入/决算数"), "合计/基本支出/收入/决算数")).toBe(false);
    expect(columnMatches(key("支出/决算数"), "收入/决算数")).toBe(false);
    expect(columnMatches(key("决算"), "决算数")).toBe(false);
    expect(columnMatches(key(""), "得分")).toBe(false);
  });

  it("drop only the banners the key declares, and only at the top", () => {
    const banner = { banners: ["财政拨款“三公”经费"] };
    expect(columnMatches(key("合计/预算数", banner), "财政拨款“三公”经费/合计/预算数")).toBe(true);
    expect(columnMatches(key("合计/预算数", banner), "合计/预算数")).toBe(true);
    expect(columnMatches(key("合计/预算数", banner), "合计/财政拨款“三公”经费/预算数")).toBe(false);
    expect(columnMatches(key("合计/预算数"), "财政拨款“三公”经费/合计/预算数")).toBe(false);
  });

  it("match fewer levels only where the key says so (partial_columns): in order, same top and leaf", () => {
    const partial = { partial_columns: true };
    expect(columnMatches(key("支出/金额", partial), "支出/支出用途/金额")).toBe(true);
    expect(columnMatches(key("", partial), "得分")).toBe(true);
    expect(columnMatches(key("金额/支出", partial), "支出/支出用途/金额")).toBe(false);
    expect(columnMatches(key("支出/金额", partial), "合计/基本支出/支出/支出用途/金额")).toBe(false);
    expect(columnMatches(key("支出/金额", partial), "支出/金额/小计")).toBe(false);
  });
});

describe("values", () => {
  it("are equal at 0.01 of the printed unit", () => {
    expect(valueMatches(962.77, 962.774)).toBe(true);
    expect(valueMatches(962.77, 962.78)).toBe(false);
    expect(valueMatches(962.77, 962.776)).toBe(false);
    // 1,097,073.43 元: one cent off, or rounded to 10 元, is another figure.
    expect(valueMatches(109.707343, 109.7073430000001, "元")).toBe(true);
    expect(valueMatches(109.707343, 109.707344, "元")).toBe(false);
    expect(valueMatches(109.707343, 109.70734, "元")).toBe(false);
    expect(valueMatches(12.34, 12.3404, "千元")).toBe(true);
    expect(valueMatches(12.34, 12.341, "千元")).toBe(false);
  });

  it("need a known printed unit", () => {
    expect(() => precisionOf("美元")).toThrow(/unknown printed unit/);
    expect(() => precisionOf(null)).toThrow(/unknown printed unit/);
    expect(precisionOf("元")).toBeCloseTo(0.000001, 12);
  });
});

describe("facts", () => {
  it("need the same kind, page, row, column and value", () => {
    const key = fact({});
    expect(factMatches(key, fact({ value: 962.774 }))).toBe(true);
    expect(factMatches(key, fact({ value: 962.776 }))).toBe(false);
    expect(factMatches(key, fact({ table_kind: "expenditure" }))).toBe(false);
    expect(factMatches(key, fact({ row_label: "一、行政运行" }))).toBe(true);
    expect(factMatches(key, fact({ row_label: "一般行政管理事务" }))).toBe(false);
    expect(factMatches(key, fact({ page: 6 }))).toBe(false);
  });

  it("match rows by code and label together", () => {
    const key = fact({ row_code: "2080101" });
    expect(factMatches(key, fact({ row_code: "2080101" }))).toBe(true);
    expect(factMatches(key, fact({ row_code: "2080101", row_label: "政运行" }))).toBe(false);
    expect(factMatches(key, fact({ row_code: "2080102" }))).toBe(false);
    expect(factMatches(key, fact({ row_code: null }))).toBe(false);
    expect(factMatches(fact({}), fact({ row_code: "503" }))).toBe(false);
  });

  it("use each output fact once and count the rest as extra", () => {
    const keys = [fact({}), fact({ row_label: "其他" })];
    const { score, missed, extra } = scoreFacts(keys, [fact({}), fact({ column: "其他" })]);
    expect(score.found).toBe(1);
    expect(missed).toEqual([keys[1]]);
    expect(score.extra).toBe(1);
    expect(extra[0].column).toBe("其他");
    expect(score.recall).toBe(0.5);
    expect(score.precision).toBe(0.5);
  });

  it("find the largest one-to-one matching, not the greedy one", () => {
    // Key A (partial 支出/决算数) could take either output; taking the first, it must give way to B.
    const a = fact({ column: "支出/决算数", partial_columns: true });
    const b = fact({ column: "支出/决算数" });
    const outputs = [fact({ column: "支出/决算数" }), fact({ column: "支出/小计/决算数" })];
    expect(scoreFacts([a, b], outputs).score.found).toBe(2);
  });
});

describe("key facts", () => {
  const table = { table_kind: "income", pages: [5, 6], unit_printed: "元", banners: ["项目"] };

  it("take unit, banners and partial columns from their table; their own fields win", () => {
    const [plain, own] = resolveKeyFacts({
      file: "x.pdf",
      tables: [table],
      facts: [fact({}), fact({ page: 6, unit_printed: "万元", partial_columns: true })],
    });
    expect(plain).toMatchObject({ unit_printed: "元", banners: ["项目"], partial_columns: false });
    expect(own).toMatchObject({ unit_printed: "万元", partial_columns: true });
  });

  it("are refused without a table on their page or without a known unit", () => {
    expect(() => resolveKeyFacts({ file: "x.pdf", tables: [table], facts: [fact({ page: 7 })] })).toThrow(
      /no key table of its kind on its page/,
    );
    const noUnit = { ...table, unit_printed: undefined };
    expect(() => resolveKeyFacts({ file: "x.pdf", tables: [noUnit], facts: [fact({})] })).toThrow(
      /set unit_printed on its table/,
    );
  });
});

describe("tables", () => {
  it("match on kind and overlapping pages, one to one", () => {
    const key = [
      { table_kind: "income", pages: [4, 5] },
      { table_kind: "expenditure", pages: [6] },
    ];
    const out = [
      { table_kind: "income", pages: [5] },
      { table_kind: "income", pages: [5] },
      { table_kind: "expenditure", pages: [7] },
    ];
    const score = scoreTables(key, out);
    expect(score.matched).toBe(1);
    expect(score.recall).toBe(0.5);
    expect(score.precision).toBeCloseTo(1 / 3);
    expect(score.missed.map((t) => t.table_kind)).toEqual(["expenditure"]);
    expect(score.by_kind.income).toEqual({ key: 1, output: 2, matched: 1 });
  });
});
