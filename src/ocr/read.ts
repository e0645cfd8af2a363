import { toPgm } from "./crop.js";
import type { Gray } from "./raster.js";
import { DEFAULT_OCR, type OcrSettings } from "./settings.js";
import { recognizeInStrip } from "./strips.js";
import { recognize, recognizeBlock, type Recognition } from "./tesseract.js";
import { wideOne } from "./wide-ones.js";

import { UNREAD_MARK } from "../pdf/model.js";

export { UNREAD_MARK };

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

const CJK = "[\\u3400-\\u9fff]";
// ";" after a CJK character is how the model reads the "：" of 单位：元 (an ASCII semicolon is never printed there).
const HALF_TO_FULL: Record<string, string> = {
  "(": "（",
  ")": "）",
  "〈": "（",
  "〉": "）",
  ":": "：",
  ",": "，",
  ";": "：",
};

/**
 * The Chinese model often returns ASCII punctuation (or angle brackets) for
 * the full-width marks printed in labels: 维修（护）费 came back as 维修〈护)费.
 * Next to a CJK character, map them to the full-width forms the text layer has.
 */
export function fullWidthPunctuation(text: string): string {
  const re = new RegExp(`(?<=${CJK})[()〈〉:,;]|[()〈〉:,](?=${CJK})|[〈〉]`, "g");
  return text.replace(re, (ch) => HALF_TO_FULL[ch] ?? ch);
}

const FIGURE_WITH_UNIT = new RegExp(`^[-−]?[\\d.,，．]+\\s*%?\\s*${CJK}+$`);

/**
 * The model reads the 十 of a row ordinal (十四、金融支出) as 上, once or twice.
 * No label starts with 上 followed by a numeral and 、, so that is repaired.
 */
export function repairOrdinal(text: string): string {
  return text.replace(/^上{1,2}(?=[一二三四五六七八九]?、)/, "十");
}

export function isAmount(text: string): boolean {
  return AMOUNT.test(text);
}

/** One line as each model wants it, made when first asked for (most lines go to one model only). */
export interface LineImages {
  text: () => Gray;
  /** Small figures enlarged: the digit model loses decimal points below about 30 px. */
  digits: () => Gray;
}

/**
 * Whether a page's sure reads by the digit model may stand alone, checked on a sample. The digit model reads
 * some fonts' 4 as 1, surely (Xi'an HRSS 482.46 as 182.16 at 0.88, Guangzhou 598.41 as 598.11 at 0.95) and
 * others right; a page prints its figures in one font. Up to `size` sure reads are also read by the Chinese
 * model: each read that holds a digit the sample does not yet hold `confirmed` times. The page's other sure reads
 * wait for the sample: one stands alone when every sample agreed and each digit it holds was read in agreement
 * at least `confirmed` times (a page of 0.00 vouches for no other digit); any other is read by both models, and
 * where they differ the digit model's confidence is no vote (readLine).
 *
 * The sample is taken in one fixed order, not in the order the strips' reads come back: the order strips.ts stacks
 * the page's lines in (by height, then as asked for), which is the order their reads come back from one worker.
 * Each line read digits first enters (`enter`) as the page's cells are cut, and its read is considered (`take`)
 * only after the reads of every line before it. With two workers, which strip finishes first moves with the load;
 * taken as they came back, the sample (and so which figures were confirmed, and how surely) moved with it.
 */
export class FigureCheck {
  private taken = 0;
  private answered = 0;
  private failed = false;
  private readonly seen = new Map<string, number>();
  private readonly inSample = new Map<string, number>();
  /** Each entered line's height, its sure read (null: none) once offered, and how to tell it whether it is taken. */
  private readonly offers: { height: number; read?: string | null; decide?: (sample: boolean) => void }[] = [];
  /** The entered lines in the order they are considered (set once every line has entered), and the next one. */
  private order: number[] | null = null;
  private next = 0;
  private settle: () => void = () => {};
  private readonly done = new Promise<void>((resolve) => (this.settle = resolve));
  constructor(
    readonly size: number,
    readonly confirmed = 2,
  ) {
    if (size === 0) this.settle();
  }
  /**
   * A line to be read digits first, `height` its digit image's: its place (-1 after the page's lines are all in). A
   * page's cells ask for their lines before the page awaits anything (as strips.ts gathers them): the turn of the
   * first closes the entries.
   */
  enter(height: number): number {
    if (this.order || this.size === 0) return -1;
    if (this.offers.length === 0) setImmediate(() => this.close());
    return this.offers.push({ height }) - 1;
  }
  private close(): void {
    // Array.prototype.sort is stable: lines of one height stay in the order they entered, as in strips.ts.
    this.order = this.offers.map((_, i) => i).sort((a, b) => this.offers[a].height - this.offers[b].height);
    this.consider();
  }
  /**
   * Whether the digit model's read of the line at `place` is one of the sample (to be read by both models), once
   * the lines before it are considered: while the sample is not full, a sure read holding a digit the sample does
   * not yet hold `confirmed` times. `read` is null when the line's read is not a sure amount; every entered line is
   * offered, sure or not.
   */
  take(place: number, read: string | null): Promise<boolean> {
    if (place < 0) return Promise.resolve(false);
    return new Promise((decide) => {
      Object.assign(this.offers[place], { read, decide });
      this.consider();
    });
  }
  private consider(): void {
    const order = this.order;
    if (!order) return;
    for (let o = this.offers[order[this.next]]; o?.decide; o = this.offers[order[this.next]]) {
      this.next++;
      o.decide(o.read != null && this.fits(o.read));
    }
    this.settleWhenKnown();
  }
  private fits(read: string): boolean {
    const digits = read.replace(/\D/g, "");
    if (this.taken >= this.size || [...digits].every((d) => (this.inSample.get(d) ?? 0) >= this.confirmed))
      return false;
    this.taken++;
    for (const d of digits) this.inSample.set(d, (this.inSample.get(d) ?? 0) + 1);
    return true;
  }
  /** A sample's outcome: whether the Chinese model read the same figure as the digit model's `read`. */
  record(agreed: boolean, read: string): void {
    if (!agreed) this.failed = true;
    else for (const d of read.replace(/\D/g, "")) this.seen.set(d, (this.seen.get(d) ?? 0) + 1);
    this.answered++;
    this.settleWhenKnown();
  }
  /** The outcome is known when a sample read disagreed, or every line is considered and every sample answered. */
  private settleWhenKnown(): void {
    const considered = this.order !== null && this.next === this.order.length;
    if (this.failed || (considered && this.answered === this.taken)) this.settle();
  }
  /** Whether a sure read outside the sample may stand alone (waits for the sample's outcome). */
  async vouches(read: string): Promise<boolean> {
    if (this.size === 0) return true;
    await this.done;
    return !this.failed && [...read.replace(/\D/g, "")].every((d) => (this.seen.get(d) ?? 0) >= this.confirmed);
  }
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
export async function readLine(
  line: LineImages,
  hint: LineHint = "text",
  s: OcrSettings = DEFAULT_OCR,
  check?: FigureCheck,
): Promise<Recognition> {
  return doubtWideOnes(await readBoth(line, hint, s, check), line, s);
}

/**
 * A sure amount holding a "1" inked as wide as the line's other digits is flagged (wide-ones.ts: the digit model
 * reads some fonts' thin 4 as 1, surely, and the Chinese model often agrees). Its figure stays as read.
 */
function doubtWideOnes(read: Recognition, line: LineImages, s: OcrSettings): Recognition {
  if (read.confidence <= s.disagreementConfidence || !isAmount(read.text) || !read.text.includes("1")) return read;
  if (!wideOne(line.digits(), read.text, s)) return read;
  return { ...read, confidence: s.disagreementConfidence };
}

async function readBoth(line: LineImages, hint: LineHint, s: OcrSettings, check?: FigureCheck): Promise<Recognition> {
  let digits: Recognition | null = null;
  let sample = false,
    checked = false;
  if (hint === "digits") {
    const image = line.digits();
    const place = check?.enter(image.height) ?? -1;
    digits = await recognizeInStrip(image, "digits");
    const repaired = repairSeparators(digits.text.replace(/\s+/g, ""));
    // A lone dash may be 一 misread: let the Chinese model see it.
    const sure = isAmount(repaired) && /\d/.test(repaired) && digits.confidence >= s.digitsFirstAccept;
    sample = check ? await check.take(place, sure ? repaired : null) : false;
    if (sure) {
      if (!sample && (!check || (await check.vouches(repaired))))
        return { text: repaired, confidence: digits.confidence };
      checked = true;
    }
  }
  const read = await recognize(toPgm(line.text()), "text");
  if (sample) {
    const digitRead = repairSeparators(digits!.text.replace(/\s+/g, ""));
    check!.record(digitsOf(asAmountText(read.text)) === digitsOf(digitRead), digitRead);
  }
  const text = { ...read, text: repairOrdinal(fullWidthPunctuation(read.text)) };
  // A confident read of a figure followed by its unit ("99.82 分", "10,300 人次"): the
  // digit model would turn the unit into digits. (A CJK character before or inside
  // a figure is a misread digit: "上 097, 073. 43" is 1,097,073.43.)
  if ((!looksNumeric(text.text) || FIGURE_WITH_UNIT.test(text.text)) && text.confidence >= 0.7) return text;
  // Unsure, but still a figure with a unit: keep it with its low confidence (flagged) rather
  // than let the digit model read 分 as "43" (92.72 分 came back as 92.7243).
  if (FIGURE_WITH_UNIT.test(text.text) && text.confidence >= s.ignoredReadConfidence) return text;
  digits ??= await readDigits(line);
  const fromDigits = { text: repairSeparators(digits.text.replace(/\s+/g, "")), confidence: digits.confidence };
  const fromText = { text: asAmountText(read.text), confidence: read.confidence };
  // A sure read checked by the Chinese model (a sample, or on a page whose sample disagreed) stays sure when the
  // two agree; otherwise its confidence is no vote: the digit model is sure of its misreads (4 read as 1).
  const disputed = checked && digitsOf(fromDigits.text) !== digitsOf(fromText.text);
  const digitVote = disputed
    ? { ...fromDigits, confidence: Math.min(fromDigits.confidence, s.ignoredReadConfidence) }
    : fromDigits;
  const both = [digitVote, fromText].filter((r) => isAmount(r.text));
  if (both.length === 2) return agree(digitVote, fromText, s);
  // One well-formed amount: it wins over a numeric-looking read, a less sure read, or
  // noise (the digit model reports 0 on long figures it reads right: 1,775.32).
  const noise = text.confidence < s.ignoredReadConfidence;
  if (both.length === 1 && (looksNumeric(text.text) || noise || both[0].confidence > text.confidence)) return both[0];
  if (looksNumeric(text.text)) {
    // Neither model produced a well-formed amount: keep the text, flag it.
    const best = digits.confidence > text.confidence && digits.text ? fromDigits : fromText;
    return { text: best.text, confidence: Math.min(best.confidence, 0.3) };
  }
  return text;
}

/**
 * The digit model's read of a line asked for after the Chinese model's: alone, never in a strip (strips.ts) with
 * whatever lines are asked for in the same turn. Which lines those are depends on how fast the Chinese reads come
 * back (and, with two pages in flight, on the other page), and a strip's read of a line moves with the lines beside
 * it: on the 7 px digits of the corpus's Xi'an 卫健委 p153 often enough to change its table from run to run (one full
 * eval read it with two extra rows). The lines read digits-first are all asked for in the page's first turn, so their
 * strips are the same each run and stay (read alone as well, p153's figures read worse: 14 -> 5 of 27).
 */
function readDigits(line: LineImages): Promise<Recognition> {
  return readAlone(line.digits());
}

/** One line read alone as a one-line block (psm 6), as a strip's lines are read; alone as psm 7 when that fails. */
async function readAlone(image: Gray): Promise<Recognition> {
  const lines = await recognizeBlock(toPgm(image), "digits");
  if (lines?.length === 1) return { text: lines[0].text, confidence: lines[0].confidence };
  return recognize(toPgm(image), "digits");
}

/**
 * Two independent reads of the same amount. When they agree the figure is
 * as sure as the surer model (the digit model reports 0 on long figures it
 * reads correctly); when they differ the more confident one is kept, flagged.
 */
function agree(a: Recognition, b: Recognition, s: OcrSettings): Recognition {
  // Same figure, separators aside ("1,671.05" and "1671.05"): keep the first one's text.
  if (digitsOf(a.text) === digitsOf(b.text)) return { text: a.text, confidence: Math.max(a.confidence, b.confidence) };
  const [best, other] = a.confidence >= b.confidence ? [a, b] : [b, a];
  // A read the model itself gives (almost) no confidence is noise, not a dissenting vote.
  if (other.confidence < s.ignoredReadConfidence) return best;
  return { text: best.text, confidence: Math.min(best.confidence, s.disagreementConfidence) };
}

function digitsOf(text: string): string {
  return text.replace(/[^0-9.\-%()]/g, "");
}

/** The Chinese model's reading of a figure as plain amount text: "82, 096, 797. 42" → "82,096,797.42". */
function asAmountText(text: string): string {
  const t = text
    .replace(/\s+/g, "")
    .replace(/[，]/g, ",")
    .replace(/[．。]/g, ".")
    .replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  return repairSeparators(t);
}
