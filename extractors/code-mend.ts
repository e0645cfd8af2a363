import type { Row } from "../schemas/document.js";
import { DEFAULT_OCR } from "../src/ocr/settings.js";
import { classificationNames, editDistance } from "../src/ocr/vocabulary.js";

/**
 * Classification codes misread by one digit on a scan, mended from the table itself. On a bilevel scan the thin
 * strokes of a 4 are lost and OCR reads 224 as 221, 2240101 as 2210101, surely: the row then goes out under another
 * code (another row's figures, a row the original lacks). Two things the table prints vouch for the code:
 * - a 类 code's label: 221 beside 灾宙防治及庆忆生理文出, clearly nearest 224's 灾害防治及应急管理支出 of the names
 *   of 221 and of every code a digit away, is 224;
 * - the rows above: a table that prints a 类 row lists its 款 right under it, and a 款 row its 项, so a 款 a digit
 *   away from the 类 row just above (22101 under 224) is of that 类 (22401); likewise a 项 (2210101 under the 款
 *   row 22401 is 2240101).
 * Only OCR'd rows; a mended row's cells are flagged (the row's code was not read as printed).
 */
export function mendMisreadCodes(rows: Row[]): Row[] {
  // The last 类 row and the last 款 row under it (a 款 row is forgotten at the next 类 row).
  let klass: string | null = null,
    item: string | null = null;
  return rows.map((row) => {
    let code = row.row_code;
    if (code && isOcr(row)) {
      if (code.length === 3) code = classByLabel(code, row.row_label) ?? code;
      else if (code.length === 5 && klass) code = underParent(code, klass, row.row_label);
      else if (code.length === 7 && item) code = underParent(code, item, row.row_label);
    }
    if (code?.length === 3) [klass, item] = [code, null];
    if (code?.length === 5) item = code;
    if (!code || code === row.row_code) return row;
    const values = Object.fromEntries(Object.entries(row.values).map(([k, c]) => [k, { ...c, flagged: true }]));
    return { ...row, row_code: code, values };
  });
}

function isOcr(row: Row): boolean {
  return Object.values(row.values).some((c) => c.extraction === "ocr");
}

/**
 * The 类 code a digit away from `code` whose name the label clearly is (OcrSettings.codeLabelEditShare,
 * classNameMargin): nearer it than any name of `code` and of every other code a digit away.
 */
function classByLabel(code: string, label: string | null, s = DEFAULT_OCR): string | null {
  const read = (label ?? "").replace(/\s+/g, "");
  if (!read) return null;
  const nearest = (c: string) => nearestName(read, c);
  const own = nearest(code);
  const scored = oneDigitAway(code)
    .map((c) => ({ c, d: nearest(c) }))
    .filter((x) => x.d < Infinity)
    .sort((a, b) => a.d - b.d);
  const [first, second] = scored;
  if (!first) return null;
  const name = classificationNames(first.c).find((n) => editDistance(read, n) === first.d)!;
  const near = first.d <= Math.floor(Array.from(name).length * s.codeLabelEditShare);
  const clear = (d: number | undefined) => d === undefined || d >= s.classNameMargin * first.d;
  return near && first.d < own && clear(own) && clear(second?.d) ? first.c : null;
}

/**
 * A code under a parent row it does not begin with, a digit away from it: the parent's; unless its label is nearer
 * a name of the code as read (the parent row may be the misread one: 22401 应急管理事务 under 224 read 221).
 */
function underParent(code: string, parent: string, label: string | null): string {
  const own = code.slice(0, parent.length);
  if (own === parent || differingDigits(own, parent) !== 1) return code;
  const mended = parent + code.slice(parent.length);
  const read = (label ?? "").replace(/\s+/g, "");
  return nearestName(read, code) < nearestName(read, mended) ? code : mended;
}

/** The edit distance from a read label to the nearest name of a code (Infinity when none is known). */
function nearestName(read: string, code: string): number {
  return Math.min(...classificationNames(code).map((n) => editDistance(read, n)));
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
