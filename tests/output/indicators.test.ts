/**
 * An indicator's confidence and flag reach every output: indicators.csv (the document's and the run's), the
 * document.json a merge reads back, and the database's indicators and indicators_flat. The document is built here:
 * two indicators of the Wuhan p24 scan (samples/synthetic, 2023年度日常系统运行经费项目自评表) as OCR read them,
 * one misread and flagged, one sure, so a confidence dropped on any of these ways fails the test.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Document } from "../../schemas/document.js";
import { emptyPerformance, type Indicator } from "../../schemas/performance.js";
import { openForWriting, readDocumentJson, writeDocument } from "../../src/dataset/index.js";
import { writeDocumentFiles } from "../../src/output/document-files.js";
import { INDICATOR_COLUMNS } from "../../src/output/indicators.js";
import { parseCsv, rebuildRunFiles } from "../../src/output/run-files.js";

const indicator = (level3: string, target: string, score: number, extra: Partial<Indicator>): Indicator => ({
  page: 24,
  goal: null,
  level1: "产出指标",
  level1_weight: 40,
  level2: "数量指标",
  level2_weight: 20,
  level3,
  level3_weight: score,
  label: `${level3}(${score}分)`,
  target: { text: target, value: null, unit: null, qualifier: null },
  actual: { text: target, value: null, unit: null, qualifier: null },
  other: {},
  score,
  note: null,
  confidence: 1,
  flagged: false,
  ...extra,
});

function scannedDocument(): Document {
  const performance = {
    ...emptyPerformance("project_performance_self_eval"),
    project: "2023年度日常系统运行经费项目",
    amount_wan: 398.36,
    amount_text: "398.36",
    amount_confidence: 0.96,
    indicators: [
      indicator("月均发送短信量", "1]万条", 10, { confidence: 0.78, flagged: true }),
      indicator("持社保卡人数", "1100万人", 5, { confidence: 0.89 }),
    ],
    total_score: 89.63,
    total_score_page: 24,
  };
  return Document.parse({
    schema_version: 5,
    tool: { name: "yujue", version: "0.1.0" },
    source: { file: "wuhan-p24.pdf", sha256: "b".repeat(64), pages: 1 },
    doc_type: "final_account",
    fiscal_year: 2023,
    org_name: "武汉市人力资源和社会保障信息中心",
    tables: [
      {
        table_kind: "project_performance_self_eval",
        title: "2023年度日常系统运行经费项目自评表",
        pages: [24],
        unit_printed: "万元",
        empty: false,
        columns: [],
        rows: [],
        extraction: "ocr",
        performance,
      },
    ],
    checks: [],
    ocr_pages: [24],
    warnings: [],
  });
}

let tmp = "";
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-indicators-"));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** The named columns of a CSV's records. */
async function csvColumns(file: string, names: string[]): Promise<string[][]> {
  const [header, ...rows] = await parseCsv(await readFile(file, "utf8"));
  return rows.map((r) => names.map((n) => r[header!.indexOf(n)]!));
}

const COLUMNS = ["level3", "confidence", "flagged", "project_amount_confidence", "project_amount_flagged"];
const EXPECTED = [
  ["月均发送短信量", "0.78", "true", "0.96", "false"],
  ["持社保卡人数", "0.89", "false", "0.96", "false"],
];

it("indicators.csv ends with the new columns, after every column it had before", () => {
  expect(INDICATOR_COLUMNS.slice(-5)).toEqual(["score", ...COLUMNS.slice(1)]);
});

it("indicators.csv, the run's indicators.csv, document.json and the database carry confidence and flag", async () => {
  const out = path.join(tmp, "out");
  const folder = path.join(out, "wuhan-p24");
  await writeDocumentFiles(folder, scannedDocument(), { input: "wuhan-p24.pdf", ocr: "auto", ms: 1 });
  expect(await csvColumns(path.join(folder, "indicators.csv"), COLUMNS)).toEqual(EXPECTED);
  await rebuildRunFiles(out);
  expect(await csvColumns(path.join(out, "indicators.csv"), COLUMNS)).toEqual(EXPECTED);

  // A merge (and a rebuild) reads the folder's document.json back into the database.
  const doc = await readDocumentJson(folder);
  const db = openForWriting(path.join(tmp, "yujue.sqlite"));
  try {
    writeDocument(db, doc, { input: null, output: null, runId: null });
    const rows = db.all(`SELECT ${COLUMNS.join(", ")} FROM indicators_flat ORDER BY indicator_id`);
    expect(rows.map((r) => COLUMNS.map((c) => String(r[c])))).toEqual(
      EXPECTED.map((e) => e.map((v) => (v === "true" ? "1" : v === "false" ? "0" : v))),
    );
  } finally {
    db.close();
  }
});

it("a document written before (schema 4, no confidence) reads as sure, as its text layer was", () => {
  const doc = JSON.parse(JSON.stringify(scannedDocument()));
  doc.schema_version = 4;
  const perf = doc.tables[0].performance;
  for (const k of ["amount_confidence", "amount_flagged", "total_score_confidence", "total_score_flagged"])
    delete perf[k];
  for (const i of perf.indicators) {
    delete i.confidence;
    delete i.flagged;
  }
  const read = Document.parse(doc).tables[0]!.performance!;
  expect(read.indicators.map((i) => [i.confidence, i.flagged])).toEqual([
    [1, false],
    [1, false],
  ]);
  expect([read.amount_confidence, read.amount_flagged, read.total_score_confidence]).toEqual([1, false, 1]);
});
