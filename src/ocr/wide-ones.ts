import type { PixelBox } from "./cells.js";
import { inkRuns } from "./crop.js";
import { otsuThreshold } from "./image.js";
import type { Gray } from "./raster.js";
import type { OcrSettings } from "./settings.js";
import { median } from "./stats.js";

/**
 * A "1" read where a wider digit is printed. The digit model reads some fonts' 4 as 1, surely (held-out 3 Xi'an 人社
 * p42-43 grey: 480 read 180 at 0.89, 4,500 read 1,500 at 0.96; the corpus's p30 482.46 read 182.16): that font's 4
 * prints its diagonal thin and pale. Its ink is still as wide as the line's other digits, while a printed 1's stem
 * (with its serifs) is about half as wide. On the digit model's crops of the corpus scans and held-out 3 人社 (the
 * 1s of every line read with 1s): printed 1s 0.26-0.72 of the median width of their line's other digits, 4s read 1
 * 0.79-0.91; a lone 1, 0.24-0.44 of its height wide, held-out 4 p82's lone 4s read 1 (150 dpi, JPEG q25) 0.5-0.58.
 * A sans font's footed 1 is as wide (0.81-0.82), but its base spans its width (0.87-1.0 of it), where a 4 read 1 has
 * only its stem (0.41-0.67).
 */

/** The glyphs of a one-line image, left to right: runs of columns holding ink, each with its ink's rows. */
export function glyphBoxes(image: Gray, ink = otsuThreshold(image)): PixelBox[] {
  const inked = (x: number, y: number) => image.data[y * image.width + x] <= ink;
  const anyIn = (from: number, to: number, at: (i: number) => boolean) => {
    for (let i = from; i < to; i++) if (at(i)) return true;
    return false;
  };
  return inkRuns(0, image.width, (x) => anyIn(0, image.height, (y) => inked(x, y)), 0).map(([x0, x1]) => {
    // One run from its first inked row to its last: no gap splits it.
    const [[y0, y1]] = inkRuns(0, image.height, (y) => anyIn(x0, x1, (x) => inked(x, y)), image.height);
    return { x0, y0, x1, y1 };
  });
}

/**
 * Whether a "1" of `text` (an amount read from `image`) is inked as wide as a wider digit: at least `s.wideOne` of the
 * median width of the line's other digits, or, with no other digit on the line, at least `s.wideLoneOne` of its own
 * height, and whose bottom rows' ink spans less than `s.oneFoot` of its width: a 1 with a foot across (a sans font's
 * 1 with its base, as wide as the other digits: Xi'an 卫健委 2022 决算's 785.31, 1185.36) is a 1. Judged only when the
 * line's glyphs as tall as `s.digitGlyphHeight` of the tallest (digits, not points or commas) are exactly the read's
 * digits, one to one: else nothing is known.
 */
export function wideOne(image: Gray, text: string, s: WideOneSettings): boolean {
  const digits = text.replace(/\D/g, "");
  if (!digits.includes("1")) return false;
  const ink = otsuThreshold(image);
  const boxes = glyphBoxes(image, ink);
  const tallest = Math.max(0, ...boxes.map((b) => b.y1 - b.y0));
  const tall = boxes.filter((b) => b.y1 - b.y0 >= s.digitGlyphHeight * tallest);
  if (tall.length !== digits.length) return false;
  const widths = tall.map((b) => b.x1 - b.x0);
  const others = widths.filter((_, i) => digits[i] !== "1");
  const wide = (b: PixelBox) =>
    others.length > 0 ? b.x1 - b.x0 >= s.wideOne * median(others) : b.x1 - b.x0 >= s.wideLoneOne * (b.y1 - b.y0);
  return tall.some((b, i) => digits[i] === "1" && wide(b) && footSpan(image, b, ink) < s.oneFoot * (b.x1 - b.x0));
}

/** How wide the ink of a glyph's bottom fifth spans (a 4's stem alone; a footed 1's base across the glyph). */
function footSpan(image: Gray, b: PixelBox, ink: number): number {
  let left = b.x1,
    right = b.x0 - 1;
  for (let y = b.y1 - Math.max(1, Math.round(0.2 * (b.y1 - b.y0))); y < b.y1; y++)
    for (let x = b.x0; x < b.x1; x++)
      if (image.data[y * image.width + x] <= ink) {
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
  return right - left + 1;
}

export type WideOneSettings = Pick<OcrSettings, "wideOne" | "wideLoneOne" | "oneFoot" | "digitGlyphHeight">;
