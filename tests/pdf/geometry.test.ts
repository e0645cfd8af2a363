import { describe, expect, it } from "vitest";
import { centredInColumn, centreInHalfOpen, centreInside } from "../../src/pdf/geometry.js";

describe("geometry: where a box's centre falls", () => {
  const cell = { x0: 100, x1: 200, y0: 50, y1: 70 };
  const glyph = (cx: number, cy: number) => ({ x0: cx - 4, x1: cx + 4, y0: cy - 5, y1: cy + 5 });

  it("strictly inside, half-open, and within a column span differ only at the edges", () => {
    expect(centreInside(glyph(150, 60), cell)).toBe(true);
    expect(centreInside(glyph(100, 60), cell)).toBe(false);
    // A glyph centred on the edge two cells share goes to the cell on its right/below only.
    expect(centreInHalfOpen(glyph(100, 60), cell)).toBe(true);
    expect(centreInHalfOpen(glyph(200, 60), cell)).toBe(false);
    expect(centreInHalfOpen(glyph(150, 70), cell)).toBe(false);
    // A column span takes both edges and ignores the vertical.
    expect(centredInColumn(glyph(200, 500), cell)).toBe(true);
    expect(centredInColumn(glyph(201, 60), cell)).toBe(false);
  });
});
