import { describe, expect, it } from "vitest";
import {
  type Fact,
  columnMatches,
  factMatches,
  normalizeLabel,
  scoreFacts,
  scoreTables,
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

  it("keeps what is not an ordinal", () => {
    expect(normalizeLabel("1.5倍")).toBe("1.5倍");
    expect(normalizeLabel("其中：行政运行")).toBe("其中：行政运行");
    expect(normalizeLabel("十、")).toBe("十、");
    expect(normalizeLabel(null)).toBe("");
  });
});

describe("columns", () => {
  it("match when every level the key names is in the output path", () => {
    expect(columnMatches("收入/决算数", "收入/决算数")).toBe(true);
    expect(columnMatches("决算数", "收入/决算数")).toBe(true);
    expect(columnMatches("决算数/公务用车购置及运行维护费/小计", "决算数/公务用车购置及运行维护费/小计")).toBe(true);
    expect(columnMatches("收 入/金 额", "收入/金额")).toBe(true);
    expect(columnMatches("", "得分")).toBe(true);
  });

  it("do not match on a missing or partial level", () => {
    expect(columnMatches("支出/决算数", "收入/决算数")).toBe(false);
    expect(columnMatches("决算数/公务用车购置及运行维护费/小计", "决算数/公务用车购置及运行维护费/公务用车购置费")).toBe(false);
    // A level is compared whole: "决算" is not the level "决算数".
    expect(columnMatches("决算", "收入/决算数")).toBe(false);
  });
});

describe("facts", () => {
  it("need the same kind, row, column and value to 0.005", () => {
    const key = fact({});
    expect(factMatches(key, fact({ value: 962.775 }))).toBe(true);
    expect(factMatches(key, fact({ value: 962.776 }))).toBe(false);
    expect(factMatches(key, fact({ table_kind: "expenditure" }))).toBe(false);
    expect(factMatches(key, fact({ row_label: "一、行政运行" }))).toBe(true);
    expect(factMatches(key, fact({ row_label: "一般行政管理事务" }))).toBe(false);
    expect(factMatches(key, fact({ page: 6 }))).toBe(true);
  });

  it("match rows by code when the key has one, whatever the label", () => {
    const key = fact({ row_code: "2080101" });
    expect(factMatches(key, fact({ row_code: "2080101", row_label: "行政运行（本级）" }))).toBe(true);
    expect(factMatches(key, fact({ row_code: "2080102" }))).toBe(false);
    expect(factMatches(key, fact({ row_code: null }))).toBe(false);
  });

  it("use each output fact once and count the rest as extra", () => {
    const keys = [fact({}), fact({ page: 6 })];
    const { score, missed, extra } = scoreFacts(keys, [fact({}), fact({ column: "其他" })]);
    expect(score.found).toBe(1);
    expect(missed).toEqual([keys[1]]);
    expect(score.extra).toBe(1);
    expect(extra[0].column).toBe("其他");
    expect(score.recall).toBe(0.5);
    expect(score.precision).toBe(0.5);
  });

  it("find the largest one-to-one matching, not the greedy one", () => {
    // Key A (column 决算数) could take either output; it prefers the one on its page,
    // which is the only one key B can take. Greedy would find 1; the fair count is 2.
    const a = fact({ column: "决算数", page: 6 });
    const b = fact({ column: "支出/决算数", page: 5 });
    const outputs = [fact({ column: "收入/决算数", page: 5 }), fact({ column: "支出/决算数", page: 6 })];
    expect(scoreFacts([a, b], outputs).score.found).toBe(2);
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
