/**
 * Reading the 情况说明 prose: join the pages into one string (NFKC, no
 * whitespace, page numbers dropped), split it into sections by their printed
 * headings (一、收入决算情况说明 …), and find every amount ("1,654.52万元",
 * "12,345元") with the words that name it.
 */
import type { TableKind } from "../../schemas/document.js";
import { KINDS, type KindRegistry } from "../../extractors/index.js";

export interface NarrativePage {
  page: number;
  text: string;
}

/**
 * What a section reports: a table kind's section (its short name from the
 * kind registry: gbe, basic, three …), the Shanghai budgets' overview, or other.
 */
export type Topic = string;

export interface Prose {
  text: string;
  /** Start offset of each page in text. */
  starts: Array<{ offset: number; page: number }>;
}

export interface Section {
  topic: Topic;
  /** The table kind the section reports; null for overview and other. */
  kind: TableKind | null;
  start: number;
  end: number;
  heading: string;
}

export interface Amount {
  start: number;
  end: number;
  /** In 万元. */
  value: number;
  raw: string;
  page: number;
  /** Words naming the amount: from the last clause break or previous amount up to the figure. */
  label: string;
  /** The sentence up to the figure (since the last 。 or ;). */
  sentence: string;
  /** Text after the figure up to the next amount or 。. */
  after: string;
}

const PAGE_NUMBER = /^\s*[-－—–]?\s*\d{1,3}\s*[-－—–]?\s*$/gm;

export function joinPages(pages: NarrativePage[]): Prose {
  let text = "";
  const starts: Prose["starts"] = [];
  for (const page of [...pages].sort((a, b) => a.page - b.page)) {
    starts.push({ offset: text.length, page: page.page });
    text += page.text
      .replace(PAGE_NUMBER, "")
      .normalize("NFKC")
      .replace(/[\s\u3000]+/g, "");
  }
  return { text, starts };
}

export function pageAt(prose: Prose, offset: number): number {
  let page = prose.starts[0]?.page ?? 1;
  for (const s of prose.starts) if (s.offset <= offset) page = s.page;
  return page;
}

const N = "[一二三四五六七八九十]{1,3}";
/** Shanghai budgets: one unnumbered "2025年部门预算编制说明" covering income, expenditure and the 科目 list. */
const OVERVIEW = /^\d{4}年(部门|单位)?预算编制说明/;

interface TopicRule {
  topic: Topic;
  kind: TableKind | null;
  heading: RegExp;
}

/** Section headings: the overview, then each kind's heading (from the registry) after its ordinal 一、. */
function topicRules(kinds: KindRegistry): TopicRule[] {
  const rules: TopicRule[] = [{ topic: "overview", kind: null, heading: OVERVIEW }];
  for (const e of kinds.entries) {
    if (e.narrative)
      rules.push({
        topic: e.narrative.topic,
        kind: e.id,
        heading: new RegExp(`^${N}、(?:${e.narrative.heading.source})`),
      });
  }
  return rules;
}

/** A heading: an ordinal 一、 followed, within a short run without clause breaks, by 情况/说明. */
const HEADING = new RegExp(
  `(?<![\\d一二三四五六七八九十])${N}、(?=[^。;,:]{2,30}?(情况|说明))|第[一二三四五六]部分|\\d{4}年(部门|单位)?预算编制说明`,
  "g",
);

/** Central budgets head each section "一、关于部门收支总表的说明": the table's own title names the section's kind. */
function aboutTable(rest: string, kinds: KindRegistry): TopicRule | undefined {
  const title = new RegExp(`^${N}、关于(.{2,30}?表)的说明`).exec(rest)?.[1];
  const kind = title ? kinds.recognise(title) : null;
  const entry = kind ? kinds.entries.find((e) => e.id === kind) : undefined;
  return entry?.narrative ? { topic: entry.narrative.topic, kind: entry.id, heading: /./ } : undefined;
}

export function sections(prose: Prose, kinds: KindRegistry = KINDS): Section[] {
  const rules = topicRules(kinds);
  const marks: Array<{ at: number; topic: Topic; kind: TableKind | null; heading: string }> = [];
  for (const m of prose.text.matchAll(HEADING)) {
    const rest = prose.text.slice(m.index, m.index + 40);
    const rule = rules.find((r) => r.heading.test(rest)) ?? aboutTable(rest, kinds);
    marks.push({ at: m.index, topic: rule?.topic ?? "other", kind: rule?.kind ?? null, heading: rest.slice(0, 24) });
  }
  return marks.map((mark, i) => ({
    topic: mark.topic,
    kind: mark.kind,
    start: mark.at,
    end: marks[i + 1]?.at ?? prose.text.length,
    heading: mark.heading,
  }));
}

const AMOUNT = /(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万元|元)/g;

export function amounts(prose: Prose, section: Section): Amount[] {
  const body = prose.text.slice(section.start, section.end);
  const found: Amount[] = [];
  for (const m of body.matchAll(AMOUNT)) {
    const number = Number((m[1] + (m[2] ?? "")).replace(/,/g, ""));
    const value = m[3] === "元" ? number / 10000 : number;
    const start = section.start + m.index;
    found.push({
      start,
      end: start + m[0].length,
      value,
      raw: m[0],
      page: pageAt(prose, start),
      label: "",
      sentence: "",
      after: "",
    });
  }
  found.forEach((a, i) => {
    const previousEnd = i > 0 ? found[i - 1].end : section.start;
    const head = prose.text.slice(previousEnd, a.start);
    const clause = Math.max(...[..."。;:,!?"].map((p) => head.lastIndexOf(p)));
    // Headings run straight into their first sentence once lines are joined: drop them.
    a.label = head.slice(clause + 1).replace(/^.*(情况说明|情况|表的说明)(?=.)/, "");
    const sentenceStart = Math.max(
      section.start,
      ...["。", ";"].map((p) => prose.text.lastIndexOf(p, a.start - 1) + 1),
    );
    a.sentence = prose.text.slice(sentenceStart, a.start);
    const nextStart = found[i + 1]?.start ?? section.end;
    const stop = prose.text.indexOf("。", a.end);
    a.after = prose.text.slice(a.end, Math.min(nextStart, stop < 0 ? section.end : stop));
  });
  return found;
}

/** The naming words, stripped of ordinals, years, 其中 and opening punctuation. */
export function core(label: string): string {
  let s = label;
  for (let i = 0; i < 4; i++) {
    const next = s
      .replace(/^[、,(:)]+/, "")
      .replace(/^其中/, "")
      .replace(/^(截至)?\d{4}年(度)?/, "")
      .replace(/^(\(?[一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\(\d+\)|\d+[.、](?!\d))/, "");
    if (next === s) break;
    s = next;
  }
  return s;
}

/** Decimals printed after the point. */
export function decimals(raw: string): number {
  const m = /\.(\d+)/.exec(raw);
  return m ? m[1].length : 0;
}
