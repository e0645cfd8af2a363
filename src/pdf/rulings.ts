import "./builtins.js"; // before pdf.js: see builtins.ts
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Ruling } from "./model.js";
import { apply, IDENTITY, multiply, type Matrix } from "./geometry.js";

const { OPS } = pdfjs;

/** Path drawing codes inside a 5.x constructPath buffer (pdf.js DrawOPS). */
const MOVE = 0,
  LINE = 1,
  CURVE = 2,
  QUAD = 3,
  CLOSE = 4;

/** A filled rectangle thinner than this (points) is drawn as a rule. */
const MAX_RULE_THICKNESS = 2.5;
/** Segments shorter than this are glyph strokes or dots, not table rules. */
const MIN_RULE_LENGTH = 3;

const STROKE_OPS = new Set<number>([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const FILL_OPS = new Set<number>([
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);

interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}

/**
 * Ruling lines from the drawing operators. Producers differ: WPS strokes
 * lines, Excel fills thin rectangles, Chromium fills rectangles under a
 * page-wide transform. Clip paths (endPath) are ignored.
 * `viewport` maps PDF user space to the top-left page space.
 */
export function rulingsFromOperators(ops: OperatorList, viewport: Matrix): Ruling[] {
  const rulings: Ruling[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as any;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (args?.[0]?.length === 6) ctm = multiply(Array.from(args[0] as ArrayLike<number>) as Matrix, ctm);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.constructPath) {
      const [paintOp, [buffer]] = args as [number, [Float32Array | null]];
      if (!buffer) continue;
      const toPage = multiply(ctm, viewport);
      const subpaths = parseSubpaths(buffer, toPage);
      if (STROKE_OPS.has(paintOp)) for (const sp of subpaths) rulings.push(...strokedRulings(sp));
      if (FILL_OPS.has(paintOp))
        for (const sp of subpaths) {
          const r = filledRuling(sp);
          if (r) rulings.push(r);
        }
    }
  }
  return rulings;
}

interface Subpath {
  points: [number, number][];
  closed: boolean;
  curved: boolean;
}

function parseSubpaths(buf: Float32Array, m: Matrix): Subpath[] {
  const out: Subpath[] = [];
  let cur: Subpath | null = null;
  for (let k = 0; k < buf.length; ) {
    const code = buf[k++];
    if (code === MOVE) {
      cur = { points: [apply(m, buf[k], buf[k + 1])], closed: false, curved: false };
      out.push(cur);
      k += 2;
    } else if (code === LINE) {
      cur?.points.push(apply(m, buf[k], buf[k + 1]));
      k += 2;
    } else if (code === CURVE) {
      if (cur) {
        cur.curved = true;
        cur.points.push(apply(m, buf[k + 4], buf[k + 5]));
      }
      k += 6;
    } else if (code === QUAD) {
      if (cur) {
        cur.curved = true;
        cur.points.push(apply(m, buf[k + 2], buf[k + 3]));
      }
      k += 4;
    } else if (code === CLOSE) {
      if (cur) cur.closed = true;
    } else break; // unknown code: stop rather than misread coordinates
  }
  return out;
}

function strokedRulings(sp: Subpath): Ruling[] {
  if (sp.curved) return [];
  const pts = sp.closed ? [...sp.points, sp.points[0]] : sp.points;
  const out: Ruling[] = [];
  for (let i = 1; i < pts.length; i++) {
    const r = segmentRuling(pts[i - 1], pts[i]);
    if (r) out.push(r);
  }
  return out;
}

function segmentRuling([x0, y0]: [number, number], [x1, y1]: [number, number]): Ruling | null {
  const dx = Math.abs(x1 - x0),
    dy = Math.abs(y1 - y0);
  if (dy < 0.5 && dx >= MIN_RULE_LENGTH)
    return { orientation: "h", at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) };
  if (dx < 0.5 && dy >= MIN_RULE_LENGTH)
    return { orientation: "v", at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) };
  return null;
}

function filledRuling(sp: Subpath): Ruling | null {
  if (sp.curved || sp.points.length < 3) return null;
  const xs = sp.points.map((p) => p[0]),
    ys = sp.points.map((p) => p[1]);
  const x0 = Math.min(...xs),
    x1 = Math.max(...xs),
    y0 = Math.min(...ys),
    y1 = Math.max(...ys);
  const w = x1 - x0,
    h = y1 - y0;
  if (h <= MAX_RULE_THICKNESS && w >= MIN_RULE_LENGTH && w > h)
    return { orientation: "h", at: (y0 + y1) / 2, from: x0, to: x1 };
  if (w <= MAX_RULE_THICKNESS && h >= MIN_RULE_LENGTH && h > w)
    return { orientation: "v", at: (x0 + x1) / 2, from: y0, to: y1 };
  return null;
}
