import type { Row } from "../schemas/document.js";
import { DEFAULT_OCR, type OcrSettings } from "../src/ocr/settings.js";
import {
  CLASSIFICATION_CODE,
  editDistance,
  shapedCode,
  widelyPrintedCodes,
  widelyPrintedNames,
} from "../src/ocr/vocabulary.js";

/**
 * Classification codes misread by one digit on a scan, mended from the table itself. On a bilevel scan the thin
 * strokes of a 4 are lost and OCR reads 224 as 221, 2240101 as 2210101, surely: the row then goes out under another
 * code (another row's figures, a row the original lacks). Two things the table prints vouch for the code:
 * - a 类 code's label: 221 beside 灾宙防治及庆忆生理文出, clearly nearest 224's 灾害防治及应急管理支出 of the names
 *   of 221 and of every code a digit away, is 224;
 * - the rows above: a table that prints a 类 row lists its 款 right under it, and a 款 row its 项, so a 款 a digit
 *   away from the 类 row just above (22101 under 224) is of that 类 (22401); likewise a 项 (2210101 under the 款
 *   row 22401 is 2240101).
 * Only OCR'd rows; a mended row's cells are flagged (the row's code was not read as printed). The names compared are
 * the national list's (src/ocr/vocabulary.ts CLASSIFICATION_NAMES) and the printed ones several documents print
 * (OcrSettings.codeNameDocuments), never a name one document prints alone: some were seen only on the pages a
 * held-out scan is made from (Jiangsu 检察院 2017 p12's 2040402 一般行政管理事务), and a mend vouched for by them
 * would be vouched for by the answer key.
 */
export function mendMisreadCodes(rows: Row[], warnings: string[] = [], s: OcrSettings = DEFAULT_OCR): Row[] {
  // The last 类 row and the last 款 row under it (a 款 row is forgotten at the next 类 row).
  let klass: Parent | null = null,
    item: Parent | null = null;
  return mendOutOfPlace(rows, warnings, s).map((row) => {
    let code = row.row_code;
    if (code && isOcr(row)) {
      if (code.length === 3) code = classByLabel(code, row.row_label, s) ?? code;
      else if (code.length === 5 && klass) code = underParent(code, klass, row.row_label, s);
      else if (code.length === 7 && item) code = underParent(code, item, row.row_label, s);
    }
    if (code?.length === 3) [klass, item] = [{ code, label: row.row_label }, null];
    if (code?.length === 5) item = { code, label: row.row_label };
    if (!code || code === row.row_code) return row;
    return flagged({ ...row, row_code: code });
  });
}

function flagged(row: Row): Row {
  const values = Object.fromEntries(Object.entries(row.values).map(([k, c]) => [k, { ...c, flagged: true }]));
  return { ...row, values };
}

/**
 * A code no classification prints where it stands, on a scan, mended from the codes around it. A classified table
 * lists its codes in order (301, 30101 … 30199, 302, 30201 …), so a row's code lies between its neighbours'.
 * - A code of no classification's shape (pale 120 dpi print: 30229 read 0229, 303 read 3, their leading digits
 *   lost) is the one known code between the neighbours that holds the digits read in order, or, of several, the one
 *   the label clearly names (as classByLabel).
 * - A code of the right shape out of its neighbours' order (302 商品和服务支出 read 30102, after 30107) is the
 *   known code between them that the label clearly names, its own names far from it.
 * A code of no shape that cannot be mended so is left as read, its row flagged and a warning names it; one out of
 * order that the label does not clearly name otherwise is left as printed (some forms list a 款's 项 backwards).
 */
function mendOutOfPlace(rows: Row[], warnings: string[], s: OcrSettings): Row[] {
  return rows.map((row, i) => {
    const code = row.row_code;
    if (!isOcr(row)) return row;
    const [prev, next] = [shapedCode(rows[i - 1]), shapedCode(rows[i + 1])];
    if (!code) return codeLost(row, prev, next, s);
    const impossible = !CLASSIFICATION_CODE.test(code);
    const outOfOrder = !impossible && prev !== null && next !== null && prev < next && !(prev < code && code < next);
    if (!impossible && !outOfOrder) return row;
    const read = (row.row_label ?? "").replace(/\s+/g, "");
    const between = codesBetween(prev, next, s);
    let mended: string | null;
    if (impossible) {
      const lost = between.filter((c) => holdsInOrder(c, code));
      mended = lost.length === 1 && prev !== null && next !== null ? lost[0]! : clearlyNamed(read, lost, [], s);
    } else {
      // Some forms print a 款's 项 out of order (Xi'an 人社 2020 p38: 2080199, 2080111, 2080101): a code the label
      // does not clearly put elsewhere stands as printed.
      mended = prev !== null && next !== null ? clearlyNamed(read, between, [code], s) : null;
      if (!mended) return row;
    }
    if (!mended)
      warnings.push(`page ${row.page}: row code ${code} cannot stand there (${prev ?? "-"} … ${next ?? "-"}): flagged`);
    return flagged({ ...row, row_code: mended ?? code });
  });
}

/**
 * A row read with no code between two coded rows in order, on a scan (120 dpi: 2080207 行政区划和地名管理 read as
 * nothing, its figures then under no code): the known code between them its label clearly names, the row flagged.
 * A row whose label names no such code (a subtotal, a note) stays without one.
 */
function codeLost(row: Row, prev: string | null, next: string | null, s: OcrSettings): Row {
  if (prev === null || next === null || prev >= next) return row;
  const mended = clearlyNamed((row.row_label ?? "").replace(/\s+/g, ""), codesBetween(prev, next, s), [], s);
  return mended ? flagged({ ...row, row_code: mended }) : row;
}

/** The known codes of a classification's shape between two codes (either end open when null). */
function codesBetween(prev: string | null, next: string | null, s: OcrSettings): string[] {
  return widelyPrintedCodes(s).filter(
    (c) => CLASSIFICATION_CODE.test(c) && (prev === null || prev < c) && (next === null || c < next),
  );
}

/** Whether the digits read stand in the code in order (the code as printed, some of its digits lost). */
function holdsInOrder(code: string, read: string): boolean {
  let at = 0;
  for (const d of code) if (d === read[at]) at++;
  return at === read.length;
}

/**
 * The candidate code whose name the read label clearly is: within OcrSettings.codeLabelEditShare of that name's
 * characters, and every other candidate and rival (the code as read) farther, classNameMargin times as far.
 */
function clearlyNamed(read: string, candidates: string[], rivals: string[], s: OcrSettings): string | null {
  if (!read) return null;
  const scored = candidates
    .map((c) => ({ c, d: nearestName(read, c, s) }))
    .filter((x) => x.d < Infinity)
    .sort((a, b) => a.d - b.d);
  const [first, second] = scored;
  if (!first) return null;
  const name = names(first.c, s).find((n) => nameDistance(read, n) === first.d)!;
  const near = first.d <= Math.floor(Array.from(name).length * s.codeLabelEditShare);
  const clear = (d: number | undefined) => d === undefined || (d > first.d && d >= s.classNameMargin * first.d);
  return near && clear(second?.d) && rivals.every((r) => clear(nearestName(read, r, s))) ? first.c : null;
}

/** A 类 or 款 row above: its code (as mended) and its label as read. */
interface Parent {
  code: string;
  label: string | null;
}

function isOcr(row: Row): boolean {
  return Object.values(row.values).some((c) => c.extraction === "ocr");
}

/**
 * The 类 code a digit away from `code` whose name the label clearly is (OcrSettings.codeLabelEditShare,
 * classNameMargin): nearer it than any name of `code` and of every other code a digit away.
 */
function classByLabel(code: string, label: string | null, s: OcrSettings): string | null {
  return clearlyNamed((label ?? "").replace(/\s+/g, ""), oneDigitAway(code), [code], s);
}

/**
 * A code under a parent row it does not begin with, a digit away from it: the parent's; unless a label says the
 * parent row is the misread one (22401 应急管理事务 under 224 read 221): the parent's label is nearer a name of the
 * code's own prefix (224) than of the parent's code, or the code's label nearer a name of its code as read.
 */
function underParent(code: string, parent: Parent, label: string | null, s: OcrSettings): string {
  const own = code.slice(0, parent.code.length);
  if (own === parent.code || differingDigits(own, parent.code) !== 1) return code;
  const mended = parent.code + code.slice(parent.code.length);
  if (nearestName(parent.label, own, s) < nearestName(parent.label, parent.code, s)) return code;
  return nearestName(label, code, s) < nearestName(label, mended, s) ? code : mended;
}

/** The edit distance from a read label to the nearest name of a code (Infinity when none is known). */
function nearestName(label: string | null, code: string, s: OcrSettings): number {
  const read = (label ?? "").replace(/\s+/g, "");
  return read ? Math.min(...names(code, s).map((n) => nameDistance(read, n))) : Infinity;
}

/**
 * A read label's distance from a name, its qualifier aside when that is nearer: forms print 行政运行 with its 款 in
 * brackets (行政运行（人力资源和社会保障管理事务）, Xi'an 人社 2020 p38), a name the list holds as 行政运行.
 */
function nameDistance(read: string, name: string): number {
  return Math.min(editDistance(read, name), editDistance(unqualified(read), unqualified(name)));
}

function unqualified(label: string): string {
  return label.replace(/[（(][^（）()]*[）)]?$/, "");
}

function names(code: string, s: OcrSettings): readonly string[] {
  return widelyPrintedNames(code, s);
}

function oneDigitAway(code: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < code.length; i++)
    for (const d of "0123456789") if (d !== code[i]) out.push(code.slice(0, i) + d + code.slice(i + 1));
  return out;
}

function differingDigits(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}
