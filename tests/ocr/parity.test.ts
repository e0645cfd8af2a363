/**
 * Parity: each scanned copy in samples/scanned/ must give the tables of its
 * text original (same kinds on the same pages), with ≥ 99% of the numeric
 * cells equal to the original's value exactly, and every cell that differs
 * flagged or named by a failed check; every performance indicator that
 * differs flagged. Slow (whole documents through OCR).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { compare } from "../../bench/parity.js";
import { REAL, ROOT, SCANNED, SYNTHETIC } from "./fixtures.js";
import { describeFact } from "../../bench/compare.js";
import type { Floors } from "../../bench/eval-floors.js";
import { scannedParity } from "../../bench/eval-run.js";
import { indicatorParity } from "../../bench/eval-performance.js";

// The scanned-parity floors of bench/floors.json (eval's strict cell match: page, code and label, path, value),
// checked here on the extractions this test makes anyway, so npm test enforces them without a second OCR pass.
const floors: Floors = JSON.parse(readFileSync(path.join(ROOT, "bench/floors.json"), "utf8"));

afterAll(() => shutdownOcr());

const scans = readdirSync(SCANNED)
  .filter((f) => f.endsWith(".scanned.pdf"))
  .map((f) => ({ dir: SCANNED, original: REAL, f }));
// The synthetic Wuhan scans too (about a minute more on two cores); OCR_PARITY_QUICK=1 leaves them out.
if (!process.env.OCR_PARITY_QUICK) {
  scans.push(
    ...readdirSync(SYNTHETIC)
      .filter((f) => f.endsWith(".scanned.pdf"))
      .map((f) => ({ dir: SYNTHETIC, original: SYNTHETIC, f })),
  );
}

describe.each(scans)("$f", ({ dir, original: originalDir, f: scanFile }) => {
  test("same tables and ≥ 99% of numeric cells as the text original; differences flagged or failing a check", async () => {
    const original = path.join(originalDir, scanFile.replace(/\.scanned\.pdf$/, ".pdf"));
    const text = await extractDocument(original, { ocr: "never" });
    const scan = await extractDocument(path.join(dir, scanFile), { ocr: "auto" });
    expect(scan.ocr_pages.length).toBe(scan.source.pages);
    const parity = compare(text, scan);
    // What differs, for the failure report.
    const shown = parity.differences.map(
      (d) =>
        `${d.key}: text ${d.text} scan ${d.scan?.value ?? null} (${d.scan?.raw ?? "no cell"}, ${d.scan?.row_label}/${d.scan?.column}, conf ${d.scan?.confidence}, ${d.accounted ? "accounted" : "UNACCOUNTED"})`,
    );
    if (shown.length) console.log(`${scanFile}: ${parity.equal}/${parity.numericCells} equal\n${shown.join("\n")}`);
    expect(parity.scanTables).toEqual(parity.textTables);
    expect(parity.numericCells).toBeGreaterThan(50);
    expect(parity.equal / parity.numericCells).toBeGreaterThanOrEqual(0.99);
    const unaccounted = parity.differences.filter((d) => !d.accounted);
    expect(unaccounted).toEqual([]);
    const id = `${dir === SCANNED ? "scanned" : "synthetic"}/${scanFile}`;
    const floor = floors.scanned_parity?.[id];
    expect(floor, `bench/floors.json has a scanned_parity floor for ${id}`).toBeDefined();
    const strict = scannedParity(text, scan);
    const named = strict.missed.slice(0, 5).map(describeFact).join("; ");
    expect(strict.score.recall ?? 0, `${id} parity below its floor; differing: ${named}`).toBeGreaterThanOrEqual(
      floor! - 1e-9,
    );
    // Performance indicators (the Wuhan scans): each whose figures differ from the original's is flagged, none lost.
    const indicators = indicatorParity(text, scan, 10);
    if (indicators) expect([indicators.unflagged, indicators.lost], indicators.differences.join("\n")).toEqual([0, 0]);
  }, 900_000);
});
