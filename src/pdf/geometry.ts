import type { Box } from "./model.js";

/** Horizontal and vertical centre of a box. */
export function centreX(b: Box): number {
  return (b.x0 + b.x1) / 2;
}

export function centreY(b: Box): number {
  return (b.y0 + b.y1) / 2;
}

/** Whether the centre of `inner` lies strictly inside `outer`. */
export function centreInside(inner: Box, outer: Box): boolean {
  const cx = centreX(inner),
    cy = centreY(inner);
  return cx > outer.x0 && cx < outer.x1 && cy > outer.y0 && cy < outer.y1;
}

/**
 * Whether the centre of `inner` lies in `outer`, half-open (left and top edges in, right and bottom out): a glyph
 * centred on an edge two cells share goes to one of them only.
 */
export function centreInHalfOpen(inner: Box, outer: Box): boolean {
  const cx = centreX(inner),
    cy = centreY(inner);
  return cx >= outer.x0 && cx < outer.x1 && cy >= outer.y0 && cy < outer.y1;
}

/** Whether the horizontal centre of `box` lies in the column span [x0, x1], edges included. */
export function centredInColumn(box: Box, column: { x0: number; x1: number }): boolean {
  const cx = centreX(box);
  return cx >= column.x0 && cx <= column.x1;
}

/** Whether two boxes overlap across by at least half the narrower one's width: one above the other, a column. */
export function sameColumn(a: Box, b: Box): boolean {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) >= 0.5 * Math.min(a.x1 - a.x0, b.x1 - b.x0);
}

/** Whether two boxes overlap down by at least half the shorter one's height: side by side, a line. */
export function sameLine(a: Box, b: Box): boolean {
  return Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) >= 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
}

/** 2D affine matrices in PDF order [a, b, c, d, e, f]. */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export function multiply(m: Matrix, n: Matrix): Matrix {
  // Result applies m first, then n (PDF "m × n").
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}
