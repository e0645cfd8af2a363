/**
 * The journalist's questions answered from the real pipeline's output (not the keys' cells), by canonical columns
 * alone, equal to the answers written by hand from the rendered pages (samples/golden/questions).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { answerQuestions, readQuestions } from "../../bench/questions.js";
import { findSamples, REPO_ROOT } from "../../bench/eval-samples.js";
import { documentFacts } from "../../src/output/facts.js";
import { extractDocument } from "../../src/pipeline.js";

const QUESTIONS = path.join(REPO_ROOT, "samples/golden/questions");
const files = readdirSync(QUESTIONS).filter((f) => f.endsWith(".json")).sort();

function pdfFor(name: string): string {
  const sample = findSamples().find((s) => path.basename(s.pdf) === name);
  if (!sample) throw new Error(`${name}: no sample PDF`);
  return sample.pdf;
}

describe("journalist questions over the extracted facts, by canonical columns alone", () => {
  it.each(files)("%s", async (file) => {
    const q = readQuestions(path.join(QUESTIONS, file));
    const doc = await extractDocument(pdfFor(q.file), { ocr: "never" });
    expect(answerQuestions(documentFacts(doc), q.doc_type)).toEqual(q.answers);
  });
});
