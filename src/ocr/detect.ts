import type { PageModel } from "../pdf/model.js";
import { DEFAULT_OCR, type OcrSettings } from "./settings.js";

/**
 * Characters a broken font mapping produces: private-use code points,
 * controls, U+FFFD, and Latin-1/Latin Extended letters (byte codes shown
 * as "¸Ê¶¨" when a GBK font has no ToUnicode map). Kangxi and radical
 * code points are a known quirk of good text and do not count.
 */
function isJunk(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if (c < 0x20 && ch !== "\t" && ch !== "\n" && ch !== "\r") return true;
  if (c >= 0x7f && c <= 0x9f) return true;
  if (c >= 0xc0 && c <= 0x24f) return true;
  if (c >= 0xe000 && c <= 0xf8ff) return true;
  if (c >= 0xf0000) return true;
  return c === 0xfffd;
}

/** True when the page's text layer can be used as it is; false means the page needs OCR. */
export function textLayerUsable(page: PageModel, s: OcrSettings = DEFAULT_OCR): boolean {
  const chars = [...page.runs.map((r) => r.text).join("")].filter((ch) => ch.trim() !== "");
  if (chars.length < s.minTextChars) return false;
  const junk = chars.filter(isJunk).length;
  return junk / chars.length <= s.maxJunkShare;
}
