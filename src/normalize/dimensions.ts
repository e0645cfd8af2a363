/**
 * The vocabulary of printed header words → canonical dimensions (issue 13;
 * the dimensions and their values are schemas/dimensions.ts). One table of
 * patterns per dimension, read against each segment of a column path
 * ("收入/决算数" is two segments). Built for the family of forms: words, not
 * positions, with the table's kind, title and the document's type as context
 * (a budget's 预算数 and a final account's 决算数 are both "the year's figure").
 * A column none of whose segments the vocabulary knows gets no dimension at
 * all and is reported as unmapped, never guessed.
 */
import type {
  CodeSystem,
  ColumnDimensions,
  Expense,
  Fund,
  Item,
  Measure,
  RowDimensions,
  Side,
} from "../../schemas/dimensions.js";
import type { TableKind } from "../../schemas/document.js";
import { cleanLabel } from "./text.js";

type Rule<T> = readonly [RegExp, T];

/** First match wins within a segment; a deeper segment overrides a shallower one. */
const MEASURE: Rule<Measure>[] = [
  [/调整预算|调整后预算/, "adjusted_budget"],
  [/得分|分值|权重|总分/, "score"],
  [/率|占比|比重|[%％]/, "rate"], // before change: 增减(%) is the change as a ratio, not an amount
  // 2026年预算数比2025年执行数: a comparison of two years is their change, not either year's figure.
  [/增减|变化|比上年增|增长额|比(\d{4}年|上年)/, "change"],
  [/实际|决算|执行数|完成数/, "actual"],
  [/指标值|目标值|预期|预计|实现值/, "target"],
  [/预算|年初/, "budget"],
];
const PRIOR: Rule<Measure>[] = [
  [/^(上年|上一年)(预算|预算数)?$|^上年预算/, "prior_year_budget"],
  [/^(上年|上一年)(决算|执行|实际)/, "prior_year_actual"],
];

const FUND: Rule<Fund>[] = [
  [/结转|结余|实户资金余额/, "carryover"],
  [/一般公共预算|公共预算拨款/, "general_budget"],
  [/政府性基金/, "gov_fund"],
  [/国有资本经营/, "state_capital"],
  [/教育收费/, "education_fees"],
  [/其他专户/, "other_special_account"],
  [/财政专户/, "special_account"],
  [/事业基金/, "business_fund"],
  [/专项资金/, "earmarked_funds"],
  [/事业单位经营收入|^经营收入/, "operating_income"],
  [/事业收入/, "business_income"],
  [/上级补助/, "superior_subsidy"],
  [/附属单位上缴/, "affiliate_turnover"],
  [/其他收入|其他资金/, "other_income"],
  [/财政拨款/, "fiscal_grant"],
  [/^单位资金$/, "unit_funds"],
];

const EXPENSE: Rule<Expense>[] = [
  [/人员经费/, "personnel"],
  [/公用经费/, "public_funds"],
  [/基本支出/, "basic"],
  [/项目支出|专项业务经费|项目金额|项目(本年度|总)?预算/, "project"],
  [/经营支出/, "operating"],
  [/对附属单位补助/, "subsidy_to_affiliates"],
  [/上缴上级/, "turnover_to_superior"],
  [/单位预留机动经费/, "reserve"],
];

/** Read only in three_public tables, on columns and on row labels. */
const ITEM: Rule<Item>[] = [
  [/因公出国/, "overseas_travel"],
  // 公务用车购置, 公务用车购置经费 (printed cut short) are the purchase, 公务用车购置及运行费 the vehicles' total.
  [/公务用车购置(经?费)?$|公务用车购置费|^购置费$/, "vehicle_purchase"],
  [/公务用车运行|^运行(维护)?费?$/, "vehicle_operation"],
  [/公务用车/, "vehicles_total"],
  [/公务接待/, "reception"],
  [/会议费/, "meeting"],
  [/培训费/, "training"],
  [/机关运行经费/, "org_operation"],
  [/三公/, "three_public_total"],
];
const OUTSIDE_THREE_PUBLIC: ReadonlySet<Item> = new Set(["meeting", "training", "org_operation"]);
/** The words of the single items: a segment naming two of them is a header run together, not an item. */
const SINGLE_ITEMS = /因公出国|公务用车购置费|公务用车运行|公务接待|会议费|培训费|机关运行经费/g;

/** The 三公 item a segment names; null when it names none or, run together, several (not guessed). */
function segmentItem(s: string): Item | null {
  if (new Set(s.match(SINGLE_ITEMS) ?? []).size > 1) return null;
  return first(ITEM, s);
}

/** Read only in two-sided statements. */
const SIDE: Rule<Side>[] = [
  // 支出功能分类科目, 支出功能分科目 (a misprint in Xi'an forms), 部门预算支出经济科目
  [/功能分类|功能分?类?科目/, "function"],
  [/经济分类|经济科目/, "economic"],
  [/^(本年)?收入|收入$/, "income"],
  [/^(本年)?支出|支出$/, "expenditure"],
];
const SINGLE_AMOUNT_KINDS: ReadonlySet<TableKind> = new Set([
  "general_budget_expenditure",
  "general_budget_expenditure_by_unit",
  "general_budget_expenditure_economic",
  "gov_fund",
  "state_capital",
  "expenditure",
]);
const ONE_FUND_KINDS: ReadonlySet<TableKind> = new Set(["gov_fund", "state_capital"]);
const TWO_SIDED: ReadonlySet<TableKind> = new Set(["income_expenditure_summary", "fiscal_grant_summary"]);
const INCOME_HEAD = /^(本年)?收入(合计|总计)?$/;
const EXPENDITURE_HEAD = /^(本年)?支出(合计|总计)?$/;

/** A statement of both sides: its kind says so, or its header opens with a 收入 block and a 支出 block (收支表). */
function twoSided(ctx: TableContext): boolean {
  if (TWO_SIDED.has(ctx.kind)) return true;
  const heads = ctx.columns.map((c) => segments(c)[0] ?? "");
  return heads.some((h) => INCOME_HEAD.test(h)) && heads.some((h) => EXPENDITURE_HEAD.test(h));
}

/** 合计, 小计, 总计, 总额, 本年支出合计, 收入总计 …: the total of what the segments above it (or the table) name. */
const TOTAL = /^(本年)?(收入|支出)?(预算)?(合计|小计|总计|总额)$/;
/**
 * Words that put a column outside the schema however the rest reads: a figure net of an adjustment
 * (扣除中央基建投资后执行数) is neither the year's total nor a part of it, and as the total it would count twice.
 */
const OUTSIDE = /扣除/;
/**
 * Segments that carry no dimension of their own but are known header words (a column of only these is mapped);
 * a row of ** under the header (Xi'an forms) is filler, not a word.
 */
const NEUTRAL =
  /^([*＊]+|金额|数额|本年|当年金额|部门预算|其中[:：]?|收入预算|支出预算|本年拨款|本年收入|本年支出|(近两年)?收支金额|小计|合计|总计)$/;
const YEAR = /^(\d{4})年(度)?/;
/** A segment that is only a year, or a year and its measure (2019年, 2026年预算数). */
const YEAR_ONLY = /^\d{4}年(度)?(预算数?|决算数?|执行数)?$/;
/** Fund names that contain 预算 (removed before the measure is read). */
const FUND_NAMES = /一般公共预算|公共预算|政府性基金预算|国有资本经营预算|部门预算/g;

export interface TableContext {
  kind: TableKind;
  title: string;
  docType: string | null;
  fiscalYear: number | null;
  /** Every column path of the table and every row label: a 合计 beside 会议费 is not the 三公 total. */
  columns: readonly string[];
  rowLabels: readonly (string | null)[];
}

export interface MappedColumn extends ColumnDimensions {
  /** False when no segment is a known header word: the column is unmapped and every dimension null. */
  known: boolean;
  /** True when a segment names the measure (a row naming a year or 增减 then cannot override it). */
  explicitMeasure: boolean;
}

/** The path's segments: split at "/" outside brackets (执行率（B/A） is one segment). */
function segments(column: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of column) {
    if (ch === "(" || ch === "（") depth++;
    if (ch === ")" || ch === "）") depth = Math.max(0, depth - 1);
    if (ch === "/" && depth === 0) [out[out.length], current] = [current, ""];
    else current += ch;
  }
  out.push(current);
  return out.map(normalise).filter((s) => s !== "");
}

function normalise(s: string): string {
  return cleanLabel(s)
    .replace(/[“”"'‘’]/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")");
}

function first<T>(rules: readonly Rule<T>[], s: string): T | null {
  for (const [re, value] of rules) if (re.test(s)) return value;
  return null;
}

/** The year's own figure in this kind of document: a budget's 预算数, a final account's 决算数. */
function yearMeasure(docType: string | null): Measure | null {
  return docType === "budget" ? "budget" : docType === "final_account" ? "actual" : null;
}

function priorMeasure(docType: string | null, named: Measure | null): Measure | null {
  if (named === "actual" || (named === null && docType === "final_account")) return "prior_year_actual";
  if (named === "budget" || (named === null && docType === "budget")) return "prior_year_budget";
  return null;
}

/** The measure a segment names (a year is compared with the document's fiscal year); null when it names none. */
function segmentMeasure(s: string, ctx: TableContext): Measure | null {
  const prior = first(PRIOR, s);
  if (prior) return prior;
  if (/^上年$|^上一年$/.test(s)) return ctx.docType === "budget" ? "prior_year_budget" : "prior_year_actual";
  // 一般公共预算 is a fund, 结转 a source: neither says the figure is a budget.
  const named = FUND[0][0].test(s) ? null : first(MEASURE, s.replace(FUND_NAMES, ""));
  const year = YEAR.exec(s);
  if (!year || ctx.fiscalYear === null) return named;
  // 2026年政府采购项目 names a year, not what the figure is.
  if (!YEAR_ONLY.test(s) && named === null) return null;
  const y = Number(year[1]);
  if (y === ctx.fiscalYear) return named ?? yearMeasure(ctx.docType);
  if (y < ctx.fiscalYear && (named === null || named === "budget" || named === "actual"))
    return priorMeasure(ctx.docType, named);
  return named;
}

/**
 * A year before the prior year (前年; 2022年 in a 2024 document): the schema's measures name the year and the one
 * before it only, so such a column is left unmapped rather than read as a second prior year.
 */
function beforePriorYear(s: string, ctx: TableContext): boolean {
  if (/^前年/.test(s)) return true;
  const year = YEAR.exec(s);
  return year !== null && ctx.fiscalYear !== null && Number(year[1]) < ctx.fiscalYear - 1;
}

function threePublicTotal(ctx: TableContext): Item {
  const words = [
    ...ctx.columns.flatMap(segments),
    ...ctx.rowLabels.filter((l): l is string => l !== null).map(normalise),
  ];
  const besides = words.some((w) => {
    const item = first(ITEM, w);
    return item !== null && OUTSIDE_THREE_PUBLIC.has(item);
  });
  return besides ? "combined_total" : "three_public_total";
}

/** The fund a table's title or kind names, for its columns that name none. */
function tableFund(ctx: TableContext): Fund | null {
  const KINDS_WITH_FUND: Partial<Record<TableKind, Fund | null>> = {
    general_budget_expenditure: "general_budget",
    general_budget_expenditure_by_unit: "general_budget",
    general_budget_expenditure_economic: "general_budget",
    gov_fund: "gov_fund",
    state_capital: "state_capital",
    three_public: "fiscal_grant",
    fiscal_grant_summary: "fiscal_grant",
    basic_expenditure_detail: null,
    basic_expenditure_by_function: null,
    project_expenditure: null,
  };
  if (!(ctx.kind in KINDS_WITH_FUND)) return null;
  const title = normalise(ctx.title);
  for (const [re, fund] of [
    [/一般公共预算/, "general_budget"],
    [/政府性基金/, "gov_fund"],
    [/国有资本/, "state_capital"],
    [/财政拨款/, "fiscal_grant"],
  ] as const) {
    if (re.test(title)) return fund;
  }
  return KINDS_WITH_FUND[ctx.kind] ?? null;
}

/** The use a table's kind names (a 基本支出 table's 合计 is basic expenditure). */
function tableExpense(kind: TableKind): Expense | null {
  if (kind === "basic_expenditure_detail" || kind === "basic_expenditure_by_function") return "basic";
  if (kind === "project_expenditure") return "project";
  return null;
}

const EMPTY: MappedColumn = {
  measure: null,
  fund: null,
  expense: null,
  item: null,
  side: null,
  known: false,
  explicitMeasure: false,
};

/** The canonical dimensions of one printed column path in its table. */
export function columnDimensions(column: string, ctx: TableContext): MappedColumn {
  const out: MappedColumn = { ...EMPTY };
  let total = false;
  let known = false;
  const sided = twoSided(ctx);
  for (const s of segments(column)) {
    const measure = segmentMeasure(s, ctx);
    const fund = first(FUND, s);
    const expense = first(EXPENSE, s);
    const item = ctx.kind === "three_public" ? segmentItem(s) : null;
    const side = sided ? first(SIDE, s) : null;
    const isTotal = TOTAL.test(s);
    const any = measure ?? fund ?? expense ?? item ?? side;
    // One unknown word in the path and the whole column is unknown: its 小计 is a total of something unnamed.
    if (
      OUTSIDE.test(s) ||
      beforePriorYear(s, ctx) ||
      (any === null && !isTotal && !NEUTRAL.test(s) && !YEAR_ONLY.test(s))
    )
      return { ...EMPTY };
    known = true;
    // The outermost measure wins: 增减变化情况/…“三公”经费预算/小计 is a change, 2018年/…预算 a prior year's budget;
    // but a rate below it (…比2025年执行数/增减(%)) is that measure as a ratio, never an amount.
    if (measure && (!out.explicitMeasure || measure === "rate")) [out.measure, out.explicitMeasure] = [measure, true];
    // An indicator's value (指标值) for an earlier year (指标值/上年, …/近两年指标值/2023年) is what was reached then;
    // only the year's own is its target.
    else if (out.measure === "target" && (measure === "prior_year_budget" || measure === "prior_year_actual")) {
      out.measure = "prior_year_actual";
    }
    if (fund) out.fund = fund;
    if (expense) out.expense = expense;
    if (item) out.item = item;
    if (side && !(out.side === "function" || out.side === "economic")) out.side = side;
    // A total names the whole of what the other segments name: it only fills the dimensions they leave empty.
    total ||= isTotal;
  }
  if (!known) return { ...EMPTY };
  return withDefaults({ ...out, known }, total, ctx);
}

function withDefaults(out: MappedColumn, total: boolean, ctx: TableContext): MappedColumn {
  const kindExpense = tableExpense(ctx.kind);
  if (total) {
    if (ctx.kind === "three_public") out.item ??= threePublicTotal(ctx);
    else if (ctx.kind === "income" || out.side === "income") out.fund ??= "total";
    else if (out.expense === null && out.item === null) {
      out.expense = kindExpense ?? "total";
      if (kindExpense && tableFund(ctx) === null) out.fund ??= "total";
    }
  }
  if (out.expense === null && kindExpense) out.expense = kindExpense;
  // An expenditure table's one amount column (金额, 预算数) is its total.
  if (
    out.expense === null &&
    out.item === null &&
    out.fund === null &&
    out.side !== "income" &&
    SINGLE_AMOUNT_KINDS.has(ctx.kind)
  ) {
    out.expense = "total";
  }
  // A summary's income side lists its funds as rows; a one-fund statement's income is that fund.
  if (out.fund === null && (out.side !== "income" || ONE_FUND_KINDS.has(ctx.kind))) out.fund = tableFund(ctx);
  if (out.measure === null) out.measure = yearMeasure(ctx.docType);
  return out;
}

/** A row whose label names a measure (2026年, 增减变化金额) holds the whole table's figures for it. */
export function rowMeasure(label: string | null, ctx: TableContext): Measure | null {
  if (label === null) return null;
  const s = normalise(label);
  if (/^增减|^变化/.test(s)) return "change";
  if (YEAR_ONLY.test(s)) return segmentMeasure(s, ctx);
  return null;
}

/** The 三公 item a row label names (tables printing items as rows), or the 三公 total for a 合计 row. */
export function rowItem(label: string | null, ctx: TableContext): Item | null {
  if (ctx.kind !== "three_public" || label === null) return null;
  const s = normalise(label).replace(/^(其中[:：]?)?(\(\d+\)|\d+[、.]|[一二三四五六七八九十]+、)?/, "");
  if (TOTAL.test(s)) return threePublicTotal(ctx);
  return segmentItem(s);
}

/** The use a row label names when it is a total of one (人员经费合计, 公用经费小计). */
export function rowExpense(label: string | null): Expense | null {
  if (label === null) return null;
  const m = /^(人员经费|公用经费)(支出)?(合计|小计)?$/.exec(normalise(label));
  return m ? first(EXPENSE, m[1]) : null;
}

/** The classification of a row code: 2xx function, 3xx/5xx economic. */
export function codeSystem(code: string | null): CodeSystem | null {
  if (code === null) return null;
  if (/^2\d{2}/.test(code)) return "function";
  if (/^[35]\d{2}/.test(code)) return "economic";
  return null;
}

/** 类/款/项 from the code's length: 3, 5, 7 digits (the economic classification likewise). */
export function rowLevel(code: string | null): number | null {
  if (codeSystem(code) === null) return null;
  return { 3: 1, 5: 2, 7: 3 }[code!.length] ?? null;
}

const TOTAL_LABEL = /^(合计|总计|小计|(本年)?(收入|支出)(合计|总计)|(收|支)出?总计)$|合计$|总计$/;

/**
 * Each row's level, role and code system within its table. A coded row with a longer code under it in the same
 * table is a subtotal; a 合计/总计 row, a row naming a measure, or a figure row with neither code nor label is the
 * total; everything else is a detail.
 */
export function rowDimensions(
  rows: readonly { row_code: string | null; row_label: string | null }[],
  ctx: TableContext,
): RowDimensions[] {
  const codes = rows.map((r) => r.row_code).filter((c): c is string => codeSystem(c) !== null);
  const out = rows.map((r, i): RowDimensions => {
    const system = codeSystem(r.row_code);
    const label = r.row_label === null ? "" : normalise(r.row_label);
    let role: RowDimensions["row_role"] = "detail";
    if (system !== null) {
      if (codes.some((c) => c !== r.row_code && c.startsWith(r.row_code!))) role = "subtotal";
    } else if (TOTAL_LABEL.test(label) || rowMeasure(r.row_label, ctx) !== null || label === "") {
      role = /^小计$/.test(label) ? "subtotal" : "total";
    } else if (codeSystem(rows[i + 1]?.row_code ?? null) !== null) {
      // An uncoded row heading coded rows (a unit's name over its 类/款/项) holds its group's sum.
      role = "subtotal";
    }
    return { row_level: rowLevel(r.row_code), row_role: role, code_system: system };
  });
  // One unit heading the whole table and no 合计 row: that unit's row is the table's total.
  const headings = out.filter(
    (d, i) => d.row_role === "subtotal" && d.code_system === null && rows[i].row_label !== "小计",
  );
  if (headings.length === 1 && !out.some((d) => d.row_role === "total")) headings[0].row_role = "total";
  return out;
}

/** Measures that are never money. */
export function isMoney(dims: ColumnDimensions, kind: TableKind, column: string): boolean {
  if (dims.measure === "rate" || dims.measure === "score" || dims.measure === "target") return false;
  if (/performance/.test(kind))
    return dims.expense !== null || dims.fund !== null || /金额|预算|执行数|资金|收支|经费|总额/.test(column);
  return true;
}

/** The unit of a figure that is not money. */
export function nonMoneyUnit(dims: ColumnDimensions, raw: string): string | null {
  const printed = /(%|％|分|人|辆|个|次|项|天|家|户|件|台|套|份|平方米)\s*$/.exec(raw.trim());
  if (printed) return printed[1] === "％" ? "%" : printed[1];
  if (dims.measure === "rate") return "%";
  if (dims.measure === "score") return "分";
  return null;
}

/** Each table's id: its kind and its 1-based order among the document's tables of that kind ("three_public-1"). */
export function tableIds(tables: readonly { table_kind: TableKind }[]): string[] {
  const seen = new Map<TableKind, number>();
  return tables.map((t) => {
    const n = (seen.get(t.table_kind) ?? 0) + 1;
    seen.set(t.table_kind, n);
    return `${t.table_kind}-${n}`;
  });
}

/** The context the vocabulary reads a table's columns in. */
export function tableContext(
  table: {
    table_kind: TableKind;
    title: string;
    columns: readonly string[];
    rows: readonly { row_label: string | null }[];
  },
  doc: { doc_type: string | null; fiscal_year: number | null },
): TableContext {
  return {
    kind: table.table_kind,
    title: table.title,
    docType: doc.doc_type,
    fiscalYear: doc.fiscal_year,
    columns: table.columns,
    rowLabels: table.rows.map((r) => r.row_label),
  };
}
