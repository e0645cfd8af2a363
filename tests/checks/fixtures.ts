/**
 * Test fixtures: the synthetic answer keys turned into Documents (every key fact
 * becomes a cell; a new row starts whenever the row or a repeated column changes),
 * and the page text of the synthetic PDFs by pdftotext.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Document, Row, Table, TableKind } from "../../schemas/document.js";
import type { NarrativePage } from "../../src/checks/index.js";
import { documentOf } from "../helpers/document.js";

export const SYNTHETIC = path.resolve("samples/synthetic");
export const SAMPLES = {
  qingshan: "wuhan-qingshan-social-insurance-2023-final-account",
  hrss: "wuhan-hrss-info-center-2023-final-account",
  jianghan: "wuhan-jianghan-social-insurance-2024-budget",
} as const;
export type SampleName = keyof typeof SAMPLES;

interface KeyFact {
  table_kind: TableKind;
  page: number;
  row_code: string | null;
  row_label: string | null;
  column: string;
  value: number;
}
interface KeyTable {
  table_kind: TableKind;
  title: string;
  pages: number[];
  empty: boolean;
}
interface AnswerKey {
  file: string;
  doc_type: "final_account" | "budget";
  fiscal_year: number;
  org_name: string;
  tables: KeyTable[];
  facts: KeyFact[];
}

export function answerKey(name: SampleName): AnswerKey {
  return JSON.parse(readFileSync(path.join(SYNTHETIC, `${SAMPLES[name]}.json`), "utf8")) as AnswerKey;
}

function tableFor(tables: Table[], fact: KeyFact): Table | undefined {
  return tables.find((t) => t.table_kind === fact.table_kind && t.pages.includes(fact.page));
}

export function keyDocument(name: SampleName): Document {
  const key = answerKey(name);
  const tables: Table[] = key.tables.map((t) => ({
    table_kind: t.table_kind,
    title: t.title,
    pages: t.pages,
    unit_printed: "万元",
    empty: t.empty,
    columns: [],
    rows: [],
    extraction: "text",
  }));
  for (const fact of key.facts) {
    const table = tableFor(tables, fact);
    if (!table) throw new Error(`no table for fact ${JSON.stringify(fact)}`);
    if (!table.columns.includes(fact.column)) table.columns.push(fact.column);
    let row: Row | undefined = table.rows.at(-1);
    const same =
      row &&
      row.page === fact.page &&
      row.row_code === fact.row_code &&
      row.row_label === fact.row_label &&
      !(fact.column in row.values);
    if (!same)
      table.rows.push((row = { page: fact.page, row_code: fact.row_code, row_label: fact.row_label, values: {} }));
    row!.values[fact.column] = {
      value_wan: fact.value,
      raw_text: String(fact.value),
      confidence: 1,
      extraction: "text",
      flagged: false,
      box: null,
    };
  }
  const source = { file: key.file, sha256: "0".repeat(64), pages: 0 };
  return documentOf(tables, { source, doc_type: key.doc_type, fiscal_year: key.fiscal_year, org_name: key.org_name });
}

const textCache = new Map<string, NarrativePage[]>();

/** Plain text of every page of a PDF (pdftotext, reading order). */
export function pdfPages(file: string): NarrativePage[] {
  const cached = textCache.get(file);
  if (cached) return cached;
  const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
  const pages = text
    .split("\f")
    .map((t, i) => ({ page: i + 1, text: t }))
    .filter((p) => p.text.trim() !== "");
  textCache.set(file, pages);
  return pages;
}

export function samplePages(name: SampleName): NarrativePage[] {
  return pdfPages(path.join(SYNTHETIC, `${SAMPLES[name]}.pdf`));
}
