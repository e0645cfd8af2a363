import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type AnswerKey, describeFact, scoreDocument } from "../../bench/compare.js";
import { checkFloors, floorsFrom, mergeFloors } from "../../bench/eval-floors.js";
import { type EvalResults, runEval, type ScannedResult, totalOf } from "../../bench/eval-run.js";
import { type Sample, findSamples, findScannedSamples, readKey } from "../../bench/eval-samples.js";
import { documentFromKey } from "./from-key.js";

const samples = findSamples();

describe("answer keys", () => {
  it("are all readable under the match rules (every table with facts states its unit_printed)", () => {
    const unreadable = samples.flatMap((s) => {
      try {
        readKey(s.key);
        return [];
      } catch (err) {
        return [(err as Error).message];
      }
    });
    expect(unreadable).toEqual([]);
  });
});

describe("scoring a document built from its own key", () => {
  it("finds the synthetic keys", () => {
    expect(samples.filter((s) => s.id.startsWith("synthetic/")).length).toBeGreaterThanOrEqual(3);
  });

  it.each(samples.map((s) => [s.id, s] as const))("%s scores 100%%", (_, sample) => {
    let key: ReturnType<typeof readKey>;
    try {
      key = readKey(sample.key);
    } catch {
      return; // reported once, by "are all readable"
    }
    const score = scoreDocument(key, documentFromKey(key));
    expect(score.missed).toEqual([]);
    expect(score.facts.found).toBe(key.facts.length);
    expect(score.facts.extra).toBe(0);
    expect(score.tables.matched).toBe(key.tables.length);
  });
});

describe("eval with one golden value lowered", () => {
  const sample = samples.find((s) => s.id.startsWith("synthetic/"))!;
  const key = readKey(sample.key);
  // The extractor under test prints what the unmodified key says.
  const extract = async () => documentFromKey(key);

  function lowerFact(index: number): { copy: Sample; changed: AnswerKey["facts"][number] } {
    const modified: AnswerKey = JSON.parse(readFileSync(sample.key, "utf8"));
    modified.facts[index].value = Math.round((modified.facts[index].value - 0.01) * 100) / 100;
    const dir = mkdtempSync(path.join(tmpdir(), "yujue-eval-"));
    const file = path.join(dir, path.basename(sample.key));
    writeFileSync(file, JSON.stringify(modified));
    return { copy: { ...sample, key: file }, changed: modified.facts[index] };
  }

  it("passes floors set from the unmodified key", async () => {
    const results = await runEval({ samples: [sample], scanned: [], extract, missedLimit: 10 });
    expect(results.documents[0].figures.fact_recall).toBe(1);
    expect(checkFloors(results, floorsFrom(results, "test"))).toEqual([]);
  });

  it("fails and names exactly the changed cell", async () => {
    const clean = await runEval({ samples: [sample], scanned: [], extract, missedLimit: 10 });
    const floors = floorsFrom(clean, "test");
    const index = Math.floor(key.facts.length / 2);
    const { copy, changed } = lowerFact(index);
    const results = await runEval({ samples: [copy], scanned: [], extract, missedLimit: 10 });
    const doc = results.documents[0];
    expect(doc.facts.found).toBe(key.facts.length - 1);
    expect(doc.missed).toMatchObject([changed]);
    const failures = checkFloors(results, floors);
    const recall = failures.find((f) => f.includes("fact_recall"));
    expect(recall).toBeDefined();
    expect(recall).toContain(sample.id);
    expect(recall).toContain(describeFact(changed));
    // The extractor's original value is now a fact the (modified) key lacks.
    expect(doc.facts.extra).toBe(1);
    expect(doc.extra_sample[0].value).toBe(key.facts[index].value);
    // and the report shows it beside the missed cell: same row and column, the other value.
    expect(doc.missed_near[0][0]).toMatchObject({ ...changed, value: key.facts[index].value });
  });
});

describe("sample discovery", () => {
  it("pairs each scanned copy with its text original and key", () => {
    const scanned = findScannedSamples();
    const hrss = scanned.find((s) => s.id === "synthetic/wuhan-hrss-info-center-2023-final-account.scanned.pdf");
    expect(hrss?.original).toMatch(/samples\/synthetic\/wuhan-hrss-info-center-2023-final-account\.pdf$/);
    expect(hrss?.key).toMatch(/wuhan-hrss-info-center-2023-final-account\.json$/);
    const putuo = scanned.find((s) => s.id === "scanned/putuo-finance-bureau-2024-final-account.scanned.pdf");
    expect(putuo?.original).toMatch(/samples\/real\/putuo-finance-bureau-2024-final-account\.pdf$/);
  });

  it("scores the radicals copy against the clean copy's key", () => {
    const radicals = samples.find((s) => s.id.endsWith(".radicals.pdf"));
    expect(radicals?.key).toMatch(/wuhan-hrss-info-center-2023-final-account\.json$/);
  });
});

describe("floors", () => {
  const sample = samples[0];
  const key = readKey(sample.key);
  const extract = async () => documentFromKey(key);

  it("fail when a floored document was not evaluated", async () => {
    const results = await runEval({ samples: [sample], scanned: [], extract, missedLimit: 0 });
    const floors = floorsFrom(results, "test");
    floors.documents["real/gone.pdf"] = { fact_recall: 0.5 };
    expect(checkFloors(results, floors)).toEqual([
      "real/gone.pdf: has a floor but was not evaluated (answer key or PDF missing)",
    ]);
  });

  it("check the total only over the documents it was set on", async () => {
    const results = await runEval({
      samples: [sample],
      scanned: [],
      extract: async () => documentFromKey({ ...key, facts: [] }),
      missedLimit: 0,
    });
    const floors = { documents: {}, total: { fact_recall: 0.9, documents: [sample.id] } };
    expect(checkFloors(results, floors)).toEqual([`total fact_recall 0.000 < floor 0.900`]);
    expect(checkFloors(results, { ...floors, total: { ...floors.total, documents: ["other.pdf"] } })).toEqual([]);
  });
});

describe("scanned cell floors (issue 17 measure)", () => {
  // A scan's figures as eval --scanned reports them: xian hrss p30-31, 288 numeric cells.
  const scan = (equal: number, unaccounted: number, tablesEqual = true): ScannedResult => ({
    id: "scans/x.scanned.pdf",
    original: "samples/regions/x.pdf",
    pages: 2,
    seconds: 1,
    error: null,
    parity: 1,
    text_facts: 288,
    scanned_facts: 288,
    equal: 288,
    fact_recall: null,
    differing: [],
    differing_scanned: [],
    cells: { tables_equal: tablesEqual, text_tables: [], scan_tables: [], numeric: 288, equal, unaccounted },
  });
  const results = (s: ScannedResult): EvalResults => ({
    generated_at: "",
    command: "",
    filter: null,
    documents: [],
    total: totalOf([]),
    scanned: [s],
  });

  it("are written from a run and met by it", () => {
    const run = results(scan(287, 0));
    const floors = floorsFrom(run, "test");
    expect(floors.scanned_cells).toEqual({ "scans/x.scanned.pdf": { equal: 0.996, accounted: 1 } });
    expect(checkFloors(run, floors)).toEqual([]);
  });

  it("fail when fewer cells are equal, when a differing cell goes unflagged, or when the tables differ", () => {
    const floors = floorsFrom(results(scan(288, 0)), "test");
    expect(checkFloors(results(scan(187, 0)), floors)).toEqual(["scans/x.scanned.pdf cells equal 0.649 < floor 1.000"]);
    expect(checkFloors(results(scan(288, 3)), floors)).toEqual([
      "scans/x.scanned.pdf cells accounted 0.990 < floor 1.000",
    ]);
    expect(checkFloors(results(scan(288, 0, false)), floors)).toEqual([
      "scans/x.scanned.pdf cells equal 0.000 < floor 1.000",
    ]);
  });
});

describe("table inventories (golden/<stem>.tables.json)", () => {
  const sample = samples.find((s) => s.id.startsWith("synthetic/"))!;
  const key = readKey(sample.key);

  it("score tables only and stay out of the fact totals", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "yujue-eval-"));
    const file = path.join(dir, "x.tables.json");
    const { facts: _facts, ...inventory } = key;
    writeFileSync(file, JSON.stringify(inventory));
    const inventorySample: Sample = { id: "real/x.pdf", pdf: sample.pdf, key: file, tablesOnly: true };
    const extract = async () => documentFromKey(key);
    const results = await runEval({ samples: [inventorySample, sample], scanned: [], extract, missedLimit: 0 });
    const [inv, full] = results.documents;
    expect(inv.figures).toEqual({ table_precision: 1, table_recall: 1, fact_recall: null, fact_precision: null });
    expect(results.total.output_facts).toBe(full.facts.output);
    expect(results.total.fact_precision).toBe(1);
    expect(floorsFrom(results, "test").documents["real/x.pdf"]).toEqual({ table_precision: 1, table_recall: 1 });
  });

  it("are found for real PDFs without a full key; a full key wins", () => {
    const root = mkdtempSync(path.join(tmpdir(), "yujue-root-"));
    mkdirSync(path.join(root, "samples/real"), { recursive: true });
    mkdirSync(path.join(root, "samples/golden"));
    for (const f of ["real/a.pdf", "real/b.pdf", "golden/a.tables.json", "golden/b.json", "golden/b.tables.json"]) {
      writeFileSync(path.join(root, "samples", f), "");
    }
    const found = findSamples(root).map((s) => [s.id, path.basename(s.key), s.tablesOnly]);
    expect(found).toEqual([
      ["real/a.pdf", "a.tables.json", true],
      ["real/b.pdf", "b.json", false],
    ]);
  });

  it("are found for the regional PDFs too (samples/regions/<stem>.pdf), after the real ones", () => {
    const root = mkdtempSync(path.join(tmpdir(), "yujue-root-"));
    for (const d of ["real", "regions", "golden"]) mkdirSync(path.join(root, "samples", d), { recursive: true });
    for (const f of [
      "real/z.pdf",
      "regions/a.pdf",
      "regions/b.pdf",
      "regions/c.pdf",
      "golden/z.json",
      "golden/a.json",
      "golden/b.tables.json",
    ]) {
      writeFileSync(path.join(root, "samples", f), "");
    }
    const found = findSamples(root).map((s) => [s.id, path.basename(s.key), s.tablesOnly]);
    expect(found).toEqual([
      ["real/z.pdf", "z.json", false],
      ["regions/a.pdf", "a.json", false],
      ["regions/b.pdf", "b.tables.json", true],
    ]);
  });
});

describe("writing floors", () => {
  it("keeps floors this run did not measure", () => {
    const previous = {
      documents: { "a.pdf": { fact_recall: 0.5 } },
      total: { fact_recall: 0.5, documents: ["a.pdf"] },
      scanned_parity: { "a.scanned.pdf": 0.7 },
      scanned_cells: { "a.scanned.pdf": { equal: 0.9, accounted: 1 } },
    };
    const fresh = {
      note: "new",
      documents: { "b.pdf": { fact_recall: 0.9 } },
      total: { fact_recall: 0.9, documents: ["b.pdf"] },
    };
    expect(mergeFloors(previous, fresh, true)).toEqual({
      note: "new",
      documents: { "a.pdf": { fact_recall: 0.5 }, "b.pdf": { fact_recall: 0.9 } },
      total: previous.total,
      scanned_parity: { "a.scanned.pdf": 0.7 },
      scanned_cells: { "a.scanned.pdf": { equal: 0.9, accounted: 1 } },
    });
    expect(mergeFloors(previous, fresh, false).total).toEqual(fresh.total);
    expect(mergeFloors({ ...previous, below_one: { "a.pdf": "why" } }, fresh, false).below_one).toEqual({
      "a.pdf": "why",
    });
  });
});

describe("tables kept as other", () => {
  // A key of one income table; the output adds a grid of figures it kept as `other` (the "no figure lost" fallback).
  const key: AnswerKey = {
    file: "x.pdf",
    tables: [{ table_kind: "income", pages: [5], unit_printed: "万元" }],
    facts: [
      { table_kind: "income", page: 5, row_code: null, row_label: "合计", column: "本年收入合计", value: 962.77 },
    ],
  };
  const withOther: AnswerKey = {
    ...key,
    tables: [...key.tables, { table_kind: "other", pages: [11, 12], unit_printed: "万元" }],
    facts: [
      ...key.facts,
      { table_kind: "other", page: 11, row_code: null, row_label: "项目甲", column: "金额", value: 12 },
    ],
  };

  it("are reported apart, neither extra tables nor extra cells", () => {
    const score = scoreDocument(key, documentFromKey(withOther));
    expect(score.other).toEqual({ tables: 1, facts: 1, pages: [[11, 12]], performance_facts: 0 });
    expect(score.tables.precision).toBe(1);
    expect(score.facts.precision).toBe(1);
    expect(score.facts.extra).toBe(0);
  });

  it("still leave the key table they should have been missed", () => {
    const asOther = {
      ...key,
      tables: [{ ...key.tables[0], table_kind: "other" }],
      facts: [{ ...key.facts[0], table_kind: "other" }],
    };
    const score = scoreDocument(key, documentFromKey(asOther));
    expect(score.tables.recall).toBe(0);
    expect(score.facts.recall).toBe(0);
  });
});

describe("performance tables keyed without facts", () => {
  const target = {
    table_kind: "project_performance_targets",
    page: 22,
    row_code: null,
    row_label: "气候预测准确率",
    column: "指标值",
    value: 68,
  };
  const key: AnswerKey = {
    file: "x.pdf",
    tables: [{ table_kind: "project_performance_targets", pages: [22], unit_printed: "万元" }],
    facts: [],
  };

  it("leave their indicators to the performance goldens: counted apart, not extra cells", () => {
    const score = scoreDocument(key, documentFromKey({ ...key, facts: [target] }));
    expect(score.other.performance_facts).toBe(1);
    expect(score.facts.output).toBe(0);
  });

  it("are scored here once the key lists a fact of theirs", () => {
    const keyed = { ...key, facts: [{ ...target, value: 78 }] };
    const score = scoreDocument(keyed, documentFromKey({ ...key, facts: [target] }));
    expect(score.other.performance_facts).toBe(0);
    expect(score.facts.extra).toBe(1);
  });
});
