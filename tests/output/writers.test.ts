import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseString } from "fast-csv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Document, FACT_COLUMNS, type Cell, type Check } from "../../schemas/document.js";
import { isTempFile, sweepTempFiles, tempPathFor, writeFileAtomic } from "../../src/output/atomic.js";
import { cellRefText, CHECK_COLUMNS } from "../../src/output/checks.js";
import { writeDocumentFiles } from "../../src/output/document-files.js";
import { readCompleteMarker } from "../../src/output/marker.js";
import { documentFacts } from "../../src/output/facts.js";
import { rebuildRunFiles } from "../../src/output/run-files.js";
import { DOCUMENT_CSVS, DOCUMENT_FILES, runColumns } from "../../src/output/files.js";

const cell = (value: number | null, raw: string, extra: Partial<Cell> = {}): Cell => ({
  value_wan: value,
  raw_text: raw,
  confidence: 1,
  extraction: "text",
  flagged: false,
  box: null,
  ...extra,
});

const check: Check = {
  id: "income.col1",
  kind: "within",
  status: "fail",
  severity: "error",
  table_kind: "income",
  page: 5,
  cells: [
    { table_kind: "income", page: 5, row_code: "2080101", row_label: "行政运行", column: "本年收入合计", box: null },
    { table_kind: null, page: null, row_code: null, row_label: "合计", column: null, box: null },
  ],
  expected: 962.77,
  actual: 962.7,
  difference: 0.07,
  message: "column 1 ≠ sum of columns 2–7",
};

function sampleDocument(): Document {
  return Document.parse({
    schema_version: 1,
    tool: { name: "yujue", version: "0.1.0" },
    source: { file: "a.pdf", sha256: "a".repeat(64), pages: 9 },
    doc_type: "final_account",
    fiscal_year: 2023,
    org_name: "某单位",
    tables: [
      {
        table_kind: "income",
        title: "2023年度收入决算表",
        pages: [5, 6],
        unit_printed: "万元",
        empty: false,
        columns: ["本年收入合计", "财政拨款收入"],
        rows: [
          {
            page: 5,
            row_code: "2080101",
            row_label: "行政运行",
            values: { 本年收入合计: cell(962.77, "962.77"), 财政拨款收入: cell(null, "") },
          },
          {
            page: 6,
            row_code: null,
            row_label: '合计, "全部"\n(含结转)',
            values: {
              本年收入合计: cell(0, "-"),
              财政拨款收入: cell(1654.52, "1,654.52", { extraction: "ocr", confidence: 0.71 }),
            },
          },
        ],
        extraction: "text",
      },
      {
        table_kind: "gov_fund",
        title: "政府性基金预算财政拨款收入支出决算表",
        pages: [8],
        unit_printed: null,
        empty: true,
        columns: [],
        rows: [],
        extraction: "text",
      },
    ],
    checks: [check],
    ocr_pages: [6],
    warnings: [],
  });
}

async function csvRows(file: string): Promise<{ text: string; rows: string[][] }> {
  const text = await readFile(file, "utf8");
  const rows = await new Promise<string[][]>((resolve, reject) => {
    const out: string[][] = [];
    parseString(text.replace(/^\uFEFF/, ""), { headers: false })
      .on("data", (r) => out.push(r))
      .on("error", reject)
      .on("end", () => resolve(out));
  });
  return { text, rows };
}

let tmp = "";
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-output-"));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("documentFacts", () => {
  it("emits one fact per non-null cell: a blank is no fact, a printed 0 is", () => {
    const facts = documentFacts(sampleDocument());
    expect(facts.map((f) => [f.page, f.row_code, f.column, f.value_wan])).toEqual([
      [5, "2080101", "本年收入合计", 962.77],
      [6, null, "本年收入合计", 0],
      [6, null, "财政拨款收入", 1654.52],
    ]);
    expect(facts[2]).toMatchObject({
      extraction: "ocr",
      confidence: 0.71,
      unit_printed: "万元",
      raw_text: "1,654.52",
      table_title: "2023年度收入决算表",
      source_sha256: "a".repeat(64),
      fiscal_year: 2023,
      doc_type: "final_account",
    });
  });
});

describe("document files", () => {
  it("writes BOM CSVs in the contract's column order that round-trip awkward labels", async () => {
    const dir = path.join(tmp, "doc");
    const marker = await writeDocumentFiles(dir, sampleDocument(), { input: "in/a.pdf", ocr: "auto", ms: 12 });
    expect(marker).toMatchObject({ facts: 3, tables: 2, checks_passed: 0, checks_failed: 1, pages: 9 });
    const facts = await csvRows(path.join(dir, "facts.csv"));
    expect(facts.text.startsWith("\uFEFF")).toBe(true);
    expect(facts.rows[0]).toEqual([...FACT_COLUMNS]);
    expect(facts.rows).toHaveLength(4);
    const col = (name: string) => FACT_COLUMNS.indexOf(name as (typeof FACT_COLUMNS)[number]);
    expect(facts.rows[2][col("row_label")]).toBe('合计, "全部"\n(含结转)');
    expect(facts.rows[2][col("row_code")]).toBe("");
    expect(facts.rows[2][col("value_wan")]).toBe("0");
    const checks = await csvRows(path.join(dir, "checks.csv"));
    expect(checks.rows[0]).toEqual([...CHECK_COLUMNS]);
    expect(checks.rows[1]).toEqual([
      "income.col1",
      "within",
      "fail",
      "error",
      "income",
      "5",
      "income p5 2080101 行政运行 [本年收入合计]; 合计",
      "962.77",
      "962.7",
      "0.07",
      "column 1 ≠ sum of columns 2–7",
    ]);
    expect(Document.parse(JSON.parse(await readFile(path.join(dir, "document.json"), "utf8")))).toEqual(
      sampleDocument(),
    );
    expect(await readCompleteMarker(dir)).toMatchObject({ input: "in/a.pdf", sha256: "a".repeat(64) });
    expect((await readdir(dir)).filter(isTempFile)).toEqual([]);
  });

  it("treats a folder with a missing output file as incomplete", async () => {
    const dir = path.join(tmp, "doc2");
    await writeDocumentFiles(dir, sampleDocument(), { input: "b.pdf", ocr: "auto", ms: 1 });
    await rm(path.join(dir, "checks.csv"));
    expect(await readCompleteMarker(dir)).toBeNull();
  });

  it("formats cell references compactly", () => {
    expect(cellRefText(check.cells[1])).toBe("合计");
  });
});

describe("run-wide facts.csv", () => {
  it("concatenates complete folders only, counting multi-line records once", async () => {
    const out = path.join(tmp, "run");
    await writeDocumentFiles(path.join(out, "one"), sampleDocument(), { input: "one.pdf", ocr: "auto", ms: 1 });
    await writeDocumentFiles(path.join(out, "two"), sampleDocument(), { input: "two.pdf", ocr: "auto", ms: 1 });
    await mkdir(path.join(out, "partial"));
    await writeFile(path.join(out, "partial", "facts.csv"), "\uFEFFsource_file\nshould,not,appear\n");
    const summary = await rebuildRunFiles(out);
    expect(summary.documents).toBe(2);
    expect(summary.records["facts.csv"]).toBe(6);
    const { text, rows } = await csvRows(path.join(out, "facts.csv"));
    expect(text.indexOf("\uFEFF")).toBe(0);
    expect(text.lastIndexOf("\uFEFF")).toBe(0);
    expect(rows[0]).toEqual([...FACT_COLUMNS]);
    expect(rows).toHaveLength(7);
    expect(text).not.toContain("should,not,appear");
  });
});

describe("the output files declared once", () => {
  it("each document CSV is written per document and rebuilt run-wide under its columns", async () => {
    const out = path.join(tmp, "declared");
    const doc = sampleDocument();
    await writeDocumentFiles(path.join(out, "one"), doc, { input: "one.pdf", ocr: "auto", ms: 1 });
    const summary = await rebuildRunFiles(out);
    for (const csv of DOCUMENT_CSVS) {
      const own = await csvRows(path.join(out, "one", csv.file));
      expect(own.rows[0]).toEqual([...csv.columns]);
      expect(own.rows).toHaveLength(1 + csv.records(doc).length);
      const run = await csvRows(path.join(out, csv.file));
      expect(run.rows[0]).toEqual([...runColumns(csv)]);
      expect(summary.records[csv.file]).toBe(csv.records(doc).length);
    }
    expect(DOCUMENT_FILES).toEqual([
      "document.json",
      "facts.csv",
      "checks.csv",
      "indicators.csv",
      "unmapped_columns.csv",
    ]);
  });
});

describe("atomic writes", () => {
  it("replaces content whole and leaves no temp file; sweeps temp files a killed run left", async () => {
    const file = path.join(tmp, "atomic", "x.json");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, "old");
    await writeFileAtomic(file, "new");
    expect(await readFile(file, "utf8")).toBe("new");
    const leftover = tempPathFor(file);
    await writeFile(leftover, "partial");
    await writeFile(path.join(tmp, "atomic", "user.tmp"), "not ours");
    expect(await sweepTempFiles([path.dirname(file)])).toBe(1);
    expect((await readdir(path.dirname(file))).sort()).toEqual(["user.tmp", "x.json"]);
  });
});
