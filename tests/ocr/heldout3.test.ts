/**
 * The third held-out set (samples/heldout3/, bench/make-scans.ts HELDOUT3): table pages no other scan uses, stored
 * as archives store them (one bit a pixel, grey JPEG, sideways, photocopied, 2.5-3° of skew, 250 dpi). Its measure
 * is `node dist/bench/eval.js --scanned --only heldout3/`; CI checks that the set stays apart from the others and
 * that each scan's image is stored as its spec says (samples/heldout3/README.md).
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { findScannedSamples } from "../../bench/eval-samples.js";
import { CORPUS, HELDOUT, HELDOUT2, HELDOUT3 } from "../../bench/make-scans.js";
import { HELD_OUT as SMALL_PRINT } from "../../bench/small-print.js";

const pagesOf = (specs: { source: string; pages: number[] }[]) =>
  specs.flatMap((s) => s.pages.map((p) => `${s.source}#${p}`));

test("every held-out 3 scan is on the disk, and none of its pages is in another scan set", () => {
  const found = findScannedSamples().filter((s) => s.id.startsWith("heldout3/"));
  expect(found.map((s) => s.id)).toEqual(HELDOUT3.map((s) => `heldout3/${s.name}.scanned.pdf`));
  const used = new Set(pagesOf([...CORPUS, ...HELDOUT, ...HELDOUT2, ...SMALL_PRINT]));
  expect(pagesOf(HELDOUT3).filter((p) => used.has(p))).toEqual([]);
});

test("each held-out 3 scan stores its page images as its spec says", () => {
  for (const spec of HELDOUT3) {
    const file = findScannedSamples().find((s) => s.id === `heldout3/${spec.name}.scanned.pdf`)!.pdf;
    const pdf = readFileSync(file, "latin1");
    const images = [...pdf.matchAll(/\/Subtype \/Image [^>]*/g)].map((m) => m[0]);
    expect(images).toHaveLength(spec.pages.length);
    const want = {
      colour: "/DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode",
      grey: "/DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
      bilevel: "/DeviceGray /BitsPerComponent 1 /Filter /FlateDecode",
    }[spec.image ?? "colour"];
    for (const image of images) expect(image).toContain(`/ColorSpace ${want}`);
    expect(pdf.includes("/Rotate 90")).toBe(spec.sideways === "rotate");
  }
});
