/**
 * The national schema over the real pipeline's output of every text sample (issue 13), each PDF extracted once:
 * the unmapped-columns report holds only columns named outside the schema (./outside.ts), every other figure has a
 * measure, and the journalist's questions are answered from facts.csv's text by canonical columns alone, equal to
 * the answers written by hand from the rendered pages (samples/golden/questions).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { answerQuestions, readQuestions, type QuestionFact } from "../../bench/questions.js";
import { REPO_ROOT } from "../../bench/eval-samples.js";
import { FACT_COLUMNS, type Document, type Fact } from "../../schemas/document.js";
import { csvText } from "../../src/output/csv.js";
import { documentFacts, factRecord } from "../../src/output/facts.js";
import { parseCsv } from "../../src/output/run-files.js";
import { isUnmapped } from "../../src/output/unmapped.js";
import { extractDocument } from "../../src/pipeline.js";
import { isOutsideSchema } from "./outside.js";

const SAMPLE_DIRS = ["real", "synthetic", "regions", "constructed"];
const pdfs = SAMPLE_DIRS.flatMap((dir) =>
  readdirSync(path.join(REPO_ROOT, "samples", dir))
    .filter((f) => f.endsWith(".pdf") && !f.includes(".scanned."))
    .sort()
    .map((f) => path.join(REPO_ROOT, "samples", dir, f)),
);

const extracted = new Map<string, Promise<Document>>();
function extract(pdf: string): Promise<Document> {
  if (!extracted.has(pdf)) extracted.set(pdf, extractDocument(pdf, { ocr: "never" }));
  return extracted.get(pdf)!;
}
const named = pdfs.map((p) => [path.relative(path.join(REPO_ROOT, "samples"), p), p] as const);

describe("the unmapped-columns report over every text sample", () => {
  it.each(named)(
    "%s: only columns named outside the schema; every other figure has a measure",
    async (_, pdf) => {
      const doc = await extract(pdf);
      const facts = documentFacts(doc);
      // A figure printed beside its label with no column header is named by its label.
      const name = (f: Fact) => (f.column.trim() === "" ? `(label) ${f.row_label}` : f.column);
      const unknown = facts.filter((f) => isUnmapped(f) && !isOutsideSchema(name(f), doc.fiscal_year));
      expect([...new Set(unknown.map((f) => `${f.table_id} ${name(f)}`))]).toEqual([]);
      const noMeasure = facts.filter((f) => !isUnmapped(f) && f.measure === null);
      expect(noMeasure.map((f) => `${f.table_id} ${f.column} ${f.row_label}`)).toEqual([]);
    },
    120_000,
  );
});

/** facts.csv's text read back: the questions see what a user's filter sees, never the Fact objects. */
async function factsCsv(doc: Document): Promise<QuestionFact[]> {
  const [header, ...records] = await parseCsv(await csvText(FACT_COLUMNS, documentFacts(doc).map(factRecord)));
  const at = (name: string) => header.indexOf(name);
  const text = (r: string[], name: string) => (r[at(name)] === "" ? null : r[at(name)]);
  const num = (r: string[], name: string) => (r[at(name)] === "" ? null : Number(r[at(name)]));
  return records.map((r) => ({
    table_id: r[at("table_id")],
    row_code: text(r, "row_code"),
    row_level: num(r, "row_level"),
    row_role: r[at("row_role")],
    code_system: text(r, "code_system"),
    measure: text(r, "measure"),
    fund: text(r, "fund"),
    expense: text(r, "expense"),
    item: text(r, "item"),
    value_wan: num(r, "value_wan"),
  }));
}

const QUESTIONS = path.join(REPO_ROOT, "samples/golden/questions");
const questionFiles = readdirSync(QUESTIONS)
  .filter((f) => f.endsWith(".json"))
  .sort();

describe("journalist questions over facts.csv, by canonical columns alone", () => {
  it.each(questionFiles)(
    "%s",
    async (file) => {
      const q = readQuestions(path.join(QUESTIONS, file));
      const pdf = pdfs.find((p) => path.basename(p) === q.file);
      expect(pdf, `${q.file}: no sample PDF`).toBeDefined();
      expect(answerQuestions(await factsCsv(await extract(pdf!)), q.doc_type)).toEqual(q.answers);
    },
    120_000,
  );
});
