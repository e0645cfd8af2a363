/**
 * Figures with an impossible decimal part (src/ocr/separators.ts). The column is the 合计 column of
 * putuo-wanli-street 2025 budget p19 (财政拨款收支预算总表, 单位：元), as printed: whole yuan with thousands
 * groups; the misread is the one its 150 dpi scan gave for 九、住房保障支出 (9,364,732 read 9,364.732).
 */
import { describe, expect, test } from "vitest";
import { LOW_CONFIDENCE, type TextRun } from "../../src/pdf/model.js";
import { repairImpossibleDecimals } from "../../src/ocr/separators.js";

const run = (text: string, row: number, confidence = 0.95, x0 = 420): TextRun => ({
  text,
  x0,
  x1: x0 + 60,
  y0: 210 + 22 * row,
  y1: 218 + 22 * row,
  size: 9,
  confidence,
});

const column = ["3,296,600", "2,878,025", "250,000", "100,000", "200,000", "16,091,895", "3,216,973"];

describe("a figure read with thousands groups and three decimals", () => {
  test("in a column of whole numbers: the point is a misread comma, read so, and flagged", () => {
    const runs = [...column.map((t, i) => run(t, i)), run("154,369,326", 7), run("9,364.732", 8, 0.93)];
    const out = repairImpossibleDecimals(runs);
    expect(out[8].text).toBe("9,364,732");
    expect(out[8].raw).toBe("9,364.732");
    expect(out[8].confidence).toBeLessThan(LOW_CONFIDENCE);
    // The column's other figures are untouched.
    expect(out.slice(0, 8)).toEqual(runs.slice(0, 8));
  });

  test("in a column of decimals, or alone: kept as read, but never sure", () => {
    const decimals = ["329.66", "287.8025", "25.00"].map((t, i) => run(t, i));
    const inDecimals = repairImpossibleDecimals([...decimals, run("936.473", 3, 0.95)]);
    expect(inDecimals[3].text).toBe("936.473");
    expect(inDecimals[3].confidence).toBeLessThan(LOW_CONFIDENCE);
    // Whole numbers in another column (no overlap across) do not count.
    const elsewhere = repairImpossibleDecimals([...column.map((t, i) => run(t, i, 0.95, 200)), run("9,364.732", 8)]);
    expect(elsewhere.at(-1)!.text).toBe("9,364.732");
    expect(elsewhere.at(-1)!.confidence).toBeLessThan(LOW_CONFIDENCE);
  });

  test("figures with two or four decimals stand", () => {
    const runs = [run("1,511.90", 0), run("936.4732", 1), run("189,767,551", 2)];
    expect(repairImpossibleDecimals(runs)).toEqual(runs);
  });
});
