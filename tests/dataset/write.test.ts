import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Document } from "../../schemas/document.js";
import { openForWriting, writeDocument, recordFailure } from "../../src/dataset/index.js";

let tmp = "";
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-write-"));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** A one-table document: the figures are made up, the shape is the Document model's. */
function documentOf(sha: string, values: number[]): Document {
  return {
    schema_version: 1,
    tool: { name: "yujue", version: "0.1.0" },
    source: { file: `${sha}.pdf`, sha256: sha.padEnd(64, "0"), pages: 1 },
    doc_type: "budget",
    fiscal_year: 2025,
    org_name: "某某局",
    tables: [
      {
        table_kind: "expenditure",
        title: "支出预算表",
        pages: [1],
        unit_printed: "万元",
        empty: false,
        columns: ["合计"],
        extraction: "text",
        rows: values.map((v, i) => ({
          page: 1,
          row_code: `20${i}`,
          row_label: `社会保障和就业支出${i}`,
          values: {
            合计: { value_wan: v, raw_text: String(v), confidence: 1, extraction: "text", flagged: false, box: null },
          },
        })),
      },
    ],
    checks: [],
    ocr_pages: [],
    warnings: [],
  } as unknown as Document;
}

it("one PDF under two input names is one document; it goes only when no input yields it any more", () => {
  const db = openForWriting(path.join(tmp, "dup.sqlite"));
  try {
    const a = documentOf("a", [1, 2, 3]);
    writeDocument(db, a, { input: "x/report.pdf", output: "report__x", runId: null });
    writeDocument(db, a, { input: "y/report.pdf", output: "report__y", runId: null });
    expect(db.get("SELECT count(*) AS n FROM documents")!.n).toBe(1);
    expect(db.get("SELECT count(*) AS n FROM facts")!.n).toBe(3);
    expect(db.all("SELECT file, document_id FROM inputs ORDER BY file")).toEqual([
      { file: "x/report.pdf", document_id: 1 },
      { file: "y/report.pdf", document_id: 1 },
    ]);
    // x now holds other content: a stays (y still yields it), b is added.
    writeDocument(db, documentOf("b", [5]), { input: "x/report.pdf", output: "report__x", runId: null });
    expect(db.all("SELECT file FROM documents ORDER BY file").map((r) => r.file)).toEqual(["a.pdf", "b.pdf"]);
    // y fails: a is kept and marked; then y yields b too, and a, yielded by nothing, goes with its rows.
    recordFailure(db, { input: "y/report.pdf", sha256: null, error: "not a PDF", runId: null });
    expect(db.get("SELECT status, error FROM documents WHERE file = 'a.pdf'")).toEqual({
      status: "failed",
      error: "not a PDF",
    });
    writeDocument(db, documentOf("b", [5]), { input: "y/report.pdf", output: "report__y", runId: null });
    expect(db.all("SELECT file FROM documents").map((r) => r.file)).toEqual(["b.pdf"]);
    expect(db.get("SELECT count(*) AS n FROM facts")!.n).toBe(1);
    expect(db.get("SELECT count(*) AS n FROM search_text WHERE text LIKE '社会保障和就业支出%'")!.n).toBe(1);
    expect(db.all("PRAGMA foreign_key_check")).toEqual([]);
    db.run("INSERT INTO search(search) VALUES ('integrity-check')");
  } finally {
    db.close();
  }
});
