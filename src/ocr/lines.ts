import { transpose, type Binary } from "./image.js";
import { DEFAULT_OCR, type OcrSettings } from "./settings.js";

/** A ruling found in the raster, in pixels: horizontal at y = at from x = from..to (or transposed). */
export interface PixelRuling {
  orientation: "h" | "v";
  at: number;
  from: number;
  to: number;
  /** Thickness in pixels. */
  width: number;
}

/** Tolerances for line finding, in pixels at 200 dpi; scaled for other resolutions. */
export interface LineSettings {
  /** Ink runs shorter than this are glyph strokes, not rules. */
  minHorizontal: number;
  minVertical: number;
  /** Gaps this short inside a run are noise or JPEG damage, not a break. */
  maxGap: number;
  /** Runs in rows this close belong to the same (thick) rule. */
  maxThicknessStep: number;
  /** A vertical rule must end this close to a horizontal one (or be long). */
  joinTolerance: number;
  /** A network of rules narrower and shorter than this (an inch) is a glyph's strokes, not a table. */
  minNetwork: number;
  /** Share of a followed faint rule's length that must hold ink (OcrSettings.faintCoverage). */
  faintCoverage: number;
  /** Share of a vertical rule's length with ink on its line (OcrSettings.straightCoverage). */
  straightCoverage: number;
  /** How far a short vertical's end may stop short of the ink of the rule it ends on. */
  touchSlack: number;
  /** Verticals crossing fewer rows than this must touch their end rules (OcrSettings.endTouchRows). */
  endTouchRows: number;
}

export function lineSettings(dpi: number, s: OcrSettings = DEFAULT_OCR): LineSettings {
  const k = dpi / 200;
  return {
    minHorizontal: Math.round(60 * k),
    minVertical: Math.round(34 * k),
    maxGap: Math.max(2, Math.round(3 * k)),
    maxThicknessStep: Math.max(2, Math.round(2 * k)),
    joinTolerance: Math.round(10 * k),
    minNetwork: Math.round(200 * k),
    faintCoverage: s.faintCoverage,
    straightCoverage: s.straightCoverage,
    touchSlack: Math.max(1, Math.round(k)),
    endTouchRows: s.endTouchRows,
  };
}

interface Run {
  y: number;
  x0: number;
  x1: number;
}

/** Long horizontal ink runs per row, tolerating short gaps. */
function horizontalRuns(bin: Binary, minLength: number, maxGap: number): Run[] {
  const runs: Run[] = [];
  const { width, height, data } = bin;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let start = -1,
      lastInk = -1;
    for (let x = 0; x <= width; x++) {
      const ink = x < width && data[row + x] === 1;
      if (ink) {
        if (start < 0) start = x;
        lastInk = x;
      } else if (start >= 0 && (x - lastInk > maxGap || x === width)) {
        // (A run reaching the image's edge ends there: a crop cut across a rule.)
        if (lastInk - start + 1 >= minLength) runs.push({ y, x0: start, x1: lastInk });
        start = -1;
      }
    }
  }
  return runs;
}

/** Stacks runs of neighbouring rows that overlap into one rule each (the centre row is kept). */
function mergeRuns(runs: Run[], maxStep: number, orientation: "h" | "v"): PixelRuling[] {
  interface Group {
    y0: number;
    y1: number;
    x0: number;
    x1: number;
    last: number;
  }
  const open: Group[] = [];
  const done: Group[] = [];
  for (const r of runs) {
    const g = open.find((o) => r.y - o.last <= maxStep && r.x0 <= o.x1 && r.x1 >= o.x0);
    if (g) {
      g.last = r.y;
      g.y1 = r.y;
      g.x0 = Math.min(g.x0, r.x0);
      g.x1 = Math.max(g.x1, r.x1);
    } else open.push({ y0: r.y, y1: r.y, x0: r.x0, x1: r.x1, last: r.y });
    // Close groups that can no longer grow.
    for (let i = open.length - 1; i >= 0; i--) {
      if (r.y - open[i].last > maxStep) done.push(...open.splice(i, 1));
    }
  }
  done.push(...open);
  return done.map((g) => ({ orientation, at: (g.y0 + g.y1) / 2, from: g.x0, to: g.x1, width: g.y1 - g.y0 + 1 }));
}

/**
 * Horizontal and vertical rules of a deskewed binary page. Vertical
 * candidates must meet a horizontal rule at both ends (or be long), which
 * drops the vertical strokes of large glyphs.
 */
export function findRulings(bin: Binary, s: LineSettings, faint?: Binary): PixelRuling[] {
  const h = mergeRuns(horizontalRuns(bin, s.minHorizontal, s.maxGap), s.maxThicknessStep, "h");
  const vCandidates = mergeRuns(horizontalRuns(transpose(bin), s.minVertical, s.maxGap), s.maxThicknessStep, "v");
  const onRules = (r: PixelRuling) =>
    endsOnRule(r.from, r, h, s.joinTolerance) && endsOnRule(r.to, r, h, s.joinTolerance);
  let v = vCandidates.map((r) => (onRules(r) ? r : cutToCrossedRules(r, h, s))).filter((r) => r !== null);
  if (faint) {
    const followed = vCandidates.map((r) => followFaint(r, faint, h, s)).filter((r): r is PixelRuling => r !== null);
    v = longest([...v, ...followed], s.maxThicknessStep);
  }
  v = v.filter(
    (r) => isStraight(r, faint ?? bin, s) && (rowsSpanned(r, h, s) >= s.endTouchRows || touchesEndRules(r, h, s)),
  );
  const hKept = h.filter((r) => isTableRule(r, h, v, s));
  return withoutGlyphNetworks([...hKept, ...v], s);
}

/**
 * A horizontal rule of a table runs from one vertical rule to another (or is long); one that meets no vertical is
 * an underline, and one that meets a single vertical and stops short of the next is the foot of a line of print set
 * flush against the column's rule: the bottoms of 872,031,967.20 in 6.6 pt at 200 dpi ran 60-110 px into the rule,
 * the lower stroke of 二 (第二社会福利院) another 60 px. Taken for rules, they cut every row of figures in two and
 * wiped the stroke (二 read as -). A rule found in pieces (a break in the scan) is measured with the pieces in line
 * with it, each gap no longer than the join tolerance.
 */
function isTableRule(r: PixelRuling, h: PixelRuling[], v: PixelRuling[], s: LineSettings): boolean {
  const [from, to] = reachInLine(r, h, s);
  const met = v.filter(
    (c) =>
      c.at >= from - s.joinTolerance &&
      c.at <= to + s.joinTolerance &&
      r.at >= c.from - s.joinTolerance &&
      r.at <= c.to + s.joinTolerance,
  );
  if (met.length === 0) return false;
  return to - from >= s.minNetwork || new Set(met.map((c) => Math.round(c.at / s.joinTolerance))).size >= 2;
}

/** How far a horizontal rule reaches together with the pieces in line with it, across gaps up to the tolerance. */
function reachInLine(r: PixelRuling, h: PixelRuling[], s: LineSettings): [number, number] {
  const inLine = h.filter((o) => Math.abs(o.at - r.at) <= s.maxThicknessStep).sort((a, b) => a.from - b.from);
  let from = r.from,
    to = r.to;
  for (let grew = true; grew; ) {
    grew = false;
    for (const o of inLine) {
      if (o.to >= to && o.from <= to + s.joinTolerance && o.to > to) [to, grew] = [o.to, true];
      if (o.from <= from && o.to >= from - s.joinTolerance && o.from < from) [from, grew] = [o.from, true];
    }
  }
  return [from, to];
}

/**
 * Rules that meet form networks; a network smaller than a table in both directions is the strokes of a
 * bold glyph (拨 and 款 of a title at 150 dpi made a lattice of their own). Wiping them wiped the title.
 */
function withoutGlyphNetworks(rules: PixelRuling[], s: LineSettings): PixelRuling[] {
  const group = rules.map((_, i) => i);
  const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i])));
  for (let i = 0; i < rules.length; i++)
    for (let j = i + 1; j < rules.length; j++) if (meet(rules[i], rules[j], s.joinTolerance)) group[root(i)] = root(j);
  const box = new Map<number, { x0: number; y0: number; x1: number; y1: number }>();
  rules.forEach((r, i) => {
    const [x0, x1, y0, y1] = r.orientation === "h" ? [r.from, r.to, r.at, r.at] : [r.at, r.at, r.from, r.to];
    const b = box.get(root(i)) ?? { x0, y0, x1, y1 };
    box.set(root(i), {
      x0: Math.min(b.x0, x0),
      y0: Math.min(b.y0, y0),
      x1: Math.max(b.x1, x1),
      y1: Math.max(b.y1, y1),
    });
  });
  return rules.filter((_, i) => {
    const b = box.get(root(i))!;
    return b.x1 - b.x0 >= s.minNetwork || b.y1 - b.y0 >= s.minNetwork;
  });
}

function meet(a: PixelRuling, b: PixelRuling, tol: number): boolean {
  if (a.orientation === b.orientation)
    return Math.abs(a.at - b.at) <= tol && a.from <= b.to + tol && b.from <= a.to + tol;
  const [h, v] = a.orientation === "h" ? [a, b] : [b, a];
  return v.at >= h.from - tol && v.at <= h.to + tol && h.at >= v.from - tol && h.at <= v.to + tol;
}

/** Rules at one place: each one that lies within a longer one (or an equal one before it) is dropped. */
function longest(rules: PixelRuling[], tol: number): PixelRuling[] {
  const kept: PixelRuling[] = [];
  for (const r of [...rules].sort((a, b) => b.to - b.from - (a.to - a.from))) {
    const within = (o: PixelRuling) => Math.abs(o.at - r.at) <= tol && o.from <= r.from + tol && o.to >= r.to - tol;
    if (!kept.some(within)) kept.push(r);
  }
  return kept;
}

/**
 * A vertical rule that runs on past the table's last (or first) horizontal rule into a glyph printed just
 * beyond it (a note under a table of small print at 150 dpi: the rule and the stroke of a character merged)
 * ends on no rule, and the whole column was lost. It is cut back to the outermost horizontal rules it crosses,
 * when it crosses rules of two rows or more: no glyph stroke does that.
 */
function cutToCrossedRules(r: PixelRuling, h: PixelRuling[], s: LineSettings): PixelRuling | null {
  const crossed = crossedRules(r.at, r.from, r.to, h, s.joinTolerance);
  if (crossed.length < 3) return null;
  return { ...r, from: Math.min(...crossed), to: Math.max(...crossed) };
}

/** Where the horizontal rules that reach x lie, between from and to (each with the join tolerance). */
function crossedRules(x: number, from: number, to: number, h: PixelRuling[], tol: number): number[] {
  return h
    .filter((o) => x >= o.from - tol && x <= o.to + tol && o.at >= from - tol && o.at <= to + tol)
    .map((o) => o.at);
}

/**
 * A thin vertical rule printed as a hairline and scanned at 150 dpi is partly lighter than the ink threshold: it
 * was found only in pieces that end between rows, and the table lost its columns. A piece is followed on along
 * its line in the lighter cut (`faint`: grey up to halfway to paper, a pixel of sideways step allowed) across
 * gaps no longer than a few pixels, then cut back to the outermost horizontal rules it crosses. It counts as a
 * rule only when it spans two rows or more and faint ink covers nearly all of each stretch added.
 */
function followFaint(r: PixelRuling, faint: Binary, h: PixelRuling[], s: LineSettings): PixelRuling | null {
  if (r.width > s.maxThicknessStep) return null;
  const x = Math.round(r.at);
  const inkAt = (y: number) =>
    y >= 0 &&
    y < faint.height &&
    [x - 1, x, x + 1].some((c) => c >= 0 && c < faint.width && faint.data[y * faint.width + c]);
  const reach = (from: number, step: 1 | -1) => {
    let last = from;
    for (let y = from; y >= 0 && y < faint.height && Math.abs(y - last) <= 3 * s.maxGap; y += step)
      if (inkAt(y)) last = y;
    return last;
  };
  const crossed = crossedRules(x, reach(Math.floor(r.from), -1), reach(Math.ceil(r.to), 1), h, s.joinTolerance);
  // Two rows at least: a glyph stroke fills one row from rule to rule, never two.
  if (crossed.length < 3) return null;
  const from = Math.min(...crossed),
    to = Math.max(...crossed);
  // Each stretch added to the piece on its own: a long rule must not carry a glyph it runs into past its end.
  const covered = (a: number, b: number) => {
    let n = 0;
    for (let y = Math.round(a); y <= b; y++) if (inkAt(y)) n++;
    return b - a < 1 || n >= s.faintCoverage * (b - a + 1);
  };
  if (!covered(from, r.from) || !covered(r.to, to)) return null;
  return { ...r, from, to };
}

/**
 * A copy of the page with the rules wiped out (and a 2 px fringe of JPEG
 * blur), so a cell's ink can be measured right up to its borders: figures
 * in Shanghai tables sit within a millimetre of the right-hand rule.
 */
export function eraseRulings(bin: Binary, rulings: PixelRuling[]): Binary {
  const data = bin.data.slice();
  for (const r of rulings) {
    const half = Math.ceil(r.width / 2) + 2;
    const a0 = Math.max(0, Math.floor(r.at - half)),
      a1 = Math.ceil(r.at + half);
    for (let a = a0; a <= a1; a++) {
      for (let t = Math.max(0, Math.floor(r.from)); t <= Math.ceil(r.to); t++) {
        const x = r.orientation === "h" ? t : a,
          y = r.orientation === "h" ? a : t;
        if (x < bin.width && y < bin.height) data[y * bin.width + x] = 0;
      }
    }
  }
  return { width: bin.width, height: bin.height, data };
}

/**
 * A rule is straight: along its length there is ink on its line, a pixel either side. Glyph strokes that line up
 * down a column (one row's stroke ending where the next row's begins, a pixel column over) chain into a "rule"
 * with holes where it steps aside and just inside each horizontal rule.
 */
function isStraight(r: PixelRuling, ink: Binary, s: LineSettings): boolean {
  const x = Math.round(r.at);
  let inked = 0;
  const from = Math.max(0, Math.round(r.from)),
    to = Math.min(ink.height - 1, Math.round(r.to));
  for (let y = from; y <= to; y++) {
    const row = y * ink.width;
    if ([x - 1, x, x + 1].some((c) => c >= 0 && c < ink.width && ink.data[row + c])) inked++;
  }
  return inked >= s.straightCoverage * (to - from + 1);
}

/**
 * How many rows a vertical spans: one more than the horizontal rules it crosses well inside its ends. A rule found
 * as two pieces at one place (the header's, a pixel lower past a cell) is still one row's end, not a row between.
 */
function rowsSpanned(r: PixelRuling, h: PixelRuling[], s: LineSettings): number {
  const inside = crossedRules(r.at, r.from, r.to, h, s.joinTolerance)
    .filter((y) => y > r.from + s.joinTolerance && y < r.to - s.joinTolerance)
    .sort((a, b) => a - b);
  return 1 + inside.filter((y, i) => i === 0 || y - inside[i - 1] > s.joinTolerance).length;
}

/**
 * A vertical rule one or two rows long runs into the rules above and below it: its ink reaches theirs. A glyph's
 * vertical stroke that fills its row (编 of 功能科目编码, 11 pt print in 28 px rows at 150 dpi) starts on the
 * rule above, bridged by the gap a run may jump, but stops a few pixels short of the one below (4-6 px there):
 * close enough for the join tolerance, not into the rule's ink.
 */
function touchesEndRules(r: PixelRuling, h: PixelRuling[], s: LineSettings): boolean {
  const reaches = (end: number, sign: 1 | -1) =>
    h.some(
      (o) =>
        r.at >= o.from - s.joinTolerance &&
        r.at <= o.to + s.joinTolerance &&
        Math.abs(o.at - end) <= s.joinTolerance &&
        sign * (o.at - end) <= o.width / 2 + s.touchSlack,
    );
  return reaches(r.from, -1) && reaches(r.to, 1);
}

function endsOnRule(end: number, v: PixelRuling, h: PixelRuling[], tol: number): boolean {
  return h.some((r) => Math.abs(r.at - end) <= tol && v.at >= r.from - tol && v.at <= r.to + tol);
}

/**
 * Skew angle in degrees: the slope of the page's long horizontal strokes
 * (table rules, text lines). Points on long runs are projected along each
 * candidate angle; the sharpest row profile wins. Points inside solid ink (skewPoints) do not vote.
 */
export function estimateSkew(bin: Binary, dpi: number, s: OcrSettings = DEFAULT_OCR): number {
  const k = dpi / 200;
  const solid = {
    height: Math.round(s.solidInkHeight * k),
    side: Math.round(s.solidInkSide * k),
    gap: Math.max(1, Math.round(k)),
  };
  const points = skewPoints(bin, solid);
  if (points.length < 200) return 0;
  let best = 0;
  best = bestAngle(points, bin.height, -s.maxSkew, s.maxSkew, 0.1);
  best = bestAngle(points, bin.height, best - 0.1, best + 0.1, 0.01);
  return best;
}

/**
 * Ink points on horizontal runs of 12+ pixels: rules and text baselines, not noise. A point inside solid ink (its
 * column of ink `solidHeight` tall, or running into the image's edge; gaps up to `gap` bridged) is left out: a band
 * or border is as straight as the image whatever the sheet's skew (OcrSettings.solidInkHeight).
 */
function skewPoints(bin: Binary, solid: { height: number; side: number; gap: number }): Int32Array {
  const runs = horizontalRuns(bin, 12, 1);
  const pts: number[] = [];
  // Solid at the point and `side` either side: where a vertical rule crosses a horizontal one, only the rule's own
  // column is tall, and that point of the rule still votes.
  const inSolid = (x: number, y: number) =>
    [x - solid.side, x, x + solid.side].every(
      (xx) => xx < 0 || xx >= bin.width || tallInk(bin, xx, y, solid.height, solid.gap),
    );
  for (const r of runs) for (let x = r.x0; x <= r.x1; x += 4) if (!inSolid(x, r.y)) pts.push(x, r.y);
  return Int32Array.from(pts);
}

/** Whether the ink column through (x, y) is `height` tall or runs into the image's top or bottom edge. */
function tallInk(bin: Binary, x: number, y: number, height: number, gap: number): boolean {
  const { width, data } = bin;
  let extent = 1;
  for (const step of [-1, 1]) {
    let last = y;
    for (let yy = y + step; Math.abs(yy - last) <= gap + 1; yy += step) {
      if (yy < 0 || yy >= bin.height) return true;
      if (data[yy * width + x] === 1) last = yy;
      if (extent + Math.abs(last - y) >= height) return true;
    }
    extent += Math.abs(last - y);
  }
  return false;
}

function bestAngle(points: Int32Array, height: number, from: number, to: number, step: number): number {
  let best = 0,
    bestScore = -1;
  const bins = new Float64Array(height * 2 + 10);
  for (let a = from; a <= to + 1e-9; a += step) {
    const t = Math.tan((a * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < points.length; i += 2) {
      const row = Math.round(points[i + 1] - points[i] * t) + height;
      if (row >= 0 && row < bins.length) bins[row]++;
    }
    let score = 0;
    for (let i = 0; i < bins.length; i++) score += bins[i] * bins[i];
    if (score > bestScore) {
      bestScore = score;
      best = a;
    }
  }
  return Math.round(best * 100) / 100;
}
