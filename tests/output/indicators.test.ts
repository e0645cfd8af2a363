/**
 * An indicator's confidence and flag reach every output: indicators.csv (the document's and the run's), the
 * document.json a merge reads back, and the database's indicators and indicators_flat. The document
 * (tests/helpers/scanned-performance.ts) holds one misread, flagged indicator and one sure one, so a confidence or
 * flag dropped on any of these ways fails the test.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Document } from "../../schemas/document.js";
import { openForWriting, readDocumentJson, writeDocument } from "../../src/dataset/index.js";
import { writeDocumentFiles } from "../../src/output/document-files.js";
import { INDICATOR_COLUMNS } from "../../src/output/indicators.js";
import { parseCsv, rebuildRunFiles } from "../../src/output/run-files.js";
import { scannedDocument } from "../helpers/scanned-performance.js";

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
