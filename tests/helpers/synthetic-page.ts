import type { PageModel, Ruling, TextRun } from "../../src/pdf/model.js";

/**
 * A hand-made page model: a fully ruled table whose rows are given as
 * cell texts ("" for blank; a row of one string spans the full width),
 * with optional lines of text above it. Stands in for the PDF stage so
 * layout and extraction can be tested on shapes no sample has.
 */
export function ruledPage(opts: { above?: string[]; rows: string[][]; colWidth?: number; number?: number }): PageModel {
  const colWidth = opts.colWidth ?? 130,
    rowHeight = 20,
    size = 10,
    left = 40;
  const cols = Math.max(...opts.rows.map((r) => r.length));
  const runs: TextRun[] = [];
  let y = 40;
  for (const line of opts.above ?? []) {
    runs.push(run(line, left, y, size));
    y += 18;
  }
  const top = y;
  const rulings: Ruling[] = [];
  opts.rows.forEach((cells, r) => {
    const y0 = top + r * rowHeight;
    rulings.push({ orientation: "h", at: y0, from: left, to: left + cols * colWidth });
    const span = cells.length === 1 ? cols : 1;
    cells.forEach((text, c) => {
      if (text) runs.push(run(text, left + c * colWidth + 4, y0 + 5, size));
    });
    for (let c = 0; c <= cols; c += span === cols ? cols : 1) {
      rulings.push({ orientation: "v", at: left + c * colWidth, from: y0, to: y0 + rowHeight });
    }
  });
  const bottom = top + opts.rows.length * rowHeight;
  rulings.push({ orientation: "h", at: bottom, from: left, to: left + cols * colWidth });
  return { number: opts.number ?? 1, width: 842, height: 595, runs, rulings, extraction: "text" };
}

function run(text: string, x0: number, y0: number, size: number): TextRun {
  const width = Array.from(text).reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? size : size * 0.55), 0);
  return { text, x0, x1: x0 + width, y0, y1: y0 + size, size, confidence: 1 };
}
