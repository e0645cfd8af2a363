import type { Binary } from "./image.js";
import type { PixelRuling } from "./lines.js";
import type { Gray } from "./raster.js";
import { DEFAULT_OCR, type OcrSettings } from "./settings.js";

/**
 * Glyphs printed over a rule. Excel right-aligns a figure flush with the cell's border, so in a scan the last
 * digit's stroke lies on the rule itself (the 0 of "350" shares its right stroke with the border). Wiping the
 * rule's band wiped that stroke too: "0" came back as "(" and a whole column of them as labels.
 *
 * Along its length a rule is the same at each offset from its centre line (its profile: the median grey of
 * each offset); a glyph over it is clearly darker than that profile. Such pixels are given back to the ink
 * when they join ink outside the band (part of a glyph, not a blot on the rule), or when they lie wholly in
 * the band's fringe beside the rule, off every other band, are more than a speck and lie a glyph's gap from
 * ink outside the band: in small print at 150 dpi a narrow last digit (the 1 of 296,030.91) sits entirely
 * within the fringe, a pixel off the rule, two from the figure's other digits. Every
 * other pixel of the band becomes paper in the grey image the crops are cut from, so a crop reaching into the
 * band shows the glyph and not the rule.
 */
export function restoreGlyphsOnRules(
  erased: Binary,
  gray: Gray,
  rulings: PixelRuling[],
  threshold: number,
  s: OcrSettings = DEFAULT_OCR,
): { bin: Binary; gray: Gray } {
  const bin = { ...erased, data: erased.data.slice() };
  const out = { ...gray, data: gray.data.slice() };
  const bands = rulings.map((r) => bandOf(r, gray));
  const inBand = new Uint8Array(gray.width * gray.height);
  for (const b of bands) forEachPixel(b, gray.width, (i) => (inBand[i] = Math.min(255, inBand[i] + 1)));
  for (const b of bands) {
    const kept = glyphPixels(b, gray, erased, inBand, threshold, s);
    forEachPixel(b, gray.width, (i) => {
      if (kept.has(i)) bin.data[i] = 1;
      else out.data[i] = 255;
    });
  }
  return { bin, gray: out };
}

/** The pixels eraseRulings wipes for one rule, in page coordinates. */
interface Band {
  orientation: "h" | "v";
  /** Across the rule: a0..a1; along it: t0..t1 (inclusive). */
  a0: number;
  a1: number;
  t0: number;
  t1: number;
  /** The rule itself across: core0..core1 (inclusive); the rest of a0..a1 is the fringe of JPEG blur. */
  core0: number;
  core1: number;
}

function bandOf(r: PixelRuling, gray: Gray): Band {
  // The same band eraseRulings wipes: half the width and a 2 px fringe of JPEG blur on each side.
  const half = Math.ceil(r.width / 2) + 2;
  const across = r.orientation === "h" ? gray.height : gray.width;
  const along = r.orientation === "h" ? gray.width : gray.height;
  return {
    orientation: r.orientation,
    a0: Math.max(0, Math.floor(r.at - half)),
    a1: Math.min(across - 1, Math.ceil(r.at + half)),
    t0: Math.max(0, Math.floor(r.from)),
    t1: Math.min(along - 1, Math.ceil(r.to)),
    core0: Math.floor(r.at - (r.width - 1) / 2),
    core1: Math.ceil(r.at + (r.width - 1) / 2),
  };
}

function index(b: Band, a: number, t: number, width: number): number {
  return b.orientation === "h" ? a * width + t : t * width + a;
}

function forEachPixel(b: Band, width: number, visit: (i: number) => void): void {
  for (let a = b.a0; a <= b.a1; a++) for (let t = b.t0; t <= b.t1; t++) visit(index(b, a, t, width));
}

/**
 * Median grey at each offset across the rule, over its length (every other pixel): the upper median, counted
 * in a histogram of the 256 levels rather than sorted.
 */
function profile(b: Band, gray: Gray): number[] {
  const out: number[] = [];
  const hist = new Uint32Array(256);
  for (let a = b.a0; a <= b.a1; a++) {
    hist.fill(0);
    let n = 0;
    for (let t = b.t0; t <= b.t1; t += 2, n++) hist[gray.data[index(b, a, t, gray.width)]]++;
    out.push(n === 0 ? 255 : levelAt(hist, Math.floor(n / 2)));
  }
  return out;
}

/** The k-th smallest value (from 0) of a histogram. */
function levelAt(hist: Uint32Array, k: number): number {
  let v = 0;
  for (let seen = hist[0]; seen <= k; seen += hist[++v]);
  return v;
}

/** Band pixels darker than the rule's profile, in groups that touch ink outside every band or lie in the fringe. */
function glyphPixels(
  b: Band,
  gray: Gray,
  erased: Binary,
  inBand: Uint8Array,
  threshold: number,
  s: OcrSettings,
): Set<number> {
  const rule = profile(b, gray);
  const dark = new Set<number>();
  for (let a = b.a0; a <= b.a1; a++) {
    for (let t = b.t0; t <= b.t1; t++) {
      const i = index(b, a, t, gray.width);
      const v = gray.data[i];
      if (v <= threshold && v < rule[a - b.a0] - s.darkerThanRule) dark.add(i);
    }
  }
  const kept = new Set<number>();
  const seen = new Set<number>();
  for (const start of dark) {
    if (seen.has(start)) continue;
    const group = connected(start, dark, seen, gray.width);
    const glyph =
      group.some((i) => touchesOutsideInk(i, erased, inBand, 1)) ||
      (inFringeAlone(group, b, gray.width, inBand, s.minFringeGlyph) &&
        group.some((i) => touchesOutsideInk(i, erased, inBand, s.fringeGlyphGap)));
    if (glyph) for (const i of group) kept.add(i);
  }
  return kept;
}

/**
 * A group beside the rule, not on it, and in no other rule's band (where two rules cross, each one's fringe
 * holds the other rule, darker than its own profile): a glyph printed up against the rule.
 */
function inFringeAlone(group: number[], b: Band, width: number, inBand: Uint8Array, minPixels: number): boolean {
  if (group.length < minPixels) return false;
  return group.every((i) => {
    const x = i % width,
      y = (i - x) / width;
    const a = b.orientation === "h" ? y : x;
    return (a < b.core0 || a > b.core1) && inBand[i] === 1;
  });
}

const NEIGHBOURS = [-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => [dx, dy])).filter(([dx, dy]) => dx || dy);

function connected(start: number, dark: Set<number>, seen: Set<number>, width: number): number[] {
  const group = [start];
  seen.add(start);
  for (let k = 0; k < group.length; k++) {
    const i = group[k];
    const x = i % width,
      y = (i - x) / width;
    for (const [dx, dy] of NEIGHBOURS) {
      const j = (y + dy) * width + (x + dx);
      if (x + dx < 0 || x + dx >= width || !dark.has(j) || seen.has(j)) continue;
      seen.add(j);
      group.push(j);
    }
  }
  return group;
}

/** Whether ink outside every band lies within `reach` pixels of pixel i (1: touches it). */
function touchesOutsideInk(i: number, erased: Binary, inBand: Uint8Array, reach: number): boolean {
  const { width, height, data } = erased;
  const x = i % width,
    y = (i - x) / width;
  for (let ny = Math.max(0, y - reach); ny <= Math.min(height - 1, y + reach); ny++) {
    for (let nx = Math.max(0, x - reach); nx <= Math.min(width - 1, x + reach); nx++) {
      const j = ny * width + nx;
      if (!inBand[j] && data[j]) return true;
    }
  }
  return false;
}
