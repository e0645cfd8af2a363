/**
 * A document prints the same names again and again: its units in the 收入总表 and again in the 支出总表, its header
 * words on every table. OCR misreads a character of one copy and reads another copy right (西安市低收入家诡经济状况核对中心
 * on one page, 西安市低收入家庭经济状况核对中心 on the next). A doubtful read is taken as another read of the document
 * when they differ only where the doubtful one has a character the forms never print beside its neighbours (诡 makes
 * no pair of the vocabulary with 家 or 经) and the other read's character makes one (家庭). Characters that tell
 * sibling names apart (第一/第二, digits) are never changed, nor more than OcrSettings.repeatedReadEdits characters
 * (工伤保险 and 养老保险 are two apart). `raw` keeps what OCR read.
 */
import { sameLine } from "../pdf/geometry.js";
import type { PageModel, TextRun } from "../pdf/model.js";
import { LOW_CONFIDENCE } from "../pdf/model.js";
import { DEFAULT_OCR, type OcrSettings } from "./settings.js";
import { isSureRead, termsWithoutCode, vocabularyBigrams } from "./vocabulary.js";

/** Numerals and digits name a unit apart from its sibling (第一社会福利院, 第二社会福利院): never a misread to mend. */
const NUMERAL = /[一二三四五六七八九十百千零〇\d]/;

const CJK = /[\u4e00-\u9fff]/;

/** The character at i makes a pair of `pairs` with its left or right neighbour. */
function fits(chars: string[], i: number, pairs: ReadonlySet<string>): boolean {
  return (i > 0 && pairs.has(chars[i - 1] + chars[i])) || (i + 1 < chars.length && pairs.has(chars[i] + chars[i + 1]));
}

/**
 * `other` is what `read` should have been: the same length, at most `limit` characters differ, and at each of
 * them the read's character fits neither neighbour (in `printed`: the vocabulary's pairs and the pairs of the
 * document's sure reads, so 工伤 read surely anywhere is no misread) while the other's fits one in the vocabulary,
 * and neither is a numeral.
 */
export function mendsRead(
  read: string,
  other: string,
  limit: number,
  printed: ReadonlySet<string> = vocabularyBigrams(),
  vocabulary: ReadonlySet<string> = vocabularyBigrams(),
): boolean {
  const a = Array.from(read),
    b = Array.from(other);
  if (a.length !== b.length || read === other) return false;
  let differing = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (++differing > limit) return false;
    if (NUMERAL.test(a[i]) || NUMERAL.test(b[i]) || !CJK.test(b[i])) return false;
    if (fits(a, i, printed) || !fits(b, i, vocabulary)) return false;
  }
  return true;
}

interface Read {
  page: number;
  run: TextRun;
  /** The page's runs, to find the code printed left of this one (codeOf). */
  runs: TextRun[];
}

/** A unit or classification code in a cell of its own: 125004, 241011, 2080505. */
const CODE = /^\d{3,7}$/;

/** The code printed left of a run on its line (the nearest), or null: 125004 beside 西安市安全生产应急救援中心. */
function codeOf(run: TextRun, runs: TextRun[]): string | null {
  let best: TextRun | null = null;
  for (const r of runs)
    if (r !== run && r.x1 <= run.x0 && CODE.test(r.text.trim()) && sameLine(r, run) && (!best || r.x1 > best.x1))
      best = r;
  return best?.text.trim() ?? null;
}

const compact = (text: string) => text.replace(/\s+/g, "");

/**
 * Every text of the document's runs long enough to be a name, with where it was read, by its length in characters:
 * a read is mended only by a name of its own length (mendsRead), so each doubtful read looks at those alone.
 */
function namesRead(pages: PageModel[], s: OcrSettings): Map<number, Map<string, Read[]>> {
  const byLength = new Map<number, Map<string, Read[]>>();
  for (const page of pages)
    for (const run of page.runs) {
      const text = compact(run.text);
      const length = Array.from(text).length;
      if (length < s.minSnappedLength || !CJK.test(text)) continue;
      let names = byLength.get(length);
      if (!names) byLength.set(length, (names = new Map()));
      let reads = names.get(text);
      if (!reads) names.set(text, (reads = []));
      reads.push({ page: page.number, run, runs: page.runs });
    }
  return byLength;
}

/** The vocabulary's pairs of characters and those of the document's sure reads. */
function printedPairs(pages: PageModel[], s: OcrSettings): Set<string> {
  const pairs = new Set(vocabularyBigrams(s));
  for (const page of pages)
    for (const run of page.runs) {
      if (!isSureRead(run.text, run.confidence, s)) continue;
      const chars = Array.from(compact(run.text));
      for (let i = 1; i < chars.length; i++) pairs.add(chars[i - 1] + chars[i]);
    }
  return pairs;
}

/** A read in the same line of the same page is another cell of the row (部门（单位）代码 beside 部门（单位）名称). */
function elsewhere(reads: Read[], page: number, run: TextRun): boolean {
  return reads.some((r) => r.page !== page || !sameLine(r.run, run));
}

interface Context {
  names: Map<number, Map<string, Read[]>>;
  printed: Set<string>;
  /** The vocabulary's pairs alone (vocabularyBigrams under the settings). */
  vocabulary: ReadonlySet<string>;
  words: ReadonlySet<string>;
  s: OcrSettings;
}

/**
 * The one other read that mends a run's, or null (none, or two that would: the read cannot tell them apart). A read
 * beside the same code as the run's (单位编码 125004 on the 收入总表 and the 支出总表) is of the same name: the code
 * vouches for as many edits as it does for a classification label (OcrSettings.labelEditShare; 应急教授中心 on p4,
 * 应急救援中心 beside the same 125004 on p5), each still a character that fits no neighbour where the other's does.
 */
function mendOf(run: TextRun, page: Read, c: Context): string | null {
  const text = compact(run.text);
  const length = Array.from(text).length;
  if (length < c.s.minSnappedLength || isSureRead(run.text, run.confidence, c.s)) return null;
  const code = codeOf(run, page.runs);
  const byCode = Math.floor(length * c.s.labelEditShare);
  const found = [...(c.names.get(length) ?? [])].filter(([name, reads]) => {
    const limit = c.s.repeatedReadEdits + (c.words.has(name) ? 1 : 0);
    if (mendsRead(text, name, limit, c.printed, c.vocabulary) && elsewhere(reads, page.page, run)) return true;
    const sameCode = (r: Read) => r.page !== page.page && code !== null && codeOf(r.run, r.runs) === code;
    return byCode > limit && reads.some(sameCode) && mendsRead(text, name, byCode, c.printed, c.vocabulary);
  });
  return found.length === 1 ? found[0][0] : null;
}

/** The document's OCR pages with each doubtful read mended by another read of the same name (see above). */
export function mendRepeatedReads(pages: PageModel[], s: OcrSettings = DEFAULT_OCR): PageModel[] {
  // A document read from its text layer alone has nothing to mend: no pass over its runs.
  if (!pages.some((p) => p.extraction === "ocr")) return pages;
  const c: Context = {
    names: namesRead(pages, s),
    printed: printedPairs(pages, s),
    vocabulary: vocabularyBigrams(s),
    words: new Set(termsWithoutCode()),
    s,
  };
  return pages.map((page) => {
    if (page.extraction !== "ocr") return page;
    const runs = page.runs.map((run) => {
      const mended = mendOf(run, { page: page.number, run, runs: page.runs }, c);
      if (!mended) return run;
      return { ...run, text: mended, raw: run.raw ?? run.text, confidence: Math.max(run.confidence, LOW_CONFIDENCE) };
    });
    return { ...page, runs };
  });
}
