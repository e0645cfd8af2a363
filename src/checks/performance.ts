/**
 * Checks of the performance self-evaluations (issues 4, 12, 19), on their structured content, each only where the
 * form printed says how:
 *   执行率 = 执行数 / 预算数, rounded or truncated to the printed decimals;
 *   the budget-execution score = weight × 执行率 only where the header prints that rule (得分（20分*执行率）);
 *   every score within its weight (分值/权重 column or the indicator's own （N分）);
 *   the weights of a level add up to their parent's (产出指标（50分） = Σ its indicators' 分值);
 *   总分 = Σ indicator scores, plus the 预算执行率 score where the form's weights count it (its 分值 and the
 *   indicators' add up to the printed total weight, or to 100); otherwise 总分 is skipped with the reason;
 *   in a 绩效目标表 the weights make up the total printed over them (分值（90）) or 100; skipped without weights.
 */
import type { CellRef, Check, Document, Row, Table } from "../../schemas/document.js";
import type { BudgetExecution, Indicator, Performance } from "../../schemas/performance.js";
import { buildHeaderTree } from "./columns.js";
import {
  comparison,
  identity,
  isTerm,
  numericColumns,
  passOr,
  rowKey,
  shortColumn,
  skipped,
  term as cellTerm,
  type Term,
} from "./model.js";

function round(x: number, d = 6): number {
  return Number(x.toFixed(d));
}

/** A performance row by page and label, and the key of its column matching `column` (a full header path or a part). */
function cellOf(
  t: Table,
  page: number | null,
  label: string | null,
  column: string | RegExp | null,
): [Row, string] | null {
  const rows = t.rows.filter((r) => r.page === page && r.row_label === label);
  const keyIn = (r: Row) =>
    column === null
      ? undefined
      : typeof column !== "string"
        ? Object.keys(r.values).find((k) => column.test(k))
        : column in r.values
          ? column
          : Object.keys(r.values).find((k) => column !== "" && k.includes(column));
  const row = rows.find((r) => keyIn(r) !== undefined);
  return row ? [row, keyIn(row)!] : null;
}

function ref(t: Table, page: number | null, label: string | null, column: string | RegExp | null): CellRef {
  const at = cellOf(t, page, label, column);
  const name = at?.[1] ?? (typeof column === "string" ? column : null);
  return {
    table_kind: t.table_kind,
    page,
    row_code: null,
    row_label: label,
    column: name,
    box: at ? (at[0].values[at[1]]?.box ?? null) : null,
  };
}

/** The unit of a figure's last printed digit ("9.6" → 0.1), from the cell it was read from; 0.01 when unknown. */
function printedStep(t: Table, page: number | null, label: string | null, column: string | RegExp): number {
  const at = cellOf(t, page, label, column);
  const raw = at ? (at[0].values[at[1]]?.raw_text ?? "") : "";
  const m = /\d+(?:\.(\d+))?/.exec(raw.replace(/,/g, ""));
  return m ? 10 ** -(m[1]?.length ?? 0) : 0.01;
}

function term(t: Table, page: number | null, label: string | null, column: string | RegExp, value: number): Term {
  return { ref: ref(t, page, label, column), value, flagged: false, step: printedStep(t, page, label, column) };
}

function verdictCheck(
  t: Table,
  id: string,
  page: number | null,
  cells: CellRef[],
  expected: number,
  actual: number,
  pass: boolean,
  message: string,
): Check {
  return comparison({
    id,
    kind: "within",
    tableKind: t.table_kind,
    page,
    cells,
    expected: round(expected),
    actual: round(actual),
    difference: round(actual - expected),
    verdict: passOr(pass),
    message: pass ? message : `${message}: expected ${round(expected, 4)}, printed ${actual}`,
  });
}

/** 执行率 printed to d decimals: the exact rate rounded, or truncated (99.99% printed for 99.9994%). */
function rateCheck(t: Table, tag: string, b: BudgetExecution): Check | null {
  if (b.budget_wan === null || b.executed_wan === null || b.rate === null || b.budget_wan === 0) return null;
  const exact = (100 * b.executed_wan) / b.budget_wan;
  const d = b.rate_decimals ?? 0;
  const unit = 10 ** -d;
  const pass = Math.abs(exact - b.rate) <= unit / 2 + 1e-9 || (exact >= b.rate - 1e-9 && exact < b.rate + unit - 1e-9);
  const cells = [
    ref(t, b.page, b.label, /执行数/),
    ref(t, b.page, b.label, /预算数/),
    ref(t, b.page, b.label, /执行率/),
  ];
  return verdictCheck(
    t,
    `${tag}.rate:${b.label}`,
    b.page,
    cells,
    exact,
    b.rate,
    pass,
    `执行率 ${b.rate}% = 执行数 / 预算数 (rounded or truncated to ${d} decimals)`,
  );
}

/** The header prints how the budget score follows from the rate: "得分（20分*执行率）". */
function scoreRuleColumn(t: Table, b: BudgetExecution): string | undefined {
  return cellOf(t, b.page, b.label, /得分/)?.[1].match(/分\s*[*×xX]\s*执行率/)
    ? cellOf(t, b.page, b.label, /得分/)![1]
    : undefined;
}

function budgetScoreChecks(t: Table, tag: string, b: BudgetExecution): Check[] {
  if (b.score === null || b.weight === null) return [];
  const cells = [ref(t, b.page, b.label, /得分/)];
  const out = [
    verdictCheck(
      t,
      `${tag}.budget_weight:${b.label}`,
      b.page,
      cells,
      b.weight,
      b.score,
      b.score <= b.weight + 1e-9,
      `得分 ${b.score} within the 执行率 weight ${b.weight} 分`,
    ),
  ];
  if (b.rate === null || !scoreRuleColumn(t, b)) return out;
  // The score may be computed from the exact rate or from the printed one, and is printed to its own decimals.
  const exact = b.budget_wan && b.executed_wan !== null ? (100 * b.executed_wan) / b.budget_wan : b.rate;
  const fromExact = (b.weight * Math.min(exact, 100)) / 100;
  const fromPrinted = (b.weight * Math.min(b.rate, 100)) / 100;
  const expected = Math.abs(b.score - fromPrinted) < Math.abs(b.score - fromExact) ? fromPrinted : fromExact;
  const step = printedStep(t, b.page, b.label, /得分/);
  out.push(
    verdictCheck(
      t,
      `${tag}.budget_score:${b.label}`,
      b.page,
      [...cells, ref(t, b.page, b.label, /执行率/)],
      expected,
      b.score,
      Math.abs(b.score - expected) <= step / 2 + 1e-9,
      `得分 = ${b.weight} 分 × 执行率 (capped at ${b.weight})`,
    ),
  );
  return out;
}

/**
 * The row whose score and weight stand for the whole budget: a 合计/总额 row (年度资金总额, 金额合计), else the
 * only scored row. 其中 rows and fund lines repeat parts of it.
 */
function budgetHead(budget: BudgetExecution[]): BudgetExecution | undefined {
  const total = budget.find((b) => /合计|总额/.test(b.label) && !/^其中/.test(b.label));
  if (total) return total;
  const scored = budget.filter((b) => b.score !== null && !/^其中/.test(b.label));
  return scored.length === 1 ? scored[0] : undefined;
}

function indicatorChecks(t: Table, tag: string, p: Performance): Check[] {
  return p.indicators
    .filter((i) => i.score !== null && i.level3_weight !== null)
    .map((i) =>
      verdictCheck(
        t,
        `${tag}.weight:${i.label}`,
        i.page,
        [ref(t, i.page, i.label, "得分")],
        i.level3_weight!,
        i.score!,
        i.score! <= i.level3_weight! + 1e-9,
        i.score! <= i.level3_weight! + 1e-9
          ? `得分 ${i.score} ≤ ${i.level3_weight} 分`
          : `得分 ${i.score} above the indicator's weight ${i.level3_weight} 分`,
      ),
    );
}

/** Σ 三级指标 分值 = the 一级 (or 二级) weight printed beside its name: 产出指标（50分）. */
function levelWeightChecks(t: Table, tag: string, p: Performance): Check[] {
  const out: Check[] = [];
  for (const level of ["level1", "level2"] as const) {
    const names = [...new Set(p.indicators.map((i) => i[level]).filter((n): n is string => n !== null))];
    for (const name of names) {
      const members = p.indicators.filter((i) => i[level] === name);
      const weight = members[0]![`${level}_weight`];
      if (weight === null || members.some((i) => i.level3_weight === null)) continue;
      const first = members[0]!;
      out.push(
        identity({
          id: `${tag}.weights:${name}`,
          kind: "within",
          tableKind: t.table_kind,
          what: `${name}（${weight}分） = Σ 分值 of its ${members.length} indicators`,
          total: {
            ref: { ...ref(t, first.page, first.label, null), row_label: name, column: level },
            value: weight,
            flagged: false,
            step: 0.01,
          },
          parts: members.map((i) => ({
            ref: ref(t, i.page, i.label, null),
            value: i.level3_weight!,
            flagged: false,
            step: 0.01,
          })),
          tol: 0,
        }),
      );
    }
  }
  return out;
}

/** The weight all indicators carry: Σ 一级 weights where every indicator's 一级 prints one, else Σ 三级 分值. */
function indicatorWeight(indicators: Indicator[]): number | null {
  if (indicators.length === 0) return null;
  if (indicators.every((i) => i.level1 !== null && i.level1_weight !== null)) {
    const byLevel = new Map(indicators.map((i) => [i.level1!, i.level1_weight!]));
    return [...byLevel.values()].reduce((s, w) => s + w, 0);
  }
  return indicators.every((i) => i.level3_weight !== null)
    ? indicators.reduce((s, i) => s + i.level3_weight!, 0)
    : null;
}

const near = (a: number, b: number) => Math.abs(a - b) < 0.005;

/** Whether 总分 counts the budget score: read from the weights the form prints, never assumed. */
function countsBudget(p: Performance, head: BudgetExecution | undefined): boolean | string {
  const total = p.total_weight ?? null;
  const own = indicatorWeight(p.indicators);
  const budget = head?.weight ?? null;
  if (!head || head.score === null) {
    if (own !== null && near(own, total ?? 100)) return false;
    return "the 预算执行率 row with its score was not read, and the indicators' weights do not make up the total";
  }
  if (own === null)
    return "the indicators' weights are not printed, so whether 总分 counts the 预算执行率 score is not certain";
  if (budget !== null && near(own + budget, total ?? 100)) return true;
  if (near(own, total ?? 100)) return false;
  // 分值 left blank on the funds row: the printed total weight less the indicators' is what the row carries.
  if (budget === null && total !== null && own < total && head.score <= total - own + 1e-9) return true;
  return (
    `the weights (indicators ${round(own, 4)}${budget !== null ? ` + 执行率 ${budget}` : ""}) make up neither the printed ` +
    `total ${total ?? 100} nor it without the 执行率 row`
  );
}

function totalChecks(t: Table, tag: string, p: Performance): Check[] {
  const scored = p.indicators.filter((i) => i.score !== null);
  if (p.total_score === null || scored.length === 0) return [];
  const head = budgetHead(p.budget);
  const counts = countsBudget(p, head);
  const totalRef = ref(t, p.total_score_page, "总分", "");
  if (typeof counts === "string")
    return [
      skipped(`${tag}.total`, "within", t.table_kind, [totalRef], `总分 = Σ 指标得分 (+ 执行率 得分): ${counts}`),
    ];
  const parts = scored.map((i) => term(t, i.page, i.label, "得分", i.score!));
  if (counts) parts.unshift(term(t, head!.page, head!.label, /得分/, head!.score!));
  const out = [
    identity({
      id: `${tag}.total`,
      kind: "within",
      tableKind: t.table_kind,
      what: `总分 = ${counts ? "预算执行得分 + " : ""}Σ 指标得分 (${scored.length} indicators)`,
      total: {
        ref: totalRef,
        value: p.total_score,
        flagged: false,
        step: printedStep(t, p.total_score_page, "总分", ""),
      },
      parts,
    }),
  ];
  const weights = [...scored.map((i) => i.level3_weight), ...(counts ? [head!.weight] : [])];
  if (p.total_weight != null && weights.every((w) => w !== null)) {
    out.push(
      identity({
        id: `${tag}.total_weight`,
        kind: "within",
        tableKind: t.table_kind,
        what: `总分 分值 ${p.total_weight} = Σ 分值${counts ? " (执行率 included)" : ""}`,
        total: { ref: { ...totalRef, column: "分值" }, value: p.total_weight, flagged: false, step: 0.01 },
        parts: weights.map((w, k) => ({
          ref:
            k < scored.length
              ? ref(t, scored[k]!.page, scored[k]!.label, null)
              : ref(t, head!.page, head!.label, /分值/),
          value: w!,
          flagged: false,
          step: 0.01,
        })),
        tol: 0,
      }),
    );
  }
  return out;
}

const hasWeight = (i: Indicator) => i.level1_weight !== null || i.level2_weight !== null || i.level3_weight !== null;

/**
 * The indicators' weights make up the total printed over the 分值 column (分值（90）: the rest is the 执行率's), else
 * 100: Σ 一级 weights where each 一级 prints one, else Σ 三级 分值. Checked on tables without scores (绩效目标表);
 * a self-evaluation's weights are checked with its 总分. Where the form prints no weights, or not every
 * indicator's, skipped with the reason.
 */
function weightTotalChecks(t: Table, tag: string, p: Performance): Check[] {
  const first = p.indicators[0];
  if (!first) return [];
  const id = `${tag}.weights_total`;
  const at = ref(t, first.page, first.label, null);
  if (indicatorWeight(p.indicators) === null) {
    const why = p.indicators.some(hasWeight)
      ? "not every indicator prints its weight, so what their sum should be is not certain"
      : "the form prints no indicator weights";
    return [skipped(id, "within", t.table_kind, [at], `Σ 指标分值 = 100: ${why}`)];
  }
  if (p.indicators.some((i) => i.score !== null)) return [];
  const byLevel1 = p.indicators.every((i) => i.level1 !== null && i.level1_weight !== null);
  const parts = byLevel1
    ? [...new Map(p.indicators.map((i) => [i.level1!, i])).values()].map((i) => ({
        ref: { ...ref(t, i.page, i.label, null), row_label: i.level1, column: "level1" },
        value: i.level1_weight!,
      }))
    : p.indicators.map((i) => ({ ref: ref(t, i.page, i.label, null), value: i.level3_weight! }));
  const total = p.total_weight ?? 100;
  return [
    identity({
      id,
      kind: "within",
      tableKind: t.table_kind,
      what: `Σ ${byLevel1 ? "一级" : "三级"} 分值 = ${p.total_weight == null ? "100 (no total printed over them)" : `分值（${total}） as printed`}`,
      total: { ref: { ...at, row_label: "分值", column: "分值" }, value: total, flagged: false, step: 0.01 },
      parts: parts.map((x) => ({ ...x, flagged: false, step: 0.01 })),
      tol: 0,
    }),
  ];
}

/** A group's own total column printed beside its parts in a 自评表's amounts (总额 | 财政拨款 | 其他资金). */
const AMOUNT_TOTAL = /^(总额|合计|小计)$/;

/**
 * A 自评表's amounts, row by row: a header group of amount columns whose total is printed beside its parts (Xi'an
 * 卫健委 部门整体支出绩效自评表: 全年预算数（万元） and 全年执行数（万元）, each 总额 | 财政拨款 | 其他资金) has total = Σ
 * the parts, as each of the form's rows does in the text original. Only groups of leaves that are all amounts (ratios
 * are never summed: numericColumns leaves 执行率 out) with one total and at least two parts. Not the 金额合计 row
 * = Σ the rows above it: the text original misses that by 0.01 in two of six columns (its own 尾数误差).
 */
export function performanceAmountChecks(t: Table): Check[] {
  const checks: Check[] = [];
  const visit = (node: ReturnType<typeof buildHeaderTree>): void => {
    const leaves = node.children.filter((c) => c.column && c.children.length === 0);
    const totals = leaves.filter((c) => AMOUNT_TOTAL.test(c.name));
    const parts = leaves.filter((c) => !totals.includes(c));
    if (totals.length === 1 && parts.length >= 2 && leaves.length === node.children.length)
      for (const row of t.rows) {
        const column = totals[0].column!;
        const total = cellTerm(t, row, column);
        const terms = parts.map((c) => cellTerm(t, row, c.column!));
        if (!total || !terms.every(isTerm)) continue;
        checks.push(
          identity({
            id: `within:${t.table_kind}:columns:${rowKey(t, row)}:${shortColumn(column)}`,
            kind: "within",
            tableKind: t.table_kind,
            what: `${shortColumn(column)} = sum of ${parts.map((c) => c.name).join(" + ")} (row ${row.row_label ?? "?"})`,
            total,
            parts: terms as Term[],
          }),
        );
      }
    node.children.forEach(visit);
  };
  visit(buildHeaderTree(numericColumns(t)));
  return checks;
}

/** `applies` tells the tables whose kind lists the performance identity. */
export function performanceChecks(doc: Document, applies: (t: Table) => boolean = () => true): Check[] {
  const out: Check[] = [];
  doc.tables.forEach((t, ti) => {
    const p = t.performance;
    if (p === undefined || !applies(t)) return;
    const tag = `perf.${t.table_kind}.${ti}`;
    for (const b of p.budget) {
      const rate = rateCheck(t, tag, b);
      if (rate) out.push(rate);
      out.push(...budgetScoreChecks(t, tag, b));
    }
    out.push(...indicatorChecks(t, tag, p), ...levelWeightChecks(t, tag, p), ...totalChecks(t, tag, p));
    out.push(...weightTotalChecks(t, tag, p), ...performanceAmountChecks(t));
  });
  return out;
}
