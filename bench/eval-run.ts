/**
 * Eval's core: extracts each sample, scores it against its key
 * (bench/compare.ts) and gathers the figures floors are set on.
 */
import path from "node:path";
import type { Document } from "../schemas/document.js";
import {
  type AnswerKey,
  type Fact,
  type FactScore,
  type KeyTable,
  type OtherScore,
  type TableScore,
  columnMatches,
  keyFromDocument,
  outputFacts,
  ratio,
  rowMatches,
  scoreDocument,
  scoreFacts,
  valueMatches,
} from "./compare.js";
import { indicatorParity, type IndicatorParity } from "./eval-performance.js";
import { REPO_ROOT, type Sample, type ScannedSample, readKey } from "./eval-samples.js";
import { formatDocument, formatScanned } from "./eval-report.js";
import { compare } from "./parity.js";
import type { OcrSettingsInput } from "../src/ocr/settings.js";
import { documentName } from "../src/ocr/vocabulary.js";

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
  /** Output tables of kind other (a grid of figures matching no kind) and their facts: reported, not scored. */
  other: OtherScore;
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
  /** Cell by cell (bench/parity.ts: kind, page, row code, column; labels may differ): the issue-17 measure. */
  cells: CellParity | null;
  /** Performance indicators against the text original's; null when it has none (bench/eval-performance.ts). */
  indicators: IndicatorParity | null;
}

export interface CellParity {
  /** Same table kinds on the same pages as the text original. */
  tables_equal: boolean;
  text_tables: string[];
  scan_tables: string[];
  numeric: number;
  equal: number;
  /** Differing cells neither flagged nor named by a failed check: a silent error. */
  unaccounted: number;
  /** Equal figures flagged all the same (bench/parity.ts rightFlagged); absent in reports written before it. */
  right_flagged?: number;
  /** The right-flagged cells by why they were flagged (bench/parity.ts flagReason). */
  right_flagged_by?: Record<string, number>;
  /** The first differing cells (up to --missed): "key: text T scan S (raw, flagged|UNFLAGGED)". */
  differences?: string[];
}

export interface EvalResults {
  generated_at: string;
  command: string;
  /** The --only text when the run left samples out (floors of unrun documents are then not missed). */
  filter: string | null;
  documents: DocResult[];
  total: Figures & {
    documents: string[];
    key_facts: number;
    found: number;
    output_facts: number;
    /** Tables of kind other and their facts over all documents (not in the figures). */
    other_tables: number;
    other_facts: number;
    /** Facts of performance tables keyed without facts: scored by the performance goldens, not here. */
    performance_facts: number;
  };
  scanned: ScannedResult[];
}

export type Extract = (pdf: string, ocr: "auto" | "never", ocrSettings?: OcrSettingsInput) => Promise<Document>;

export const FIGURE_NAMES: (keyof Figures)[] = ["table_precision", "table_recall", "fact_recall", "fact_precision"];

/** A deliberate change to an extraction (bench/eval-mutations.ts), applied before scoring. */
export type Mutate = (doc: Document) => Document;

/** The real pipeline, imported on first use so the scorer and floors can be loaded (and tested) without it. */
export const defaultExtract: Extract = async (pdf, ocr, ocrSettings) => {
  const { extractDocument } = await import("../src/pipeline.js");
  return extractDocument(pdf, { ocr, ocrSettings });
};

/**
 * A scan is read as a document never seen: its original's printing of a classification name does not count
 * (OcrSettings.unseenDocuments), so a name only the original prints is not the vocabulary but the answer.
 */
export function unseenOriginal(sample: ScannedSample): OcrSettingsInput {
  return { unseenDocuments: [documentName(sample.original)] };
}

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
  const facts: FactScore = {
    key: key.facts.length,
    output: 0,
    found: 0,
    extra: 0,
    recall: 0,
    precision: null,
    by_kind: {},
  };
  const tables = { key: key.tables.length, output: 0, matched: 0, precision: null, recall: 0, by_kind: {} };
  return {
    id: sample.id,
    key_file: path.relative(REPO_ROOT, sample.key),
    tables_only: sample.tablesOnly ?? false,
    pages: null,
    seconds,
    error,
    figures: {
      table_precision: null,
      table_recall: 0,
      fact_recall: sample.tablesOnly ? null : 0,
      fact_precision: null,
    },
    meta: null,
    tables,
    facts,
    other: { tables: 0, facts: 0, pages: [], performance_facts: 0 },
    missed_tables: key.tables,
    extra_tables: [],
    missed: key.facts,
    missed_near: [],
    extra_sample: [],
  };
}

/** Extracts and scores one sample; an unreadable key or an extraction error scores zero and is recorded, not thrown. */
export async function evaluateSample(
  sample: Sample,
  extract: Extract,
  missedLimit: number,
  cache?: Map<string, Document>,
): Promise<DocResult> {
  let key: AnswerKey;
  try {
    key = readKey(sample.key);
  } catch (err) {
    return emptyDocResult(
      sample,
      { file: sample.pdf, tables: [], facts: [] },
      `answer key: ${(err as Error).message}`,
      0,
    );
  }
  const started = performance.now();
  let doc: Document;
  try {
    doc = await extract(sample.pdf, "never");
  } catch (err) {
    const result = emptyDocResult(
      sample,
      key,
      (err as Error).message ?? String(err),
      (performance.now() - started) / 1000,
    );
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
    other: score.other,
    missed_tables: missedTables,
    extra_tables: extraTables,
    missed: score.missed.slice(0, missedLimit),
    missed_near: score.missed.slice(0, missedLimit).map((f) => nearMisses(f, score.extra, facts)),
    extra_sample: score.extra.slice(0, missedLimit),
  };
}

/** Unused output facts in the same table kind, row and column as a key fact (any page, any value). */
function sameCell(key: Fact, output: Fact[]): Fact[] {
  return output
    .filter((o) => o.table_kind === key.table_kind && rowMatches(key, o) && columnMatches(key, o.column))
    .slice(0, 2);
}

/** Output facts of the key fact's table kind with its value: a row, column or page mismatch. */
function sameValue(key: Fact, output: Fact[]): Fact[] {
  return output
    .filter((o) => o.table_kind === key.table_kind && valueMatches(key.value, o.value, key.unit_printed ?? "万元"))
    .slice(0, 2);
}

function nearMisses(key: Fact, unused: Fact[], all: Fact[]): Fact[] {
  return [...new Set([...sameCell(key, unused), ...sameValue(key, all)])].slice(0, 3);
}

/** The text original's cells that the scanned copy's extraction reproduces, under the key-match rules. */
export function scannedParity(text: Document, scanned: Document): ReturnType<typeof scoreFacts> {
  return scoreFacts(keyFromDocument(text).facts, outputFacts(scanned));
}

function cellParity(text: Document, scanned: Document, limit: number, textFailing: ReadonlySet<string>): CellParity {
  const p = compare(text, scanned, textFailing);
  const shown = p.differences.slice(0, limit).map((d) => {
    const scan = d.scan ? `${d.scan.value} (${JSON.stringify(d.scan.raw)})` : "no cell";
    return `${d.key}: text ${d.text} scan ${scan} ${d.accounted ? "accounted" : "UNACCOUNTED"}`;
  });
  return {
    tables_equal: JSON.stringify(p.textTables) === JSON.stringify(p.scanTables),
    text_tables: p.textTables,
    scan_tables: p.scanTables,
    numeric: p.numericCells,
    equal: p.equal,
    unaccounted: p.differences.filter((d) => !d.accounted).length,
    right_flagged: p.rightFlagged,
    right_flagged_by: p.rightFlaggedBy,
    differences: shown,
  };
}

/**
 * The text original's tables on some of its pages, numbered as the scan made of those pages numbers them
 * (pages[i] becomes i + 1; with `perImage` 2, a spread, pages[2i] and pages[2i + 1] become i + 1). A table that
 * runs onto a page left out is dropped: the scan cannot hold it whole.
 */
export function onPages(doc: Document, pages: number[] | null, perImage = 1): Document {
  if (!pages) return doc;
  const number = new Map(pages.map((p, i) => [p, Math.floor(i / perImage) + 1]));
  const tables = doc.tables
    .filter((t) => t.pages.every((p) => number.has(p)))
    .map((t) => ({
      ...t,
      pages: t.pages.map((p) => number.get(p)!),
      rows: t.rows.map((r) => ({ ...r, page: number.get(r.page)! })),
    }));
  return { ...doc, tables, checks: [], source: { ...doc.source, pages: Math.ceil(pages.length / perImage) } };
}

/** Scanned copy against the text original's extraction (and against the key when there is one). */
export async function evaluateScanned(
  sample: ScannedSample,
  extract: Extract,
  limit: number,
  cache: Map<string, Document>,
): Promise<ScannedResult> {
  const base = { id: sample.id, original: path.relative(REPO_ROOT, sample.original) };
  const started = performance.now();
  try {
    const whole = cache.get(sample.original) ?? (await extract(sample.original, "never"));
    const text = onPages(whole, sample.pages, sample.perImage);
    const t0 = performance.now();
    const scanned = await extract(sample.pdf, "auto", unseenOriginal(sample));
    const seconds = (performance.now() - t0) / 1000;
    const textFacts = keyFromDocument(text).facts;
    const parity = scannedParity(text, scanned);
    const differing = parity.missed.slice(0, limit);
    const golden = sample.key ? scoreDocument(readKey(sample.key), scanned).facts.recall : null;
    return {
      ...base,
      pages: scanned.source.pages,
      seconds,
      error: null,
      parity: parity.score.recall,
      text_facts: textFacts.length,
      scanned_facts: parity.score.output,
      equal: parity.score.found,
      fact_recall: golden,
      differing,
      differing_scanned: differing.map((f) => sameCell(f, parity.extra)),
      cells: cellParity(
        text,
        scanned,
        limit,
        new Set(whole.checks.filter((c) => c.status === "fail").map((c) => c.id)),
      ),
      indicators: indicatorParity(text, scanned, limit),
    };
  } catch (err) {
    return {
      ...base,
      pages: null,
      seconds: (performance.now() - started) / 1000,
      error: (err as Error).message ?? String(err),
      parity: 0,
      text_facts: 0,
      scanned_facts: 0,
      equal: 0,
      fact_recall: null,
      differing: [],
      differing_scanned: [],
      cells: null,
      indicators: null,
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
    other_tables: sum((d) => d.other.tables),
    other_facts: sum((d) => d.other.facts),
    performance_facts: sum(withFacts((d) => d.other.performance_facts)),
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
  /** Applied to each text sample's extraction before it is scored (a test of the gauge itself). */
  mutate?: Mutate;
}

export async function runEval(options: EvalOptions): Promise<EvalResults> {
  const log = options.log ?? (() => {});
  const cache = new Map<string, Document>();
  const documents: DocResult[] = [];
  const mutate = options.mutate;
  const extract: Extract = mutate ? async (pdf, ocr) => mutate(await options.extract(pdf, ocr)) : options.extract;
  for (const sample of options.samples) {
    // A mutated extraction is not the text original a scanned copy is compared with: not cached.
    const result = await evaluateSample(sample, extract, options.missedLimit, mutate ? undefined : cache);
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
