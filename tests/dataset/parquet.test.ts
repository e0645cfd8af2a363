import { copyFile, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FACT_COLUMNS } from "../../schemas/document.js";
import { CHECK_COLUMNS } from "../../src/output/checks.js";
import { INDICATOR_COLUMNS } from "../../src/output/indicators.js";
import { jsonLines, readCsv, requireBuild, runCli, SMALL_SAMPLES } from "../cli/helpers.js";

/**
 * A real run with --parquet; the files are read back with hyparquet (an independent reader) and compared with the CSVs.
 */
let tmp = "";
let out = "";
beforeAll(async () => {
  requireBuild();
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-parquet-"));
  out = path.join(tmp, "out");
  await mkdir(path.join(tmp, "in"));
  for (const sample of SMALL_SAMPLES) await copyFile(sample, path.join(tmp, "in", path.basename(sample)));
  const run = await runCli([
    "extract",
    path.join(tmp, "in"),
    "--out",
    out,
    "--ocr",
    "never",
    "--parquet",
    "--json",
    "--no-review",
  ]);
  expect(run.code, run.stderr).toBe(0);
  expect(jsonLines(run.stdout).filter((e) => e.event === "warning")).toEqual([]);
}, 180_000);
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function readParquet(name: string) {
  const file = await asyncBufferFromFile(path.join(out, name));
  const metadata = await parquetMetadataAsync(file);
  const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
  const types = Object.fromEntries(metadata.schema.slice(1).map((s) => [s.name, s.type]));
  return { rows, types };
}

/** A value as the CSV files print it. */
function csvText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value);
}

function asKeys(records: string[][]): string[] {
  return records.map((r) => r.join("\u0001")).sort();
}

async function folderCsv(name: string): Promise<string[][]> {
  const records: string[][] = [];
  for (const entry of await readdir(out, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const csv = await readCsv(path.join(out, entry.name, name)).catch(() => null);
    if (csv) records.push(...csv.rows.slice(1));
  }
  return records;
}

it("facts.parquet holds exactly facts.csv, with value_wan DOUBLE, fiscal_year and page INT32, flagged BOOLEAN", async () => {
  const { rows, types } = await readParquet("facts.parquet");
  expect(types).toMatchObject({
    value_wan: "DOUBLE",
    fiscal_year: "INT32",
    page: "INT32",
    flagged: "BOOLEAN",
    row_label: "BYTE_ARRAY",
    confidence: "DOUBLE",
  });
  expect(Object.keys(rows[0])).toEqual([...FACT_COLUMNS, "document_status"]);
  const csv = (await readCsv(path.join(out, "facts.csv"))).rows.slice(1);
  expect(rows.length).toBe(csv.length);
  expect(asKeys(rows.map((r) => FACT_COLUMNS.map((c) => csvText(r[c]))))).toEqual(asKeys(csv));
  // Typed values, not text: sums agree with the CSV's.
  const at = FACT_COLUMNS.indexOf("value_wan");
  const csvSum = csv.reduce((s, r) => s + (r[at] === "" ? 0 : Number(r[at])), 0);
  expect(rows.reduce((s, r) => s + ((r.value_wan as number | null) ?? 0), 0)).toBeCloseTo(csvSum, 4);
  expect(typeof rows[0].fiscal_year).toBe("number");
  expect(rows.every((r) => r.document_status === "ok")).toBe(true);
});

it("checks.parquet and indicators.parquet hold the documents' checks.csv and indicators.csv", async () => {
  const checks = await readParquet("checks.parquet");
  expect(checks.types).toMatchObject({ expected: "DOUBLE", page: "INT32" });
  const checkColumns = CHECK_COLUMNS.map((c) => (c === "id" ? "check_id" : c));
  expect(asKeys(checks.rows.map((r) => checkColumns.map((c) => csvText(r[c]))))).toEqual(
    asKeys(await folderCsv("checks.csv")),
  );

  const indicators = await readParquet("indicators.parquet");
  expect(indicators.types).toMatchObject({ score: "DOUBLE", page: "INT32", fiscal_year: "INT32" });
  const csv = (await readCsv(path.join(out, "indicators.csv"))).rows.slice(1);
  expect(indicators.rows.length).toBeGreaterThan(0);
  expect(asKeys(indicators.rows.map((r) => INDICATOR_COLUMNS.map((c) => csvText(r[c]))))).toEqual(asKeys(csv));
});
