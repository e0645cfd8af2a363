/**
 * Checks of the performance tables (issue 4), on their structured content:
 * 执行率 = 执行数 / 预算数 to the printed precision; the budget-execution
 * score = weight × 执行率, capped at the weight; no indicator scores above
 * its weight; the scores add up to 总分.
 */
import type { CellRef, Check, Document, Row, Table } from "../../schemas/document.js";

const SCORE_TOLERANCE = 0.005 + 1e-9;

function round(x: number, d = 6): number {
  return Number(x.toFixed(d));
}

/** A performance cell by page, label and column, with its box when the table holds that fact. */
function ref(t: Table, page: number | null, label: string | null, column: string | null): CellRef {
  // An indicator's 得分 is keyed by its full header path (得分/…): the exact key first, else one naming it.
  const rows = t.rows.filter((r) => r.page === page && r.row_label === label);
  const keyIn = (r: Row) => column === null ? undefined
    : column in r.values ? column : Object.keys(r.values).find((k) => column !== "" && k.includes(column));
  const row = rows.find((r) => keyIn(r) !== undefined);
  const key = row && keyIn(row);
  const box = row && key !== undefined ? row.values[key]?.box ?? null : null;
  return { table_kind: t.table_kind, page, row_code: null, row_label: label, column, box };
}

function columnOf(t: Table, page: number, label: string, re: RegExp): string | null {
  const row = t.rows.find((r) => r.page === page && r.row_label === label && Object.keys(r.values).some((k) => re.test(k)));
  return row ? Object.keys(row.values).find((k) => re.test(k)) ?? null : null;
}

function check(
  t: Table, id: string, page: number | null, cells: CellRef[], expected: number, actual: number, tolerance: number, message: string,
): Check {
  const difference = round(actual - expected);
  const pass = Math.abs(actual - expected) <= tolerance;
  return {
    id, kind: "within", status: pass ? "pass" : "fail", severity: pass ? "info" : "error",
    table_kind: t.table_kind, page, cells, expected: round(expected), actual: round(actual), difference,
    message: pass ? message : `${message}: expected ${round(expected, 4)}, printed ${actual}`,
  };
}

/** `applies` tells the tables whose kind lists the performance identity. */
export function performanceChecks(doc: Document, applies: (t: Table) => boolean = () => true): Check[] {
  const out: Check[] = [];
  doc.tables.forEach((t, ti) => {
    const p = t.performance;
    if (p === undefined || !applies(t)) return;
    const tag = `perf.${t.table_kind}.${ti}`;
    let budgetScore = 0;
    for (const b of p.budget) {
      const col = (re: RegExp) => columnOf(t, b.page, b.label, re);
      if (b.budget_wan !== null && b.executed_wan !== null && b.rate !== null && b.budget_wan !== 0) {
        const exact = (100 * b.executed_wan) / b.budget_wan;
        const d = b.rate_decimals ?? 0;
        out.push(check(t, `${tag}.rate:${b.label}`, b.page,
          [ref(t, b.page, b.label, col(/执行数/)), ref(t, b.page, b.label, col(/预算数/)), ref(t, b.page, b.label, col(/执行率/))],
          exact, b.rate, 0.5 * 10 ** -d + 1e-9, `执行率 ${b.rate}% = 执行数 / 预算数 (to ${d} decimals)`));
      }
      if (b.score !== null) {
        budgetScore += b.score;
        if (b.weight !== null && b.rate !== null) {
          // The score may be computed from the exact rate or from the printed one.
          const exact = b.budget_wan && b.executed_wan !== null ? (100 * b.executed_wan) / b.budget_wan : b.rate;
          const fromExact = b.weight * Math.min(exact, 100) / 100;
          const fromPrinted = b.weight * Math.min(b.rate, 100) / 100;
          const expected = Math.abs(b.score - fromPrinted) < Math.abs(b.score - fromExact) ? fromPrinted : fromExact;
          out.push(check(t, `${tag}.budget_score:${b.label}`, b.page,
            [ref(t, b.page, b.label, col(/得分/)), ref(t, b.page, b.label, col(/执行率/))],
            expected, b.score, SCORE_TOLERANCE, `得分 = ${b.weight} 分 × 执行率 (capped at ${b.weight})`));
        }
      }
    }
    let sum = 0;
    let scored = 0;
    for (const i of p.indicators) {
      if (i.score === null) continue;
      sum += i.score;
      scored++;
      if (i.level3_weight !== null) {
        const pass = i.score <= i.level3_weight + 1e-9;
        out.push({
          id: `${tag}.weight:${i.label}`, kind: "within", status: pass ? "pass" : "fail", severity: pass ? "info" : "error",
          table_kind: t.table_kind, page: i.page, cells: [ref(t, i.page, i.label, "得分")],
          expected: i.level3_weight, actual: i.score, difference: round(Math.min(0, i.level3_weight - i.score) * -1),
          message: pass ? `得分 ${i.score} ≤ ${i.level3_weight} 分` : `得分 ${i.score} above the indicator's weight ${i.level3_weight} 分`,
        });
      }
    }
    if (p.total_score !== null && scored > 0 && p.budget.length === 0) {
      // Some forms weigh 预算执行率 into 总分 (10 分 beside the funds), others do not: without its row, unsure.
      out.push({
        id: `${tag}.total`, kind: "within", status: "skipped", severity: "info", table_kind: t.table_kind,
        page: p.total_score_page, cells: [ref(t, p.total_score_page, "总分", "")], expected: null, actual: null, difference: null,
        message: "skipped: 总分 = Σ 指标得分 (+ 预算执行率 得分 where the form weighs it): the funds row with its 执行率 " +
          "score was not read, so whether 总分 includes it is not certain",
      });
    } else if (p.total_score !== null && scored > 0) {
      const expected = sum + budgetScore;
      out.push(check(t, `${tag}.total`, p.total_score_page,
        [ref(t, p.total_score_page, "总分", "")], expected, p.total_score, 0.01 + 1e-9,
        `总分 = 预算执行得分 + Σ 指标得分 (${scored} indicators)`));
    }
  });
  return out;
}
