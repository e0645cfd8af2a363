/**
 * Ordinals in front of row labels (一、 十二、 7、 (1) （一）) misread (已、 上|、 1I8、 (D) (-)) are mended from the
 * ordinals read around them in the same column: between 六、 and 八、 a misread ordinal can only be 七、, and the
 * misread first item of a list before a (2) is (1). A run of misread ordinals is mended only when the count fits
 * the gap exactly (十、 then three misread, then 十四、: 十一、 十二、 十三、); anything else stays as read. `raw` keeps
 * what OCR read.
 */
import type { PageModel, TextRun } from "../pdf/model.js";
import { DEFAULT_OCR, type OcrSettings } from "./settings.js";
import { isSureRead, snapCell } from "./vocabulary.js";

type Family = "comma" | "bracket";
type Style = "chinese" | "arabic";

interface Ordinal {
  run: TextRun;
  inner: string;
  family: Family;
  /** Null when misread. */
  style: Style | null;
  value: number | null;
  lead: string;
  open: string;
  close: string;
  rest: string;
}

const DIGITS = "一二三四五六七八九";

/** 一 … 九十九 as a number; null for anything else. */
export function chineseNumber(text: string): number | null {
  const digit = (c: string) => DIGITS.indexOf(c) + 1;
  if (/^[一二三四五六七八九]$/.test(text)) return digit(text);
  // 廿 (20) and 卅 (30), as some forms print 廿一、 … 廿四、.
  const short = /^([廿卅])([一二三四五六七八九]?)$/.exec(text);
  if (short) return (short[1] === "廿" ? 20 : 30) + (short[2] ? digit(short[2]) : 0);
  const m = /^([二三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(text);
  if (!m) return null;
  return (m[1] ? digit(m[1]) : 1) * 10 + (m[2] ? digit(m[2]) : 0);
}

/** n as a Chinese numeral; `short`: 20-39 as the list around it prints them, 廿一 and 卅 (not 二十一, 三十). */
export function chineseNumeral(n: number, short = false): string {
  if (short && n > 20 && n < 40 && n !== 30) return (n < 30 ? "廿" : "卅") + (n % 10 ? DIGITS[(n % 10) - 1] : "");
  const tens = Math.floor(n / 10),
    ones = n % 10;
  return (tens > 1 ? DIGITS[tens - 1] : "") + (tens > 0 ? "十" : "") + (ones > 0 ? DIGITS[ones - 1] : "");
}

const COMMA_FORM = /^(其中[：:]?)?([^、（）()\s]{1,4})、(.+)$/;
/** 2.上级补助收入: read only as a neighbour of the sequence (a period is misread too often to mend after it). */
const PERIOD_FORM = /^(其中[：:]?)?(\d{1,2})([.．])(?!\d)(.+)$/;
const BRACKET_FORM = /^(其中[：:]?)?([（(])([^、（）()\s]{0,3})([)）])(.+)$/;

/** A read that is no ordinal but stands where one does: short, or holding a mark no ordinal prints. */
function looksMisread(inner: string): boolean {
  return Array.from(inner).length <= 2 || /[^\u4e00-\u9fff]/.test(inner);
}

function valueOf(inner: string): { style: Style; value: number } | null {
  if (/^\d{1,2}$/.test(inner) && Number(inner) > 0) return { style: "arabic", value: Number(inner) };
  const n = chineseNumber(inner);
  return n === null ? null : { style: "chinese", value: n };
}

export function parseOrdinal(run: TextRun): Ordinal | null {
  const text = run.text.replace(/\s+/g, "");
  const bracket = BRACKET_FORM.exec(text);
  const comma = bracket ? null : COMMA_FORM.exec(text);
  const period = bracket || comma ? null : PERIOD_FORM.exec(text);
  const m = bracket
    ? { lead: bracket[1] ?? "", open: bracket[2], inner: bracket[3], close: bracket[4], rest: bracket[5] }
    : comma
      ? { lead: comma[1] ?? "", open: "", inner: comma[2], close: "、", rest: comma[3] }
      : period
        ? { lead: period[1] ?? "", open: "", inner: period[2], close: period[3], rest: period[4] }
        : null;
  if (!m || !/[\u4e00-\u9fff]/.test(m.rest)) return null;
  const read = valueOf(m.inner);
  if (!read && !looksMisread(m.inner)) return null;
  return { run, family: bracket ? "bracket" : "comma", style: read?.style ?? null, value: read?.value ?? null, ...m };
}

/** Where the ordinal itself starts: after a lead such as 其中：, by the share of the run's characters before it. */
function ordinalX(item: Ordinal): number {
  const lead = Array.from(item.lead).length;
  if (lead === 0) return item.run.x0;
  const chars = Array.from(item.run.text.replace(/\s+/g, "")).length;
  return item.run.x0 + ((item.run.x1 - item.run.x0) * lead) / chars;
}

/**
 * Ordinals whose left edges line up (within a character), top to bottom; an ordinal within reach of two columns
 * joins the nearer (生态环境 p45: 在、 at x 376 belongs under 四、 at 374, not under a misread \、 at 381).
 */
function columnsOf(items: Ordinal[]): Ordinal[][] {
  const columns: Ordinal[][] = [];
  for (const item of [...items].sort((a, b) => a.run.y0 - b.run.y0)) {
    const away = (c: Ordinal[]) => Math.abs(ordinalX(c[0]) - ordinalX(item));
    let near: Ordinal[] | null = null;
    for (const c of columns) if (away(c) <= item.run.size && (!near || away(c) < away(near))) near = c;
    if (near) near.push(item);
    else columns.push([item]);
  }
  return columns;
}

interface Mend {
  style: Style;
  value: number;
  /** 廿一 rather than 二十一, as the list prints it. */
  short: boolean;
}

function mendAfter(anchor: Ordinal, value: number): Mend {
  return { style: anchor.style!, value, short: /^[廿卅]/.test(anchor.inner) };
}

/**
 * Values for each misread item of a list of one family. Between two read ordinals the gap must fit the misread ones
 * exactly; before the first read one they count up from 1, after the last one on from it, only in a list of one
 * style (a 一、 among 1、 … 29、 may begin another level). One read ordinal between two that leave room for one value
 * only (六、 十、 八、) is misread too.
 */
function mendedValues(list: Ordinal[]): Map<Ordinal, Mend> {
  const out = new Map<Ordinal, Mend>();
  const oneStyle = new Set(list.filter((o) => o.style !== null).map((o) => o.style)).size === 1;
  for (let i = 0; i < list.length; ) {
    if (list[i].style !== null) {
      if (isOutOfSequence(list, i)) out.set(list[i], mendAfter(list[i - 1], list[i - 1].value! + 1));
      i++;
      continue;
    }
    let j = i;
    while (j < list.length && list[j].style === null) j++;
    const before = i > 0 ? list[i - 1] : null,
      after = j < list.length ? list[j] : null,
      count = j - i;
    let first: number | null = null;
    if (before && after && before.style === after.style && after.value! - before.value! === count + 1)
      first = before.value! + 1;
    else if (!before && after && oneStyle && after.value! - count === 1) first = 1;
    else if (before && !after && oneStyle) first = before.value! + 1;
    const anchor = after ?? before;
    if (first !== null && anchor) for (let k = i; k < j; k++) out.set(list[k], mendAfter(anchor, first + k - i));
    i = j;
  }
  return out;
}

function isOutOfSequence(list: Ordinal[], i: number): boolean {
  const [before, item, after] = [list[i - 1], list[i], list[i + 1]];
  if (!before || !after || before.style === null || after.style === null) return false;
  const sameStyle = before.style === item.style && item.style === after.style;
  return sameStyle && after.value! - before.value! === 2 && item.value !== before.value! + 1;
}

function mended(item: Ordinal, v: Mend, s: OcrSettings): TextRun {
  const numeral = v.style === "arabic" ? String(v.value) : chineseNumeral(v.value, v.short);
  const rest = isSureRead(item.rest, item.run.confidence, s) ? item.rest : (snapCell(item.rest, null, s) ?? item.rest);
  const text = `${item.lead}${item.open}${numeral}${item.close}${rest}`;
  return { ...item.run, text, raw: item.run.raw ?? item.run.text };
}

/** A page's misread ordinals mended from their column's sequence (see above). */
export function mendOrdinals(page: PageModel, s: OcrSettings = DEFAULT_OCR): PageModel {
  if (page.extraction !== "ocr") return page;
  const items = page.runs.map(parseOrdinal).filter((o): o is Ordinal => o !== null);
  const fixes = new Map<TextRun, TextRun>();
  for (const column of columnsOf(items))
    for (const family of ["comma", "bracket"] as const)
      for (const [item, v] of mendedValues(column.filter((o) => o.family === family)))
        fixes.set(item.run, mended(item, v, s));
  return fixes.size ? { ...page, runs: page.runs.map((r) => fixes.get(r) ?? r) } : page;
}
