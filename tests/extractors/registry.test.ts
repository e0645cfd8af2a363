import { describe, expect, it } from "vitest";
import { KIND_ENTRIES, KINDS, NOT_STANDARD } from "../../extractors/kinds.js";
import { createRegistry, matchesHeader, type KindEntry, type KindRegistry } from "../../extractors/registry.js";
import { codedTableExtractor } from "../../extractors/rows.js";
import { TABLE_KINDS, type Check, type Document, type Table, type TableKind } from "../../schemas/document.js";
import { runChecks } from "../../src/checks/index.js";
import { sections, joinPages } from "../../src/checks/narrative-text.js";
import { layoutPage } from "../../src/layout/page-tables.js";
import { recogniseTables } from "../../src/tables.js";
import { documentOf } from "../helpers/document.js";
import { ruledPage } from "../helpers/synthetic-page.js";

describe("the table-kind registry", () => {
  it("has exactly one entry per kind id of the output contract", () => {
    expect(KIND_ENTRIES.map((e) => e.id).sort()).toEqual([...TABLE_KINDS].sort());
  });

  it("derives the performance and amount kind sets from the entries' families", () => {
    expect([...KINDS.performanceKinds].sort()).toEqual([
      "overall_performance_self_eval",
      "overall_performance_targets",
      "project_performance_self_eval",
      "project_performance_targets",
    ]);
    expect(KINDS.amountKinds.has("income")).toBe(true);
    expect(KINDS.amountKinds.has("project_performance_targets")).toBe(false);
    expect(KINDS.checks("fiscal_grant_summary", "statement")).toBe(true);
    expect(KINDS.checks("basic_expenditure_detail", "economic_totals")).toBe(true);
    expect(KINDS.checks("income", "statement")).toBe(false);
  });

  it("refuses an id registered twice", () => {
    expect(() => createRegistry([KIND_ENTRIES[0], KIND_ENTRIES[0]], NOT_STANDARD)).toThrow(/twice/);
  });

  it("recognises the new regional kinds by title (KINDS.md)", () => {
    expect(KINDS.recognise("一般公共预算支出表(按经济分类)")).toBe("general_budget_expenditure_economic");
    expect(KINDS.recognise("2025年一般公共预算支出经济分类科目表")).toBe("general_budget_expenditure_economic");
    // Basic expenditure by economic class stays where it was.
    expect(KINDS.recognise("2025年部门一般公共预算基本支出部门预算经济分类预算表")).toBe("basic_expenditure_detail");
  });
});

/**
 * A kind no document has: 房租支出表 (rent by function code). Registering its
 * entry in a test registry is the only change; recognition (exact and for
 * OCR), extraction, stitching and the within-table checks follow from it.
 */
const RENT = "rent_expenditure" as TableKind;
const rentEntry: KindEntry = {
  id: RENT,
  family: "coded",
  description: "房租支出表: rent by function code",
  titles: [/房租支出/],
  typicalTitles: ["房租支出表"],
  header: [/租金/, /物业费/],
  extractor: codedTableExtractor,
  identities: ["columns", "hierarchy"],
  narrative: { topic: "rent", heading: /房租支出情况/ },
};
// Most specific first: without going ahead of `expenditure`, 房租支出表 would be an expenditure table.
const registry = createRegistry([rentEntry, ...KIND_ENTRIES], NOT_STANDARD);

function rentDocument(tables: Table[]): Document {
  return documentOf(tables, {
    source: { file: "rent.pdf", sha256: "0".repeat(64), pages: 2 },
    doc_type: "budget",
    fiscal_year: 2025,
  });
}

const rentPage = ruledPage({
  above: ["2025年房租支出表", "单位：元"],
  rows: [
    ["科目编码", "科目名称", "合计", "租金", "物业费"],
    ["", "合计", "300,000", "200,000", "100,000"],
    ["201", "一般公共服务支出", "300,000", "200,000", "100,000"],
    ["20101", "人大事务", "120,000", "80,000", "40,000"],
    ["20102", "政协事务", "180,000", "120,000", "50,000"],
  ],
});

describe("a made-up kind added by one registry entry", () => {
  it("is recognised by its title, exactly and leniently for OCR'd titles", () => {
    expect(KINDS.recognise("2025年房租支出表")).toBe("expenditure");
    expect(registry.recognise("2025年房租支出表")).toBe(RENT);
    expect(KINDS.recogniseFuzzy("房租文出表")).toBeNull();
    expect(registry.recogniseFuzzy("房租文出表")).toBe(RENT);
  });

  it("is extracted by its entry's extractor into typed rows", () => {
    const { tables } = recogniseTables([layoutPage(rentPage)], () => "text", { kinds: registry });
    expect(tables).toHaveLength(1);
    const [t] = tables;
    expect(t.table_kind).toBe(RENT);
    expect(t.unit_printed).toBe("元");
    expect(t.columns).toEqual(["合计", "租金", "物业费"]);
    expect(t.rows.map((r) => [r.row_code, r.row_label, r.values["合计"].value_wan])).toEqual([
      [null, "合计", 30],
      ["201", "一般公共服务支出", 30],
      ["20101", "人大事务", 12],
      ["20102", "政协事务", 18],
    ]);
    expect(matchesHeader(rentEntry, t.columns)).toBe(true);
    expect(matchesHeader(rentEntry, ["合计", "租金"])).toBe(false);
  });

  it("is checked with the identities its entry lists, a broken one reported", () => {
    const { tables } = recogniseTables([layoutPage(rentPage)], () => "text", { kinds: registry });
    const doc = rentDocument(tables);
    const checks = runChecks(doc, [], registry);
    const failed = checks.filter((c) => c.status === "fail").map((c) => [c.id, c.expected, c.actual]);
    // 20102: 合计 18 ≠ 租金 12 + 物业费 5; 201's 物业费 10 ≠ 4 + 5. Every other identity holds.
    expect(failed).toEqual([
      [`within:${RENT}:columns:20102:合计`, 17, 18],
      [`within:${RENT}:hierarchy:201:物业费`, 9, 10],
    ]);
    expect(checks.filter((c) => c.table_kind === RENT)).toHaveLength(10);
    // The real registry does not know the kind: the same table gets no checks.
    expect(runChecks(doc, []).filter((c) => c.table_kind === RENT)).toEqual([]);
  });

  it("names its section of the narrative", () => {
    const prose = joinPages([{ page: 1, text: "一、房租支出情况说明 2025年房租支出30万元。" }]);
    expect(sections(prose, registry).map((s) => [s.topic, s.kind])).toEqual([["rent", RENT]]);
    expect(sections(prose).map((s) => s.topic)).toEqual(["other"]);
  });

  it("ties its section's amounts to cells in the way its entry declares", () => {
    // The entry says its section quotes 类/款 items the way the 一般公共预算支出表's does.
    const reading = createRegistry(
      [{ ...rentEntry, narrative: { ...rentEntry.narrative!, read: "function_items" } }, ...KIND_ENTRIES],
      NOT_STANDARD,
    );
    const { tables } = recogniseTables([layoutPage(rentPage)], () => "text", { kinds: reading });
    const pages = [
      {
        page: 2,
        text: "一、房租支出情况说明\n2025年房租支出30万元。其中：一般公共服务支出(类)人大事务(款)12万元；一般公共服务支出(类)政协事务(款)19万元。",
      },
    ];
    const narrative = (kinds: typeof registry) =>
      runChecks({ ...rentDocument(tables) }, pages, kinds)
        .filter((c) => c.kind === "narrative")
        .map((c) => [c.id, c.status, c.expected, c.actual]);
    expect(narrative(reading)).toEqual([
      [`narrative:rent:${RENT}:20101:合计`, "pass", 12, 12],
      [`narrative:rent:${RENT}:20102:合计`, "fail", 18, 19],
    ]);
    // Named but not read: the section's amounts are left alone.
    expect(narrative(registry)).toEqual([]);
  });
});

/**
 * A fund table no document has (社会保险基金预算财政拨款支出表): its entry lists the cross-table identity
 * "fiscal_part", and a one-column 财政拨款收支总表 is then checked against 一般公共预算 + its 合计 with no
 * change to the checks.
 */
describe("a made-up fund kind taking part in the checks across tables", () => {
  const FUND = "social_insurance_fund" as TableKind;
  const fundEntry: KindEntry = {
    id: FUND,
    family: "coded",
    description: "社会保险基金预算财政拨款支出表",
    titles: [/社会保险基金预算.*支出/],
    extractor: codedTableExtractor,
    identities: ["columns", "fiscal_part"],
  };
  const fundRegistry = createRegistry([...KIND_ENTRIES, fundEntry], NOT_STANDARD);
  const cell = (value: number) => ({
    value_wan: value,
    raw_text: String(value),
    confidence: 1,
    extraction: "text" as const,
    flagged: false,
    box: null,
  });
  const row = (label: string, values: Record<string, number>) => ({
    page: 1,
    row_code: null,
    row_label: label,
    values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, cell(v)])),
  });
  const table = (kind: TableKind, columns: string[], rows: ReturnType<typeof row>[]) => ({
    table_kind: kind,
    title: kind,
    pages: [1],
    unit_printed: "万元",
    empty: false,
    columns,
    rows,
    extraction: "text" as const,
  });
  const tables = [
    table(
      "fiscal_grant_summary",
      ["收入/金额", "支出/金额"],
      [
        row("一般公共预算拨款收入", { "收入/金额": 100 }),
        row("社会保险基金拨款收入", { "收入/金额": 60 }),
        row("本年收入合计", { "收入/金额": 160 }),
        row("社会保障和就业支出", { "支出/金额": 160 }),
        row("本年支出合计", { "支出/金额": 160 }),
      ],
    ),
    table("general_budget_expenditure", ["合计"], [row("合计", { 合计: 100 })]),
    table(FUND, ["合计"], [row("合计", { 合计: 60 })]),
  ];
  const doc = documentOf(tables, {
    source: { file: "fund.pdf", sha256: "0".repeat(64), pages: 1 },
    doc_type: "budget",
    fiscal_year: 2025,
  });
  const fiscal = (checks: Check[]) =>
    checks
      .filter((c) => c.id.startsWith("across:fiscal_grant_summary:本年支出合计"))
      .map((c) => [c.id, c.status, c.expected, c.actual]);

  it("is summed with 一般公共预算 into the statement's 本年支出合计", () => {
    expect(fundRegistry.kindsWith("fiscal_part")).toEqual([
      "gov_fund",
      "state_capital",
      "general_budget_expenditure",
      FUND,
    ]);
    expect(fiscal(runChecks(doc, [], fundRegistry))).toEqual([
      [`across:fiscal_grant_summary:本年支出合计=general_budget_expenditure+${FUND}:合计`, "pass", 160, 160],
    ]);
    // The real registry does not know the fund: 一般公共预算 alone falls 60 short, a broken identity.
    expect(fiscal(runChecks(doc, []))).toEqual([
      ["across:fiscal_grant_summary:本年支出合计=general_budget_expenditure:合计", "fail", 100, 160],
    ]);
  });

  it("is checked against its by-unit table when a made-up 分单位 kind declares that relation", () => {
    const BY_UNIT = "social_insurance_fund_by_unit" as TableKind;
    const byUnitEntry: KindEntry = {
      id: BY_UNIT,
      family: "coded",
      description: "社会保险基金预算财政拨款支出表(分单位)",
      titles: [/社会保险基金预算.*支出.*分单位/],
      extractor: codedTableExtractor,
      identities: ["columns"],
      relations: [{ identity: "by_unit_of", of: FUND }],
    };
    const withUnits = createRegistry([byUnitEntry, ...KIND_ENTRIES, fundEntry], NOT_STANDARD);
    const columns = ["合计", "基本支出", "项目支出"];
    const unitTables = [
      table(FUND, columns, [row("合计", { 合计: 60, 基本支出: 45, 项目支出: 15 })]),
      table(BY_UNIT, columns, [row("合计", { 合计: 60, 基本支出: 44, 项目支出: 15 })]),
    ];
    const across = (kinds?: KindRegistry) =>
      runChecks({ ...doc, tables: unitTables }, [], kinds)
        .filter((c) => c.kind === "across")
        .map((c) => [c.id, c.status, c.expected, c.actual]);
    // Column by column, the 合计 rows agree but for 基本支出 (44 printed by unit, 45 by function).
    expect(across(withUnits)).toEqual([
      [`across:${BY_UNIT}:合计=${FUND}:合计`, "pass", 60, 60],
      [`across:${BY_UNIT}:合计=${FUND}:基本支出`, "fail", 45, 44],
      [`across:${BY_UNIT}:合计=${FUND}:项目支出`, "pass", 15, 15],
    ]);
    expect(withUnits.relations("by_unit_of").map((r) => [r.kind, r.relation.of])).toEqual([
      [BY_UNIT, FUND],
      ["general_budget_expenditure_by_unit", "general_budget_expenditure"],
    ]);
    expect(across(fundRegistry)).toEqual([]);
  });
});
