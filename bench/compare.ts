/**
 * Scores an extracted Document against an answer key, following
 * /work/shared/docs/answer-keys.md to the letter:
 * - a table matches when table_kind is the same and the pages overlap;
 * - a key fact is found when one output fact has the same table kind, the
 *   same row, a matching column and the same value (to 0.005 万元), each
 *   output fact used once.
 * Output facts are every non-null Cell of every row of every table.
 */
import type { Document } from "../schemas/document.js";
import { documentFacts } from "../src/output/facts.js";

export interface KeyTable {
  table_kind: string;
  title?: string;
  pages: number[];
  empty?: boolean;
}

export interface Fact {
  table_kind: string;
  page: number;
  row_code: string | null;
  row_label: string | null;
  column: string;
  value: number;
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

export interface Score {
  tables: TableScore;
  facts: FactScore;
  /** Key facts not found, in key order. */
  missed: Fact[];
  /** Output facts not used, in output order. */
  extra: Fact[];
}

/** Values equal to this many 万元 count as the same (plus float noise). */
export const VALUE_TOLERANCE = 0.005;

// Leading ordinals: 一、 二. （一） (1) 1. 1、 （1）. Repeated, since labels such as "一、（一）X" occur.
const ORDINAL = /^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[)）][、.．]?|\d+[、．]|\d+\.(?!\d))/;

/** Removes every kind of whitespace, including the ideographic space U+3000. */
export function removeSpaces(text: string): string {
  return text.replace(/[\s\u3000]+/g, "");
}

/** Row label as compared: no spaces, no leading ordinals; null and "" are the same (the 三公 data row has no label). */
export function normalizeLabel(label: string | null): string {
  let text = removeSpaces(label ?? "");
  for (let m = ORDINAL.exec(text); m && m[0].length < text.length; m = ORDINAL.exec(text)) {
    text = text.slice(m[0].length);
  }
  return text;
}

/** The header levels named by a column path, spaces removed; "" names none. */
export function columnLevels(column: string): string[] {
  return column.split("/").map(removeSpaces).filter((level) => level.length > 0);
}

/** True when every level the key names appears among the output path's levels. */
export function columnMatches(keyColumn: string, outputColumn: string): boolean {
  const outputLevels = new Set(columnLevels(outputColumn));
  return columnLevels(keyColumn).every((level) => outputLevels.has(level));
}

/** Same row: row_code decides when the key has one, otherwise the normalised label. */
export function rowMatches(key: Fact, output: Fact): boolean {
  if (key.row_code) return output.row_code !== null && removeSpaces(output.row_code) === removeSpaces(key.row_code);
  return normalizeLabel(output.row_label) === normalizeLabel(key.row_label);
}

export function valueMatches(a: number, b: number): boolean {
  return Math.abs(a - b) <= VALUE_TOLERANCE + 1e-9;
}

export function factMatches(key: Fact, output: Fact): boolean {
  return (
    key.table_kind === output.table_kind &&
    valueMatches(key.value, output.value) &&
    rowMatches(key, output) &&
    columnMatches(key.column, output.column)
  );
}

/** The output's facts (src/output/facts.ts: what facts.csv holds) with a value, in answer-key form. */
export function outputFacts(doc: Document): Fact[] {
  return documentFacts(doc)
    .filter((f): f is typeof f & { value_wan: number } => f.value_wan !== null)
    .map((f) => ({ table_kind: f.table_kind, page: f.page, row_code: f.row_code, row_label: f.row_label, column: f.column, value: f.value_wan }));
}

/** The output's tables and facts in answer-key form: used to compare a scanned copy with its text original. */
export function keyFromDocument(doc: Document): AnswerKey {
  return {
    file: doc.source.file,
    doc_type: doc.doc_type,
    fiscal_year: doc.fiscal_year,
    org_name: doc.org_name,
    tables: doc.tables.map((t) => ({ table_kind: t.table_kind, title: t.title, pages: t.pages, empty: t.empty })),
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

/** Output indices each key fact could match, same page first (a tie-break only; page is not part of the rule). */
function factCandidates(keyFacts: Fact[], outFacts: Fact[]): number[][] {
  const byKind = new Map<string, number[]>();
  outFacts.forEach((f, i) => {
    const list = byKind.get(f.table_kind) ?? [];
    list.push(i);
    byKind.set(f.table_kind, list);
  });
  return keyFacts.map((key) => {
    const matches = (byKind.get(key.table_kind) ?? []).filter((i) => factMatches(key, outFacts[i]));
    return [...matches.filter((i) => outFacts[i].page === key.page), ...matches.filter((i) => outFacts[i].page !== key.page)];
  });
}

export function scoreFacts(keyFacts: Fact[], outFacts: Fact[]): { score: FactScore; missed: Fact[]; extra: Fact[] } {
  const taken = maximumMatching(factCandidates(keyFacts, outFacts), outFacts.length);
  const used = new Set(taken.filter((o) => o >= 0));
  const missed = keyFacts.filter((_, k) => taken[k] < 0);
  const extra = outFacts.filter((_, o) => !used.has(o));
  const byKind: Record<string, Counts> = {};
  const counts = (kind: string) => (byKind[kind] ??= { key: 0, output: 0, matched: 0 });
  keyFacts.forEach((f, k) => {
    counts(f.table_kind).key++;
    if (taken[k] >= 0) counts(f.table_kind).matched++;
  });
  outFacts.forEach((f) => counts(f.table_kind).output++);
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
  const byKind: Record<string, Counts> = {};
  const counts = (kind: string) => (byKind[kind] ??= { key: 0, output: 0, matched: 0 });
  keyTables.forEach((t, k) => {
    counts(t.table_kind).key++;
    if (taken[k] >= 0) counts(t.table_kind).matched++;
  });
  outTables.forEach((t) => counts(t.table_kind).output++);
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

/** Scores one extracted document against its key. */
export function scoreDocument(key: AnswerKey, doc: Document): Score {
  const out = keyFromDocument(doc);
  const tables = scoreTables(key.tables, out.tables);
  const { score, missed, extra } = scoreFacts(key.facts, out.facts);
  return { tables, facts: score, missed, extra };
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
