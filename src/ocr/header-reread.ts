/**
 * Header words of small print read again from the finer page, at a few sizes, and taken only when the reads name
 * one word of the forms (issue 17). On the corpus's 150 dpi Xi'an 卫健委 p153 (bold 6 pt headers, 13 px lines) the
 * page's crop read 一般公共预算财政拨款 as 一筑会共算财政撤款 and 政府性基金预算财政拨款, 国有资本经营预算财政拨款 as
 * nothing; cut from the page deskewed onto the finer grid (page.ts finePage), the same lines read 一般公共预算财政按款,
 * 政府性基金预算财政折教, 国有资本管营预算财政接款: each within the vocabulary's edits of its word. Which size reads a
 * line is erratic (a size that reads one header leaves the next unread), so a line is read at each of
 * `OcrSettings.headerRereadHeights`, and each read is snapped to the header words on its own. A line takes the word
 * when its reads reach that one word and no other; the word is kept doubtful (just under the flag threshold): it
 * names its column, it does not vouch for the figures under it (src/header-words.ts doubtfulLeaf).
 */
import { LOW_CONFIDENCE, type TextRun } from "../pdf/model.js";
import type { PixelBox } from "./cells.js";
import { scaleGray, toPgm } from "./crop.js";
import type { Gray } from "./raster.js";
import { UNREAD_MARK } from "./read.js";
import type { OcrSettings } from "./settings.js";
import { recognize } from "./tesseract.js";
import { HEADER_TERMS, snapTerm } from "./vocabulary.js";

/** The confidence of a word taken from the reads: just under the flag threshold. */
const SECOND_LOOK = LOW_CONFIDENCE - 0.01;

/** A figure with its decimals (296,030.91): the first row holding one is below the header. */
const FIGURE = /\d\.\d\d$/;

/** A cell read as one line: the cell, its line's box, and its run. */
export interface LineCell {
  cell: PixelBox;
  line: PixelBox;
  run: TextRun;
}

/**
 * The cells of a page's header: those that end above the first cell holding a figure (none when no cell holds one:
 * without figures there is no telling the header from the rows).
 */
export function headerCells(cells: LineCell[]): LineCell[] {
  const figures = cells.filter((c) => FIGURE.test(c.run.text));
  if (!figures.length) return [];
  const top = Math.min(...figures.map((c) => c.cell.y0));
  return cells.filter((c) => c.cell.y1 <= top);
}

/**
 * A header read that needs another look: a line as wide as a word the vocabulary snaps to (`minSnappedLength`
 * characters, a CJK glyph about as wide as its ink is tall; a shorter word is matched only exactly, and is the row
 * read's, src/ocr/row-reread.ts), read unsurely as words or nothing, and no header word nor near one.
 */
function needsLook(c: LineCell, s: OcrSettings): boolean {
  const { run, line } = c;
  if (line.x1 - line.x0 < (s.minSnappedLength - 0.5) * (line.y1 - line.y0)) return false;
  if (/\d/.test(run.text) || (run.confidence ?? 1) >= LOW_CONFIDENCE) return false;
  return run.text === UNREAD_MARK || snapTerm(run.text, HEADER_TERMS, s) === null;
}

/**
 * Reads again each header cell's line that needs it (`crop`: the line cut from the finer page, `lineHeight` its
 * ink's height there) at every height of `headerRereadHeights`, and returns the runs replaced: cell run -> new run.
 */
export async function rereadHeaderWords(
  cells: LineCell[],
  crop: (line: PixelBox) => { image: Gray; lineHeight: number },
  s: OcrSettings,
): Promise<Map<TextRun, TextRun>> {
  const out = new Map<TextRun, TextRun>();
  await Promise.all(
    cells
      .filter((c) => needsLook(c, s))
      .map(async (c) => {
        const { image, lineHeight } = crop(c.line);
        const reads = await Promise.all(
          s.headerRereadHeights.map((h) => recognize(toPgm(scaleGray(image, h / lineHeight)), "text")),
        );
        const words = new Set(reads.map((r) => snapTerm(r.text, HEADER_TERMS, s)).filter((w) => w !== null));
        if (words.size !== 1) return;
        const [word] = words;
        out.set(c.run, { ...c.run, text: word, raw: c.run.text, confidence: SECOND_LOOK });
      }),
  );
  return out;
}
