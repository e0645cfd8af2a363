/**
 * Short header words of small print read together with their row. Alone, a two-character word in a wide cell gives
 * the Chinese model no context: on the corpus's 150 dpi Xi'an 卫健委 p153 (6 pt bold headers, 13 px lines) 项目 came
 * back unread in every variant tried (enlarged, thinned, contrast stretched), 合计 as 会讨, 金额 as 全宙; the row's
 * words set side by side in one line read 项目 行次 全额 项目 行次 合计. So on small print (OcrSettings.smallPrintPx), a
 * row of single-line word cells where one is unread or unsure is read again as one line, and each unread or unsure
 * cell takes its word from that read when the read splits into as many words as there are cells. The word is kept
 * doubtful (just under the flag threshold): it names its column, it does not vouch for the figures under it.
 */
import { LOW_CONFIDENCE, type TextRun } from "../pdf/model.js";
import type { PixelBox } from "./cells.js";
import { sideBySide, toPgm } from "./crop.js";
import type { Gray } from "./raster.js";
import { UNREAD_MARK } from "./read.js";
import { recognize } from "./tesseract.js";

/** The confidence a word taken from its row's read is given: just under the flag threshold. */
const ROW_READ = LOW_CONFIDENCE - 0.01;

/**
 * Only short words are taken (项目, 行次, 金额, 合计, 栏次, 预算数): what a cell lacks alone is context, and a long
 * label or header has its own; a row's read of those moves as much one way as the other (年末结转和结余 read
 * 年末结转和铬祭).
 */
const SHORT_WORD = /^[\u4e00-\u9fff]{2,3}$/;

/** A cell read as one line of words: the cell, its line's box, and its run (U+FFFD when unread). */
export interface WordCell {
  cell: PixelBox;
  line: PixelBox;
  run: TextRun;
}

/** Whether a run needs another look: unread, or read with a confidence under the flag threshold. */
function unsure(run: TextRun): boolean {
  return run.text === UNREAD_MARK || (run.confidence ?? 1) < LOW_CONFIDENCE;
}

/** Word cells grouped by the grid row they lie in (the same top and bottom within `slack` pixels), left to right. */
export function rowsOf(cells: WordCell[], slack: number): WordCell[][] {
  const rows: WordCell[][] = [];
  for (const c of [...cells].sort((a, b) => a.cell.y0 - b.cell.y0 || a.cell.x0 - b.cell.x0)) {
    const row = rows.find(
      (r) => Math.abs(r[0].cell.y0 - c.cell.y0) <= slack && Math.abs(r[0].cell.y1 - c.cell.y1) <= slack,
    );
    if (row) row.push(c);
    else rows.push([c]);
  }
  return rows.map((r) => r.sort((a, b) => a.cell.x0 - b.cell.x0));
}

/**
 * Reads again each row of word cells holding an unsure one, as one line (`enlarge` makes the line the size the
 * Chinese model wants), and returns the runs replaced: cell run -> new run.
 */
export async function rereadRows(
  gray: Gray,
  rows: WordCell[][],
  enlarge: (line: Gray, height: number) => Gray,
): Promise<Map<TextRun, TextRun>> {
  const out = new Map<TextRun, TextRun>();
  await Promise.all(
    rows
      .filter((r) => r.length >= 2 && r.some((c) => unsure(c.run)))
      .map(async (row) => {
        const height = Math.max(...row.map((c) => c.line.y1 - c.line.y0));
        // Apart by more than a glyph, so that the model puts a space between the cells' words.
        const line = sideBySide(
          gray,
          row.map((c) => c.line),
          Math.round(1.4 * height),
          Math.round(0.7 * height),
        );
        const read = await recognize(toPgm(enlarge(line, height)), "text");
        // Punctuation alone is a speck or a rule's end, not a cell's word.
        const words = read.text
          .trim()
          .split(/\s+/)
          .filter((w) => /[\p{L}\p{N}]/u.test(w));
        if (words.length !== row.length) return;
        row.forEach((c, i) => {
          if (!unsure(c.run) || !SHORT_WORD.test(words[i])) return;
          out.set(c.run, { ...c.run, text: words[i], confidence: Math.min(read.confidence, ROW_READ) });
        });
      }),
  );
  return out;
}
