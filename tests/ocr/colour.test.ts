/** Colour separation and uneven light, before any threshold (src/ocr/raster.ts, src/ocr/image.ts). */
import { describe, expect, test } from "vitest";
import { binarize, evenLight, otsuThreshold } from "../../src/ocr/image.js";
import { toGray } from "../../src/ocr/raster.js";

/** RGB pixels as pdf.js decodes a DCT image (ImageKind 2). */
function rgb(...pixels: [number, number, number][]): Uint8Array {
  return Uint8Array.from(pixels.flat());
}

describe("colour separation", () => {
  test("a red seal's ink is paper; black print, alone or under the seal, stays ink", () => {
    const gray = toGray(
      rgb(
        [255, 255, 255], // paper
        [222, 30, 38], // seal ink on paper (the corpus seal's red)
        [180, 70, 75], // inside a seal stroke after JPEG halved the colour resolution
        [20, 20, 20], // black print
        [111, 15, 19], // black print's edge under the seal (multiplied)
        [128, 128, 128], // a grey stroke edge
      ),
      6,
      1,
      2,
    )!;
    expect([...gray.data]).toEqual([255, 255, 255, 20, 111, 128]);
    const bin = binarize(gray, 160);
    expect([...bin.data]).toEqual([0, 0, 0, 1, 1, 1]);
  });

  test("luminance would have made the seal ink (why the lightest channel is taken)", () => {
    const [r, g, b] = [222, 30, 38];
    expect((r * 77 + g * 150 + b * 29) >> 8).toBeLessThan(100);
  });
});

describe("uneven light", () => {
  /** A photocopy lit from the top left: paper falls from 250 to 112 across it; grey print (90) on it. */
  function photographed(width: number, height: number) {
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const light = 1 - (0.55 * Math.hypot(x, y)) / Math.hypot(width, height);
        const ink = y % 40 >= 20 && y % 40 < 24 && x % 50 < 30;
        data[y * width + x] = Math.round((ink ? 90 : 250) * light);
      }
    }
    return { width, height, data };
  }

  test("the dim corner's paper is not taken for ink once the light is evened out", () => {
    const page = photographed(800, 600);
    const raw = binarize(page, otsuThreshold(page));
    const even = evenLight(page);
    const fixed = binarize(even, otsuThreshold(even));
    const corner = (bin: { data: Uint8Array; width: number }) => {
      let ink = 0;
      for (let y = 560; y < 580; y++) for (let x = 760; x < 780; x++) ink += bin.data[y * bin.width + x];
      return ink;
    };
    // (760..780, 560..580) is paper: no ink row there (y % 40 = 0..19).
    expect(corner(raw)).toBeGreaterThan(0);
    expect(corner(fixed)).toBe(0);
    // Ink stays ink in the dim corner.
    expect(fixed.data[583 * 800 + 760]).toBe(1);
  });

  test("an evenly lit page is left as it is", () => {
    const data = new Uint8Array(400 * 300).fill(245);
    const page = { width: 400, height: 300, data };
    expect(evenLight(page)).toBe(page);
  });
});
