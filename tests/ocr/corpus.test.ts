/**
 * The scan corpus (samples/scans/, bench/make-scans.ts): table pages of forms the OCR was not tuned on,
 * scanned at 150/200/300 dpi, askew, noisy, one under a red seal, one lit like a photograph. Each must give
 * the tables of its text original's pages (same kinds, same pages) with ≥ 99% of the numeric cells equal
 * and every differing cell flagged or named by a failed check. CI runs the subset below (about a minute
 * on two cores); `npm run eval -- --scanned` runs the whole corpus.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { findScannedSamples } from "../../bench/eval-samples.js";
import { scannedParity } from "../../bench/eval-run.js";
import type { Floors } from "../../bench/eval-floors.js";
import { ROOT } from "./fixtures.js";
import { scanParity } from "./scan-parity.js";

afterAll(() => shutdownOcr());

/**
 * The red seal, the photograph, the 300 dpi page whose title OCR misreads (20256年度文出预算总表), a 150 dpi scan,
 * and twelve columns of small print whose figures touch the cell's rule and whose 栏次 row OCR misreads (xian hrss).
 */
const CI_SUBSET = [
  "scans/guangzhou-meteorology-2026-budget-p7-seal.scanned.pdf",
  "scans/shenzhen-civil-affairs-2026-budget-p25-photo.scanned.pdf",
  "scans/fuzhou-medical-security-2026-budget-p12-14.scanned.pdf",
  "scans/central-letters-and-visits-2026-budget-p5-9.scanned.pdf",
  "scans/xian-hrss-2020-budget-p30-31.scanned.pdf",
];

// The corpus floors of bench/floors.json (set by eval --scanned), checked here on the CI subset too.
const floors: Floors = JSON.parse(readFileSync(path.join(ROOT, "bench/floors.json"), "utf8"));

const corpus = findScannedSamples().filter((s) => s.id.startsWith("scans/"));

test("the corpus lists the CI subset, each scan with its text original's pages", () => {
  for (const id of CI_SUBSET) expect(corpus.map((s) => s.id)).toContain(id);
  for (const s of corpus) expect(s.pages?.length).toBeGreaterThan(0);
});

describe.each(corpus.filter((s) => CI_SUBSET.includes(s.id)))("$id", (sample) => {
  test("same tables and ≥ 99% of numeric cells as the text original's pages; differences flagged", async () => {
    const { text, scan, parity } = await scanParity(sample);
    expect(scan.ocr_pages.length).toBe(scan.source.pages);
    expect(parity.scanTables).toEqual(parity.textTables);
    expect(parity.numericCells).toBeGreaterThan(20);
    expect(parity.equal / parity.numericCells).toBeGreaterThanOrEqual(0.99);
    expect(parity.differences.filter((d) => !d.accounted)).toEqual([]);
    const floor = floors.scanned_parity?.[sample.id];
    expect(floor, `bench/floors.json has a scanned_parity floor for ${sample.id}`).toBeDefined();
    expect(scannedParity(text, scan).score.recall ?? 0).toBeGreaterThanOrEqual(floor! - 1e-9);
  }, 600_000);
});
