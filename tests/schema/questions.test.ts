import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { answerQuestions, readQuestions } from "../../bench/questions.js";
import { findSamples, readKey, REPO_ROOT } from "../../bench/eval-samples.js";
import { documentFacts } from "../../src/output/facts.js";
import { documentFromKey } from "../eval/from-key.js";

const QUESTIONS = path.join(REPO_ROOT, "samples/golden/questions");
const files = readdirSync(QUESTIONS)
  .filter((f) => f.endsWith(".json"))
  .sort();

function keyFor(pdf: string) {
  const sample = findSamples().find((s) => path.basename(s.pdf) === pdf && !s.tablesOnly);
  return sample && existsSync(sample.key) ? readKey(sample.key) : null;
}

describe("journalist questions over the answer keys' cells, by canonical columns alone", () => {
  it.each(files)("%s", (file) => {
    const q = readQuestions(path.join(QUESTIONS, file));
    const key = keyFor(q.file);
    expect(key, `${q.file} has a full answer key`).not.toBeNull();
    const answers = answerQuestions(documentFacts(documentFromKey(key!)), q.doc_type);
    expect(answers).toEqual(q.answers);
  });
});
