import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { outputFacts, resolveKeyFacts, scoreFacts } from "../../bench/compare.js";
import { shutdownOcr } from "../../src/ocr/index.js";
import { extractDocument } from "../../src/pipeline.js";
import { SAMPLES } from "../helpers/pages.js";

// The Jiangsu 2017 tables (an Excel export) read entirely by OCR, as if
// scanned: another layout than the scans in samples/scanned. Titles come
// back with misread characters (收文 for 收支), which the lenient title
// match for OCR'd pages must survive.
describe("--ocr always on the Jiangsu 2017 budget tables", () => {
  afterAll(() => shutdownOcr());

  it("finds every table and nearly every cell of the golden file", async () => {
    const key = JSON.parse(
      readFileSync(path.join(SAMPLES, "golden", "jiangsu-cppcc-office-2017-budget-tables.json"), "utf8"),
    );
    const doc = await extractDocument(path.join(SAMPLES, "real", "jiangsu-cppcc-office-2017-budget-tables.pdf"), {
      ocr: "always",
    });
    expect(doc.ocr_pages).toHaveLength(doc.source.pages);
    const kinds = (ts: { table_kind: string; pages: number[] }[]) =>
      ts.map((t) => `${t.table_kind} p${t.pages[0]}`).sort();
    expect(kinds(doc.tables)).toEqual(kinds(key.tables));
    const { score } = scoreFacts(resolveKeyFacts(key), outputFacts(doc));
    expect(score.found / key.facts.length).toBeGreaterThanOrEqual(0.9);
  }, 600_000);
});
