/**
 * Eval of the performance tables (issue 19) against the hand-written golden files
 * samples/golden/performance/<sample>.json (format: docs in PERF-GOLDEN-FORMAT, summarised in
 * samples/golden/performance/README.md) and <sample>.projects.json (a run of one-project-per-page tables,
 * each with its name and 总分).
 *
 * A keyed table is matched to the output table of its project (by name; by kind and first page for the
 * whole-unit tables, or where names repeat); it is right when kind, pages, project, amount, annual goal and
 * total score all agree. An indicator is matched within its table by its normalised 三级指标 (in order, each
 * output indicator used once) and is right when level1, level2, target, actual, weight and score agree.
 * Indicator recall is right / keyed, precision right / emitted for the keyed tables. Strings are compared
 * after NFKC and removing whitespace.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Document, Table } from "../schemas/document.js";
import type { Indicator, Measure, Performance } from "../schemas/performance.js";

export interface GoldIndicator {
  page: number;
  level1: string | null;
  level2: string | null;
  level3: string;
  weight: number | null;
  target: string | null;
  actual: string | null;
  score: number | null;
}

export interface GoldTable {
  table_kind: string;
  pages: number[];
  project: string | null;
  amount_wan: number | null;
  annual_goal: string | null;
  total_score: number | null;
  indicators: GoldIndicator[];
}

export interface PerfGolden {
  document: string;
  pdf: string;
  complete?: boolean;
  tables: GoldTable[];
}

export interface ProjectsGolden {
  document: string;
  pdf: string;
  table_kind: string;
  projects: { page: number; project: string; total_score: number | null }[];
}

export const TABLE_FIELDS = ["kind", "pages", "project", "amount", "annual_goal", "total_score"] as const;
export const INDICATOR_FIELDS = ["level1", "level2", "target", "actual", "weight", "score"] as const;
type TableField = (typeof TABLE_FIELDS)[number];
type IndicatorField = (typeof INDICATOR_FIELDS)[number];

export interface PerfScore {
  id: string;
  tables: { keyed: number; found: number; right: number; wrong: Record<TableField, number> };
  indicators: { keyed: number; emitted: number; matched: number; right: number; wrong: Record<IndicatorField, number> };
  /** The .projects.json run: projects found on their page with their name, and with their 总分 too. */
  projects: { keyed: number; found: number; scored: number } | null;
  figures: PerfFigures;
  /** First few differences, for the report. */
  notes: string[];
}

export interface PerfFigures {
  table_recall: number | null;
  indicator_recall: number | null;
  indicator_precision: number | null;
  project_recall: number | null;
}
export const PERF_FIGURES: (keyof PerfFigures)[] = [
  "table_recall",
  "indicator_recall",
  "indicator_precision",
  "project_recall",
];

/** NFKC, no whitespace: how every string is compared. */
export function norm(s: string | null | undefined): string {
  return (s ?? "").normalize("NFKC").replace(/\s+/g, "");
}

function sameNumber(a: number | null | undefined, b: number | null | undefined, tolerance = 1e-6): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return Math.abs(a - b) <= tolerance;
}

/**
 * A target or actual as the output has it against the printed text. Where the form prints 指标性质 and 计量单位
 * in columns of their own, the output joins them ("≥7处"); a golden that keys the 指标值 cell alone ("7") is
 * the same target.
 */
export function sameMeasure(gold: string | null, m: Measure | null): boolean {
  const g = norm(gold);
  if (!m) return g === "";
  if (norm(m.text) === g) return true;
  if (m.value === null) return false;
  const bare = norm(m.text).replace(/^([<>≤≥＜＞=＝≦≧]=?)/, "");
  return bare === g || (m.unit !== null && bare.endsWith(norm(m.unit)) && bare.slice(0, -norm(m.unit).length) === g);
}

const performanceOf = (t: Table): Performance | undefined => t.performance;

/** The output table of a keyed table: same project name (nearest pages), else same kind on its first page. */
export function matchTable(gold: GoldTable, tables: Table[], used: Set<Table>): Table | null {
  const free = tables.filter((t) => performanceOf(t) && !used.has(t));
  const overlap = (t: Table) => t.pages.filter((p) => gold.pages.includes(p)).length;
  const byName = gold.project === null ? [] : free.filter((t) => norm(t.performance!.project) === norm(gold.project));
  const candidates = byName.length
    ? byName
    : free.filter((t) => t.table_kind === gold.table_kind && t.pages.includes(gold.pages[0]!));
  return (
    candidates.sort(
      (a, b) =>
        overlap(b) - overlap(a) || Math.abs(a.pages[0]! - gold.pages[0]!) - Math.abs(b.pages[0]! - gold.pages[0]!),
    )[0] ?? null
  );
}

export function tableDifferences(gold: GoldTable, t: Table): TableField[] {
  const p = t.performance!;
  const wrong: TableField[] = [];
  if (t.table_kind !== gold.table_kind) wrong.push("kind");
  if ([...t.pages].sort((a, b) => a - b).join() !== [...gold.pages].sort((a, b) => a - b).join()) wrong.push("pages");
  if (norm(p.project) !== norm(gold.project)) wrong.push("project");
  if (!sameNumber(p.amount_wan, gold.amount_wan, 0.005)) wrong.push("amount");
  if (norm(p.annual_goal) !== norm(gold.annual_goal)) wrong.push("annual_goal");
  if (!sameNumber(p.total_score, gold.total_score)) wrong.push("total_score");
  return wrong;
}

/** A level's name without its printed weight (产出指标（50分）): goldens keep it as printed, the model apart. */
function levelName(s: string | null): string {
  return norm(s).replace(/\(\d+(?:\.\d+)?分\)$/, "");
}

export function indicatorDifferences(gold: GoldIndicator, i: Indicator): IndicatorField[] {
  const wrong: IndicatorField[] = [];
  if (levelName(i.level1) !== levelName(gold.level1)) wrong.push("level1");
  if (levelName(i.level2) !== levelName(gold.level2)) wrong.push("level2");
  if (!sameMeasure(gold.target, i.target)) wrong.push("target");
  if (!sameMeasure(gold.actual, i.actual)) wrong.push("actual");
  if (!sameNumber(i.level3_weight, gold.weight)) wrong.push("weight");
  if (!sameNumber(i.score, gold.score)) wrong.push("score");
  return wrong;
}

/** Golden indicators against a table's, matched by 三级指标 in order; pairs and the unmatched golden ones. */
export function matchIndicators(
  gold: GoldIndicator[],
  out: Indicator[],
): { pairs: [GoldIndicator, Indicator][]; missed: GoldIndicator[] } {
  const used = new Set<Indicator>();
  const pairs: [GoldIndicator, Indicator][] = [];
  const missed: GoldIndicator[] = [];
  for (const g of gold) {
    const i = out.find((o) => !used.has(o) && norm(o.level3) === norm(g.level3));
    if (i) {
      used.add(i);
      pairs.push([g, i]);
    } else missed.push(g);
  }
  return { pairs, missed };
}

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

/** Scores one document's output against its golden file (and its projects list, when there is one). */
export function scorePerformance(
  id: string,
  golden: PerfGolden | null,
  projects: ProjectsGolden | null,
  doc: Document,
): PerfScore {
  const score: PerfScore = {
    id,
    tables: { keyed: 0, found: 0, right: 0, wrong: zero(TABLE_FIELDS) },
    indicators: { keyed: 0, emitted: 0, matched: 0, right: 0, wrong: zero(INDICATOR_FIELDS) },
    projects: null,
    figures: { table_recall: null, indicator_recall: null, indicator_precision: null, project_recall: null },
    notes: [],
  };
  const used = new Set<Table>();
  for (const gold of golden?.tables ?? []) scoreTable(gold, doc.tables, used, score);
  if (projects) score.projects = scoreProjects(projects, doc.tables, score.notes);
  const t = score.tables,
    i = score.indicators;
  score.figures = {
    table_recall: ratio(t.right, t.keyed),
    indicator_recall: ratio(i.right, i.keyed),
    indicator_precision: ratio(i.right, i.emitted),
    project_recall: score.projects ? ratio(score.projects.scored, score.projects.keyed) : null,
  };
  return score;
}

function scoreTable(gold: GoldTable, tables: Table[], used: Set<Table>, score: PerfScore): void {
  const label = `${gold.table_kind} p${gold.pages.join(",")}${gold.project ? ` ${gold.project}` : ""}`;
  score.tables.keyed++;
  score.indicators.keyed += gold.indicators.length;
  const t = matchTable(gold, tables, used);
  if (!t) {
    score.notes.push(`table not found: ${label}`);
    return;
  }
  used.add(t);
  score.tables.found++;
  const wrong = tableDifferences(gold, t);
  for (const f of wrong) score.tables.wrong[f]++;
  if (wrong.length === 0) score.tables.right++;
  else score.notes.push(`table ${label}: ${wrong.map((f) => `${f} ${describe(f, t)}`).join(", ")}`);
  const out = t.performance!.indicators;
  score.indicators.emitted += out.length;
  const { pairs, missed } = matchIndicators(gold.indicators, out);
  score.indicators.matched += pairs.length;
  for (const g of missed) score.notes.push(`indicator not found: ${label} / ${g.level3}`);
  for (const [g, i] of pairs) {
    const diff = indicatorDifferences(g, i);
    for (const f of diff) score.indicators.wrong[f]++;
    if (diff.length === 0) score.indicators.right++;
    else
      score.notes.push(
        `indicator ${label} / ${g.level3}: ${diff.map((f) => `${f} ${JSON.stringify(g[f])} vs ${JSON.stringify(outField(i, f))}`).join(", ")}`,
      );
  }
}

function describe(f: TableField, t: Table): string {
  const p = t.performance!;
  const v = {
    kind: t.table_kind,
    pages: t.pages.join(","),
    project: p.project,
    amount: p.amount_wan,
    annual_goal: p.annual_goal?.slice(0, 20),
    total_score: p.total_score,
  }[f];
  return `(output ${JSON.stringify(v)})`;
}

function outField(i: Indicator, f: IndicatorField): unknown {
  return {
    level1: i.level1,
    level2: i.level2,
    target: i.target?.text ?? null,
    actual: i.actual?.text ?? null,
    weight: i.level3_weight,
    score: i.score,
  }[f];
}

/**
 * Indicators of a scanned copy against its text original's (issue 17): the figures an indicator's flag covers
 * (target, actual, weight, score), compared as the goldens are. A differing indicator is accounted when the scan
 * flagged it; one the scan lost is not.
 */
export interface IndicatorParity {
  /** The text original's indicators. */
  indicators: number;
  equal: number;
  /** Differing and flagged by the scan: a doubtful reading said so. */
  flagged: number;
  /** Differing and not flagged: a silent error. */
  unflagged: number;
  /** No indicator of the scan to compare with (its table or row not found). */
  lost: number;
  /** The first few differing indicators, for the report. */
  differences: string[];
}

/** Figures of an indicator that its `confidence` and `flagged` speak for (the level names are not among them). */
const SCAN_FIELDS = ["target", "actual", "weight", "score"] as const;

/** Null when the text original has no performance table. */
export function indicatorParity(text: Document, scan: Document, limit: number): IndicatorParity | null {
  const tables = text.tables.filter((t) => t.performance);
  if (!tables.length) return null;
  const out: IndicatorParity = { indicators: 0, equal: 0, flagged: 0, unflagged: 0, lost: 0, differences: [] };
  const used = new Set<Table>();
  for (const t of tables) {
    const gold = asGold(t);
    out.indicators += gold.indicators.length;
    const s = matchTable(gold, scan.tables, used);
    if (s) used.add(s);
    for (const [g, i] of pairInOrder(gold.indicators, s?.performance?.indicators ?? [])) {
      const diff = i ? indicatorDifferences(g, i).filter((f) => (SCAN_FIELDS as readonly string[]).includes(f)) : [];
      if (i && diff.length === 0) out.equal++;
      else if (!i) out.lost++;
      else if (i.flagged) out.flagged++;
      else out.unflagged++;
      if (diff.length === 0 && i) continue;
      if (out.differences.length >= limit) continue;
      const read = i ? diff.map((f) => `${f} ${JSON.stringify(g[f])} read ${JSON.stringify(outField(i, f))}`) : [];
      const how = i ? `${i.flagged ? "flagged" : "UNFLAGGED"} ${i.confidence.toFixed(2)}` : "LOST";
      out.differences.push(`p${g.page} ${g.level3}: ${read.join(", ")} (${how})`);
    }
  }
  return out;
}

/** A text original's performance table as a golden one. */
function asGold(t: Table): GoldTable {
  const p = t.performance!;
  return {
    table_kind: t.table_kind,
    pages: t.pages,
    project: p.project,
    amount_wan: p.amount_wan,
    annual_goal: p.annual_goal,
    total_score: p.total_score,
    indicators: p.indicators.map((i) => ({
      page: i.page,
      level1: i.level1,
      level2: i.level2,
      level3: i.level3,
      weight: i.level3_weight,
      target: i.target?.text ?? null,
      actual: i.actual?.text ?? null,
      score: i.score,
    })),
  };
}

/** Pairs by 三级指标 where the scan read it alike, the rest in order (a misread name), null when none is left. */
function pairInOrder(gold: GoldIndicator[], scan: Indicator[]): [GoldIndicator, Indicator | null][] {
  const { pairs, missed } = matchIndicators(gold, scan);
  const paired = new Set(pairs.map(([, i]) => i));
  const rest = scan.filter((i) => !paired.has(i));
  return [...pairs, ...missed.map((g): [GoldIndicator, Indicator | null] => [g, rest.shift() ?? null])];
}

/** Each listed project: an output table of the kind on its page with its name; scored when its 总分 agrees too. */
function scoreProjects(list: ProjectsGolden, tables: Table[], notes: string[]): PerfScore["projects"] {
  let found = 0,
    scored = 0;
  for (const g of list.projects) {
    const t = tables.find(
      (x) =>
        x.table_kind === list.table_kind &&
        x.pages.includes(g.page) &&
        norm(x.performance?.project) === norm(g.project),
    );
    if (!t) {
      notes.push(`project not found: p${g.page} ${g.project}`);
      continue;
    }
    found++;
    if (sameNumber(t.performance!.total_score, g.total_score)) scored++;
    else notes.push(`project p${g.page} ${g.project}: 总分 ${g.total_score} vs ${t.performance!.total_score}`);
  }
  return { keyed: list.projects.length, found, scored };
}

/** A sample with performance goldens: its PDF and the files that key it. */
export interface PerfSample {
  id: string;
  pdf: string;
  golden: string | null;
  projects: string | null;
}

/** samples/golden/performance/<stem>.json and <stem>.projects.json, with their PDFs (the file's `pdf`). */
export function findPerfSamples(root: string): PerfSample[] {
  const dir = path.join(root, "samples/golden/performance");
  if (!existsSync(dir)) return [];
  const stems = new Set(
    readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.replace(/(\.projects)?\.json$/, "")),
  );
  const out: PerfSample[] = [];
  for (const stem of [...stems].sort()) {
    const file = (suffix: string) => (existsSync(path.join(dir, stem + suffix)) ? path.join(dir, stem + suffix) : null);
    const golden = file(".json"),
      projects = file(".projects.json");
    const named = JSON.parse(readFileSync((golden ?? projects)!, "utf8")) as { pdf?: string };
    const pdf = path.join(root, named.pdf ?? `samples/regions/${stem}.pdf`);
    if (!existsSync(pdf)) continue;
    out.push({ id: stem, pdf, golden, projects });
  }
  return out;
}

export function readPerfSample(s: PerfSample): { golden: PerfGolden | null; projects: ProjectsGolden | null } {
  const read = <T>(f: string | null) => (f ? (JSON.parse(readFileSync(f, "utf8")) as T) : null);
  return { golden: read<PerfGolden>(s.golden), projects: read<ProjectsGolden>(s.projects) };
}

/** The overall figures: sums over the documents. */
export function perfTotal(scores: PerfScore[]): PerfFigures {
  const sum = (f: (s: PerfScore) => number) => scores.reduce((n, s) => n + f(s), 0);
  return {
    table_recall: ratio(
      sum((s) => s.tables.right),
      sum((s) => s.tables.keyed),
    ),
    indicator_recall: ratio(
      sum((s) => s.indicators.right),
      sum((s) => s.indicators.keyed),
    ),
    indicator_precision: ratio(
      sum((s) => s.indicators.right),
      sum((s) => s.indicators.emitted),
    ),
    project_recall: ratio(
      sum((s) => s.projects?.scored ?? 0),
      sum((s) => s.projects?.keyed ?? 0),
    ),
  };
}

export function formatPerfScore(s: PerfScore, notes: number): string {
  const f = (v: number | null) => (v === null ? "-" : v.toFixed(3));
  const lines = [
    `performance ${s.id}: tables ${s.tables.right}/${s.tables.keyed} right (${s.tables.found} found) | indicators ` +
      `R ${f(s.figures.indicator_recall)} P ${f(s.figures.indicator_precision)} (${s.indicators.right} right of ${s.indicators.keyed} keyed, ` +
      `${s.indicators.emitted} emitted)` +
      (s.projects ? ` | projects ${s.projects.scored}/${s.projects.keyed} with 总分 (${s.projects.found} found)` : ""),
  ];
  const wrong = [...Object.entries(s.tables.wrong), ...Object.entries(s.indicators.wrong)].filter(([, n]) => n > 0);
  if (wrong.length) lines.push(`  wrong fields: ${wrong.map(([k, n]) => `${k} ${n}`).join(", ")}`);
  for (const n of s.notes.slice(0, notes)) lines.push(`  ${n}`);
  return lines.join("\n");
}

/**
 * Scores every sample with performance goldens (those whose id contains `only`, when given), using the
 * documents the facts eval already extracted where it did, and logs a report per sample and overall.
 */
export async function evaluatePerformance(
  root: string,
  only: string | null,
  kept: Map<string, Document>,
  extract: (pdf: string, ocr: "never") => Promise<Document>,
  notes: number,
  log: (line: string) => void,
): Promise<PerfScore[]> {
  const samples = findPerfSamples(root).filter((s) => only === null || s.id.includes(only) || s.pdf.includes(only));
  if (!samples.length) return [];
  log(`\nperformance tables: ${samples.length} samples with golden files (samples/golden/performance)`);
  const scores: PerfScore[] = [];
  for (const s of samples) {
    const { golden, projects } = readPerfSample(s);
    const doc = kept.get(path.resolve(s.pdf)) ?? (await extract(s.pdf, "never"));
    const score = scorePerformance(s.id, golden, projects, doc);
    scores.push(score);
    log(formatPerfScore(score, notes));
  }
  const total = perfTotal(scores);
  const f = (v: number | null) => (v === null ? "-" : v.toFixed(3));
  log(
    `performance total: table recall ${f(total.table_recall)} | indicator recall ${f(total.indicator_recall)} ` +
      `precision ${f(total.indicator_precision)} | projects with 总分 ${f(total.project_recall)}`,
  );
  return scores;
}

/** Floors at this run's figures, rounded down to 3 decimals. */
export function perfFloorsFrom(scores: PerfScore[]): Record<string, Record<string, number>> {
  const down = (v: number) => Math.floor(v * 1000) / 1000;
  return Object.fromEntries(
    scores.map((s) => [
      s.id,
      Object.fromEntries(PERF_FIGURES.filter((k) => s.figures[k] !== null).map((k) => [k, down(s.figures[k]!)])),
    ]),
  );
}

/** One message per figure below its floor; a floored sample that was not scored (unfiltered run) fails too. */
export function checkPerfFloors(
  scores: PerfScore[],
  floors: Record<string, Partial<Record<string, number>>>,
  only: string | null,
): string[] {
  const failures: string[] = [];
  for (const [id, floor] of Object.entries(floors)) {
    const s = scores.find((x) => x.id === id);
    if (!s) {
      if (only === null)
        failures.push(`performance ${id}: has a floor but was not evaluated (golden file or PDF missing)`);
      continue;
    }
    for (const k of PERF_FIGURES) {
      const min = floor[k];
      const v = s.figures[k] ?? 0;
      if (min !== undefined && v < min - 1e-9)
        failures.push(`performance ${id} ${k} ${v.toFixed(3)} < floor ${min.toFixed(3)}`);
    }
  }
  return failures;
}
