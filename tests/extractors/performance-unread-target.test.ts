/**
 * A performance target OCR could not read at all keeps its row (held-out 2 Chongqing 规自 2026 p31, 一般性项目绩效目标表,
 * 150 dpi: the third project's first target, 中心城区规划体检报告 ≥ 1 套, read U+FFFD). Its row was dropped, so the
 * project's five other figures stood one row up against the page. The real page's text layer, with that one cell
 * read as the scan read it: the row is kept, blank and flagged, and the rows after it are where the page prints them.
 */
import { expect, test } from "vitest";
import { recogniseTables } from "../../src/tables.js";
import { UNREAD_MARK } from "../../src/pdf/model.js";
import { sampleLayout } from "../helpers/pages.js";

test("an unread 指标值 keeps its row, flagged and blank", async () => {
  const layout = await sampleLayout("regions/chongqing-planning-resources-2026-budget.pdf", 31);
  const grid = layout.tables[0].grid;
  const row = grid.cells.find((c) => c.text.replace(/\s+/g, "") === "中心城区规划体检报告")!.row;
  // The 指标值 cell of that row: 1 as printed (rendered page), read as nothing by OCR.
  const cell = grid.cells.find((c) => c.row === row && c.text.trim() === "1")!;
  Object.assign(cell, { text: UNREAD_MARK, confidence: 0 });
  const tables = recogniseTables([layout], () => "ocr").tables.filter((t) =>
    t.performance?.project?.startsWith("规划测绘"),
  );
  expect(tables).toHaveLength(1);
  // As printed: 中心城区规划体检报告 1, 建设工程规划放线量 3355, 向区县共享监测数据成果 38, 测量任务及时完成率 100,
  // 城区范围内的建筑物数据更新面积 2800, 年度预算执行率 100.
  const values = tables[0].rows.map((r) => [r.row_label, r.values["指标值"]?.value_wan, r.values["指标值"]?.flagged]);
  expect(values[0]).toEqual(["中心城区规划体检报告", null, true]);
  expect(values.slice(1).map((v) => v[1])).toEqual([3355, 38, 100, 2800, 100]);
});
