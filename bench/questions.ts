/**
 * The journalist's questions of issue 13, answered by filtering facts on the
 * canonical columns alone (measure, fund, expense, item, row_role, row_level,
 * code_system, table_id): never the printed column, title or label. Compared
 * with samples/golden/questions/<stem>.json, written by hand from the pages.
 */
import { readFileSync } from "node:fs";

/** The canonical columns of a facts.csv line (and its value) that the questions may read. */
export interface QuestionFact {
  table_id: string;
  row_code: string | null;
  row_level: number | null;
  row_role: string;
  code_system: string | null;
  measure: string | null;
  fund: string | null;
  expense: string | null;
  item: string | null;
  value_wan: number | null;
}

export interface Answers {
  three_public_total: { budget: number | null; actual: number | null };
  general_budget_by_class: Record<string, number>;
  basic_total: number | null;
  project_total: number | null;
  personnel_total: number | null;
  public_funds_total: number | null;
}

export interface QuestionFile {
  file: string;
  doc_type: string;
  fiscal_year: number;
  answers: Answers;
  notes: string;
}

export function readQuestions(file: string): QuestionFile {
  return JSON.parse(readFileSync(file, "utf8")) as QuestionFile;
}

/**
 * Funds a 三公, basic or project total is read under: the general budget, or all fiscal grants when that is what is
 * printed.
 */
const GRANT = new Set(["general_budget", "fiscal_grant"]);

/**
 * One figure: the facts' distinct value, or null when none matches. Several tables may print it (a 财政拨款 and an
 * 一般公共预算 table): they must agree, else the answer is ambiguous and an error names the values.
 */
function single(facts: QuestionFact[], what: string): number | null {
  const values = [...new Set(facts.map((f) => f.value_wan).filter((v): v is number => v !== null))];
  if (values.length > 1) throw new Error(`${what}: tables disagree (${values.join(", ")})`);
  return values[0] ?? null;
}

/** The year's figure: a budget's budget, a final account's actual. */
function yearMeasure(docType: string): string {
  return docType === "final_account" ? "actual" : "budget";
}

/** 三公 total: item three_public_total on a total row, under a grant fund (meeting/training never included). */
export function threePublicTotal(facts: QuestionFact[], measure: string): number | null {
  return single(
    facts.filter(
      (f) =>
        f.item === "three_public_total" && f.measure === measure && f.row_role === "total" && GRANT.has(f.fund ?? ""),
    ),
    `三公 ${measure}`,
  );
}

/**
 * General public budget expenditure per function class: 类 rows (row_level 1) of the general budget's total
 * column, summed within a table (a class printed once per unit adds up), then one value per class across tables.
 */
export function generalBudgetByClass(facts: QuestionFact[], measure: string): Record<string, number> {
  const perTable = new Map<string, Map<string, number>>();
  for (const f of facts) {
    if (f.fund !== "general_budget" || f.code_system !== "function" || f.row_level !== 1) continue;
    if (f.expense !== "total" || f.measure !== measure || f.value_wan === null) continue;
    const table = perTable.get(f.table_id) ?? new Map<string, number>();
    table.set(f.row_code!, round((table.get(f.row_code!) ?? 0) + f.value_wan));
    perTable.set(f.table_id, table);
  }
  const out: Record<string, number> = {};
  for (const [tableId, table] of perTable) {
    for (const [code, value] of table) {
      if (code in out && out[code] !== value)
        throw new Error(`class ${code}: ${tableId} prints ${value}, another table ${out[code]}`);
      out[code] = value;
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** A use's total (basic, project, personnel, public_funds) on a total row of the general budget. */
export function expenseTotal(facts: QuestionFact[], expense: string, measure: string): number | null {
  return single(
    facts.filter(
      (f) =>
        f.expense === expense &&
        f.measure === measure &&
        f.row_role === "total" &&
        f.fund === "general_budget" &&
        f.item === null,
    ),
    `${expense} ${measure}`,
  );
}

export function answerQuestions(facts: QuestionFact[], docType: string): Answers {
  const m = yearMeasure(docType);
  return {
    three_public_total: {
      budget: threePublicTotal(facts, "budget"),
      actual: docType === "final_account" ? threePublicTotal(facts, "actual") : null,
    },
    general_budget_by_class: generalBudgetByClass(facts, m),
    basic_total: expenseTotal(facts, "basic", m),
    project_total: expenseTotal(facts, "project", m),
    personnel_total: expenseTotal(facts, "personnel", m),
    public_funds_total: expenseTotal(facts, "public_funds", m),
  };
}

function round(v: number): number {
  return Number(v.toFixed(6));
}
