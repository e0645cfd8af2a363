/**
 * Bold header words in small print that tesseract returns nothing for (Xi'an 生态环境 p27, 300 dpi scan of
 * 5.4 pt bold 预算数 and 项目: strokes 3-4 px wide at 200 dpi run together once the line is enlarged, and the
 * Chinese model finds no character in them). Read again with the strokes thinned, such a line is read surely
 * (预算数 at 0.90-0.92); a re-read is kept only when it is a sure read of words, never of figures.
 */
import { scaleGray, toPgm } from "./crop.js";
import type { Gray } from "./raster.js";
import type { OcrSettings } from "./settings.js";
import { recognize, type Recognition } from "./tesseract.js";
import { LOW_CONFIDENCE } from "../pdf/model.js";

/** The confidence a second look's read is given: just under the flag threshold. */
const SECOND_LOOK = LOW_CONFIDENCE - 0.01;

/** Thinner strokes: each pixel takes the lightest grey within `radius` pixels (an erosion of the ink). */
export function thinStrokes(gray: Gray, radius: number): Gray {
  const { width, height } = gray;
  // Separable: the lightest along each row, then along each column.
  const rows = lightestAlong(gray.data, width, height, radius, true);
  return { width, height, data: lightestAlong(rows, width, height, radius, false) };
}

/** Each pixel's lightest grey within `radius` pixels along its row (`alongRow`) or its column. */
function lightestAlong(data: Uint8Array, width: number, height: number, radius: number, alongRow: boolean) {
  const out = new Uint8Array(width * height);
  const [step, length] = alongRow ? [1, width] : [width, height];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const at = alongRow ? x : y;
      let m = 0;
      for (let d = Math.max(-radius, -at); d <= radius && at + d < length; d++)
        m = Math.max(m, data[y * width + x + d * step]);
      out[y * width + x] = m;
    }
  return out;
}

/**
 * A text line the Chinese model read as nothing, read again with its strokes thinned (`unreadThinning`). The
 * re-read is taken when it holds CJK words and the model is sure of it (`sureRead`); otherwise the line stays
 * unread (U+FFFD, flagged): a figure is never taken from this second look.
 */
export async function rereadThinned(image: Gray, s: OcrSettings): Promise<Recognition | null> {
  if (s.unreadThinning <= 0) return null;
  return secondLook(await recognize(toPgm(thinStrokes(image, s.unreadThinning)), "text"), s);
}

/**
 * A text line the Chinese model read as junk (under `junkRead`: Chongqing 气象 p7's letter-spaced 科 目 header, its
 * gaps closed up, read "8" at 0.02, and the table's header band taken for data), read again enlarged
 * `junkRereadScale` times: which size reads a short line is erratic, and that crop read at twice its size gives
 * 科 目 at 0.92. Kept under the same rule as rereadThinned's (sure words, never a figure); otherwise the first read.
 */
export async function rereadJunk(image: Gray, read: Recognition, s: OcrSettings): Promise<Recognition> {
  if (!read.text || read.confidence >= s.junkRead || s.junkRereadScale <= 1) return read;
  return secondLook(await recognize(toPgm(scaleGray(image, s.junkRereadScale)), "text"), s) ?? read;
}

/** A second look's read when it holds CJK words and no digit and the model is sure of it (`sureRead`), else null. */
function secondLook(read: Recognition, s: OcrSettings): Recognition | null {
  const words = /[\u4e00-\u9fff]/.test(read.text) && !/\d/.test(read.text);
  // Kept below the flag threshold: the word names its column, but a second look does not vouch for the figures
  // under it, which stay flagged as they were under the unread mark (src/header-words.ts doubtfulLeaf).
  return words && read.confidence >= s.sureRead
    ? { ...read, confidence: Math.min(read.confidence, SECOND_LOOK) }
    : null;
}
