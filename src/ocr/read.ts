import { recognize, type Recognition } from "./tesseract.js";

/** Text given to a crop that holds ink but came back empty from OCR: "unread", never blank. */
export const UNREAD_MARK = "\uFFFD";

/** A printed amount, percentage, code or dash: what the digit reader may replace. */
const AMOUNT = /^(?:[-−]?\(?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\)?%?|[-−—－]+)$/;

/** Mostly digits and separators: the Chinese model reads these worse than the digit model. */
function looksNumeric(text: string): boolean {
  const t = text.replace(/\s+/g, "");
  if (!t) return false;
  const digitLike = t.replace(/[^0-9.,，．\-−()%]/g, "").length;
  return digitLike / t.length >= 0.6;
}

/**
 * Scans blur commas into points: "2.106.66" can only be 2,106.66, since an
 * amount has one decimal point. Only that unambiguous case is repaired.
 */
export function repairSeparators(text: string): string {
  const points = text.split(".").length - 1;
  if (points < 2) return text;
  const last = text.lastIndexOf(".");
  return text.slice(0, last).replace(/\./g, ",") + text.slice(last);
}

export function isAmount(text: string): boolean {
  return AMOUNT.test(text);
}

/** How a line is read: "digits" first when its shape says it is probably a number. */
export type LineHint = "digits" | "text";

/**
 * Reads one line image. A line that probably holds a number (by its
 * shape) goes to the digit model first, and a confident, well-formed amount
 * is taken as it is. Otherwise the Chinese model reads it (it reads labels
 * and tells what the line is); a line that then looks like a number, or was
 * read with low confidence, is read by the digit model, whose answer wins
 * when it is a well-formed amount. The hint only orders the work: a wrong
 * hint costs time, not accuracy.
 */
export async function readLine(image: Buffer, hint: LineHint = "text"): Promise<Recognition> {
  let digits: Recognition | null = null;
  if (hint === "digits") {
    digits = await recognize(image, "digits");
    const repaired = repairSeparators(digits.text.replace(/\s+/g, ""));
    // A lone dash may be 一 misread: let the Chinese model see it.
    if (isAmount(repaired) && /\d/.test(repaired) && digits.confidence >= DIGITS_FIRST_ACCEPT) {
      return { text: repaired, confidence: digits.confidence };
    }
  }
  const text = await recognize(image, "text");
  if (!looksNumeric(text.text) && text.confidence >= 0.7) return text;
  digits ??= await recognize(image, "digits");
  const repaired = repairSeparators(digits.text.replace(/\s+/g, ""));
  if (isAmount(repaired) && (looksNumeric(text.text) || digits.confidence > text.confidence)) {
    return { text: repaired, confidence: digits.confidence };
  }
  if (looksNumeric(text.text)) {
    // Neither model produced a well-formed amount: keep the text, flag it.
    const best = digits.confidence > text.confidence && digits.text ? digits : text;
    return { text: repairSeparators(best.text.replace(/\s+/g, "")), confidence: Math.min(best.confidence, 0.3) };
  }
  return text;
}

/** Digit-model confidence at which a digits-first read is taken without asking the Chinese model. */
const DIGITS_FIRST_ACCEPT = 0.85;
