/**
 * `npm run eval`: extracts every sample that has an answer key, scores it
 * (bench/compare.ts), prints a table per document and a total, writes
 * bench/eval.json and exits 1 when a figure drops below bench/floors.json.
 *
 *   node dist/bench/eval.js [--scanned] [--missed N] [--only TEXT] [--write-floors]
 *
 * --scanned      also extract the scanned copies (slow: OCR) and report their
 *                parity with the text original's extraction
 * --missed N     list the first N missed key cells per document (default 10)
 * --only TEXT    only samples whose path contains TEXT
 * --write-floors set bench/floors.json to the figures of this run
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Document } from "../schemas/document.js";
import {
  type AnswerKey,
  type Fact,
  type FactScore,
  type KeyTable,
  type TableScore,
  describeFact,
  keyFromDocument,
  outputFacts,
  ratio,
  scoreDocument,
  scoreFacts,
  valueMatches,
  rowMatches,
  columnMatches,
} from "./compare.js";

// Found by package.json, so the same code works from bench/ (vitest) and dist/bench/ (node).
export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

export interface Sample {
  /** Path under samples/, e.g. "synthetic/x.pdf": the name used in reports and floors. */
  id: string;
  pdf: string;
  key: string;
  /** A table inventory (golden/<stem>.tables.json): tables are scored, facts are not. */
  tablesOnly?: boolean;
}

export interface ScannedSample {
  id: string;
  pdf: string;
  /** The text PDF the scan was made from. */
  original: string;
  key: string | null;
}

/** The figures a floor can be set on. null: nothing to measure (e.g. no output tables). */
export interface Figures {
  table_precision: number | null;
  table_recall: number | null;
  fact_recall: number | null;
  fact_precision: number | null;
}

export interface DocResult {
  id: string;
  key_file: string;
  /** Scored against a table inventory: fact figures are null and left out of the total. */
  tables_only: boolean;
  pages: number | null;
  seconds: number;
  error: string | null;
  figures: Figures;
  meta: { doc_type: boolean; fiscal_year: boolean; org_name: boolean } | null;
  tables: Omit<TableScore, "missed" | "extra">;
  facts: FactScore;
  missed_tables: KeyTable[];
  extra_tables: KeyTable[];
  /** First N key facts not found, and how many in all (facts.key - facts.found). */
  missed: Fact[];
  /**
   * For each missed fact, the output facts that explain it best: an unused one in the same
   * row and column (a misread value), then ones with its value (a row or column mismatch).
   */
  missed_near: Fact[][];
  extra_sample: Fact[];
}

export interface ScannedResult {
  id: string;
  original: string;
  pages: number | null;
  seconds: number;
  error: string | null;
  /** Share of the text original's numeric cells that the scanned extraction reproduces. */
  parity: number | null;
  text_facts: number;
  scanned_facts: number;
  equal: number;
  fact_recall: number | null;
  differing: Fact[];
  /** For each differing cell: what the scanned extraction has in the same row and column (usually a misread). */
  differing_scanned: Fact[][];
}

export interface EvalResults {
  generated_at: string;
  command: string;
  /** The --only text when the run left samples out (floors of unrun documents are then not missed). */
  filter: string | null;
  documents: DocResult[];
  total: Figures & { documents: string[]; key_facts: number; found: number; output_facts: number };
  scanned: ScannedResult[];
}

export interface Floors {
  note?: string;
  documents: Record<string, Partial<Figures>>;
  /** Checked only when the run covers exactly these documents (a new golden file changes the total). */
  total?: Partial<Figures> & { documents?: string[] };
  scanned_parity?: Record<string, number>;
}

export type Extract = (pdf: string, ocr: "auto" | "never") => Promise<Document>;

const FIGURE_NAMES: (keyof Figures)[] = ["table_precision", "table_recall", "fact_recall", "fact_precision"];

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error("repo root not found above " + from);
  }
}

function pdfsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(".pdf")).sort();
}

/**
 * Text samples with a key: synthetic/<name>.pdf and <name>.radicals.pdf share <name>.json;
 * real/<stem>.pdf uses golden/<stem>.json, or else golden/<stem>.tables.json (tables only).
 */
export function findSamples(root = REPO_ROOT): Sample[] {
  const samples: Sample[] = [];
  const synthetic = path.join(root, "samples/synthetic");
  for (const file of pdfsIn(synthetic)) {
    if (file.endsWith(".scanned.pdf")) continue;
    const key = path.join(synthetic, file.replace(/(\.radicals)?\.pdf$/, ".json"));
    if (existsSync(key)) samples.push({ id: `synthetic/${file}`, pdf: path.join(synthetic, file), key });
  }
  const golden = path.join(root, "samples/golden");
  const keys = existsSync(golden) ? readdirSync(golden).filter((f) => f.endsWith(".json")).sort() : [];
  for (const keyFile of keys) {
    const tablesOnly = keyFile.endsWith(".tables.json");
    const file = keyFile.replace(/(\.tables)?\.json$/, ".pdf");
    // A full key wins over a table inventory of the same document.
    if (tablesOnly && keys.includes(file.replace(/\.pdf$/, ".json"))) continue;
    const pdf = path.join(root, "samples/real", file);
    if (existsSync(pdf)) samples.push({ id: `real/${file}`, pdf, key: path.join(golden, keyFile), tablesOnly });
    else console.warn(`golden/${keyFile}: no samples/real/${file}; skipped`);
  }
  return samples;
}

/** Scanned copies whose text original exists: synthetic/<name>.scanned.pdf and scanned/<stem>.scanned.pdf (original in real/). */
export function findScannedSamples(root = REPO_ROOT): ScannedSample[] {
  const found: ScannedSample[] = [];
  const places: [string, string, string][] = [
    ["synthetic", "samples/synthetic", "samples/synthetic"],
    ["scanned", "samples/scanned", "samples/real"],
  ];
  for (const [name, dir, originalDir] of places) {
    const keyDir = name === "synthetic" ? "samples/synthetic" : "samples/golden";
    for (const file of pdfsIn(path.join(root, dir)).filter((f) => f.endsWith(".scanned.pdf"))) {
      const stem = file.replace(/\.scanned\.pdf$/, "");
      const original = path.join(root, originalDir, stem + ".pdf");
      if (!existsSync(original)) continue;
      const key = path.join(root, keyDir, stem + ".json");
      found.push({ id: `${name}/${file}`, pdf: path.join(root, dir, file), original, key: existsSync(key) ? key : null });
    }
  }
  return found;
}

/** An answer key; a table inventory has no facts (read as []). */
export function readKey(file: string): AnswerKey {
  const key = JSON.parse(readFileSync(file, "utf8")) as AnswerKey;
  return { ...key, facts: key.facts ?? [] };
}

/** The real pipeline, imported on first use so the scorer and floors can be loaded (and tested) without it. */
export const defaultExtract: Extract = async (pdf, ocr) => {
  const { extractDocument } = await import("../src/pipeline.js");
  return extractDocument(pdf, { ocr });
};

/** A table inventory says nothing about facts: its fact figures are null, not 0. */
function figuresOf(tables: TableScore, facts: FactScore, tablesOnly: boolean): Figures {
  return {
    table_precision: tables.precision,
    table_recall: tables.recall,
    fact_recall: tablesOnly ? null : facts.recall,
    fact_precision: tablesOnly ? null : facts.precision,
  };
}

function emptyDocResult(sample: Sample, key: AnswerKey, error: string, seconds: number): DocResult {
  const facts: FactScore = { key: key.facts.length, output: 0, found: 0, extra: 0, recall: 0, precision: null, by_kind: {} };
  const tables = { key: key.tables.length, output: 0, matched: 0, precision: null, recall: 0, by_kind: {} };
  return {
    id: sample.id, key_file: path.relative(REPO_ROOT, sample.key), tables_only: sample.tablesOnly ?? false, pages: null, seconds, error,
    figures: { table_precision: null, table_recall: 0, fact_recall: sample.tablesOnly ? null : 0, fact_precision: null },
    meta: null, tables, facts, missed_tables: key.tables, extra_tables: [], missed: key.facts, missed_near: [], extra_sample: [],
  };
}

/** Extracts and scores one sample; an extraction error scores zero and is recorded, not thrown. */
export async function evaluateSample(sample: Sample, extract: Extract, missedLimit: number, cache?: Map<string, Document>): Promise<DocResult> {
  const key = readKey(sample.key);
  const started = performance.now();
  let doc: Document;
  try {
    doc = await extract(sample.pdf, "never");
  } catch (err) {
    const result = emptyDocResult(sample, key, (err as Error).message ?? String(err), (performance.now() - started) / 1000);
    result.missed = result.missed.slice(0, missedLimit);
    return result;
  }
  const seconds = (performance.now() - started) / 1000;
  cache?.set(sample.pdf, doc);
  const score = scoreDocument(key, doc);
  const { missed: missedTables, extra: extraTables, ...tables } = score.tables;
  const facts = outputFacts(doc);
  return {
    id: sample.id,
    key_file: path.relative(REPO_ROOT, sample.key),
    tables_only: sample.tablesOnly ?? false,
    pages: doc.source.pages,
    seconds,
    error: null,
    figures: figuresOf(score.tables, score.facts, sample.tablesOnly ?? false),
    meta: {
      doc_type: key.doc_type === undefined || key.doc_type === doc.doc_type,
      fiscal_year: key.fiscal_year === undefined || key.fiscal_year === doc.fiscal_year,
      org_name: key.org_name === undefined || key.org_name === doc.org_name,
    },
    tables,
    facts: score.facts,
    missed_tables: missedTables,
    extra_tables: extraTables,
    missed: score.missed.slice(0, missedLimit),
    missed_near: score.missed.slice(0, missedLimit).map((f) => nearMisses(f, score.extra, facts)),
    extra_sample: score.extra.slice(0, missedLimit),
  };
}

/** Unused output facts in the same table kind, row and column as a key fact. */
function sameCell(key: Fact, output: Fact[]): Fact[] {
  return output.filter((o) => o.table_kind === key.table_kind && rowMatches(key, o) && columnMatches(key.column, o.column)).slice(0, 2);
}

function sameValue(key: Fact, output: Fact[]): Fact[] {
  return output.filter((o) => o.table_kind === key.table_kind && valueMatches(o.value, key.value)).slice(0, 2);
}

function nearMisses(key: Fact, unused: Fact[], all: Fact[]): Fact[] {
  return [...new Set([...sameCell(key, unused), ...sameValue(key, all)])].slice(0, 3);
}

/** Scanned copy against the text original's extraction (and against the key when there is one). */
export async function evaluateScanned(sample: ScannedSample, extract: Extract, limit: number, cache: Map<string, Document>): Promise<ScannedResult> {
  const base = { id: sample.id, original: path.relative(REPO_ROOT, sample.original) };
  const started = performance.now();
  try {
    const text = cache.get(sample.original) ?? (await extract(sample.original, "never"));
    const t0 = performance.now();
    const scanned = await extract(sample.pdf, "auto");
    const seconds = (performance.now() - t0) / 1000;
    const textFacts = keyFromDocument(text).facts;
    const scannedFacts = outputFacts(scanned);
    const parity = scoreFacts(textFacts, scannedFacts);
    const differing = parity.missed.slice(0, limit);
    const golden = sample.key ? scoreDocument(readKey(sample.key), scanned).facts.recall : null;
    return {
      ...base, pages: scanned.source.pages, seconds, error: null, parity: parity.score.recall,
      text_facts: textFacts.length, scanned_facts: parity.score.output, equal: parity.score.found,
      fact_recall: golden, differing, differing_scanned: differing.map((f) => sameCell(f, parity.extra)),
    };
  } catch (err) {
    return {
      ...base, pages: null, seconds: (performance.now() - started) / 1000, error: (err as Error).message ?? String(err),
      parity: 0, text_facts: 0, scanned_facts: 0, equal: 0, fact_recall: null, differing: [], differing_scanned: [],
    };
  }
}

export function totalOf(documents: DocResult[]): EvalResults["total"] {
  const sum = (pick: (d: DocResult) => number) => documents.reduce((n, d) => n + pick(d), 0);
  const keyTables = sum((d) => d.tables.key);
  const outTables = sum((d) => d.tables.output);
  const matchedTables = sum((d) => d.tables.matched);
  const withFacts = (pick: (d: DocResult) => number) => (d: DocResult) => (d.tables_only ? 0 : pick(d));
  const keyFacts = sum(withFacts((d) => d.facts.key));
  const outFacts = sum(withFacts((d) => d.facts.output));
  const found = sum(withFacts((d) => d.facts.found));
  return {
    documents: documents.map((d) => d.id),
    key_facts: keyFacts,
    output_facts: outFacts,
    found,
    table_precision: ratio(matchedTables, outTables),
    table_recall: ratio(matchedTables, keyTables),
    fact_recall: ratio(found, keyFacts),
    fact_precision: ratio(found, outFacts),
  };
}

export interface EvalOptions {
  samples: Sample[];
  scanned: ScannedSample[];
  extract: Extract;
  missedLimit: number;
  command?: string;
  filter?: string | null;
  log?: (line: string) => void;
}

export async function runEval(options: EvalOptions): Promise<EvalResults> {
  const log = options.log ?? (() => {});
  const cache = new Map<string, Document>();
  const documents: DocResult[] = [];
  for (const sample of options.samples) {
    const result = await evaluateSample(sample, options.extract, options.missedLimit, cache);
    documents.push(result);
    log(formatDocument(result));
  }
  const scanned: ScannedResult[] = [];
  for (const sample of options.scanned) {
    const result = await evaluateScanned(sample, options.extract, options.missedLimit, cache);
    scanned.push(result);
    log(formatScanned(result));
  }
  return {
    generated_at: new Date().toISOString(),
    command: options.command ?? "",
    filter: options.filter ?? null,
    documents,
    total: totalOf(documents),
    scanned,
  };
}

/** One message per figure below its floor, naming the document, the figure and (for facts) the first missed cells. */
export function checkFloors(results: EvalResults, floors: Floors, cellsNamed = 5): string[] {
  const failures: string[] = [];
  for (const doc of results.documents) {
    const floor = floors.documents[doc.id];
    if (!floor) continue;
    for (const name of FIGURE_NAMES) {
      const message = belowFloor(`${doc.id} ${name}`, doc.figures[name], floor[name]);
      if (!message) continue;
      failures.push(message + cellsHint(doc, name, cellsNamed));
    }
  }
  for (const id of Object.keys(floors.documents)) {
    if (results.filter === null && !results.documents.some((d) => d.id === id)) {
      failures.push(`${id}: has a floor but was not evaluated (answer key or PDF missing)`);
    }
  }
  if (floors.total && sameSet(floors.total.documents ?? [], results.total.documents)) {
    for (const name of FIGURE_NAMES) {
      const message = belowFloor(`total ${name}`, results.total[name], floors.total[name]);
      if (message) failures.push(message);
    }
  }
  for (const s of results.scanned) {
    const message = belowFloor(`${s.id} parity`, s.parity, floors.scanned_parity?.[s.id]);
    if (message) failures.push(message + (s.differing.length ? "; differing: " + s.differing.slice(0, cellsNamed).map(describeFact).join("; ") : ""));
  }
  return failures;
}

function belowFloor(name: string, value: number | null, floor: number | null | undefined): string | null {
  if (floor === undefined || floor === null) return null;
  // A figure that cannot be measured any more (no output tables at all) counts as 0.
  const actual = value ?? 0;
  if (actual >= floor - 1e-9) return null;
  return `${name} ${fmt(actual)} < floor ${fmt(floor)}`;
}

function cellsHint(doc: DocResult, figure: keyof Figures, count: number): string {
  if (doc.error) return ` (extraction failed: ${doc.error})`;
  if (figure === "fact_recall" && doc.missed.length) {
    return `; missed: ${doc.missed.slice(0, count).map(describeFact).join("; ")}`;
  }
  if (figure === "table_recall" && doc.missed_tables.length) {
    return `; missed tables: ${doc.missed_tables.map((t) => `${t.table_kind} p${t.pages.join(",")}`).join("; ")}`;
  }
  if (figure === "fact_precision" && doc.extra_sample.length) {
    return `; extra: ${doc.extra_sample.slice(0, count).map(describeFact).join("; ")}`;
  }
  return "";
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Floors at this run's figures, rounded down to 3 decimals so float noise never fails a run. */
export function floorsFrom(results: EvalResults, note: string): Floors {
  const down = (v: number) => Math.floor(v * 1000) / 1000;
  // A figure that is null (nothing to measure) gets no floor.
  const figures = (f: Figures): Partial<Figures> =>
    Object.fromEntries(FIGURE_NAMES.filter((n) => f[n] !== null).map((n) => [n, down(f[n]!)]));
  const floors: Floors = {
    note,
    documents: Object.fromEntries(results.documents.map((d) => [d.id, figures(d.figures)])),
    total: { ...figures(results.total), documents: results.total.documents },
  };
  if (results.scanned.length) floors.scanned_parity = Object.fromEntries(results.scanned.map((s) => [s.id, down(s.parity ?? 0)]));
  return floors;
}

/**
 * New floors for what this run measured, the previous ones for the rest: a run
 * without --scanned keeps the scanned floors, a run with --only keeps the total.
 */
export function mergeFloors(previous: Floors, fresh: Floors, filtered: boolean): Floors {
  return {
    note: fresh.note,
    documents: { ...previous.documents, ...fresh.documents },
    total: filtered ? previous.total : fresh.total,
    scanned_parity: { ...previous.scanned_parity, ...fresh.scanned_parity },
  };
}

// ---------- printing ----------

export function fmt(v: number | null): string {
  return v === null ? "  -  " : v.toFixed(3);
}

function pad(text: string | number, width: number): string {
  const s = String(text);
  return s.length >= width ? s : s + " ".repeat(width - s.length);
}

export function formatDocument(d: DocResult): string {
  const lines = [`\n${d.id}  (key ${d.key_file}; ${d.pages ?? "?"} pages, ${d.seconds.toFixed(1)} s)`];
  if (d.error) lines.push(`  EXTRACTION FAILED: ${d.error}`);
  lines.push(`  ${pad("table kind", 36)}${pad("tables key/out/match", 22)}facts key/out/found`);
  const kinds = [...new Set([...Object.keys(d.tables.by_kind), ...Object.keys(d.facts.by_kind)])].sort();
  for (const kind of kinds) {
    const t = d.tables.by_kind[kind] ?? { key: 0, output: 0, matched: 0 };
    const f = d.facts.by_kind[kind] ?? { key: 0, output: 0, matched: 0 };
    lines.push(`  ${pad(kind, 36)}${pad(`${t.key}/${t.output}/${t.matched}`, 22)}${f.key}/${f.output}/${f.matched}`);
  }
  const fig = d.figures;
  const facts = d.tables_only
    ? "facts not scored (table inventory)"
    : `facts recall ${fmt(fig.fact_recall)} precision ${fmt(fig.fact_precision)} (found ${d.facts.found} of ${d.facts.key}, extra ${d.facts.extra})`;
  lines.push(`  tables P ${fmt(fig.table_precision)} R ${fmt(fig.table_recall)} | ${facts}`);
  if (d.meta) {
    const wrong = Object.entries(d.meta).filter(([, ok]) => !ok).map(([k]) => k);
    if (wrong.length) lines.push(`  metadata differs from key: ${wrong.join(", ")}`);
  }
  for (const t of d.missed_tables) lines.push(`  missed table: ${t.table_kind} p${t.pages.join(",")} ${t.title ?? ""}`);
  const missedCount = d.facts.key - d.facts.found;
  if (missedCount > 0) {
    lines.push(`  missed cells (first ${d.missed.length} of ${missedCount}):`);
    d.missed.forEach((f, i) => {
      lines.push(`    ${describeFact(f)}`);
      for (const near of d.missed_near[i] ?? []) lines.push(`        output near it: ${describeFact(near)}`);
    });
  }
  return lines.join("\n");
}

export function formatScanned(s: ScannedResult): string {
  if (s.error) return `\n${s.id}: EXTRACTION FAILED: ${s.error}`;
  const lines = [
    `\n${s.id}  (vs ${s.original}; ${s.pages} pages, ${s.seconds.toFixed(1)} s)`,
    `  parity ${fmt(s.parity)}: ${s.equal} of ${s.text_facts} text cells equal (scanned cells ${s.scanned_facts}); key recall ${fmt(s.fact_recall)}`,
  ];
  s.differing.forEach((f, i) => {
    lines.push(`    text:    ${describeFact(f)}`);
    for (const near of s.differing_scanned[i] ?? []) lines.push(`    scanned: ${describeFact(near)}`);
  });
  return lines.join("\n");
}

export function formatSummary(results: EvalResults): string {
  const header = `${pad("document", 68)}${pad("tabP", 7)}${pad("tabR", 7)}${pad("recall", 8)}${pad("prec", 7)}found/key  extra`;
  const row = (name: string, f: Figures, found: number, key: number, extra: number) =>
    `${pad(name, 68)}${pad(fmt(f.table_precision), 7)}${pad(fmt(f.table_recall), 7)}${pad(fmt(f.fact_recall), 8)}${pad(fmt(f.fact_precision), 7)}${pad(`${found}/${key}`, 11)}${extra}`;
  const lines = ["\n" + header];
  for (const d of results.documents) {
    if (d.tables_only) lines.push(`${pad(d.id, 68)}${pad(fmt(d.figures.table_precision), 7)}${pad(fmt(d.figures.table_recall), 7)}(tables only)`);
    else lines.push(row(d.id, d.figures, d.facts.found, d.facts.key, d.facts.extra));
  }
  const t = results.total;
  lines.push(row("TOTAL", t, t.found, t.key_facts, t.output_facts - t.found));
  for (const s of results.scanned) {
    lines.push(`${pad(s.id, 68)} parity ${fmt(s.parity)} (${s.equal}/${s.text_facts}), key recall ${fmt(s.fact_recall)}, ${s.seconds.toFixed(0)} s`);
  }
  return lines.join("\n");
}

// ---------- command line ----------

interface Args {
  scanned: boolean;
  missed: number;
  only: string | null;
  writeFloors: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { scanned: false, missed: 10, only: null, writeFloors: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--scanned") args.scanned = true;
    else if (a === "--write-floors") args.writeFloors = true;
    else if (a === "--missed") args.missed = Number(argv[++i]);
    else if (a === "--only") args.only = argv[++i] ?? "";
    else throw new Error(`unknown argument ${a} (use --scanned, --missed N, --only TEXT, --write-floors)`);
  }
  if (!Number.isInteger(args.missed) || args.missed < 0) throw new Error("--missed takes a whole number");
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const keep = (s: { id: string }) => args.only === null || s.id.includes(args.only);
  const samples = findSamples().filter(keep);
  const scanned = args.scanned ? findScannedSamples().filter(keep) : [];
  const command = ["npm run eval --", ...process.argv.slice(2)].join(" ").replace(/ --$/, "");
  console.log(`eval: ${samples.length} text samples${args.scanned ? `, ${scanned.length} scanned` : " (scanned copies: --scanned)"}`);
  const results = await runEval({ samples, scanned, extract: defaultExtract, missedLimit: args.missed, command, filter: args.only, log: console.log });
  console.log(formatSummary(results));
  writeFileSync(path.join(REPO_ROOT, "bench/eval.json"), JSON.stringify(results, null, 1) + "\n");
  const floorsFile = path.join(REPO_ROOT, "bench/floors.json");
  const previous: Floors = existsSync(floorsFile) ? JSON.parse(readFileSync(floorsFile, "utf8")) : { documents: {} };
  if (args.writeFloors) {
    const note = `Set by \`${command}\` on ${results.generated_at.slice(0, 10)}: the figures the code met then, rounded down.`;
    const merged = mergeFloors(previous, floorsFrom(results, note), args.only !== null);
    writeFileSync(floorsFile, JSON.stringify(merged, null, 1) + "\n");
    console.log(`\nwrote ${path.relative(process.cwd(), floorsFile)}`);
  }
  const floors: Floors = existsSync(floorsFile) ? JSON.parse(readFileSync(floorsFile, "utf8")) : { documents: {} };
  const unfloored = results.documents.filter((d) => !floors.documents[d.id]).map((d) => d.id);
  if (unfloored.length) console.log(`\nno floor yet (not checked): ${unfloored.join(", ")}`);
  if (floors.total && !sameSet(floors.total.documents ?? [], results.total.documents)) {
    console.log("total floor not checked: it was set on another set of documents (re-run with --write-floors)");
  }
  const failures = checkFloors(results, floors);
  if (failures.length === 0) {
    console.log("\nall figures at or above bench/floors.json; wrote bench/eval.json");
    return 0;
  }
  console.log(`\nBELOW FLOOR (${failures.length}):`);
  for (const f of failures) console.log("  " + f);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`eval: ${(err as Error).message}`);
      process.exit(2);
    },
  );
}
