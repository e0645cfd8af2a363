import type { Box, TextRun } from "../pdf/model.js";

/** One glyph with an estimated box: the unit that is assigned to cells. */
export interface Char extends Box {
  text: string;
  size: number;
  confidence: number;
}

/** Full-width glyphs (CJK, full-width forms) take one em; others about half. */
function glyphWeight(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0x2e80 && c <= 0x9fff) return 1;
  if (c >= 0xf900 && c <= 0xfaff) return 1;
  if (c >= 0xff00 && c <= 0xff60) return 1;
  if (c >= 0x3000 && c <= 0x303f) return 1;
  if (c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019) return 1;
  return 0.55;
}

/**
 * pdf.js text items can run across several cells, so items are split into
 * glyphs whose widths are estimated from the item width.
 */
export function runsToChars(runs: TextRun[]): Char[] {
  const chars: Char[] = [];
  for (const run of runs) {
    const glyphs = Array.from(run.text);
    const weights = glyphs.map(glyphWeight);
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    const width = Math.max(run.x1 - run.x0, 0);
    let x = run.x0;
    glyphs.forEach((g, i) => {
      const w = (width * weights[i]) / total;
      if (g.trim()) chars.push({ text: g, x0: x, x1: x + w, y0: run.y0, y1: run.y1, size: run.size, confidence: run.confidence });
      x += w;
    });
  }
  return chars;
}

/** A line of text: chars sharing a baseline, in reading order (its box and text cover them all). */
export interface TextLine extends Char {
  chars: Char[];
}

/** Groups chars into lines (by vertical overlap), then orders each line left to right. */
export function charsToLines(chars: Char[]): TextLine[] {
  const sorted = [...chars].sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1) || a.x0 - b.x0);
  const groups: Char[][] = [];
  for (const ch of sorted) {
    const mid = (ch.y0 + ch.y1) / 2;
    const last = groups[groups.length - 1];
    if (last) {
      const ly0 = Math.min(...last.map((c) => c.y0)), ly1 = Math.max(...last.map((c) => c.y1));
      const lmid = (ly0 + ly1) / 2;
      if (Math.abs(mid - lmid) < Math.min(ch.size, ly1 - ly0) * 0.45) {
        last.push(ch);
        continue;
      }
    }
    groups.push([ch]);
  }
  return groups.map(lineFromChars);
}

function lineFromChars(chars: Char[]): TextLine {
  chars.sort((a, b) => a.x0 - b.x0);
  let text = "";
  chars.forEach((c, i) => {
    const prev = chars[i - 1];
    // A visible gap becomes one space; callers decide whether spaces matter.
    if (prev && c.x0 - prev.x1 > Math.min(c.size, prev.size) * 0.3) text += " ";
    text += c.text;
  });
  return {
    text,
    x0: Math.min(...chars.map((c) => c.x0)),
    x1: Math.max(...chars.map((c) => c.x1)),
    y0: Math.min(...chars.map((c) => c.y0)),
    y1: Math.max(...chars.map((c) => c.y1)),
    size: Math.max(...chars.map((c) => c.size)),
    confidence: Math.min(...chars.map((c) => c.confidence)),
    chars,
  };
}
