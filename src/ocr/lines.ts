import { transpose, type Binary } from "./image.js";

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
}

export function lineSettings(dpi: number): LineSettings {
  const k = dpi / 200;
  return {
    minHorizontal: Math.round(60 * k),
    minVertical: Math.round(34 * k),
    maxGap: Math.max(2, Math.round(3 * k)),
    maxThicknessStep: Math.max(2, Math.round(2 * k)),
    joinTolerance: Math.round(10 * k),
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
      } else if (start >= 0 && x - lastInk > maxGap) {
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
export function findRulings(bin: Binary, s: LineSettings): PixelRuling[] {
  const h = mergeRuns(horizontalRuns(bin, s.minHorizontal, s.maxGap), s.maxThicknessStep, "h");
  const vCandidates = mergeRuns(horizontalRuns(transpose(bin), s.minVertical, s.maxGap), s.maxThicknessStep, "v");
  const v = vCandidates.filter(
    (r) => endsOnRule(r.from, r, h, s.joinTolerance) && endsOnRule(r.to, r, h, s.joinTolerance),
  );
  // A horizontal rule of a table meets at least one vertical rule; else it is an underline or a stroke.
  const hKept = h.filter((r) =>
    v.some(
      (c) =>
        c.at >= r.from - s.joinTolerance &&
        c.at <= r.to + s.joinTolerance &&
        r.at >= c.from - s.joinTolerance &&
        r.at <= c.to + s.joinTolerance,
    ),
  );
  return [...hKept, ...v];
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

function endsOnRule(end: number, v: PixelRuling, h: PixelRuling[], tol: number): boolean {
  return h.some((r) => Math.abs(r.at - end) <= tol && v.at >= r.from - tol && v.at <= r.to + tol);
}

/**
 * Skew angle in degrees: the slope of the page's long horizontal strokes
 * (table rules, text lines). Points on long runs are projected along each
 * candidate angle; the sharpest row profile wins.
 */
export function estimateSkew(bin: Binary, maxDegrees = 2): number {
  const points = skewPoints(bin);
  if (points.length < 200) return 0;
  let best = 0;
  best = bestAngle(points, bin.height, -maxDegrees, maxDegrees, 0.1);
  best = bestAngle(points, bin.height, best - 0.1, best + 0.1, 0.01);
  return best;
}

/** Ink points on horizontal runs of 12+ pixels: rules and text baselines, not noise. */
function skewPoints(bin: Binary): Int32Array {
  const runs = horizontalRuns(bin, 12, 1);
  const pts: number[] = [];
  for (const r of runs) for (let x = r.x0; x <= r.x1; x += 4) pts.push(x, r.y);
  return Int32Array.from(pts);
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
