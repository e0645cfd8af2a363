import { describe, expect, it } from "vitest";
import type { BatchSummary, DocumentEvent } from "../../src/cli/batch.js";
import { documentLine, formatDuration, ProgressBar, summaryLine } from "../../src/cli/report.js";

const doc = (fields: Partial<DocumentEvent>): DocumentEvent => ({
  event: "document",
  file: "a.pdf",
  output: "a",
  status: "ok",
  error: null,
  sha256: null,
  pages: 10,
  tables: 9,
  facts: 120,
  checks_passed: 40,
  checks_failed: 2,
  warnings: [],
  ms: 1000,
  done: 1,
  total: 4,
  ...fields,
});

describe("report lines", () => {
  it("gives counts for a document, the reason for a failure, and says when it was skipped", () => {
    expect(documentLine(doc({}))).toBe("a.pdf: 9 tables, 120 facts, checks 40 passed / 2 failed");
    expect(documentLine(doc({ status: "failed", error: "empty file" }))).toBe("a.pdf: failed: empty file");
    expect(documentLine(doc({ status: "skipped", warnings: ["no standard table found"] }))).toBe(
      "a.pdf: 9 tables, 120 facts, checks 40 passed / 2 failed, unchanged, skipped (warning: no standard table found)",
    );
  });

  it("summarises a run and names the documents to review", () => {
    const summary: BatchSummary = {
      event: "summary",
      documents: 4,
      ok: 2,
      skipped: 1,
      failed: 1,
      pages: 50,
      tables: 18,
      facts: 300,
      run_facts: 450,
      ms: 83_000,
      database_ms: null,
      outcomes: { ok: 1, ok_with_warnings: 1, no_tables: 1, failed: 1 },
      to_review: [],
      review: null,
      interrupted: null,
      not_done: 0,
      duplicates: [],
    };
    expect(summaryLine(summary)).toBe(
      "4 documents: 2 ok, 1 skipped, 1 failed; 50 pages, 18 tables, 300 facts in 1m23s",
    );
    summary.to_review = [
      { file: "a.pdf", outcome: "ok_with_warnings", checks_failed: 1, warnings: 2 },
      { file: "b.pdf", outcome: "no_tables", checks_failed: 0, warnings: 1 },
    ];
    expect(summaryLine({ ...summary, documents: 1, pages: 1, tables: 1, facts: 1 })).toBe(
      "1 document: 2 ok, 1 skipped, 1 failed; 1 page, 1 table, 1 fact in 1m23s; to review: a.pdf (1 failed check, 2 warnings), b.pdf (no tables)",
    );
    summary.to_review = Array.from({ length: 7 }, (_, i) => ({
      file: `d${i}.pdf`,
      outcome: "ok_with_warnings" as const,
      checks_failed: 0,
      warnings: 1,
    }));
    expect(summaryLine({ ...summary, to_review: [], interrupted: "SIGINT", not_done: 3 })).toBe(
      "stopped by SIGINT, 3 not done (run again to finish): 4 documents: 2 ok, 1 skipped, 1 failed; 50 pages, 18 tables, 300 facts in 1m23s",
    );
    expect(summaryLine(summary)).toMatch(
      /; to review: d0\.pdf \(1 warning\), .*d4\.pdf \(1 warning\), and 2 more in manifest\.json$/,
    );
    expect(formatDuration(4_250)).toBe("4.3 s");
    expect(formatDuration(3_725_000)).toBe("1h02m");
  });
});

describe("ProgressBar", () => {
  it("draws documents, pages, rate and ETA on one line, and prints lines above it", () => {
    let written = "";
    const stream = { columns: 120, write: (s: string) => ((written += s), true) } as unknown as NodeJS.WriteStream;
    const bar = new ProgressBar(stream);
    bar.update({ event: "start", documents: 4, out: "o", concurrency: 2 });
    bar.update(doc({ done: 1, pages: 30 }));
    bar.update(doc({ done: 2, pages: 99, status: "skipped" }));
    const last = written.split("\r\x1b[K").at(-1)!;
    expect(last).toMatch(/^\[#{12}-{12}\] 2\/4 documents, 30 pages, [\d.]+ pages\/s, ETA [\d.]+ s$/);
    let printed = "";
    bar.print("a.pdf: failed: empty file", {
      write: (s: string) => ((printed += s), true),
    } as unknown as NodeJS.WriteStream);
    expect(printed).toBe("a.pdf: failed: empty file\n");
    bar.update({
      event: "summary",
      documents: 4,
      ok: 2,
      skipped: 1,
      failed: 1,
      pages: 30,
      tables: 0,
      facts: 0,
      run_facts: 0,
      ms: 1,
    });
  });
});
