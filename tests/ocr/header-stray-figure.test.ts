/**
 * A header word misread as a lone figure (held-out 4 Xi'an 人社 2020 财政拨款收支总表 p32, 200 dpi, its foot cut off by
 * the image's edge): the header's second row 项目 | 预算数 | 支出功能分类 | 预算数 | 部门预算支出经济分类 | 预算数 … came
 * back 项目 | 2 | 支出功能分类 | 搞算数 | 部门预算支出经济分类 | 所算数 …, and the lone "2" ended the header there: that
 * row and the 一、部门预算 rows (read 部门预算, the 一、 lost) went out as data, and the three 支出 blocks were one
 * column 支出. src/layout/structure.ts keeps such a row in the header (its figure columns hold words) and ends the
 * header at a row whose figure columns are blank beside a label.
 */
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { findScannedSamples } from "../../bench/eval-samples.js";

afterAll(() => shutdownOcr());

const name = "xian-hrss-2020-budget-p32-cut-bottom";
const scan = findScannedSamples().find((s) => s.id === `heldout4/${name}.scanned.pdf`)!.pdf;

test("a header row with a word read as a lone figure stays header", async () => {
  // Read as never seen, as the eval reads it: the original's own printed names are not the vocabulary.
  const doc = await extractDocument(scan, { ocr: "auto", ocrSettings: { unseenDocuments: ["xian-hrss-2020-budget"] } });
  const [table] = doc.tables.filter((t) => t.table_kind === "fiscal_grant_summary");
  // As printed (rendered p32 at 100 and 150 dpi): 支出 has three blocks, each with its own 预算数 column.
  const spending = table.columns.filter((c) => c.startsWith("支出"));
  expect(spending).toEqual([
    "支出/支出功能分类/预算数",
    "支出/部门预算支出经济分类/预算数",
    "支出/政府预算支出经济分类/预算数",
  ]);
  const value = (label: RegExp, column: string) =>
    table.rows.find((r) => label.test(r.row_label ?? "") && r.values[column])?.values[column].value_wan;
  // 1、一般公共服务 56.52; 1、人员经费和公用经费支出 8,563.95; 1、机关工资福利支出 5,900.98, each in its block.
  expect(value(/一般公共服务/, spending[0])).toBe(56.52);
  expect(value(/人员经费和公用经费/, spending[1])).toBe(8563.95);
  expect(value(/机关工资福利/, spending[2])).toBe(5900.98);
  // No header word stands as a row: 项目 and the blocks' label headers are not data.
  expect(table.rows.filter((r) => /^(项目|支出功能分类|部门预算支出经济分类)$/.test(r.row_label ?? ""))).toEqual([]);
}, 300_000);
