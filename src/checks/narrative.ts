/**
 * Narrative checks: each amount in a 情况说明 section that names a table figure
 * unambiguously is tied to that cell and compared; a percentage printed right
 * after it ("占本年支出84.9%", "完成年初预算的108.3%") is recomputed. Amounts
 * whose naming words match no rule (changes on last year, 政府采购, 机关运行经费 …)
 * are left alone: a guessed tie would be worse than none.
 */
import type { Check, CellRef, Row, Table, TableKind } from "../../schemas/document.js";
import { findColumn } from "./across.js";
import {
  columnLevels,
  comparison,
  fmt,
  labelledRow,
  normLabel,
  numericColumns,
  passOr,
  round,
  soleTerm,
  tablesOf,
  term,
  totalColumn,
  totalRow,
  type Term,
} from "./model.js";
import { grandTotalRow, sideTerm, statementSide, yearTotalOrGrand } from "./statement.js";
import {
  amounts,
  core,
  decimals,
  joinPages,
  sections,
  type Amount,
  type NarrativePage,
  type Prose,
  type Section,
} from "./narrative-text.js";
import { KINDS, type KindRegistry } from "../../extractors/index.js";
import type { NarrativeReading } from "../../extractors/registry.js";

export type { NarrativePage } from "./narrative-text.js";

/** The kinds a section's amounts may name beyond its own table, found through the registry's relations. */
interface Roles {
  /** The department's statement (收支总表), whose 收入/支出 totals 收入合计 and 本年支出 name, and its income table. */
  statement?: TableKind;
  income?: TableKind;
  /** The statement of fiscal funds (财政拨款收支总表) and its main fund table (一般公共预算支出表). */
  funds?: TableKind;
  main?: TableKind;
}

function rolesOf(kinds: KindRegistry): Roles {
  const statement = kinds.relations("statement_details")[0];
  const funds = kinds.relations("fund_statement")[0];
  return {
    statement: statement?.kind,
    income: statement?.relation.income,
    funds: funds?.kind,
    main: funds?.relation.main,
  };
}

interface Context {
  tables: Table[];
  kinds: KindRegistry;
  roles: Roles;
  prose: Prose;
  section: Section;
  amounts: Amount[];
}

const first = (tables: Table[], kind: TableKind | null | undefined) => (kind ? tablesOf(tables, kind)[0] : undefined);

/** Changes on last year and budget-versus-last-year comparisons name no table figure. */
const CHANGE = /增加|减少|增长|下降|节约|追加|增减|比上年|比\d{4}|较|上年|追减|压减|调整/;
/** Words that only say "the figure is" and take their subject from earlier in the sentence. */
const PREDICATE = /^(支出)?(决算|执行)(数)?为?$|^支出$/;
/** A budget figure quoted beside the actual one (年初预算为…); in a budget document "收入预算" is the figure itself. */
const BUDGET = /(年初|全年)预算(数)?为?$|预算(数)?为$/;

function grand(table: Table | undefined): Term | null {
  if (!table) return null;
  const row = totalRow(table);
  const column = totalColumn(table);
  return row && column ? term(table, row, column) : null;
}

function at(table: Table | undefined, row: Row | undefined, column: string | undefined): Term | null {
  return table && row && column ? term(table, row, column) : null;
}

function summaryTotals(
  tables: Table[],
  kind: TableKind | undefined,
  which: "year" | "grand",
  sides: Array<"income" | "expenditure">,
): Term[] {
  const table = first(tables, kind);
  if (!table) return [];
  return sides
    .map((side) => {
      const lines = statementSide(table, side);
      return sideTerm(table, lines, which === "year" ? yearTotalOrGrand(lines) : grandTotalRow(lines));
    })
    .filter((t): t is Term => t !== null);
}

/** Names compared without 和/的/及 and brackets ("其他社会保障就业支出" is 其他社会保障和就业支出). */
function sameName(a: string | null, b: string): boolean {
  const clean = (s: string) => normLabel(s).replace(/[和的及()（）]/g, "");
  return clean(a ?? "") === clean(b) && clean(b) !== "";
}

function uniqueRow(rows: Row[], name: string): Row | undefined {
  const hits = rows.filter((r) => sameName(r.row_label, name));
  return hits.length === 1 ? hits[0] : undefined;
}

/** 社会保障和就业支出(类)人力资源和社会保障管理事务(款)行政运行(项) → the row with that code path. */
// A name may hold its own bracket: 中医(民族)医院(项).
const NAME = String.raw`(?:[^。;:,()\d.]|\((?![类款项]\))[^()。]{1,8}\)){2,30}`;
const ITEM = new RegExp(
  String.raw`((?:[^。;:,()\d.、]|\((?![类款项]\))[^()。]{1,8}\)){2,30})\(类\)(?:(${NAME})\(款\))?(?:(${NAME})\(项\))?`,
  "g",
);

function itemRow(table: Table, names: Array<string | undefined>): Row | undefined {
  const [cls, sub, item] = names;
  if (!cls) return undefined;
  const klass = uniqueRow(
    table.rows.filter((r) => r.row_code?.length === 3),
    cls,
  );
  if (!klass || !sub) return klass;
  const kuan = uniqueRow(
    table.rows.filter((r) => r.row_code?.length === 5 && r.row_code.startsWith(klass.row_code!)),
    sub,
  );
  if (!kuan || !item) return kuan;
  return uniqueRow(
    table.rows.filter((r) => r.row_code?.length === 7 && r.row_code.startsWith(kuan.row_code!)),
    item,
  );
}

/** The last 类/款/项 path named in the section before the amount, with what follows it. */
function lastItem(ctx: Context, a: Amount): { names: Array<string | undefined>; end: number } | undefined {
  let from = ctx.section.start;
  // A sub-heading "(三)…" starts a new list of items.
  for (const m of ctx.prose.text.slice(ctx.section.start, a.start).matchAll(/\([一二三四五六七八九十]\)/g))
    from = ctx.section.start + m.index;
  const body = ctx.prose.text.slice(from, a.start);
  let found: { names: Array<string | undefined>; end: number } | undefined;
  for (const m of body.matchAll(ITEM)) found = { names: [m[1], m[2], m[3]], end: from + m.index + m[0].length };
  return found;
}

function gbeItem(ctx: Context, gbe: Table, a: Amount, words: string): Term[] {
  const item = lastItem(ctx, a);
  if (!item) return [];
  const between = ctx.prose.text.slice(item.end, a.start);
  // The item heading must govern this amount: directly ("…(项)1099.62万元") or via a predicate in the next sentence.
  const direct = item.end >= a.start - words.length - 2 && /^(支出)?$/.test(core(between));
  const governed = PREDICATE.test(words) && !/\d+[.、](?!\d)[^。]*\(类\)/.test(between);
  if (!direct && !governed) return [];
  return [at(gbe, itemRow(gbe, item.names), totalColumn(gbe))].filter((t): t is Term => t !== null);
}

function threeColumn(table: Table, field: string, block: string | undefined): string | undefined {
  const columns = numericColumns(table).filter((c) => !block || columnLevels(c).some((l) => l.includes(block)));
  const leaf = (c: string) => columnLevels(c).at(-1) ?? "";
  const pick = (ok: (c: string) => boolean) => {
    const hits = columns.filter(ok);
    return hits.length === 1 ? hits[0] : undefined;
  };
  switch (field) {
    case "因公出国":
      return pick((c) => leaf(c).includes("因公出国"));
    case "公务用车购置及运行":
      return pick((c) => /小计/.test(leaf(c)) && columnLevels(c).some((l) => l.includes("公务用车")));
    case "公务用车购置":
      return pick((c) => /购置/.test(leaf(c)) && !/运行|小计|及/.test(leaf(c)));
    case "公务用车运行":
      return pick((c) => /运行/.test(leaf(c)) && !/购置|小计/.test(leaf(c)));
    case "公务接待":
      return pick((c) => leaf(c).includes("接待"));
    default:
      return pick((c) => /合计/.test(leaf(c)) && !columnLevels(c).some((l) => l.includes("公务用车")));
  }
}

const THREE_FIELDS = ["因公出国", "公务用车购置及运行", "公务用车购置", "公务用车运行", "公务接待", "三公"];

function threeTarget(ctx: Context, a: Amount, words: string): Term[] {
  const table = first(ctx.tables, ctx.section.kind);
  if (!table || table.rows.length !== 1) return [];
  const own = THREE_FIELDS.find((f) => words.includes(f));
  let field = own;
  if (!field && PREDICATE.test(words.replace(BUDGET, ""))) {
    // "…预算为0.91万元，支出决算为0.91万元": the subject is the last field named in the sentence.
    const sentence = a.sentence;
    let best = -1;
    for (const f of THREE_FIELDS) {
      const i = sentence.lastIndexOf(f);
      if (i > best) [best, field] = [i, f];
    }
  }
  if (!field) return [];
  const blocks = numericColumns(table).some((c) => columnLevels(c).some((l) => l.includes("决算数")));
  const block = !blocks ? undefined : /预算/.test(words) && !/决算/.test(words) ? "预算数" : "决算数";
  return [at(table, table.rows[0], threeColumn(table, field, block))].filter((t): t is Term => t !== null);
}

const INCOME_WORDS: Array<[RegExp, string[]]> = [
  [/^一般公共预算(财政)?拨款收入$/, ["一般公共预算"]],
  [/^政府性基金预算(财政)?拨款收入$/, ["政府性基金"]],
  [/^国有资本经营预算(财政)?拨款收入$/, ["国有资本"]],
  [/^财政拨款收入$/, ["财政拨款"]],
  [/^上级补助收入$/, ["上级补助"]],
  [/^事业收入$/, ["事业收入"]],
  [/^(事业单位)?经营收入$/, ["经营收入"]],
  [/^附属单位上缴收入$/, ["附属单位"]],
  [/^其他收入$/, ["其他收入"]],
];

function incomeTarget(ctx: Context, words: string, kind = ctx.section.kind): Term[] {
  if (/^收入(合计|预算|总计)?$/.test(words)) return summaryTotals(ctx.tables, ctx.roles.statement, "year", ["income"]);
  const table = first(ctx.tables, kind);
  const rule = INCOME_WORDS.find(([re]) => re.test(words));
  if (!table || !rule) return [];
  return [at(table, totalRow(table), findColumn(table, rule[1], ["结转", "结余"]))].filter(
    (t): t is Term => t !== null,
  );
}

function expenditureTarget(ctx: Context, words: string): Term[] {
  if (/^支出(合计|预算|总计)?$/.test(words))
    return summaryTotals(ctx.tables, ctx.roles.statement, "year", ["expenditure"]);
  const table = first(ctx.tables, ctx.section.kind);
  if (!table || !/^(基本支出|项目支出|上缴上级支出|(事业单位)?经营支出|对附属单位补助支出)$/.test(words)) return [];
  return [at(table, totalRow(table), findColumn(table, [words.replace(/^事业单位/, "")]))].filter(
    (t): t is Term => t !== null,
  );
}

function fiscalTarget(ctx: Context, words: string): Term[] {
  const total = statementTotal(ctx, words, ctx.section.kind);
  if (total) return total;
  const table = first(ctx.tables, ctx.section.kind);
  if (!table) return [];
  if (/^一般公共预算(财政)?拨款(本年)?收入$/.test(words)) {
    const income = statementSide(table, "income");
    return [
      sideTerm(
        table,
        income,
        income.rows.find((r) => normLabel(r.row_label).includes("一般公共预算")),
      ),
    ].filter((t): t is Term => t !== null);
  }
  if (/支出$/.test(words)) {
    const expenditure = statementSide(table, "expenditure");
    return [sideTerm(table, expenditure, uniqueRow(expenditure.rows, words))].filter((t): t is Term => t !== null);
  }
  return [];
}

function gbeTarget(ctx: Context, a: Amount, words: string): Term[] {
  const gbe = first(ctx.tables, ctx.section.kind);
  if (!gbe) return [];
  if (/\((类|款|项)\)/.test(a.label) || PREDICATE.test(words)) {
    const item = gbeItem(ctx, gbe, a, words);
    if (item.length > 0 || /\((类|款|项)\)/.test(a.label)) return item;
  }
  const subject =
    /^一般公共预算(财政)?拨款(支出)?(支出决算为|本年)?$|^本年预算$/.test(words) ||
    (PREDICATE.test(words) && /一般公共预算(财政)?拨款支出/.test(a.sentence));
  if (subject) return [grand(gbe)].filter((t): t is Term => t !== null);
  if (/^(基本支出|项目支出|人员经费|公用经费)$/.test(words)) {
    return [at(gbe, totalRow(gbe), findColumn(gbe, [words]))].filter((t): t is Term => t !== null);
  }
  return [];
}

function basicTarget(ctx: Context, words: string): Term[] {
  const basic = first(ctx.tables, ctx.section.kind);
  if (!basic) return [];
  const total = totalRow(basic);
  if (/^一般公共预算(财政拨款)?基本支出$/.test(words)) {
    if (total) return [grand(basic)].filter((t): t is Term => t !== null);
    // No 合计 row: the 基本支出 column of the table the registry says this one's total is part of.
    const whole = ctx.kinds.relations("basic_of").find((r) => r.kind === basic.table_kind)?.relation.of;
    const gbe = first(ctx.tables, whole);
    return [at(gbe, gbe && totalRow(gbe), gbe && findColumn(gbe, ["基本支出"]))].filter((t): t is Term => t !== null);
  }
  if (words === "人员经费" || words === "公用经费") {
    const row = labelledRow(basic, `${words}合计`);
    if (row) return [soleTerm(basic, row)].filter((t): t is Term => t !== null);
    return [at(basic, total, findColumn(basic, [words]))].filter((t): t is Term => t !== null);
  }
  const row = uniqueRow(
    basic.rows.filter((r) => r.row_code?.length === 3),
    words,
  );
  if (!row) return [];
  const column = totalColumn(basic);
  return [(column ? term(basic, row, column) : null) ?? soleTerm(basic, row)].filter((t): t is Term => t !== null);
}

function projectTarget(ctx: Context, words: string): Term[] {
  const table = first(ctx.tables, ctx.section.kind);
  if (!table) return [];
  const total = totalRow(table);
  if (words === "项目支出") return [grand(table)].filter((t): t is Term => t !== null);
  if (/^一般公共预算(本年拨款)?$/.test(words))
    return [at(table, total, findColumn(table, ["一般公共预算"], ["结转", "结余"]))].filter(
      (t): t is Term => t !== null,
    );
  if (words === "单位资金")
    return [at(table, total, findColumn(table, ["单位资金"]))].filter((t): t is Term => t !== null);
  const row = uniqueRow(
    table.rows.filter((r) => r !== total),
    words,
  );
  return [at(table, row, totalColumn(table))].filter((t): t is Term => t !== null);
}

/** "收入预算9,101.68万元 … 财政拨款支出预算 … “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元". */
function overviewTarget(ctx: Context, words: string): Term[] {
  // "上海市普陀区人民政府办公室收入预算": the organisation's name may precede, a fund's name may not.
  const whole = (what: string) => new RegExp(`^(?!.*(拨款|财政|基金|资本)).{0,40}${what}$`).test(words);
  const { statement, funds, main, income } = ctx.roles;
  if (whole("收入预算")) return summaryTotals(ctx.tables, statement, "year", ["income"]);
  if (whole("支出预算")) return summaryTotals(ctx.tables, statement, "year", ["expenditure"]);
  if (/^财政拨款支出预算$/.test(words)) return summaryTotals(ctx.tables, funds, "year", ["expenditure"]);
  const gbe = first(ctx.tables, main);
  if (/^一般公共预算(财政)?拨款支出预算$/.test(words)) return [grand(gbe)].filter((t): t is Term => t !== null);
  const path = /^“([^”]+)”科目$/.exec(words);
  if (path && gbe)
    return [at(gbe, itemRow(gbe, path[1].split("-")), totalColumn(gbe))].filter((t): t is Term => t !== null);
  return incomeTarget(ctx, words, income);
}

/**
 * A headline total of the whole statement, on both sides: 收支总计/收支总预算, 收入支出总计, 收入总计、支出总计均为 …
 * The words may start with the organisation and the year ("上海市普陀区财政局2024年度收入支出总计").
 */
const STATEMENT_TOTAL = /(财政拨款)?(收、?支|收入支出|收入总计、?支出)总(计|预算)(均为|为)?$/;

function statementTotal(ctx: Context, words: string, kind: TableKind | null): Term[] | null {
  const m = STATEMENT_TOTAL.exec(words);
  // What precedes is the organisation and the year only: no digits but the year, no fund named.
  const before = m ? words.slice(0, m.index).replace(/\d{4}年度?/, "") : "";
  if (!m || before.length > 40 || /\d|拨款|基金|资本|预算|其中/.test(before)) return null;
  // 财政拨款收支总计 is the fund statement's, 收支总计 the department's.
  if (!kind || (m[1] !== undefined) !== (kind === ctx.roles.funds)) return null;
  return summaryTotals(ctx.tables, kind, "grand", ["income", "expenditure"]);
}

/** "国家信访局2026年一般公共预算基本支出": the organisation and the year before the naming words are dropped. */
function subjectOf(words: string): string {
  return words.replace(/^[^\d,。与比较]{3,30}?\d{4}年度?/, "");
}

/** One reader per way a section ties its amounts to its table (the kind's `narrative.read` in the registry). */
const READERS: Record<NarrativeReading, (ctx: Context, a: Amount, words: string) => Term[]> = {
  statement: (ctx, _a, words) => statementTotal(ctx, words, ctx.section.kind) ?? [],
  income: (ctx, _a, words) => incomeTarget(ctx, words),
  expenditure: (ctx, _a, words) => expenditureTarget(ctx, words),
  fund_statement: (ctx, _a, words) => fiscalTarget(ctx, words),
  function_items: gbeTarget,
  basic: (ctx, _a, words) => basicTarget(ctx, words),
  named_items: threeTarget,
  projects: (ctx, _a, words) => projectTarget(ctx, words),
};

function targets(ctx: Context, a: Amount): Term[] {
  const words = subjectOf(core(a.label));
  const read = ctx.section.kind ? ctx.kinds.entry(ctx.section.kind)?.narrative?.read : undefined;
  // Named items (三公) quote the budget beside the actual figure, each a column of the table.
  if (words === "" || CHANGE.test(words) || (BUDGET.test(words) && !/决算/.test(words) && read !== "named_items"))
    return [];
  if (ctx.section.topic === "overview") return overviewTarget(ctx, words);
  return read ? READERS[read](ctx, a, words) : [];
}

function refKey(ref: CellRef): string {
  return `${ref.table_kind}:${ref.row_code ?? normLabel(ref.row_label)}:${columnLevels(ref.column ?? "").join("/")}`;
}

function quote(ctx: Context, a: Amount): string {
  return (a.label + a.raw).slice(-40);
}

function amountCheck(ctx: Context, a: Amount, target: Term): Check {
  const difference = round(a.value - target.value, 6);
  const pass = Math.abs(difference) <= 0.005 + 1e-9;
  return comparison({
    id: `narrative:${ctx.section.topic}:${refKey(target.ref)}`,
    kind: "narrative",
    // A figure copied into the text 0.01 off is rounding-level; more is a contradiction.
    verdict: passOr(pass, Math.abs(difference) <= 0.01 + 1e-9 ? "warning" : "error"),
    tableKind: target.ref.table_kind,
    page: a.page,
    cells: [target.ref],
    expected: target.value,
    actual: round(a.value, 6),
    difference: round(difference, 4),
    message:
      `narrative p${a.page} “${quote(ctx, a)}” ${pass ? "matches" : "differs from"} ${target.ref.table_kind} ` +
      `${target.ref.row_code ?? target.ref.row_label ?? ""} [${target.ref.column}] = ${fmt(target.value)}`,
  });
}

/**
 * Whether a printed percentage agrees with numerator/denominator, each known to ±0.005 万元: the true share
 * rounded to the printed decimals, or truncated to them (9.55% printed for 9.558%).
 */
function percentCheck(
  ctx: Context,
  a: Amount,
  id: string,
  printed: string,
  num: number,
  den: number,
  cells: CellRef[],
  what: string,
): Check | null {
  if (den <= 0.005) return null;
  const p = Number(printed);
  const d = decimals(printed);
  const lo = (Math.max(num - 0.005, 0) / (den + 0.005)) * 100 - 10 ** -d;
  const hi = ((num + 0.005) / (den - 0.005)) * 100 + 0.5 * 10 ** -d;
  const computed = (num / den) * 100;
  const pass = p > lo + 1e-9 && p <= hi + 1e-9;
  return comparison({
    id,
    kind: "narrative",
    verdict: passOr(pass),
    tableKind: cells[0]?.table_kind ?? null,
    page: a.page,
    cells,
    expected: round(computed, 4),
    actual: p,
    difference: round(p - computed, 4),
    message:
      `narrative p${a.page} “${quote(ctx, a)}…${printed}%”: ${what} = ${fmt(num)} / ${fmt(den)} = ` +
      `${round(computed, 3)}%, printed ${printed}%`,
  });
}

const SHARE = /^[,]?占([^,。;%\d]{0,12}?)的?(\d+(?:\.\d+)?)%/;
const DONE = /^[,]?(?:完成|为)([^,。;%\d]{0,8}?)的?(\d+(?:\.\d+)?)%/;

function shareBase(ctx: Context, base: string, target: Term): Term | null {
  if (/^本年收入(合计)?$/.test(base))
    return summaryTotals(ctx.tables, ctx.roles.statement, "year", ["income"])[0] ?? null;
  if (/^本年支出(合计)?$/.test(base))
    return summaryTotals(ctx.tables, ctx.roles.statement, "year", ["expenditure"])[0] ?? null;
  if (base !== "") return null;
  // 占 with no named base: the share of the table's own total (合计 row, total column).
  const table = ctx.tables.find((t) => t.table_kind === target.ref.table_kind);
  const total = grand(table);
  return total && refKey(total.ref) !== refKey(target.ref) ? total : null;
}

function percentChecks(ctx: Context, a: Amount, tied: Term | undefined, index: number): Check[] {
  const share = SHARE.exec(a.after);
  if (share && tied) {
    const base = shareBase(ctx, share[1], tied);
    const check =
      base &&
      percentCheck(
        ctx,
        a,
        `narrative:${ctx.section.topic}:share:${refKey(tied.ref)}`,
        share[2],
        tied.value,
        base.value,
        [tied.ref, base.ref],
        `share of ${base.ref.row_label ?? "total"}`,
      );
    return check ? [check] : [];
  }
  const done = DONE.exec(a.after);
  if (!done || !/预算/.test(done[1])) return [];
  // "年初预算为X万元，支出决算为Y万元，完成年初预算的P%": X is the budget amount earlier in the same sentence.
  const budget = ctx.amounts
    .slice(0, index)
    .reverse()
    .find((b) => b.start >= a.start - a.sentence.length && BUDGET.test(b.label) && !/决算/.test(core(b.label)));
  if (!budget) return [];
  const key = tied ? refKey(tied.ref) : `p${a.page}:${a.raw}`;
  const check = percentCheck(
    ctx,
    a,
    `narrative:${ctx.section.topic}:execution:${key}`,
    done[2],
    a.value,
    budget.value,
    tied ? [tied.ref] : [],
    "execution rate 决算/预算",
  );
  return check ? [check] : [];
}

/** Table pages hold no prose: leave them out. */
function prosePages(tables: Table[], pages: NarrativePage[]): NarrativePage[] {
  const tablePages = new Set(tables.flatMap((t) => t.pages));
  return pages.filter((p) => !tablePages.has(p.page));
}

export function narrativeChecks(tables: Table[], pages: NarrativePage[], kinds: KindRegistry = KINDS): Check[] {
  const prose = joinPages(prosePages(tables, pages));
  const roles = rolesOf(kinds);
  const checks: Check[] = [];
  for (const section of sections(prose, kinds)) {
    if (section.topic === "other") continue;
    const found = amounts(prose, section);
    const ctx: Context = { tables, kinds, roles, prose, section, amounts: found };
    found.forEach((a, i) => {
      const tied = targets(ctx, a);
      for (const t of tied) checks.push(amountCheck(ctx, a, t));
      checks.push(...percentChecks(ctx, a, tied[0], i));
    });
  }
  return checks;
}
