/** The rules every check follows: 尾数误差 tolerance, flagged cells, absent cells. */
import { describe, expect, test } from "vitest";
import type { Document } from "../../schemas/document.js";
import { runChecks } from "../../src/checks/index.js";
import { keyDocument } from "./fixtures.js";

/** 公开03表 of qingshan: the 208 row's 本年支出合计 and its parts. */
function expenditure(doc: Document) {
  return doc.tables.find((t) => t.table_kind === "expenditure")!;
}

function set(doc: Document, code: string, column: string, value: number | null, flagged = false): Document {
  const copy = structuredClone(doc);
  const row = expenditure(copy).rows.find((r) => r.row_code === code)!;
  row.values[column] = {
    value_wan: value,
    raw_text: value === null ? "" : String(value),
    confidence: flagged ? 0.4 : 1,
    extraction: flagged ? "ocr" : "text",
    flagged,
  };
  return copy;
}

const ROW_ID = "within:expenditure:columns:20801:本年支出合计";
const find = (doc: Document, id: string) => runChecks(doc, []).find((c) => c.id === id);

describe("tolerance", () => {
  test("a sum of two 0.02 off is a rounding-level warning (尾数误差), 0.03 off an error", () => {
    // 20801: 1,214.28 = 962.77 (基本支出) + 251.51 (项目支出).
    const base = keyDocument("qingshan");
    expect(find(base, ROW_ID)).toMatchObject({ status: "pass", severity: "info", difference: 0 });
    expect(find(set(base, "20801", "本年支出合计", 1214.3), ROW_ID)).toMatchObject({
      status: "fail",
      severity: "warning",
      difference: 0.02,
    });
    expect(find(set(base, "20801", "本年支出合计", 1214.31), ROW_ID)).toMatchObject({
      status: "fail",
      severity: "error",
      difference: 0.03,
    });
  });

  test("rounding is judged at the printed precision: 1 元 in a table printed in whole 元", () => {
    const base = keyDocument("qingshan");
    const copy = structuredClone(base);
    const table = expenditure(copy);
    table.unit_printed = "元";
    for (const row of table.rows)
      for (const cell of Object.values(row.values)) {
        if (cell.value_wan !== null) cell.raw_text = String(Math.round(cell.value_wan * 10000));
      }
    const row = table.rows.find((r) => r.row_code === "20801")!;
    row.values["本年支出合计"].value_wan = 1214.2801; // 12,142,801 元 against 12,142,800
    row.values["本年支出合计"].raw_text = "12142801";
    expect(find(copy, ROW_ID)).toMatchObject({ status: "fail", severity: "warning" });
    row.values["本年支出合计"].value_wan = 1214.2803;
    row.values["本年支出合计"].raw_text = "12142803";
    expect(find(copy, ROW_ID)).toMatchObject({ status: "fail", severity: "error" });
  });

  test("a figure copied to another table must match to the cent", () => {
    const base = keyDocument("qingshan");
    const id = "across:expenditure:合计=income_expenditure_summary:本年支出合计";
    const copy = structuredClone(base);
    expenditure(copy).rows.find((r) => r.row_label === "合计")!.values["本年支出合计"].value_wan = 1671.04;
    expect(find(base, id)?.status).toBe("pass");
    expect(find(copy, id)).toMatchObject({ status: "fail", severity: "warning", difference: -0.01 });
  });
});

describe("flagged and absent cells", () => {
  test("a flagged cell still runs the check, as a warning", () => {
    const doc = set(keyDocument("qingshan"), "20801", "基本支出", 926.77, true);
    expect(find(doc, ROW_ID)).toMatchObject({ status: "fail", severity: "warning" });
    expect(find(keyDocument("qingshan"), ROW_ID)).toMatchObject({ status: "pass", severity: "info" });
  });

  test("no check when its total cell is absent or blank", () => {
    expect(find(set(keyDocument("qingshan"), "20801", "本年支出合计", null), ROW_ID)).toBeUndefined();
    const doc = keyDocument("qingshan");
    doc.tables = doc.tables.filter((t) => t.table_kind !== "income_expenditure_summary");
    const ids = runChecks(doc, []).map((c) => c.id);
    expect(ids.some((id) => id.includes("income_expenditure_summary"))).toBe(false);
    expect(ids).toContain(ROW_ID);
  });

  test("ids are unique", () => {
    const ids = runChecks(keyDocument("jianghan"), []).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
