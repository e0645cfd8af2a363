/**
 * A performance table as OCR read it from the Wuhan p24 scan (samples/synthetic, 2023年度日常系统运行经费项目自评表):
 * two of its indicators, 月均发送短信量 (printed 11万条 and 11万条, read 1]万条 and ]]万条 at confidence 0.78,
 * flagged) and 持社保卡人数 (1100万人, read alike at 0.89), and 总分 89.63. The amount 398.36 is as printed (the
 * extractor reads none from this page's 年度财政资金总额 row). Built by hand, so the outputs' tests run no OCR.
 */
import { Document } from "../../schemas/document.js";
import { emptyPerformance, type Indicator } from "../../schemas/performance.js";

const indicator = (level3: string, target: string, score: number, extra: Partial<Indicator>): Indicator => ({
  page: 24,
  goal: null,
  level1: "产出指标",
  level1_weight: 40,
  level2: "数量指标",
  level2_weight: 20,
  level3,
  level3_weight: score,
  label: `${level3}(${score}分)`,
  target: { text: target, value: null, unit: null, qualifier: null },
  actual: { text: target, value: null, unit: null, qualifier: null },
  other: {},
  score,
  note: null,
  confidence: 1,
  flagged: false,
  ...extra,
});

export function scannedDocument(): Document {
  const performance = {
    ...emptyPerformance("project_performance_self_eval"),
    project: "2023年度日常系统运行经费项目",
    amount_wan: 398.36,
    amount_text: "398.36",
    amount_confidence: 0.96,
    indicators: [
      indicator("月均发送短信量", "1]万条", 10, {
        actual: { text: "]]万条", value: null, unit: null, qualifier: null },
        confidence: 0.78,
        flagged: true,
      }),
      indicator("持社保卡人数", "1100万人", 5, { confidence: 0.89 }),
    ],
    total_score: 89.63,
    total_score_page: 24,
  };
  return Document.parse({
    schema_version: 5,
    tool: { name: "yujue", version: "0.1.0" },
    source: { file: "wuhan-p24.pdf", sha256: "b".repeat(64), pages: 1 },
    doc_type: "final_account",
    fiscal_year: 2023,
    org_name: "武汉市人力资源和社会保障信息中心",
    tables: [
      {
        table_kind: "project_performance_self_eval",
        title: "2023年度日常系统运行经费项目自评表",
        pages: [24],
        unit_printed: "万元",
        empty: false,
        columns: [],
        rows: [],
        extraction: "ocr",
        performance,
      },
    ],
    checks: [],
    ocr_pages: [24],
    warnings: [],
  });
}
