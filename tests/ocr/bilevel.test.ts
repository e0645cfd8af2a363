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
import { UNREAD_TABLE_CHECK } from "../../dist/src/unread-tables.js";
import { findScannedSamples } from "../../bench/eval-samples.js";

afterAll(() => shutdownOcr());

const scan = (name: string) => findScannedSamples().find((s) => s.id === `heldout3/${name}.scanned.pdf`)!.pdf;
// One read of the scan for the tests below.
let workSafety: ReturnType<typeof extractDocument> | undefined;
const readWorkSafety = () =>
  (workSafety ??= extractDocument(scan("xian-work-safety-2019-budget-p16-17-18-bilevel"), { ocr: "auto" }));

describe("a bilevel scan whose 4s read as 1s", () => {
  test("keeps its 224 rows under their codes, flagged", async () => {
    const doc = await readWorkSafety();
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

  test("its 栏次 row, read 来来 素来 1 9 3 来末, is no row, and a code read with no shape names its page", async () => {
    const doc = await readWorkSafety();
    const [table] = doc.tables.filter((t) => t.table_kind === "basic_expenditure_by_function");
    // Rendered p16: the header, then ** ** 1 2 3 **, then 合计 2,022.39 1,839.51 182.88, the table's first row.
    const [first] = table.rows.filter((r) => r.page === 1);
    expect(first.row_label).toBe("合计");
    expect(first.values["人员经费支出"]?.value_wan).toBe(1839.51);
    // Rendered p17: two 行政事业单位医疗 rows, printed 11 under 210 (21011), 5.80 and 6.47. Each is a row of the
    // table, or the page is named as a whole with every cell flagged.
    const named = doc.checks.some((c) => c.id.startsWith(UNREAD_TABLE_CHECK) && c.status === "fail" && c.page === 2);
    expect(table.rows.filter((r) => r.page === 2 && r.row_code === "21011").length === 2 || named).toBe(true);
    const cells = table.rows.filter((r) => r.page === 2).flatMap((r) => Object.values(r.values));
    if (named) expect(cells.filter((c) => !c.flagged)).toEqual([]);
  }, 300_000);
});
