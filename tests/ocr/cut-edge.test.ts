/**
 * A page laid short of the scanner's glass (held-out 4, samples/heldout4/README.md): the image ends inside the
 * table, its last rows (Xi'an 人社 2020 p32, cut at the foot) or its right column (Fuzhou 医保 2026 p13) off the scan.
 * Nothing said so: 88 and 4 cells differed unflagged (src/ocr/edges.ts, src/unread-tables.ts flagCutTables).
 */
import { afterAll, describe, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { cutEdges } from "../../src/ocr/edges.js";
import { DEFAULT_OCR } from "../../src/ocr/settings.js";
import { findScannedSamples } from "../../bench/eval-samples.js";

afterAll(() => shutdownOcr());

const scan = (name: string) => findScannedSamples().find((s) => s.id === `heldout4/${name}.scanned.pdf`)!.pdf;

describe("the edges a table's grid runs into", () => {
  // A 1000 x 800 page of white paper; column rules from y 100 down to `foot`, row rules from x 100 to 900.
  const paper = (dark = false) => {
    const data = new Uint8Array(1000 * 800).fill(235);
    if (dark) for (let y = 790; y < 800; y++) data.fill(40, y * 1000, (y + 1) * 1000);
    return { width: 1000, height: 800, data };
  };
  const grid = (foot: number) => [
    ...[200, 500, 800].map((at) => ({ orientation: "v" as const, at, from: 100, to: foot, width: 2 })),
    ...[100, 300, 500].map((at) => ({ orientation: "h" as const, at, from: 100, to: 900, width: 2 })),
  ];
  test("a grid stopping at its margin runs into none; one reaching the foot of the image runs into the bottom", () => {
    expect(cutEdges(paper(), grid(700), 128, DEFAULT_OCR)).toEqual([]);
    expect(cutEdges(paper(), grid(799), 128, DEFAULT_OCR)).toEqual(["bottom"]);
  });
  test("an edge dark in the scan as it came (a shadow or a copier's band) is not a cut", () => {
    expect(cutEdges(paper(true), grid(799), 128, DEFAULT_OCR)).toEqual([]);
  });
});

describe("a table cut short by the scan's edge", () => {
  test("at its foot: every cell of the page flagged, the cut named by a failed check, the lost rows not invented", async () => {
    const doc = await extractDocument(scan("xian-hrss-2020-budget-p32-cut-bottom"), { ocr: "auto" });
    const [table] = doc.tables.filter((t) => t.table_kind === "fiscal_grant_summary");
    expect(doc.checks.find((c) => c.id === "ocr_table_cut_by_edge:fiscal_grant_summary:p1")?.status).toBe("fail");
    expect(
      doc.warnings.some((w) => w.startsWith("page 1: fiscal_grant_summary runs into the scan's bottom edge")),
    ).toBe(true);
    const cells = table.rows.flatMap((r) => Object.values(r.values));
    expect(cells.length).toBeGreaterThan(20);
    expect(cells.every((c) => c.flagged)).toBe(true);
    // As on the rendered scan: 本年收入合计 181,716.56 is above the cut; 收入总计 181,807.13 (printed below it) is not.
    expect(cells.some((c) => c.value_wan === 181716.56)).toBe(true);
    expect(cells.some((c) => c.value_wan === 181807.13)).toBe(false);
  }, 300_000);

  test("at its right: the cut column's figures not invented, the cut named", async () => {
    const doc = await extractDocument(scan("fuzhou-medical-security-2026-budget-p13-cut-right"), { ocr: "auto" });
    expect(doc.checks.find((c) => c.id === "ocr_table_cut_by_edge:fiscal_grant_summary:p1")?.status).toBe("fail");
    const [table] = doc.tables.filter((t) => t.table_kind === "fiscal_grant_summary");
    const cells = table.rows.flatMap((r) => Object.values(r.values));
    // As on the rendered scan: the 收入 预算数 column is whole (一般公共预算拨款收入 351,904.90); the 支出 预算数
    // column (卫生健康支出 349,680.44, 支出合计 351,904.90) is cut off but for the first digit or two.
    expect(cells.some((c) => c.value_wan === 351904.9)).toBe(true);
    expect(cells.some((c) => c.value_wan === 349680.44)).toBe(false);
    expect(cells.every((c) => c.flagged)).toBe(true);
  }, 300_000);
});
