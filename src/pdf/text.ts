import type { TextRun } from "./model.js";
import { multiply, type Matrix } from "./geometry.js";

interface TextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

/** Text runs in top-left page space from pdf.js text items. */
export function runsFromTextItems(items: TextItemLike[], viewport: Matrix): TextRun[] {
  const runs: TextRun[] = [];
  for (const item of items) {
    if (!item.str || !item.transform || !item.str.trim()) continue;
    const t = multiply(item.transform as Matrix, viewport);
    const size = Math.hypot(t[2], t[3]) || item.height || 10;
    // Horizontal text only: the tables are never set vertically.
    const scaleX = Math.hypot(viewport[0], viewport[1]);
    const width = (item.width ?? 0) * scaleX;
    const x0 = t[4];
    const baseline = t[5];
    runs.push({
      text: item.str,
      x0,
      x1: x0 + width,
      y0: baseline - size * 0.88,
      y1: baseline + size * 0.12,
      size,
      confidence: 1,
    });
  }
  return runs;
}
