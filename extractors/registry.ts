/**
 * The table-kind registry: one entry per kind says how the kind is recognised
 * (title patterns, typical titles for OCR, header signature), how it is read
 * (its extractor) and which identities are checked on it. Everything else that
 * depends on the set of kinds (precedence, the OCR title list, the performance
 * and amount kind sets, the checks' kind lists, the narrative's section names)
 * is derived from the entries: adding a kind is one entry plus its tests.
 */
import type { TableKind } from "../schemas/document.js";
import type { TableExtractor, TablePart } from "./types.js";

/** How a kind's content is laid out; decides stitching and which checks read it. */
export type KindFamily =
  /** Income and expenditure side by side or stacked (收支总表). */
  | "statement"
  /** Rows coded by function (2xx) or economic (3xx) class, values by column path. */
  | "coded"
  /** Named amounts in columns, no classification codes (“三公”经费). */
  | "items"
  /** One row per project (项目支出情况表). */
  | "project_list"
  /** Indicators, scores and rates rather than amounts by code (绩效目标表, 绩效自评表). */
  | "performance"
  /** A ruled grid of figures that matches no kind. */
  | "grid";

/**
 * Identities checked on tables of the kind. src/checks maps each name to its
 * checks; most are within one table, "fiscal_part" relates tables (and the
 * entry's `relations` name the other kinds a table is checked against).
 */
export type Identity =
  /** A 合计/小计 column equals the sum of its sub-columns. */
  | "columns"
  /** 类 = Σ 款, 款 = Σ 项, 合计 row = Σ 类. */
  | "hierarchy"
  /** Economic class totals: 301 = Σ 30101…, 合计 = 301 + 302 + … */
  | "economic_totals"
  /** Both sides of a statement: totals, 结转, 总计 = 合计 + … */
  | "statement"
  /** Scores, weights and execution rates of a performance table. */
  | "performance"
  /**
   * Across tables: the table's 合计 is one fund's share of the 财政拨款收支总表's 本年支出 (一般公共预算,
   * 政府性基金, 国有资本经营); a one-column statement is checked against the sum of every such table.
   */
  | "fiscal_part";

/**
 * An identity relating a table of the kind to tables of other kinds, named by
 * id: src/checks/across.ts checks each declared relation (the first table of
 * each kind), src/checks/narrative.ts finds the statements the 情况说明 quotes
 * through them. Declared on the entry whose table is the part or the statement.
 */
export type Relation =
  /**
   * The department's statement (收支总表): 本年收入合计 = the `income` table's 合计, 本年支出合计 and each 类
   * line = the `expenditure` table's, each income line = the income table's source column and the `funds`
   * statement's line; its 收入/支出 totals are what the narrative's 收入合计/本年支出 name.
   */
  | { identity: "statement_details"; income: TableKind; expenditure: TableKind; funds: TableKind }
  /**
   * The statement of fiscal funds (财政拨款收支总表): its 一般公共预算 column (or, with one column, its whole
   * 本年支出) and each 类 line = the `main` fund table, or the sum of every "fiscal_part" table.
   */
  | { identity: "fund_statement"; main: TableKind }
  /** The table's 合计 (or 人员经费 + 公用经费) = the other table's 合计 row, 基本支出 (人员经费, 公用经费) column. */
  | { identity: "basic_of"; of: TableKind }
  /** The 合计 row = the other table's 合计 row, column by column (分单位 = 分功能科目). */
  | { identity: "by_unit_of"; of: TableKind }
  /**
   * The table's 合计 in the column naming `column` (not 结转/结余; its total column when absent) = the other
   * table's 合计 row in the column naming `ofColumn`.
   */
  | { identity: "total_in"; column?: string; of: TableKind; ofColumn: string }
  /** Two tables of the kind (三公, 三公 with 机关运行经费) print the same figures. */
  | { identity: "twins" };

/**
 * How the 情况说明 section of a kind ties its amounts to cells (src/checks/narrative.ts has one reader each):
 * the statement's headline totals, the income table's sources, the expenditure table's columns, the fund
 * statement's lines, the function items (类/款/项) of a table by function code, the basic table's economic
 * classes, named items in one row (三公), a project list's projects.
 */
export type NarrativeReading =
  | "statement"
  | "income"
  | "expenditure"
  | "fund_statement"
  | "function_items"
  | "basic"
  | "named_items"
  | "projects";

export interface KindEntry {
  id: TableKind;
  family: KindFamily;
  /** What the kind is, in a line (docs and error messages). */
  description: string;
  /**
   * Patterns naming the words that define the kind, tested on the cleaned title
   * (spaces removed, NFKC). Titles vary by region, year and document type.
   */
  titles: RegExp[];
  /** Titles that match `titles` but belong to another, more specific kind or to no standard table. */
  excludes?: RegExp[];
  /** Typically printed titles: what an OCR'd title, which may have a character in six wrong, is compared with. */
  typicalTitles?: string[];
  /**
   * Header signature: words the column header prints, each pattern matching
   * some column path. Data for telling kinds apart when the title does not.
   */
  header?: RegExp[];
  /** Which classification codes head the rows, where the kind is told by them (2xx function, 3xx economic). */
  rowCodes?: "function" | "economic";
  /** The kind a table titled like this one is when its rows carry the other class of codes (基本支出 by function). */
  otherCodes?: TableKind;
  extractor: TableExtractor;
  /** Splits a recognised table that holds several units of the kind (projects) into one table each. */
  split?: (parts: TablePart[]) => TablePart[][];
  /** Identities checked within one table of this kind. */
  identities: Identity[];
  /** Identities relating a table of this kind to tables of other kinds. */
  relations?: Relation[];
  /** How check messages name the table (收入表, 一般公共预算支出表); the id when absent. */
  name?: string;
  /**
   * The section of the 情况说明 that reports this table: its short name (in
   * check ids: narrative:gbe:…), its heading after the ordinal (一、…) and how
   * its amounts are tied to the table's cells (none: the section is named only).
   */
  narrative?: { topic: string; heading: RegExp; read?: NarrativeReading };
}

/** A relation as declared, with the kind whose entry declares it. */
export interface DeclaredRelation<R extends Relation = Relation> {
  kind: TableKind;
  relation: R;
}

/** Titles of tables that are not standard even though they name income or expenditure, unless `unless` matches. */
export interface NotStandard {
  titles: RegExp[];
  unless: RegExp[];
}

export interface KindRegistry {
  /** In precedence order: most specific first. */
  entries: readonly KindEntry[];
  entry(kind: TableKind): KindEntry | undefined;
  /** The kind whose title patterns match (the first in precedence order), or null. */
  recognise(cleanTitle: string): TableKind | null;
  /** A table that names income or expenditure but is not standard (政府采购, 结转, 会议费/培训费 lists). */
  notStandard(cleanTitle: string): boolean;
  /** For OCR'd titles: the exact rules, else the kind of the closest typical title. */
  recogniseFuzzy(cleanTitle: string): TableKind | null;
  /**
   * For a grid of figures whose title matched no kind (OCR): the kinds whose header signature the column
   * paths carry (and whose row codes agree), told apart by the title read leniently; null when unsure.
   */
  recogniseByHeader(
    cleanTitle: string | null,
    columnPaths: string[],
    rowCodes: "function" | "economic" | null,
  ): TableKind | null;
  extractorFor(kind: TableKind): TableExtractor;
  /** Kinds whose content is indicators and scores, not amounts. */
  performanceKinds: ReadonlySet<TableKind>;
  /** Kinds whose numbers are amounts (every family but performance). */
  amountKinds: ReadonlySet<TableKind>;
  /** Whether the kind's entry lists the identity. */
  checks(kind: TableKind, identity: Identity): boolean;
  /** The kinds whose entries list the identity, in registry order. */
  kindsWith(identity: Identity): TableKind[];
  /** The relations of that identity declared by any entry, in registry order. */
  relations<I extends Relation["identity"]>(identity: I): DeclaredRelation<Extract<Relation, { identity: I }>>[];
  /** How check messages name the kind's tables. */
  nameOf(kind: TableKind): string;
}

/** Share of a typical title's characters an OCR'd title must hold, in order. */
const FUZZY_MIN_COVERAGE = 0.8;
/** Extra characters an OCR'd title may have over a typical one (a misread 表一 in front). */
const FUZZY_EXTRA_CHARS = 3;
/** How much better another kind's typical title must match than the exactly matched kind's own. */
const FUZZY_BETTER_BY = 0.05;
/** Coverage enough to choose among kinds whose header signature the table carries (the header vouches too). */
const HEADER_TITLE_COVERAGE = 0.5;

export function createRegistry(entries: readonly KindEntry[], notStandard: NotStandard): KindRegistry {
  const byId = new Map(entries.map((e) => [e.id, e]));
  if (byId.size !== entries.length) throw new Error("table-kind registry: an id is registered twice");
  const kindsOf = (keep: (e: KindEntry) => boolean) => new Set(entries.filter(keep).map((e) => e.id));
  const rank = new Map(entries.map((e, i) => [e.id, i]));
  const typical = entries.flatMap((e) => (e.typicalTitles ?? []).map((title) => ({ title, kind: e.id })));

  function isNotStandard(cleanTitle: string): boolean {
    const any = (res: RegExp[]) => res.some((re) => re.test(cleanTitle));
    return any(notStandard.titles) && !any(notStandard.unless);
  }

  function recognise(cleanTitle: string): TableKind | null {
    if (!/表/.test(cleanTitle)) return null;
    const any = (res: RegExp[] | undefined) => (res ?? []).some((re) => re.test(cleanTitle));
    if (isNotStandard(cleanTitle)) return null;
    return entries.find((e) => any(e.titles) && !any(e.excludes))?.id ?? null;
  }

  /** Each kind's best coverage by the OCR'd title, among `kinds` (all when omitted). */
  function titleScores(cleanTitle: string, kinds?: ReadonlySet<TableKind>): Map<TableKind, number> {
    // The year in front is often misread (20256年度): any run of digits and 年/年度 goes.
    const title = cleanTitle.replace(/^\d{2,6}年度?/, "");
    const scores = new Map<TableKind, number>();
    for (const t of typical) {
      if (kinds && !kinds.has(t.kind)) continue;
      if (title.length > t.title.length + FUZZY_EXTRA_CHARS) continue;
      const score = commonSubsequence(title, t.title) / t.title.length;
      if (score > (scores.get(t.kind) ?? 0)) scores.set(t.kind, score);
    }
    return scores;
  }

  function bestOf(scores: Map<TableKind, number>, min: number): TableKind | null {
    let best: TableKind | null = null,
      bestScore = 0;
    for (const [kind, score] of scores)
      if (score > bestScore) {
        best = kind;
        bestScore = score;
      }
    return bestScore >= min ? best : null;
  }

  function recogniseFuzzy(cleanTitle: string): TableKind | null {
    // A title read as a table that is not standard (政府采购支出预算表) is not a near miss of a standard one
    // (支出预算表): it stays out, as the text layer's title does.
    if (isNotStandard(cleanTitle)) return null;
    const exact = recognise(cleanTitle);
    const scores = titleScores(cleanTitle);
    const fuzzy = bestOf(scores, FUZZY_MIN_COVERAGE);
    if (!exact) return fuzzy;
    // A misread word can turn a specific title into a general one (财政拨寺支出预算表 passes as a 支出表 once
    // 财政拨款 is gone): a more specific kind (earlier in precedence) whose typical title matches clearly better wins.
    if (!fuzzy || fuzzy === exact || rank.get(fuzzy)! > rank.get(exact)!) return exact;
    return (scores.get(fuzzy) ?? 0) - (scores.get(exact) ?? 0) >= FUZZY_BETTER_BY ? fuzzy : exact;
  }

  function recogniseByHeader(
    cleanTitle: string | null,
    paths: string[],
    rowCodes: "function" | "economic" | null,
  ): TableKind | null {
    // Rows of the other class of codes are fine where the kind names its twin (refined by the caller).
    const codesAgree = (e: KindEntry) => !e.rowCodes || !rowCodes || e.rowCodes === rowCodes || Boolean(e.otherCodes);
    const candidates = entries.filter((e) => e.header?.length && matchesHeader(e, paths) && codesAgree(e));
    // A table the title says is not standard (政府采购) stays out, whatever its columns.
    if (candidates.length === 0 || (cleanTitle && isNotStandard(cleanTitle))) return null;
    if (cleanTitle) {
      const byTitle = bestOf(titleScores(cleanTitle, new Set(candidates.map((e) => e.id))), HEADER_TITLE_COVERAGE);
      if (byTitle) return byTitle;
    }
    // No title to tell them apart: the one whose signature says the most, when only one does.
    const most = Math.max(...candidates.map((e) => e.header!.length));
    const top = candidates.filter((e) => e.header!.length === most);
    return top.length === 1 ? top[0].id : null;
  }

  function extractorFor(kind: TableKind): TableExtractor {
    const entry = byId.get(kind);
    if (!entry) throw new Error(`table-kind registry: no entry for ${kind}`);
    return entry.extractor;
  }

  return {
    entries,
    entry: (kind) => byId.get(kind),
    recognise,
    notStandard: isNotStandard,
    recogniseFuzzy,
    recogniseByHeader,
    extractorFor,
    performanceKinds: kindsOf((e) => e.family === "performance"),
    amountKinds: kindsOf((e) => e.family !== "performance"),
    checks: (kind, identity) => byId.get(kind)?.identities.includes(identity) ?? false,
    kindsWith: (identity) => entries.filter((e) => e.identities.includes(identity)).map((e) => e.id),
    relations: <I extends Relation["identity"]>(identity: I) =>
      entries.flatMap((e) =>
        (e.relations ?? [])
          .filter((r): r is Extract<Relation, { identity: I }> => r.identity === identity)
          .map((relation) => ({ kind: e.id, relation })),
      ),
    nameOf: (kind) => byId.get(kind)?.name ?? kind,
  };
}

/** Length of the longest common subsequence of two strings, by characters. */
function commonSubsequence(a: string, b: string): number {
  const x = Array.from(a),
    y = Array.from(b);
  let prev = new Array(y.length + 1).fill(0);
  for (const ch of x) {
    const cur = [0];
    for (let j = 1; j <= y.length; j++) cur[j] = ch === y[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev = cur;
  }
  return prev[y.length];
}

/** Whether a table's column paths carry every word of the entry's header signature. */
export function matchesHeader(entry: KindEntry, columnPaths: string[]): boolean {
  return (entry.header ?? []).every((re) => columnPaths.some((p) => re.test(p)));
}
