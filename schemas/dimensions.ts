/**
 * The national schema's canonical dimensions (issue 13): what every fact's
 * figure is, whatever its printed column path. Defined here once with their
 * allowed values; the vocabulary that maps printed headers onto them is
 * src/normalize/dimensions.ts. Documented in schemas/CHANGELOG.md and the
 * README's Output section. A dimension is null when the printed column does not
 * name it; a column the vocabulary does not know keeps every dimension
 * null and is listed in the run's unmapped_columns.csv.
 */
import { z } from "zod";

/** What the figure is. */
export const MEASURES = [
  "budget", // 预算数, 年初预算 (the year's budget; also a final account's 预算数 column)
  "adjusted_budget", // 调整预算数
  "actual", // 决算数, 执行数, 实际完成值
  "prior_year_budget", // 上年预算数, an earlier year's column in a budget
  "prior_year_actual", // 上年决算数/执行数, an earlier year's column in a final account
  "change", // 增减变化, 比上年增减
  "rate", // 执行率, 占比, 增长率 (a ratio: not an amount)
  "target", // 指标值, 目标值, 预期实现值 of performance tables (not an amount)
  "score", // 得分, 分值, 权重 of performance tables (not an amount)
] as const;
export const Measure = z.enum(MEASURES);
export type Measure = z.infer<typeof Measure>;

/** The source of funds a column names. */
export const FUNDS = [
  "total", // 合计/总计 of a sources-of-funds table
  "fiscal_grant", // 财政拨款 (general_budget + gov_fund + state_capital)
  "general_budget", // 一般公共预算
  "gov_fund", // 政府性基金预算
  "state_capital", // 国有资本经营预算
  "special_account", // 财政专户管理资金, 财政专户拨款收入 (education_fees + other_special_account where split)
  "education_fees", // 教育收费: the part of 财政专户 money that is school fees (printed under 财政专户拨款收入)
  "other_special_account", // 其他专户收入(拨款): the rest of 财政专户 money beside 教育收费
  "unit_funds", // 单位资金 (the non-grant sources together)
  "business_income", // 事业收入
  "operating_income", // 事业单位经营收入
  "superior_subsidy", // 上级补助收入
  "affiliate_turnover", // 附属单位上缴收入
  "other_income", // 其他收入, 其他资金
  "carryover", // 上年结转, 上年结余, 结转结余, 上年实户资金余额
  "business_fund", // 事业基金 (用事业基金弥补收支差额): a unit's reserve drawn to cover its deficit
  "earmarked_funds", // 专项资金 (其中：专项资金列入部门预算项目): a part of general_budget, never added to it
] as const;
export const Fund = z.enum(FUNDS);
export type Fund = z.infer<typeof Fund>;

/** The use of funds a column names. */
export const EXPENSES = [
  "total", // 合计/总计 of an expenditure table
  "basic", // 基本支出
  "project", // 项目支出, 专项业务经费
  "personnel", // 人员经费 (part of basic)
  "public_funds", // 公用经费 (part of basic)
  "operating", // 事业单位经营支出
  "subsidy_to_affiliates", // 对附属单位补助支出
  "turnover_to_superior", // 上缴上级支出
  "reserve", // 单位预留机动经费
] as const;
export const Expense = z.enum(EXPENSES);
export type Expense = z.infer<typeof Expense>;

/**
 * The 三公 family. meeting, training and org_operation are printed beside 三公 in many forms but are
 * never part of three_public_total; combined_total is a 合计 that adds them (never three_public_total).
 */
export const ITEMS = [
  "three_public_total", // “三公”经费 合计/小计
  "overseas_travel", // 因公出国（境）费
  "vehicles_total", // 公务用车购置及运行(维护)费
  "vehicle_purchase", // 公务用车购置费
  "vehicle_operation", // 公务用车运行(维护)费
  "reception", // 公务接待费
  "meeting", // 会议费
  "training", // 培训费
  "org_operation", // 机关运行经费
  "combined_total", // 合计 of a table that prints 会议费/培训费/机关运行经费 beside 三公
] as const;
export const Item = z.enum(ITEMS);
export type Item = z.infer<typeof Item>;

/** The side of a two-sided statement; function/economic are expenditure blocks by classification. */
export const SIDES = ["income", "expenditure", "function", "economic"] as const;
export const Side = z.enum(SIDES);
export type Side = z.infer<typeof Side>;

/** What a row is in its table: a total (合计/总计), a subtotal (a 类 or 款 with lower rows under it), a detail row. */
export const ROW_ROLES = ["total", "subtotal", "detail"] as const;
export const RowRole = z.enum(ROW_ROLES);
export type RowRole = z.infer<typeof RowRole>;

/** The classification a row code belongs to: 支出功能分类 (2xx) or 经济分类 (3xx 部门, 5xx 政府). */
export const CODE_SYSTEMS = ["function", "economic"] as const;
export const CodeSystem = z.enum(CODE_SYSTEMS);
export type CodeSystem = z.infer<typeof CodeSystem>;

/** Units of figures that are not money (value/unit instead of value_wan). */
export const NON_MONEY_UNITS = [
  "%",
  "分",
  "人",
  "辆",
  "个",
  "次",
  "项",
  "天",
  "家",
  "户",
  "件",
  "台",
  "套",
  "份",
  "平方米",
] as const;

/** The dimensions one printed column carries. */
export interface ColumnDimensions {
  measure: Measure | null;
  fund: Fund | null;
  expense: Expense | null;
  item: Item | null;
  side: Side | null;
}

/** The dimensions one row carries. */
export interface RowDimensions {
  row_level: number | null;
  row_role: RowRole;
  code_system: CodeSystem | null;
}
