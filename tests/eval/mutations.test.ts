/**
 * The gauge tested with wrong answers (issue 20): each mutation of a correct
 * extraction must fail eval's floors and name a cell it spoilt. Run on the
 * perfect extraction of every full key (tests/eval/from-key.ts) and on the
 * real pipeline's output for a document printed in 元.
 */
import { describe, expect, it } from "vitest";
import { type AnswerKey, type Fact, UNIT_IN_WAN, describeFact } from "../../bench/compare.js";
import { checkFloors, floorsFrom } from "../../bench/eval-floors.js";
import { MUTATIONS, WRONG_PARENTS, lastPrintedStep } from "../../bench/eval-mutations.js";
import { type Extract, type Mutate, runEval } from "../../bench/eval-run.js";
import { type Sample, findSamples, readKey } from "../../bench/eval-samples.js";
import type { Document } from "../../schemas/document.js";
import { documentFromKey } from "./from-key.js";

// Keys the rules cannot read are reported by eval.test.ts ("are all readable").
const fullKeys = findSamples().filter((s) => !s.tablesOnly && readable(s));

function readable(sample: Sample): boolean {
  try {
    readKey(sample.key);
    return true;
  } catch {
    return false;
  }
}
const inYuan = (key: AnswerKey) => key.facts.some((f) => f.unit_printed === "元" && !isWholeTens(f));
/** A figure in 元 that rounding to 10 元 leaves as it is. */
const isWholeTens = (f: Fact) => Math.abs(Math.round(f.value * 1000) - f.value * 1000) < 1e-6;

/** Runs eval on one sample clean and mutated; returns the mutated run's failures and missed cells. */
async function mutatedRun(sample: Sample, extract: Extract, mutate: Mutate) {
  const clean = await runEval({ samples: [sample], scanned: [], extract, missedLimit: 5 });
  const floors = floorsFrom(clean, "test");
  expect(checkFloors(clean, floors)).toEqual([]);
  const spoilt = await runEval({ samples: [sample], scanned: [], extract, missedLimit: 5, mutate });
  const doc = spoilt.documents[0];
  return { failures: checkFloors(spoilt, floors), doc, clean: clean.documents[0] };
}

/** The fact_recall failure names the first missed cell, which the check says the mutation touched. */
function expectNamed(failures: string[], missed: Fact[], touched: (f: Fact) => boolean): void {
  const recall = failures.find((f) => f.includes("fact_recall"));
  expect(recall, "fact_recall below its floor").toBeDefined();
  expect(missed.length).toBeGreaterThan(0);
  expect(recall).toContain(describeFact(missed[0]));
  expect(missed.every(touched)).toBe(true);
}

const coded = (f: Fact) => f.row_code !== null;

describe.each(fullKeys.map((s) => [s.id, s] as const))("%s: each wrong answer fails eval", (_, sample) => {
  const key = readKey(sample.key);
  const extract: Extract = async () => documentFromKey(key);

  it("every column path under two wrong parent levels", async () => {
    const { failures, doc } = await mutatedRun(sample, extract, MUTATIONS["prefix-columns"]);
    expectNamed(failures, doc.missed, () => true);
    expect(doc.facts.found).toBe(0);
  });

  it("coded rows' facts on the next page", async () => {
    const { failures, doc } = await mutatedRun(sample, extract, MUTATIONS["next-page"]);
    expectNamed(failures, doc.missed, coded);
    // Nearly all: where two tables of one kind follow each other (Jiangsu 表六 p12-13, 表九 p14-15),
    // a moved row can land on the same row of the next table, which is then right by coincidence.
    expect(doc.facts.key - doc.facts.found).toBeGreaterThanOrEqual(0.9 * key.facts.filter(coded).length);
  });

  it("coded rows' labels without their first character", async () => {
    const { failures, doc } = await mutatedRun(sample, extract, MUTATIONS["drop-label-char"]);
    expectNamed(failures, doc.missed, coded);
    expect(doc.facts.key - doc.facts.found).toBe(key.facts.filter(coded).length);
  });

  it("one figure off by one unit in its last printed digit", async () => {
    const { failures, doc } = await mutatedRun(sample, extract, MUTATIONS["last-digit"]);
    expectNamed(failures, doc.missed, () => true);
    expect(doc.facts.key - doc.facts.found).toBe(1);
    expect(doc.missed_near[0][0].value).not.toBe(doc.missed[0].value);
  });

  it.runIf(inYuan(key))("amounts printed in 元 rounded to 10 元", async () => {
    const { failures, doc } = await mutatedRun(sample, extract, MUTATIONS["round-yuan"]);
    expectNamed(failures, doc.missed, (f) => f.unit_printed === "元" && !isWholeTens(f));
    expect(doc.facts.key - doc.facts.found).toBe(
      key.facts.filter((f) => f.unit_printed === "元" && !isWholeTens(f)).length,
    );
  });
});

describe("the mutations themselves", () => {
  it("change what they say and nothing else", () => {
    const key = readKey(fullKeys.find((s) => s.id.includes("gov-office"))!.key);
    const doc = documentFromKey(key);
    const prefixed = MUTATIONS["prefix-columns"](doc);
    expect(prefixed.tables[0].columns.every((c) => c.startsWith(WRONG_PARENTS + "/"))).toBe(true);
    expect(doc.tables[0].columns.some((c) => c.startsWith(WRONG_PARENTS))).toBe(false);
    const moved = MUTATIONS["next-page"](doc);
    const rows = (d: Document) => d.tables.flatMap((t) => t.rows);
    rows(moved).forEach((r, i) => expect(r.page).toBe(rows(doc)[i].page + (r.row_code ? 1 : 0)));
  });

  it("step one unit of the last printed digit", () => {
    expect(lastPrintedStep("1,097,073.43", "元")).toBeCloseTo(0.01 * UNIT_IN_WAN["元"], 12);
    expect(lastPrintedStep("189767551", "元")).toBeCloseTo(UNIT_IN_WAN["元"], 12);
    expect(lastPrintedStep("962.7", "万元")).toBeCloseTo(0.1, 12);
    expect(lastPrintedStep("95%", null)).toBe(1);
  });
});

describe("the real pipeline's output, spoilt", () => {
  const sample = fullKeys.find((s) => s.id === "real/putuo-gov-office-2025-dept-budget.pdf")!;
  let doc: Promise<Document> | null = null;
  const extract: Extract = async () => {
    doc ??= import("../../src/pipeline.js").then(({ extractDocument }) =>
      extractDocument(sample.pdf, { ocr: "never" }),
    );
    return structuredClone(await doc);
  };

  it.each(Object.keys(MUTATIONS))(
    "%s fails eval",
    async (name) => {
      const { failures, doc: spoilt, clean } = await mutatedRun(sample, extract, MUTATIONS[name]);
      expect(clean.figures.fact_recall).toBe(1);
      expectNamed(failures, spoilt.missed, () => true);
    },
    60_000,
  );
});
