import { z } from "zod";

/**
 * How sure a reading from the page is, with the meaning of a table cell's (schemas/document.ts Cell): 1 for a clean
 * text layer, else the lowest OCR confidence of the cells the figures came from; flagged below the flag threshold
 * (LOW_CONFIDENCE) or where a cell held ink that could not be read. Defaults read documents written before (4).
 */
const confidence = z.number().min(0).max(1).default(1);
const flagged = z.boolean().default(false);

/** A printed target or actual value: the text as printed, and its number and unit where it has one. */
export const Measure = z.object({
  text: z.string(),
  value: z.number().nullable(),
  /** What follows the number ("%", "人次", "万元", "万笔"); null for a bare number or text. */
  unit: z.string().nullable(),
  /** A comparison printed before the number ("≤", ">", "≥"); null when none. */
  qualifier: z.string().nullable(),
});
export type Measure = z.infer<typeof Measure>;

/** One three-level indicator (一级/二级/三级指标) with its weights, target, actual and score. */
export const Indicator = z.object({
  page: z.number().int().positive(),
  /** The goal the indicator serves (长期目标1, 年度目标2 …) where the table names one. */
  goal: z.string().nullable(),
  level1: z.string().nullable(),
  level1_weight: z.number().nullable(),
  level2: z.string().nullable(),
  level2_weight: z.number().nullable(),
  /** The indicator's name, without the printed weight. */
  level3: z.string(),
  level3_weight: z.number().nullable(),
  /** The 三级指标 cell as printed (cleaned), the row label of its facts. */
  label: z.string(),
  target: Measure.nullable(),
  actual: Measure.nullable(),
  /** Other value columns by header path (近两年指标值/2022年, 前年, 上年 …). */
  other: z.record(z.string(), Measure),
  score: z.number().nullable(),
  /** 指标值确定依据, 评分标准 or a note where printed. */
  note: z.string().nullable(),
  /**
   * Of the indicator's own cells (its 三级指标 name, target with its 指标性质 and 计量单位, actual, other values,
   * score, weight), the least sure; the 一级/二级 level cells, shared by many indicators, do not count.
   */
  confidence,
  /** True when one of them could not be read with confidence: check the indicator against the page. */
  flagged,
});
export type Indicator = z.infer<typeof Indicator>;

/** 预算执行情况: 预算数（A）, 执行数（B）, 执行率 (B/A), 得分 (weight × 执行率). */
export const BudgetExecution = z.object({
  page: z.number().int().positive(),
  label: z.string(),
  budget_wan: z.number().nullable(),
  executed_wan: z.number().nullable(),
  /** Percent as printed (63.6 for "63.6%"). */
  rate: z.number().nullable(),
  /** Decimals printed in the rate ("63.6%" → 1). */
  rate_decimals: z.number().int().nullable(),
  score: z.number().nullable(),
  weight: z.number().nullable(),
  /** Of the row's figures, the least sure; flagged as a table cell is. */
  confidence,
  flagged,
});
export type BudgetExecution = z.infer<typeof BudgetExecution>;

export const Performance = z.object({
  table_kind: z.string(),
  /** 项目名称 for project tables; null for the whole-unit tables. */
  project: z.string().nullable(),
  /**
   * The project's (or unit's) funds for the year in 万元, as the form prints its total (年度资金总额, 资金总额,
   * 实施期资金总额, 当年预算, 预算金额, 全年预算数 of a self-evaluation); 元 and 千元 converted. Null when none printed.
   */
  amount_wan: z.number().nullable().default(null),
  /** That amount's cell as printed ("2,134.87"). */
  amount_text: z.string().nullable().default(null),
  /** How sure the amount's reading is (1 and false when none is printed). */
  amount_confidence: confidence,
  amount_flagged: flagged,
  /** The 年度目标 / 年度绩效目标 / 总体目标 / 当年绩效目标 text (a self-evaluation's 预期目标), as printed. */
  annual_goal: z.string().nullable().default(null),
  /** Key-value header cells as printed (单位名称, 主管部门, 项目实施单位, 项目类别 …). */
  info: z.record(z.string(), z.string()),
  budget: z.array(BudgetExecution),
  indicators: z.array(Indicator),
  total_score: z.number().nullable(),
  total_score_page: z.number().int().nullable(),
  /** How sure the 总分 figure's reading is (1 and false when none is printed). */
  total_score_confidence: confidence,
  total_score_flagged: flagged,
  /** The 分值/权重 printed on the 总分 row (100), where the form prints one; absent in documents written before it. */
  total_weight: z.number().nullable().optional(),
  /** Free-text blocks (年度目标, 偏差原因分析, 改进措施 …) by their printed key. */
  texts: z.record(z.string(), z.string()),
});
export type Performance = z.infer<typeof Performance>;

/** A performance table of this kind with nothing read yet. */
export function emptyPerformance(kind: string): Performance {
  return {
    table_kind: kind,
    project: null,
    amount_wan: null,
    amount_text: null,
    amount_confidence: 1,
    amount_flagged: false,
    annual_goal: null,
    info: {},
    budget: [],
    indicators: [],
    total_score: null,
    total_score_page: null,
    total_score_confidence: 1,
    total_score_flagged: false,
    total_weight: null,
    texts: {},
  };
}
