/**
 * Performance tables of the synthetic Wuhan samples, read from the text PDFs:
 * every indicator's levels, weights, target, actual and score as printed
 * (checked against the rendered pages), the facts the answer keys list, and
 * the checks catching an altered score or rate.
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { Document, Table } from "../../schemas/document.js";
import { Performance } from "../../schemas/performance.js";
// The pipeline reads its version from package.json relative to dist/: run from the build.
import { extractDocument } from "../../dist/src/index.js";
import { performanceChecks } from "../../src/checks/performance.js";
import { indicatorRows, indicatorsCsv } from "../../src/output/indicators.js";
import { isFactMeasure, measureOf } from "../../extractors/performance-read.js";

const FILES = {
  qingshan: "samples/synthetic/wuhan-qingshan-social-insurance-2023-final-account.pdf",
  hrss: "samples/synthetic/wuhan-hrss-info-center-2023-final-account.pdf",
  jianghan: "samples/synthetic/wuhan-jianghan-social-insurance-2024-budget.pdf",
} as const;
const docs: Partial<Record<keyof typeof FILES, Document>> = {};

beforeAll(async () => {
  for (const [name, file] of Object.entries(FILES)) docs[name as keyof typeof FILES] = await extractDocument(file);
});

/** page|level1|weight|level2|weight|level3|weight|target|actual|score, as printed. */
const EXPECTED: Record<string, string[]> = {
  "qingshan p23": [
    "23|产出指标|40|数量指标|20|养老、失业、工伤保险参保扩面人数|5|10,300人次|14,730人次|5",
    "23|产出指标|40|数量指标|20|月社会保险业务经办量|5|11,000笔|29,980笔|5",
    "23|产出指标|40|数量指标|20|社会保险政策宣传资料发放量|5|10,000份|11,200份|5",
    "23|产出指标|40|数量指标|20|社会保险业务培训数量|5|500人次|482人次|4.82",
    "23|产出指标|40|质量指标|20|养老、失业、工伤保险待遇支付准确率|10|100%|100%|10",
    "23|产出指标|40|质量指标|20|合同人员工资足额发放率|10|100%|100%|10",
    "23|效益指标|40|社会效益指标|35|保障社保基金安全|5|90%|90%|5",
    "23|效益指标|40|社会效益指标|35|保证社会保险业务经办队伍的稳定发展|5|95%|95%|5",
    "23|效益指标|40|社会效益指标|35|社会保险综合指数年度考评得分|5|合格|95分|5",
    "23|效益指标|40|社会效益指标|35|提升区域社会保障水平|5|显著提升|显著提升|5",
    "24|效益指标|40|社会效益指标|35|保障参保人员权益|5|有效保障|有效保障|5",
    "24|效益指标|40|社会效益指标|35|创建和谐的社会保障经办环境|5|85%|90%|5",
    "24|效益指标|40|社会效益指标|35|维护社保工作稳定发展，力争社会保险全覆盖|5|95%|95%|5",
    "24|效益指标|40|满意度指标|5|服务对象满意度|5|95%|99.9%|5",
  ],
  "qingshan p25": [
    "25|产出指标|40|数量指标|30|月社会保险业务经办量|10|11,000笔|29,980笔|10",
    "25|产出指标|40|数量指标|30|社会保险政策宣传资料发放量|10|10,000份|11,200份|10",
    "25|产出指标|40|数量指标|30|社会保险业务培训数量|10|500人次|482人次|9.64",
    "25|产出指标|40|质量指标|10|合同人员工资足额发放率|10|100%|100%|10",
    "25|效益指标|40|社会效益指标|35|社保基金安全及参保人权益保障率|5|90%|90%|5",
    "25|效益指标|40|社会效益指标|35|保证社会保险业务经办队伍的稳定发展|5|95%|95%|5",
    "25|效益指标|40|社会效益指标|35|社会保险综合指数年度考评得分|5|合格|95分|5",
    "25|效益指标|40|社会效益指标|35|提升区域社会保障水平|5|显著提升|显著提升|5",
    "25|效益指标|40|社会效益指标|35|保障参保人员权益|5|有效保障|有效保障|5",
    "25|效益指标|40|社会效益指标|35|创建和谐的社会保障经办环境进度|5|85%|90%|5",
    "25|效益指标|40|社会效益指标|35|社会保险全覆盖率|5|95%|95%|5",
    "26|效益指标|40|满意度指标|5|服务对象满意度|5|95%|99.9%|5",
  ],
  "hrss p22": [
    "22|产出指标|40|质量指标|20|全年正常运行时间占比||99%|99%|20",
    "22|产出指标|40|数量指标|20|社保自助查询打印等业务年处理量||30万笔|30万笔|10",
    "22|产出指标|40|数量指标|20|月均发送短信量||11万条|11万条|5",
    "22|产出指标|40|数量指标|20|社保卡持卡人数||1100万人|1100万人|5",
    "22|产出指标|40|时效指标|10|房故障处理时效||4小时内|4小时内|10",
    "22|效益指标|40|社会效益指标|30|社会效益是否明显（是、否）||是|是|30",
  ],
  "hrss p23": [
    "23|产出指标|40|数量指标|20|服务市民数|20|>1000万人|>1000万人|20",
    "23|产出指标|40|质量指标|20|系统数据完整可靠程度|20|100%|100%|20",
    "23|效益指标|40|社会效益指标|40|加强“智慧人社”便民服务应用推广|20|有效加强|有效加强|20",
    "23|效益指标|40|社会效益指标|40|推动社保经办服务事项“网上办”|20|有效推动|有效推动|20",
  ],
  "hrss p24": [
    "24|产出指标|40|数量指标|20|月均发送短信量|10|11万条|11万条|10",
    "24|产出指标|40|数量指标|20|持社保卡人数|5|1100万人|1100万人|5",
    "24|产出指标|40|数量指标|20|提供社保自助查询打印|5|30万笔|30万笔|5",
    "24|产出指标|40|质量指标|10|全年正常运行时间占比|10|99%|99%|10",
    "24|产出指标|40|时效指标|10|机房故障处理时效|10|4小时内|4小时内|10",
    "24|效益指标|40|社会效益指标|30|加强“智慧人社”便民服务应用推广|15|有效加强|有效加强|15",
    "24|效益指标|40|社会效益指标|30|推动“互联网+人社”发展|15|有效推动|有效推动|15",
    "24|效益指标|40|服务对象满意度指标|10|做好服务工作，让服务对象满意|10|90%|90%|10",
  ],
};

function perf(t: Table) {
  return Performance.parse(t.performance);
}
function tableAt(doc: Document, page: number): Table {
  const t = doc.tables.find((x) => x.performance !== undefined && x.pages[0] === page);
  if (!t) throw new Error(`no performance table on page ${page}`);
  return t;
}

describe("self-evaluation tables (final accounts)", () => {
  test.each(Object.keys(EXPECTED))("%s: every indicator", (key) => {
    const [name, p] = key.split(" ") as [keyof typeof FILES, string];
    const t = tableAt(docs[name]!, Number(p.slice(1)));
    const got = perf(t).indicators.map((i) =>
      [
        i.page,
        i.level1,
        i.level1_weight,
        i.level2,
        i.level2_weight,
        i.level3,
        i.level3_weight,
        i.target?.text,
        i.actual?.text,
        i.score,
      ].join("|"),
    );
    expect(got).toEqual(EXPECTED[key]);
  });

  test("header blocks, budget execution, 总分 and texts", () => {
    const q = perf(tableAt(docs.qingshan!, 25));
    expect(q.project).toBe("社会保险业务工作经费");
    expect(q.info["项目实施单位"]).toBe("武汉市人力资源和社会保障局青山社会保险管理处");
    expect(q.total_score).toBe(99.64);
    expect(Object.keys(q.texts)).toEqual(
      expect.arrayContaining(["偏差大或目标未完成原因分析", "改进措施及结果应用方案"]),
    );
    const h = perf(tableAt(docs.hrss!, 22));
    expect(h.budget).toEqual([
      {
        page: 22,
        label: "部门整体支出总额",
        budget_wan: 2305.94,
        executed_wan: 1466.86,
        rate: 63.6,
        rate_decimals: 1,
        score: 12.72,
        weight: 20,
        confidence: 1,
        flagged: false,
      },
    ]);
    expect(h.total_score).toBe(92.72);
    expect(h.texts["年度目标"]).toMatch(/^1\.保障人社信息系统机房/);
  });

  test("facts follow the answer-key conventions", () => {
    const t = tableAt(docs.qingshan!, 23);
    const fact = (label: string, col: string) =>
      t.rows.find((r) => r.row_label === label && col in r.values)?.values[col]?.value_wan;
    expect(fact("基本支出总额", "")).toBe(1419.54);
    expect(fact("总分", "")).toBe(99.82);
    expect(fact("单位整体支出总额", "执行率（B/A）")).toBe(100);
    expect(fact("社会保险业务培训数量（5分）", "得分")).toBe(4.82);
    expect(fact("服务对象满意度（5分）", "实际完成值（B）")).toBe(99.9);
    // "10,300人次" and "合格" are not facts; their scores are.
    expect(fact("养老、失业、工伤保险参保扩面人数（5分）", "年初目标值（A）")).toBeUndefined();
    expect(fact("社会保险综合指数年度考评得分（5分）", "得分")).toBe(5);
  });
});

describe("target tables (budget)", () => {
  test("整体支出绩效目标表: long-term and annual indicators over three pages", () => {
    const p = perf(docs.jianghan!.tables.find((t) => t.table_kind === "overall_performance_targets")!);
    expect(p.indicators.length).toBe(31);
    const i = p.indicators.find((x) => x.level3 === "养老保险扩面人次")!;
    expect([i.page, i.level1, i.level2, i.target?.value, i.target?.unit]).toEqual([
      20,
      "产出指标",
      "数量指标",
      4000,
      null,
    ]);
    expect(i.other["指标值/近两年指标值/2022年"]?.value).toBe(5100);
    const w = p.indicators.find((x) => x.level3 === "编外人员年均工资")!;
    expect(w.target).toEqual({ text: "≤7.2万元", value: 7.2, unit: "万元", qualifier: "≤" });
  });

  test("项目支出绩效目标表: 万元 amounts are facts, goals carried over the page break", () => {
    const t = docs.jianghan!.tables.find((x) => x.table_kind === "project_performance_targets")!;
    const p = perf(t);
    expect(p.project).toBe("社会保险业务工作经费");
    const cost = t.rows.find((r) => r.row_label === "按社保各项业务工作需要计算劳务等办公费用")!;
    expect(Object.fromEntries(Object.entries(cost.values).map(([k, c]) => [k, c.value_wan]))).toEqual({
      "指标值/前年": 288.76,
      "指标值/上年": 609.95,
      "指标值/预计当年实现": 398.85,
    });
    const last = p.indicators.at(-1)!;
    expect([last.page, last.goal, last.level1, last.level2, last.target?.text]).toEqual([
      24,
      "年度绩效目标",
      "满意度指标",
      "服务对象满意度指标",
      "99%",
    ]);
  });

  test("项目支出情况表 rows carry the project name", () => {
    const t = docs.jianghan!.tables.find((x) => x.table_kind === "project_expenditure")!;
    expect(t.rows.map((r) => [r.row_code, r.row_label, r.values["合计"]?.value_wan])).toEqual([
      [null, "合计", 398.85],
      [null, "武汉市人力资源和社会保障局", 398.85],
      [null, "社会保障工作", 398.85],
      [null, "社会保险业务工作经费", 398.85],
    ]);
  });
});

describe("measures", () => {
  test.each([
    ["10,300 人次", 10300, "人次", false],
    ["100%", 100, "%", true],
    ["显著提升", null, null, false],
    ["99", 99, null, true],
    ["398.85万\n元", 398.85, "万元", true],
    ["90%以上", 90, "%以上", false],
    ["95 分", 95, "分", false],
    [">1000万人", 1000, "万人", false],
    ["2026年12月底前", null, null, false],
    ["2026年6月30日前", null, null, false],
    ["≤1000元/人", 1000, "元/人", false],
  ] as const)("%s", (raw, value, unit, fact) => {
    const m = measureOf(raw);
    expect([m.value, m.unit, isFactMeasure(m)]).toEqual([value, unit, fact]);
  });
});

describe("indicators.csv and checks", () => {
  test("one row per indicator", async () => {
    const rows = indicatorRows(docs.qingshan!);
    expect(rows.length).toBe(26);
    expect(rows[3]).toMatchObject({
      table_kind: "overall_performance_self_eval",
      level3: "社会保险业务培训数量",
      level3_weight: 5,
      target_value: 500,
      target_unit: "人次",
      actual_value: 482,
      score: 4.82,
    });
    const csv = await indicatorsCsv(docs.qingshan!);
    expect(csv.startsWith("\uFEFFsource_file,")).toBe(true);
    expect(csv.trim().split("\n").length).toBe(27);
  });

  test("every check passes on the samples", () => {
    for (const name of Object.keys(FILES) as (keyof typeof FILES)[]) {
      expect(
        performanceChecks(docs[name]!)
          .filter((c) => c.status === "fail")
          .map((c) => c.message),
      ).toEqual([]);
    }
    // 3 tables: 执行率, its weight and its score (得分（20分*执行率）), 总分; 12 indicator weights; 12 level sums (5 + 7).
    expect(performanceChecks(docs.hrss!).length).toBe(3 * 4 + 12 + 12);
  });

  const alter = (doc: Document, page: number, f: (p: Performance) => void): Document => {
    const copy = structuredClone(doc);
    const t = tableAt(copy, page);
    const p = perf(t);
    f(p);
    t.performance = p;
    return copy;
  };
  test("an altered rate is caught", () => {
    const d = alter(docs.hrss!, 23, (p) => {
      p.budget[0]!.rate = 41.7;
    });
    const failed = performanceChecks(d)
      .filter((c) => c.status === "fail")
      .map((c) => c.id);
    expect(failed.some((id) => /\.rate:/.test(id))).toBe(true);
    expect(failed.some((id) => /budget_score/.test(id))).toBe(false); // 8.31 still matches the exact rate
  });
  test("an altered budget score is caught, and by the total", () => {
    const d = alter(docs.hrss!, 22, (p) => {
      p.budget[0]!.score = 12.27;
    });
    const failed = performanceChecks(d)
      .filter((c) => c.status === "fail")
      .map((c) => c.id);
    expect(failed.filter((id) => /budget_score|total/.test(id)).length).toBe(2);
  });
  test("an indicator score above its weight, or changed, is caught", () => {
    const d = alter(docs.qingshan!, 25, (p) => {
      p.indicators[2]!.score = 10.64;
    });
    const failed = performanceChecks(d)
      .filter((c) => c.status === "fail")
      .map((c) => c.id);
    expect(failed.some((id) => /weight:社会保险业务培训数量/.test(id))).toBe(true);
    expect(failed.some((id) => /\.total$/.test(id))).toBe(true);
  });
});
