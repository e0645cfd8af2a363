/**
 * Checks (issue 3): every identity a disclosure's tables and narrative should
 * satisfy, run on the extracted figures. A broken identity is reported, never
 * repaired. Checks whose cells are absent are not emitted; every check that ran
 * is, pass or fail.
 */
import { PERFORMANCE_KINDS, TABLE_KINDS, type Check, type Document, type Table } from "../../schemas/document.js";
import { acrossChecks } from "./across.js";
import { columnChecks } from "./columns.js";
import { hierarchyChecks } from "./hierarchy.js";
import { narrativeChecks, type NarrativePage } from "./narrative.js";
import { performanceChecks } from "./performance.js";
import { statementChecks } from "./statement.js";

export type { NarrativePage } from "./narrative.js";

/** Performance tables are checked by performance.ts: their numbers are scores and rates, not amounts. */
const AMOUNT_KINDS = new Set<Table["table_kind"]>(TABLE_KINDS.filter((k) => !PERFORMANCE_KINDS.has(k)));

const STATEMENTS = new Set<Table["table_kind"]>(["income_expenditure_summary", "fiscal_grant_summary"]);

function withinChecks(table: Table): Check[] {
  const checks = [...columnChecks(table), ...hierarchyChecks(table)];
  if (STATEMENTS.has(table.table_kind)) checks.push(...statementChecks(table));
  return checks;
}

/** Ids are stable; a second check with the same id (a figure named twice in the narrative) gets "#2". */
function uniqueIds(checks: Check[]): Check[] {
  const seen = new Map<string, number>();
  return checks.map((check) => {
    const n = (seen.get(check.id) ?? 0) + 1;
    seen.set(check.id, n);
    return n === 1 ? check : { ...check, id: `${check.id}#${n}` };
  });
}

export function runChecks(doc: Document, narrative: NarrativePage[]): Check[] {
  const tables = doc.tables.filter((t) => AMOUNT_KINDS.has(t.table_kind) && !t.empty && t.rows.length > 0);
  const checks = [...tables.flatMap(withinChecks), ...acrossChecks(tables), ...narrativeChecks(doc.tables, narrative), ...performanceChecks(doc)];
  return uniqueIds(checks);
}
