/**
 * Performance tables of the regional samples (issue 19), one test per layout class, each on a real page whose
 * values were read on the rendered page image (pdftoppm -r 60/70): a grid of many projects split by its 项目名称
 * column; one long grid split by 项目名称 key rows over many pages (a project without its own indicator header;
 * key and name in one cell); a level cell running over a page break; a multi-page whole-unit table; one project a
 * page (self-evaluations, 87 of them); a cell wrapped across a page break; targets as text and with qualifiers.
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { Document, Table } from "../../schemas/document.js";
// The pipeline reads its version from package.json relative to dist/: run from the build.
import { extractDocument } from "../../dist/src/index.js";

const FILES = {
  chongqing: "samples/regions/chongqing-planning-resources-2026-budget.pdf",
  hrss: "samples/regions/xian-hrss-2020-budget.pdf",
  medical: "samples/regions/fuzhou-medical-security-2026-budget.pdf",
  health: "samples/regions/xian-health-commission-2022-final-account.pdf",
} as const;
const docs: Partial<Record<keyof typeof FILES, Document>> = {};

beforeAll(async () => {
  for (const [name, file] of Object.entries(FILES))
    docs[name as keyof typeof FILES] = await extractDocument(file, { ocr: "never" });
}, 300_000);

const perfTables = (doc: Document) => doc.tables.filter((t) => t.performance !== undefined);
function project(doc: Document, name: string): Table {
  const t = perfTables(doc).find((x) => x.performance!.project === name);
  if (!t) throw new Error(`no performance table of ${name}`);
  return t;
}
const indicator = (t: Table, level3: string) => t.performance!.indicators.find((i) => i.level3 === level3)!;

describe("one grid of many projects, split by its 项目名称 column (重庆 表十二 一般性项目, p31)", () => {
  test("three projects, each with its amount, goal and six indicators", () => {
    const on31 = perfTables(docs.chongqing!).filter((t) => t.pages.join() === "31");
    expect(
      on31.map((t) => [t.performance!.project, t.performance!.amount_wan, t.performance!.indicators.length]),
    ).toEqual([
      ["规划和自然资源综合管理", 28901.54, 6],
      ["规划和自然资源事务", 35786.65, 6],
      ["规划测绘及地理信息事务", 18473.32, 6],
    ]);
    expect(on31[0]!.performance!.annual_goal).toMatch(/^确保行政服务窗口正常运行不少于240天/);
  });

  test("指标性质 | 指标值 | 计量单位 | 指标权重 in columns of their own; no 一级/二级 columns", () => {
    const t = project(docs.chongqing!, "规划和自然资源综合管理");
    const i = indicator(t, "形成科技成果数");
    expect([i.level1, i.level2, i.level3_weight, i.target]).toEqual([
      null,
      null,
      20,
      { text: "≥25个（套）", value: 25, unit: "个（套）", qualifier: "≥" },
    ]);
    expect(indicator(t, "参与人数").target?.text).toBe("＝300人");
  });
});

describe("one long grid split by 项目名称 rows (西安人社 表14 pp50-55, 表16 pp58-64)", () => {
  test("each project with the pages it runs over, the next starting below it", () => {
    const projects = perfTables(docs.hrss!)
      .filter((t) => t.table_kind === "project_performance_targets")
      .map((t) => [t.performance!.project, t.pages.join(","), t.performance!.amount_wan]);
    expect(projects).toEqual([
      ["网络建设维护", "50,51", 1000],
      ["社保大厦物业费", "52,53", 123.5],
      ["全民参保计划工作经费", "53,54", 48.5],
      ["社会保险基金财务费用", "54,55", 21],
      ["市级就业补助及创业贷款贴息资金", "58,59", 15000],
      ["博士后创新基地资助资金", "59,60", 500],
      ["高技能人才奖励资金", "60,61", 480],
      ["伯乐奖", "61,62", 100],
      ["城乡居民养老保险", "62,63", 30000],
      ["技工学校国家助学金和免学费", "63,64", 3000],
    ]);
  });

  test("a project printed without its indicator header reads under the one before (技工学校, p63)", () => {
    const t = project(docs.hrss!, "技工学校国家助学金和免学费");
    expect(t.performance!.indicators.length).toBe(7);
    const i = indicator(t, "指标：申报国家助学金人数；申报免学费人数");
    expect([i.page, i.level1, i.level2, i.target?.text]).toEqual([63, "产出指标", "数量指标", "7375人；30195人"]);
  });

  test("a level cell that starts empty at a page's foot takes its name from the next page (成本指标, pp50-51)", () => {
    const t = project(docs.hrss!, "网络建设维护");
    const i = indicator(t, "指标1：机房基础环境维护");
    expect([i.page, i.level1, i.level2, i.target?.text]).toEqual([50, "产出指标", "成本指标", "18万元/年"]);
    expect(indicator(t, "指标1：完成时间节点").level2).toBe("时效指标");
  });

  test("targets as text, and with a qualifier; a 三级指标 wrapped over two lines kept whole", () => {
    const t = project(docs.hrss!, "网络建设维护");
    expect(indicator(t, "指标：我市就业、社会保险、劳动监察等各项业务经办和服务能力").target).toEqual({
      text: "有效提升",
      value: null,
      unit: null,
      qualifier: null,
    });
    expect(indicator(t, "指标：就业服务人员、参保人满意率").target).toEqual({
      text: "≧95%",
      value: 95,
      unit: "%",
      qualifier: "≧",
    });
  });

  test("a whole-unit table over two pages (表15 部门整体, pp56-57)", () => {
    const t = perfTables(docs.hrss!).find((x) => x.table_kind === "overall_performance_targets")!;
    expect([t.pages, t.performance!.project, t.performance!.amount_wan]).toEqual([[56, 57], null, 182066.56]);
    expect(t.performance!.annual_goal).toMatch(/^目标1：全力做好稳就业工作；/);
    const cost = indicator(t, "指标：人力资源和社会保障工作年度成本");
    expect([cost.page, cost.level1, cost.level2, cost.target?.value, cost.target?.unit]).toEqual([
      57,
      "产出指标",
      "成本指标",
      182066.56,
      "万元",
    ]);
    expect(indicator(t, "指标：我市人力资源和社会保障政策有效实施").target?.text).toBe("长期");
  });
});

describe("one project a page (西安卫健委 项目支出绩效自评表 pp55-141)", () => {
  test("87 self-evaluations, one a page, each with its 总分", () => {
    const evals = perfTables(docs.health!).filter(
      (t) => t.table_kind === "project_performance_self_eval" && t.pages[0]! <= 141,
    );
    expect(evals.length).toBe(87);
    expect(
      evals.every((t) => t.pages.length === 1 && t.performance!.project && t.performance!.total_score !== null),
    ).toBe(true);
  });

  test("p61, whose project names 政府采购, is found: 全年预算数（A）, 总分 as 得分, indicators with 分值 and 得分", () => {
    const t = project(docs.health!, "采供血业务经费（非政府采购部分）项目");
    const p = t.performance!;
    expect([t.pages, p.amount_wan, p.total_score, p.indicators.length]).toEqual([[61], 1185.36, 93.65, 7]);
    const i = indicator(t, "目标采集血液人次");
    expect([i.level1, i.level1_weight, i.level2, i.level3_weight, i.target?.text, i.actual?.text, i.score]).toEqual([
      "产出指标",
      50,
      "数量指标",
      12.5,
      "23万人次",
      "23.66万人次",
      12.5,
    ]);
  });
});

describe("a cell wrapped across a page break (福州医保 pp26-27)", () => {
  test("the 项目名称 ending on the next page is one name; the table spans both pages", () => {
    const t = project(docs.medical!, "2026年医疗服务与保障能力提升补助资金");
    expect([t.pages, t.performance!.amount_wan, t.performance!.indicators.length]).toEqual([[26, 27], 745, 6]);
  });
});

describe("a text layer is read for sure (issue 17: confidence and flag as a table cell's)", () => {
  test("every indicator, 预算执行情况 row, amount and 总分 of the four documents: confidence 1, not flagged", () => {
    const perfs = Object.values(docs).flatMap((d) => perfTables(d!).map((t) => t.performance!));
    const indicators = perfs.flatMap((p) => p.indicators);
    // 986 indicators in 118 tables when written (87 self-evaluations in 西安卫健 alone): not a vacuous pass.
    expect(indicators.length).toBeGreaterThan(900);
    const readings = [
      ...indicators,
      ...perfs.flatMap((p) => p.budget),
      ...perfs.map((p) => ({ confidence: p.amount_confidence, flagged: p.amount_flagged })),
      ...perfs.map((p) => ({ confidence: p.total_score_confidence, flagged: p.total_score_flagged })),
    ];
    expect(readings.filter((r) => r.confidence !== 1 || r.flagged)).toEqual([]);
  });
});
