import { centreY } from "../pdf/geometry.js";
import type { Box, TextRun } from "../pdf/model.js";
import { DEFAULT_LAYOUT, type LayoutSettings } from "./settings.js";

/** One glyph with an estimated box: the unit that is assigned to cells. */
export interface Char extends Box {
  text: string;
  size: number;
  confidence: number;
  /** Index of the text run the glyph came from, and whether a space preceded it in that run. */
  run?: number;
  spaceBefore?: boolean;
}

/** Full-width glyphs (CJK, full-width forms, CJK punctuation) take one em. */
export function isFullWidth(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    (c >= 0x2e80 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0x3000 && c <= 0x303f) ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2018 ||
    c === 0x2019 ||
    (c >= 0x20000 && c <= 0x3ffff)
  );
}

/**
 * Advance of a half-width glyph in em, as the common CJK-document fonts
 * (SimSun's Latin, Arial, Times) set it: digits about half an em, the
 * separators a quarter. Only the ratios matter; the run's width fixes the scale.
 */
function latinAdvance(ch: string): number {
  if (/[0-9]/.test(ch)) return 0.52;
  if (/[.,:;'!|]/.test(ch)) return 0.27;
  if (/[-()[\]]/.test(ch)) return 0.33;
  if (/[%@WMm]/.test(ch)) return 0.85;
  return 0.52;
}

/**
 * Glyph advances across one run, in points. A producer often writes one
 * run across a rule (`96,282,213.44 一、公共安全支出`), so each glyph must sit
 * where it was printed or a digit lands in the next cell's label. CJK
 * glyphs are one em; the half-width glyphs get their own advances; what
 * the run's width leaves over is the gap the spaces stand for. Where the
 * run is narrower than that (condensed text), every advance shrinks alike.
 */
export function glyphAdvances(glyphs: string[], width: number, size: number): number[] {
  const natural = glyphs.map((g) => (!g.trim() ? 0 : isFullWidth(g) ? 1 : latinAdvance(g)) * size);
  const spaces = glyphs.filter((g) => !g.trim()).length;
  const sum = natural.reduce((a, b) => a + b, 0);
  if (spaces && width >= sum) return natural.map((w, i) => (glyphs[i].trim() ? w : (width - sum) / spaces));
  const withSpaces = natural.map((w, i) => (glyphs[i].trim() ? w : 0.27 * size));
  const total = withSpaces.reduce((a, b) => a + b, 0) || 1;
  return withSpaces.map((w) => (w * width) / total);
}

/**
 * pdf.js text items can run across several cells, so items are split into
 * glyphs placed by their advances (glyphAdvances).
 */
export function runsToChars(runs: TextRun[]): Char[] {
  const chars: Char[] = [];
  runs.forEach((run, index) => {
    const glyphs = Array.from(run.text);
    const advances = glyphAdvances(glyphs, Math.max(run.x1 - run.x0, 0), run.size);
    let x = run.x0;
    glyphs.forEach((g, i) => {
      const w = advances[i];
      if (g.trim()) {
        chars.push({
          text: g,
          x0: x,
          x1: x + w,
          y0: run.y0,
          y1: run.y1,
          size: run.size,
          confidence: run.confidence,
          run: index,
          spaceBefore: i > 0 && !glyphs[i - 1].trim(),
        });
      }
      x += w;
    });
  });
  return chars;
}

/** A line of text: chars sharing a baseline, in reading order (its box and text cover them all). */
export interface TextLine extends Char {
  chars: Char[];
}

/** Groups chars into lines (by vertical overlap), then orders each line left to right. */
export function charsToLines(chars: Char[], s: LayoutSettings = DEFAULT_LAYOUT): TextLine[] {
  const sorted = [...chars].sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1) || a.x0 - b.x0);
  const groups: Char[][] = [];
  // The last group's vertical extent, kept as chars join it (not recomputed over the group for each char).
  const line = { x0: 0, x1: 0, y0: 0, y1: 0 };
  for (const ch of sorted) {
    const last = groups[groups.length - 1];
    if (last && Math.abs(centreY(ch) - centreY(line)) < Math.min(ch.size, line.y1 - line.y0) * s.sameLineEm) {
      last.push(ch);
      line.y0 = Math.min(line.y0, ch.y0);
      line.y1 = Math.max(line.y1, ch.y1);
      continue;
    }
    groups.push([ch]);
    line.y0 = ch.y0;
    line.y1 = ch.y1;
  }
  return groups.map((g) => lineFromChars(g, s));
}

function lineFromChars(chars: Char[], s: LayoutSettings): TextLine {
  // By centre: where a producer's item widths overstate a glyph (every glyph one em), boxes overlap.
  chars.sort((a, b) => a.x0 + a.x1 - (b.x0 + b.x1));
  let text = "";
  chars.forEach((c, i) => {
    const prev = chars[i - 1];
    // A visible gap becomes one space; callers decide whether spaces matter.
    if (prev && c.x0 - prev.x1 > Math.min(c.size, prev.size) * s.wordGapEm) text += " ";
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
