/**
 * bench/parity.ts pairs the code-less rows of a table's page by their labels, not by their order. The rows are
 * those of central letters-and-visits 2026 budget p32 (信访业务培训绩效目标表, samples/regions/, rendered at 150 dpi):
 * its text original's extraction keeps the funding rows and the one target printed as a plain figure (100%), while
 * a scan of it also reads the ≤ / ≥ targets (≤118.01 万元, ≥110 人, …) as figures, flagged. By order, every target
 * after the first extra row met the wrong partner, and the scan's right 100 showed as an unflagged figure the text
 * lacks (held-out 2's one unflagged cell).
 */
import { describe, expect, it } from "vitest";
import { compare, pairRowsByLabel } from "../../bench/parity.js";
import type { Document, Row, Table } from "../../schemas/document.js";
import { documentOf } from "../helpers/document.js";

type Line = [label: string, column: string, value: number, flagged?: boolean];

function row([label, column, value, flagged = false]: Line): Row {
  const cell = { value_wan: value, raw_text: String(value), confidence: flagged ? 0.5 : 0.95 };
  return {
    page: 1,
    row_code: null,
    row_label: label,
    values: { [column]: { ...cell, extraction: "ocr", flagged, box: null } },
  };
}

function doc(lines: Line[]): Document {
  const table: Table = {
    table_kind: "project_performance_targets",
    title: "信访业务培训绩效目标表",
    pages: [1],
    unit_printed: "万元",
    empty: false,
    columns: ["", "指标值"],
    rows: lines.map(row),
    extraction: "ocr",
  };
  return documentOf([table], { ocr_pages: [1] });
}

// As printed on p32 (the rendered page): 其中：财政拨款 118.01, 上年结转 0.00, 其他资金 0.00; 培训计划按期完成率 100%.
const funds: Line[] = [
  ["其中", "", 118.01],
  ["上年结转", "", 0],
  ["其他资金", "", 0],
];
const text = doc([...funds, ["培训计划按期完成率", "指标值", 100]]);
// The scan also reads the ≤ / ≥ targets, without their signs, each flagged.
const signed: Line[] = [
  ["项目成本控制", "指标值", 118.01, true],
  ["培养实践锻炼、跟班学习干部人数", "指标值", 110, true],
  ["信访业务主体培训人数", "指标值", 290, true],
  ["培训合格率", "指标值", 98, true],
  ["培训参与度", "指标值", 95, true],
];
const completion: Line = ["培训计划按期完成率", "指标值", 100];
const satisfaction: Line = ["受训学员满意率", "指标值", 95, true];

describe("parity pairs code-less rows by label (central p32 performance targets)", () => {
  it("compares the scan's 培训计划按期完成率 with the text's, and reports the extra rows' figures as differences", () => {
    const p = compare(text, doc([...funds, ...signed, completion, satisfaction]));
    expect([p.equal, p.numericCells]).toEqual([4, 4]);
    expect(p.differences.filter((d) => !d.accounted)).toEqual([]);
    // Each figure of a row the text lacks is a difference against a blank, flagged here: none dropped.
    expect(p.differences.map((d) => [d.text, d.scan?.row_label, d.scan?.value])).toEqual(
      [...signed, satisfaction].map(([label, , value]) => [null, label, value]),
    );
  });

  it("pairs a label with a character misread", () => {
    const misread: Line = ["培训计划按期完戍率", "指标值", 100];
    const p = compare(text, doc([...funds, ...signed, misread, satisfaction]));
    expect([p.equal, p.numericCells]).toEqual([4, 4]);
  });

  it("still counts a misread figure of a paired row as an unflagged difference", () => {
    const p = compare(text, doc([...funds, ...signed, ["培训计划按期完成率", "指标值", 10], satisfaction]));
    expect(p.equal).toBe(3);
    const unflagged = p.differences.filter((d) => !d.accounted);
    expect(unflagged.map((d) => [d.text, d.scan?.value, d.scan?.row_label])).toEqual([[100, 10, "培训计划按期完成率"]]);
  });

  it("reports a row the scan lost against no cell, and pairs the rows after it", () => {
    const p = compare(text, doc([funds[0], funds[2], completion]));
    expect([p.equal, p.numericCells]).toEqual([3, 4]);
    expect(p.differences.map((d) => [d.text, d.scan, d.accounted])).toEqual([[0, null, false]]);
  });
});

describe("pairRowsByLabel", () => {
  it("aligns in order like a diff, a label a character off still pairing", () => {
    const text = ["其中", "其他资金", "培训合格率"];
    expect(pairRowsByLabel(text, ["其中", "其他资金", "项目成本控制", "信访业务主体培训人数", "培训合格幸"])).toEqual([
      [0, 0],
      [1, 1],
      [2, 4],
    ]);
  });

  it("pairs the rows between two matches whose labels do not decide by order, the longer side's rest unpaired", () => {
    expect(pairRowsByLabel(["合计", "", "小计"], ["合计", "", "小计"])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    // Held-out 4 Jiangsu CPPCC p9: 合计 read "-", then a stray "k" row, before 工资福利支出.
    expect(pairRowsByLabel(["合计", "工资福利支出"], ["-", "k", "工资福利支出"])).toEqual([
      [0, 0],
      [1, 2],
    ]);
  });
});
