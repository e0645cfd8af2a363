/**
 * The fourth held-out set (samples/heldout4/, bench/make-scans.ts HELDOUT4): table pages no other scan uses, under
 * archive conditions no other set has (a book scanned open, a gutter's shadow, JPEG at quality 25, 120 dpi, blue pen
 * marks, a page cut short by the scanner's edge, a page upside down with and without /Rotate 180). Its measure is
 * `node dist/bench/eval.js --scanned --only heldout4/`; CI checks that the set stays apart from the others and that
 * each scan's pages are stored as its spec says (samples/heldout4/README.md).
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { findScannedSamples } from "../../bench/eval-samples.js";
import { CORPUS, HELDOUT, HELDOUT2, HELDOUT3, HELDOUT4, sheetsOf } from "../../bench/make-scans.js";
import { HELD_OUT as SMALL_PRINT } from "../../bench/small-print.js";

const pagesOf = (specs: { source: string; pages: number[] }[]) =>
  specs.flatMap((s) => s.pages.map((p) => `${s.source}#${p}`));
const fileOf = (name: string) => findScannedSamples().find((s) => s.id === `heldout4/${name}.scanned.pdf`)!;

test("every held-out 4 scan is on the disk, and none of its pages is in another scan set", () => {
  const found = findScannedSamples().filter((s) => s.id.startsWith("heldout4/"));
  expect(found.map((s) => s.id)).toEqual(HELDOUT4.map((s) => `heldout4/${s.name}.scanned.pdf`));
  const used = new Set(pagesOf([...CORPUS, ...HELDOUT, ...HELDOUT2, ...HELDOUT3, ...SMALL_PRINT]));
  expect(pagesOf(HELDOUT4).filter((p) => used.has(p))).toEqual([]);
});

test("each held-out 4 scan stores one image a sheet (two pages on a spread), turned and cut as its spec says", () => {
  for (const spec of HELDOUT4) {
    const sample = fileOf(spec.name);
    expect(sample.perImage ?? 1).toBe(spec.spread ? 2 : 1);
    const pdf = readFileSync(sample.pdf, "latin1");
    const images = [...pdf.matchAll(/\/Subtype \/Image \/Width (\d+) \/Height (\d+)/g)];
    expect(images).toHaveLength(sheetsOf(spec).length);
    const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [+m[1], +m[2]]);
    for (const [i, [, w, h]] of images.entries()) {
      // The image fills its page at the scan's resolution: a cut page is smaller, a spread twice as wide.
      expect(Math.abs((+w / boxes[i][0]) * 72 - spec.dpi)).toBeLessThan(1);
      expect(Math.abs((+h / boxes[i][1]) * 72 - spec.dpi)).toBeLessThan(1);
    }
    expect(pdf.includes("/Rotate 180")).toBe(spec.upsideDown === "rotate");
  }
});
