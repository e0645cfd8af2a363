/**
 * Scores an extracted Document against an answer key. The match rules are
 * as strict as the output contract (samples/golden/README.md, "How output is
 * compared"):
 * - a table matches when table_kind is the same and the pages overlap;
 * - a key fact is found when one output fact has the same table kind and
 *   page, the same row (code and normalised label), the same header path
 *   (after removing the key table's declared banners) and the same value at
 *   the printed precision (0.01 of the table's printed unit: 元, 千元, 万元);
 *   each output fact used once.
 * Output facts are every non-null Cell of every row of every table.
 */
import type { Document } from "../schemas/document.js";
import { KINDS } from "../extractors/index.js";
import { documentFacts } from "../src/output/facts.js";

export interface KeyTable {
  table_kind: string;
  title?: string;
  pages: number[];
  empty?: boolean;
  /** The unit the table prints its amounts in (单位：元 / 千元 / 万元): sets the precision of a match. */
  unit_printed?: string | null;
  /**
   * Header levels over every column of the table that the key leaves out (项目, 财政拨款“三公”经费):
   * removed from the top of an output path before it is compared. Only these, never guessed.
   */
  banners?: string[];
  /** The key names only some of the header levels of every column, on purpose (see columnMatches). */
  partial_columns?: boolean;
}

export interface Fact {
  table_kind: string;
  page: number;
  row_code: string | null;
  row_label: string | null;
  column: string;
  value: number;
  /** Printed unit of the fact's table; a key fact gets its table's (readKey / resolveKeyFacts). */
  unit_printed?: string | null;
  /** Levels to remove from the top of the other side's path (from the key table). */
  banners?: string[];
  /** This fact's column names only some header levels, on purpose (or its table says so). */
  partial_columns?: boolean;
}

export interface AnswerKey {
  file: string;
  doc_type?: string | null;
  fiscal_year?: number | null;
  org_name?: string | null;
  tables: KeyTable[];
  facts: Fact[];
}

export interface Counts {
  key: number;
  output: number;
  matched: number;
}

export interface TableScore extends Counts {
  precision: number | null;
  recall: number | null;
  by_kind: Record<string, Counts>;
  /** Key tables no output table matched, and output tables matching no key table. */
  missed: KeyTable[];
  extra: KeyTable[];
}

export interface FactScore {
  key: number;
  output: number;
  found: number;
  /** Output facts the key lacks (not used by any key fact). */
  extra: number;
  recall: number | null;
  precision: number | null;
  /** Per table kind: key facts, output facts, found. */
  by_kind: Record<string, Counts>;
}

/**
 * What the output kept as table kind `other` (issue 11's "no figure lost": a grid of figures matching no kind).
 * Reported apart, never scored: such a table is not an extra standard table, its figures not extra cells.
 */
export interface OtherScore {
  tables: number;
  facts: number;
  pages: number[][];
  /** Facts of performance tables the key lists without facts (scored by the performance goldens instead). */
  performance_facts: number;
}

export interface Score {
  tables: TableScore;
  facts: FactScore;
  other: OtherScore;
  /** Key facts not found, in key order. */
  missed: Fact[];
  /** Output facts not used, in output order. */
  extra: Fact[];
}

/** 万元 per printed unit: a figure is compared at 0.01 of the unit it is printed in. */
export const UNIT_IN_WAN: Readonly<Record<string, number>> = { 万元: 1, 千元: 0.1, 元: 0.0001 };

/** The smallest printed step, in 万元: 0.01 of the printed unit (0.000001 万元 for 元). */
export function precisionOf(unit: string | null | undefined): number {
  const perUnit = unit ? UNIT_IN_WAN[removeSpaces(unit)] : undefined;
  if (perUnit === undefined) throw new Error(`unknown printed unit ${JSON.stringify(unit)} (use 元, 千元 or 万元)`);
  return perUnit * 0.01;
}

// Leading ordinals: 一、 二. （一） (1) 1. 1、 （1）. Repeated, since labels such as "一、（一）X" occur.
const ORDINAL =
  /^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[)）][、.．]?|\d+[、．]|\d+\.(?!\d))/;

/** Removes every kind of whitespace, including the ideographic space U+3000. */
export function removeSpaces(text: string): string {
  return text.replace(/[\s\u3000]+/g, "");
}

/**
 * Full-width ASCII forms as their half-width selves (（ → (, ： → :, ２ → 2): the same printed sign in
 * another width. Only U+FF01–FF5E: radicals and other compatibility forms stay as they are, so a
 * Kangxi radical for an ideograph (the radicals sample) is still a different character.
 */
export function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/**
 * Row label as compared: no spaces, full-width forms folded, no leading ordinals; null and "" are the
 * same (the 三公 data row has no label).
 */
export function normalizeLabel(label: string | null): string {
  let text = foldWidth(removeSpaces(label ?? ""));
  for (let m = ORDINAL.exec(text); m && m[0].length < text.length; m = ORDINAL.exec(text)) {
    text = text.slice(m[0].length);
  }
  return text;
}

/** The header levels named by a column path, spaces removed and full-width forms folded; "" names none. */
export function columnLevels(column: string): string[] {
  return column
    .split("/")
    .map((level) => foldWidth(removeSpaces(level)))
    .filter((level) => level.length > 0);
}

/** An output path's levels with the key's banners removed from the top (never the last level). */
export function outputLevels(column: string, banners: readonly string[] = []): string[] {
  const levels = columnLevels(column);
  const named = new Set(banners.map((b) => foldWidth(removeSpaces(b))));
  while (levels.length > 1 && named.has(levels[0])) levels.shift();
  return levels;
}

/**
 * The header path equal, level by level, after removing the banners the key declares. Only a key
 * that says it names fewer levels (partial) may match a longer path: its levels in order, the same
 * top level and the same leaf ("支出/金额" for "支出/支出用途/金额"); a partial "" names no level.
 */
export function columnMatches(
  key: Pick<Fact, "column" | "banners" | "partial_columns">,
  outputColumn: string,
): boolean {
  const want = columnLevels(key.column);
  const have = outputLevels(outputColumn, key.banners);
  if (!key.partial_columns) return want.length === have.length && want.every((level, i) => level === have[i]);
  if (want.length === 0) return true;
  // Partial still holds the top level and the leaf: only levels in between may be left out.
  if (have[0] !== want[0] || have[have.length - 1] !== want[want.length - 1]) return false;
  let at = 0;
  for (const level of have) if (at < want.length && level === want[at]) at++;
  return at === want.length;
}

/** A classification code as compared: digits only, null and "" the same. */
function codeOf(code: string | null): string {
  return removeSpaces(code ?? "");
}

/** Same row: the same code (or both none) and the same normalised label. */
export function rowMatches(key: Fact, output: Fact): boolean {
  return (
    codeOf(key.row_code) === codeOf(output.row_code) &&
    normalizeLabel(output.row_label) === normalizeLabel(key.row_label)
  );
}

/**
 * The output value equals the key's at the printed precision: the difference is under half of
 * 0.01 of the printed unit (0.005 元 for a table in 元, 0.005 万元 for one in 万元).
 */
export function valueMatches(keyValue: number, outputValue: number, unit: string | null = "万元"): boolean {
  return Math.abs(keyValue - outputValue) < precisionOf(unit) / 2 - 1e-12;
}

export function factMatches(key: Fact, output: Fact): boolean {
  return (
    key.table_kind === output.table_kind &&
    key.page === output.page &&
    valueMatches(key.value, output.value, key.unit_printed ?? "万元") &&
    rowMatches(key, output) &&
    columnMatches(key, output.column)
  );
}

/** The output's facts (src/output/facts.ts: what facts.csv holds) with a value, in answer-key form. */
export function outputFacts(doc: Document): Fact[] {
  // Keys hold every figure as 万元 of its table's unit; a rate or score (value, not value_wan) is scaled the same way.
  const keyValue = (f: ReturnType<typeof documentFacts>[number]) =>
    f.value_wan ?? (f.value === null ? null : f.value * (UNIT_IN_WAN[f.unit_printed ?? "万元"] ?? 1));
  return documentFacts(doc)
    .filter((f) => keyValue(f) !== null)
    .map((f) => ({
      table_kind: f.table_kind,
      page: f.page,
      row_code: f.row_code,
      row_label: f.row_label,
      column: f.column,
      value: keyValue(f)!,
      unit_printed: f.unit_printed,
    }));
}

/** The output's tables and facts in answer-key form: used to compare a scanned copy with its text original. */
export function keyFromDocument(doc: Document): AnswerKey {
  return {
    file: doc.source.file,
    doc_type: doc.doc_type,
    fiscal_year: doc.fiscal_year,
    org_name: doc.org_name,
    tables: doc.tables.map((t) => ({
      table_kind: t.table_kind,
      title: t.title,
      pages: t.pages,
      empty: t.empty,
      unit_printed: t.unit_printed,
    })),
    facts: outputFacts(doc),
  };
}

/**
 * Maximum one-to-one matching (Kuhn's augmenting paths). Greedy matching
 * would undercount: a key fact could take the only output fact that another
 * key fact matches while it had a second candidate of its own.
 * candidates[k] lists the output indices key k may take, preferred first.
 * Returns, for each key index, the output index it took or -1.
 */
export function maximumMatching(candidates: number[][], outputCount: number): number[] {
  const ownerOf = new Array<number>(outputCount).fill(-1);
  const taken = new Array<number>(candidates.length).fill(-1);
  for (let k = 0; k < candidates.length; k++) {
    if (candidates[k].length === 0) continue;
    augment(k, candidates, ownerOf, taken, new Set<number>());
  }
  return taken;
}

function augment(k: number, candidates: number[][], ownerOf: number[], taken: number[], seen: Set<number>): boolean {
  // Cheap pass first: a free candidate ends the search without recursion.
  for (const o of candidates[k]) {
    if (ownerOf[o] === -1) return assign(k, o, ownerOf, taken);
  }
  for (const o of candidates[k]) {
    if (seen.has(o)) continue;
    seen.add(o);
    if (augment(ownerOf[o], candidates, ownerOf, taken, seen)) return assign(k, o, ownerOf, taken);
  }
  return false;
}

function assign(k: number, o: number, ownerOf: number[], taken: number[]): boolean {
  ownerOf[o] = k;
  taken[k] = o;
  return true;
}

/** Output indices each key fact could match. */
function factCandidates(keyFacts: Fact[], outFacts: Fact[]): number[][] {
  const byCell = new Map<string, number[]>();
  const cellOf = (f: Fact) => `${f.table_kind}|${f.page}`;
  outFacts.forEach((f, i) => {
    const list = byCell.get(cellOf(f)) ?? [];
    list.push(i);
    byCell.set(cellOf(f), list);
  });
  return keyFacts.map((key) => (byCell.get(cellOf(key)) ?? []).filter((i) => factMatches(key, outFacts[i])));
}

/** Key, output and matched counts per table kind; `taken[k]` is the output matched to key item k, or -1. */
function countsByKind(
  key: { table_kind: string }[],
  output: { table_kind: string }[],
  taken: number[],
): Record<string, Counts> {
  const byKind: Record<string, Counts> = {};
  const counts = (kind: string) => (byKind[kind] ??= { key: 0, output: 0, matched: 0 });
  key.forEach((item, k) => {
    counts(item.table_kind).key++;
    if (taken[k] >= 0) counts(item.table_kind).matched++;
  });
  output.forEach((item) => counts(item.table_kind).output++);
  return byKind;
}

export function scoreFacts(keyFacts: Fact[], outFacts: Fact[]): { score: FactScore; missed: Fact[]; extra: Fact[] } {
  const taken = maximumMatching(factCandidates(keyFacts, outFacts), outFacts.length);
  const used = new Set(taken.filter((o) => o >= 0));
  const missed = keyFacts.filter((_, k) => taken[k] < 0);
  const extra = outFacts.filter((_, o) => !used.has(o));
  const byKind = countsByKind(keyFacts, outFacts, taken);
  const found = used.size;
  const score: FactScore = {
    key: keyFacts.length,
    output: outFacts.length,
    found,
    extra: extra.length,
    recall: ratio(found, keyFacts.length),
    precision: ratio(found, outFacts.length),
    by_kind: byKind,
  };
  return { score, missed, extra };
}

function pagesOverlap(a: number[], b: number[]): boolean {
  return a.some((p) => b.includes(p));
}

export function scoreTables(keyTables: KeyTable[], outTables: KeyTable[]): TableScore {
  const candidates = keyTables.map((k) =>
    outTables.flatMap((o, i) => (o.table_kind === k.table_kind && pagesOverlap(k.pages, o.pages) ? [i] : [])),
  );
  const taken = maximumMatching(candidates, outTables.length);
  const used = new Set(taken.filter((o) => o >= 0));
  const byKind = countsByKind(keyTables, outTables, taken);
  return {
    key: keyTables.length,
    output: outTables.length,
    matched: used.size,
    precision: ratio(used.size, outTables.length),
    recall: ratio(used.size, keyTables.length),
    by_kind: byKind,
    missed: keyTables.filter((_, k) => taken[k] < 0),
    extra: outTables.filter((_, o) => !used.has(o)),
  };
}

/**
 * Key facts with what their table says about matching them: the printed unit, the banners,
 * partial columns. A fact's own field wins. Throws, naming the fact, when a fact has no table
 * (same kind, its page among the table's pages) or no known unit.
 */
export function resolveKeyFacts(key: AnswerKey): Fact[] {
  return key.facts.map((fact) => {
    const table = key.tables.find((t) => t.table_kind === fact.table_kind && t.pages.includes(fact.page));
    if (!table) throw new Error(`key fact ${describeFact(fact)}: no key table of its kind on its page`);
    const resolved: Fact = {
      ...fact,
      unit_printed: fact.unit_printed ?? table.unit_printed ?? null,
      banners: fact.banners ?? table.banners ?? [],
      partial_columns: fact.partial_columns ?? table.partial_columns ?? false,
    };
    try {
      precisionOf(resolved.unit_printed);
    } catch (err) {
      throw new Error(`key fact ${describeFact(fact)}: ${(err as Error).message}; set unit_printed on its table`);
    }
    return resolved;
  });
}

/** The kind of a ruled grid of figures that matched no table kind (kept so no figure is lost). */
export const OTHER_KIND = "other";

/**
 * Output facts the cell key does not score: those of a key table of a performance kind that the key lists
 * without facts. Its indicators (targets such as ≥68%, 365 天) are keyed by samples/golden/performance/ for
 * issue 19's indicator eval; counting them here would call every indicator an extra cell.
 */
function scoredElsewhere(key: AnswerKey): (f: Fact) => boolean {
  const performance = KINDS.performanceKinds as ReadonlySet<string>;
  const bare = key.tables.filter(
    (t) =>
      performance.has(t.table_kind) &&
      !key.facts.some((f) => f.table_kind === t.table_kind && t.pages.includes(f.page)),
  );
  return (f) => bare.some((t) => t.table_kind === f.table_kind && t.pages.includes(f.page));
}

/**
 * Scores one extracted document against its key. Output tables of kind `other` and their facts are left
 * out of both sides of the score (unless the key itself lists `other` tables) and counted in `other`; so
 * are the facts of performance tables the key lists without facts (counted in `performance_facts`).
 */
export function scoreDocument(key: AnswerKey, doc: Document): Score {
  const out = keyFromDocument(doc);
  const keyHasOther = key.tables.some((t) => t.table_kind === OTHER_KIND);
  const isOther = <T extends { table_kind: string }>(x: T) => !keyHasOther && x.table_kind === OTHER_KIND;
  const elsewhere = scoredElsewhere(key);
  const otherTables = out.tables.filter(isOther);
  const other = {
    tables: otherTables.length,
    facts: out.facts.filter(isOther).length,
    pages: otherTables.map((t) => t.pages),
    performance_facts: out.facts.filter(elsewhere).length,
  };
  const tables = scoreTables(
    key.tables,
    out.tables.filter((t) => !isOther(t)),
  );
  const { score, missed, extra } = scoreFacts(
    resolveKeyFacts(key),
    out.facts.filter((f) => !isOther(f) && !elsewhere(f)),
  );
  return { tables, facts: score, other, missed, extra };
}

/** null when there is nothing to divide by: "no figure", not 0 and not 1. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** A fact in one line, for reports: "income p5 2080101 行政运行 | 本年收入合计 = 962.77". */
export function describeFact(f: Fact): string {
  const row = [f.row_code, f.row_label].filter((x) => x !== null && x !== "").join(" ") || "(no label)";
  return `${f.table_kind} p${f.page} ${row} | ${f.column || "(no column)"} = ${f.value}`;
}
