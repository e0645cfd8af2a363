/**
 * A 一级指标 cell merged over several pages (西安安监 2019, 附表14 部门整体 pp33-38 and 附表15 专项资金 pp39-45):
 * on the pages between its first and last the cell prints its side rules and, on one of them, its name, but no
 * rule across, so the layout joins those rules to the grid (tests/layout/side-rules.test.ts) and the reader gives
 * the name to every indicator under the cell, those on the pages before it included. Values read on the rendered
 * pages (pdftoppm -r 100).
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { Table } from "../../schemas/document.js";
import { layoutPage } from "../../src/layout/page-tables.js";
import { recogniseTables } from "../../src/tables.js";
import { samplePage } from "../helpers/pages.js";

const FILE = "regions/xian-work-safety-2019-budget.pdf";
let tables: Table[] = [];

beforeAll(async () => {
  const layouts = [];
  for (let p = 33; p <= 45; p++) layouts.push(layoutPage(await samplePage(FILE, p)));
  tables = recogniseTables(layouts, () => "text").tables.filter((t) => t.performance);
}, 120_000);

const levels = (t: Table, page: number) => [
  ...new Set(t.performance!.indicators.filter((i) => i.page === page).map((i) => `${i.level1}/${i.level2}`)),
];

describe("a 一级指标 cell merged over pages, its name printed on a page between (西安安监 2019)", () => {
  test("部门整体 pp33-38: 产出指标 named on p35 holds p34-p36's indicators, 效益指标 named on p37 p36-p38's", () => {
    const t = tables.find((x) => x.table_kind === "overall_performance_targets")!;
    expect(t.pages).toEqual([33, 34, 35, 36, 37, 38]);
    expect(t.performance!.indicators.length).toBe(107);
    expect(levels(t, 34)).toEqual(["产出指标/数量指标", "产出指标/质量指标"]);
    expect(levels(t, 36)).toEqual([
      "产出指标/时效指标",
      "产出指标/成本指标",
      "效益指标/经济效益指标",
      "效益指标/社会效益指标",
    ]);
    expect(levels(t, 38)).toEqual(["效益指标/可持续影响指标", "满意度指标/服务对象满意度指标"]);
    const first = t.performance!.indicators[0]!;
    expect([first.page, first.level1, first.level3, first.target?.text]).toEqual([
      34,
      "产出指标",
      "指标1：保障完成情况",
      "100%",
    ]);
  });

  test("专项资金 pp39-45: the goal ends before the indicator header of p40; the 二级 rule alone on p43 joins", () => {
    const t = tables.find((x) => x.table_kind === "project_performance_targets")!;
    const p = t.performance!;
    expect([t.pages, p.project, p.amount_wan]).toEqual([
      [39, 40, 41, 42, 43, 44, 45],
      "西安市安全生产监督管理局",
      1620.98,
    ]);
    expect(p.annual_goal).toMatch(/^目标1：通过开展全市范围安全生产大检查/);
    expect(p.annual_goal).toMatch(/有效应对突发事故。$/);
    expect(levels(t, 41)).toEqual(["产出指标/质量指标"]);
    expect(levels(t, 43)).toEqual(["效益指标/社会效益指标"]);
    expect(levels(t, 44)).toEqual([
      "效益指标/社会效益指标",
      "效益指标/生态效益指标",
      "效益指标/可持续影响指标",
      "满意度指标/服务对象满意度指标",
    ]);
  });
});
