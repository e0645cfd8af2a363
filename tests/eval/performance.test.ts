/**
 * The performance eval (bench/eval-performance.ts) on a small hand-made fixture: a perfect output scores 1,
 * and each spoilt field (a project's amount, an indicator's target, a missing indicator, an extra one, a
 * listed project's 总分) costs exactly what it should.
 */
import { describe, expect, test } from "vitest";
import type { Document, Table } from "../../schemas/document.js";
import { emptyPerformance, type Indicator, type Performance } from "../../schemas/performance.js";
import {
  indicatorParity,
  type PerfGolden,
  type ProjectsGolden,
  perfTotal,
  sameMeasure,
  scorePerformance,
} from "../../bench/eval-performance.js";
import { measureOf } from "../../extractors/performance-read.js";
import { scannedDocument } from "../helpers/scanned-performance.js";

const golden: PerfGolden = {
  document: "fixture",
  pdf: "samples/regions/fixture.pdf",
  complete: false,
  tables: [
    {
      table_kind: "project_performance_targets",
      pages: [28],
      project: "e福州留守困境儿童关爱帮扶专栏",
      amount_wan: 21.5,
      annual_goal: "通过专栏畅通帮扶渠道。",
      total_score: null,
      indicators: [
        {
          page: 28,
          level1: "产出指标",
          level2: "数量指标",
          level3: "媒体发稿数量",
          weight: null,
          target: "≥3篇",
          actual: null,
          score: null,
        },
        {
          page: 28,
          level1: "满意度指标",
          level2: "服务对象满意度指标",
          level3: "受益对象满意度",
          weight: null,
          target: "≥90%",
          actual: null,
          score: null,
        },
      ],
    },
    {
      table_kind: "project_performance_targets",
      pages: [31],
      project: "规划和自然资源事务",
      amount_wan: 35786.65,
      annual_goal: null,
      total_score: null,
      indicators: [
        {
          page: 31,
          level1: null,
          level2: null,
          level3: "调度土地出让面积",
          weight: 20,
          target: "3000",
          actual: null,
          score: null,
        },
      ],
    },
  ],
};

function indicator(
  page: number,
  level1: string | null,
  level2: string | null,
  level3: string,
  target: string,
  weight: number | null = null,
): Indicator {
  return {
    page,
    goal: null,
    level1,
    level1_weight: null,
    level2,
    level2_weight: null,
    level3,
    level3_weight: weight,
    label: level3,
    target: measureOf(target),
    actual: null,
    other: {},
    score: null,
    note: null,
  };
}

function table(kind: string, pages: number[], perf: Partial<Performance>): Table {
  const performance: Performance = { ...emptyPerformance(kind), ...perf };
  return {
    table_kind: kind as Table["table_kind"],
    title: "",
    pages,
    unit_printed: "万元",
    empty: false,
    columns: [],
    rows: [],
    extraction: "text",
    performance,
  };
}

function perfect(): Document {
  return {
    schema_version: 4,
    tool: { name: "yujue", version: "test" },
    source: { file: "fixture.pdf", sha256: "0".repeat(64), pages: 40 },
    doc_type: "budget",
    fiscal_year: 2026,
    org_name: null,
    checks: [],
    ocr_pages: [],
    warnings: [],
    tables: [
      table("project_performance_targets", [28], {
        project: "e福州留守困境儿童关爱帮扶专栏",
        amount_wan: 21.5,
        annual_goal: "通过专栏畅通帮扶渠道。",
        indicators: [
          indicator(28, "产出指标", "数量指标", "媒体发稿数量", "≥3篇"),
          indicator(28, "满意度指标", "服务对象满意度指标", "受益对象满意度", "≥90%"),
        ],
      }),
      // Printed with 指标性质 and 计量单位 in columns of their own: the output joins them, the golden keys 指标值.
      table("project_performance_targets", [31], {
        project: "规划和自然资源事务",
        amount_wan: 35786.65,
        indicators: [
          {
            ...indicator(31, null, null, "调度土地出让面积", "3000", 20),
            target: { text: "≥3000亩", value: 3000, unit: "亩", qualifier: "≥" },
          },
        ],
      }),
    ],
  };
}

describe("performance eval", () => {
  test("a perfect output scores 1 everywhere", () => {
    const s = scorePerformance("fixture", golden, null, perfect());
    expect(s.figures).toEqual({ table_recall: 1, indicator_recall: 1, indicator_precision: 1, project_recall: null });
    expect(s.notes).toEqual([]);
  });

  test("a wrong amount costs its table; a wrong target its indicator; an extra indicator the precision", () => {
    const doc = perfect();
    doc.tables[0]!.performance!.amount_wan = 215000; // 元 not converted
    doc.tables[1]!.performance!.indicators[0]!.target = measureOf("≥300亩");
    doc.tables[1]!.performance!.indicators.push(indicator(31, null, null, "年度预算执行率", "100"));
    const s = scorePerformance("fixture", golden, null, doc);
    expect(s.tables).toMatchObject({ keyed: 2, found: 2, right: 1, wrong: { amount: 1 } });
    expect(s.indicators).toMatchObject({ keyed: 3, emitted: 4, matched: 3, right: 2, wrong: { target: 1 } });
    expect(s.figures.indicator_recall).toBeCloseTo(2 / 3);
    expect(s.figures.indicator_precision).toBeCloseTo(2 / 4);
  });

  test("a table split wrongly (its indicators on another project) loses them", () => {
    const doc = perfect();
    const moved = doc.tables[0]!.performance!.indicators.pop()!;
    doc.tables[1]!.performance!.indicators.push(moved);
    const s = scorePerformance("fixture", golden, null, doc);
    expect(s.indicators.right).toBe(2);
    expect(s.notes).toContain(
      "indicator not found: project_performance_targets p28 e福州留守困境儿童关爱帮扶专栏 / 受益对象满意度",
    );
  });

  test("the projects list: each found on its page by name, scored when its 总分 agrees", () => {
    const doc = perfect();
    doc.tables.push(table("project_performance_self_eval", [60], { project: "采供血人员经费项目", total_score: 99 }));
    doc.tables.push(
      table("project_performance_self_eval", [61], {
        project: "采供血业务经费（非政府采购部分）项目",
        total_score: 100,
      }),
    );
    const list: ProjectsGolden = {
      document: "fixture",
      pdf: "x",
      table_kind: "project_performance_self_eval",
      projects: [
        { page: 60, project: "采供血人员经费项目", total_score: 99 },
        { page: 61, project: "采供血业务经费（非政府采购部分）项目", total_score: 93.65 },
        { page: 62, project: "采供血专用设备类项目", total_score: 100 },
      ],
    };
    const s = scorePerformance("fixture", null, list, doc);
    expect(s.projects).toEqual({ keyed: 3, found: 2, scored: 1 });
    expect(perfTotal([s]).project_recall).toBeCloseTo(1 / 3);
  });

  test("targets compare after NFKC and without spaces; a joined 指标性质/计量单位 target matches its 指标值", () => {
    expect(sameMeasure("≥ 95 %", measureOf("≥95%"))).toBe(true);
    expect(sameMeasure("2026年12月底前", measureOf("2026年12月 底前"))).toBe(true);
    expect(sameMeasure("7", { text: "≥7处", value: 7, unit: "处", qualifier: "≥" })).toBe(true);
    expect(sameMeasure("8", { text: "≥7处", value: 7, unit: "处", qualifier: "≥" })).toBe(false);
    expect(sameMeasure(null, null)).toBe(true);
  });
});

describe("indicators of a scan against its text original (issue 17)", () => {
  // The text original's reading of Wuhan p24 (11万条, printed) and the scan's (1]万条 and ]]万条, flagged; 1100万人 alike).
  const text = scannedDocument();
  const ind = text.tables[0]!.performance!.indicators;
  ind[0] = { ...ind[0]!, target: measureOf("11万条"), actual: measureOf("11万条"), confidence: 1, flagged: false };
  ind[1] = { ...ind[1]!, confidence: 1 };

  test("a differing indicator the scan flagged is accounted; equal ones are equal", () => {
    const p = indicatorParity(text, scannedDocument(), 5)!;
    expect([p.indicators, p.equal, p.flagged, p.unflagged, p.lost]).toEqual([2, 1, 1, 0, 0]);
    expect(p.differences).toEqual([
      'p24 月均发送短信量: target "11万条" read "1]万条", actual "11万条" read "]]万条" (flagged 0.78)',
    ]);
  });

  test("unflagged, it is a silent error; a row the scan lost is lost; no performance table, no figure", () => {
    const scan = scannedDocument();
    scan.tables[0]!.performance!.indicators[0]!.flagged = false;
    scan.tables[0]!.performance!.indicators.pop();
    const p = indicatorParity(text, scan, 5)!;
    expect([p.equal, p.flagged, p.unflagged, p.lost]).toEqual([0, 0, 1, 1]);
    expect(indicatorParity({ ...text, tables: [] }, scan, 5)).toBeNull();
  });
});
