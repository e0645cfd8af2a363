/**
 * Checks (issue 3): every identity a disclosure's tables and narrative should
 * satisfy, run on the extracted figures. A broken identity is reported, never
 * repaired. Checks whose cells are absent are not emitted; every check that ran
 * is, pass or fail.
 */
import type { Check, Document, Table } from "../../schemas/document.js";
import { KINDS, type KindRegistry } from "../../extractors/index.js";
import { acrossChecks } from "./across.js";
import { columnChecks } from "./columns.js";
import { economicTotalsChecks, hierarchyChecks } from "./hierarchy.js";
import { narrativeChecks, type NarrativePage } from "./narrative.js";
import { performanceAmountChecks, performanceChecks } from "./performance.js";
import { statementChecks } from "./statement.js";

export type { NarrativePage } from "./narrative.js";

/** The identities each kind's registry entry lists, in the order their checks are reported. */
function withinChecks(table: Table, kinds: KindRegistry): Check[] {
  const has = (identity: Parameters<KindRegistry["checks"]>[1]) => kinds.checks(table.table_kind, identity);
  return [
    ...(has("columns") ? columnChecks(table) : []),
    ...(has("hierarchy") ? hierarchyChecks(table) : []),
    ...(has("economic_totals") ? economicTotalsChecks(table) : []),
    ...(has("statement") ? statementChecks(table) : []),
  ];
}

/** The identities of the amount tables, within each and across them: what a figure's arithmetic can confirm. */
export function amountChecks(tables: Table[], kinds: KindRegistry = KINDS): Check[] {
  const amounts = tables.filter((t) => kinds.amountKinds.has(t.table_kind) && !t.empty && t.rows.length > 0);
  return [...amounts.flatMap((t) => withinChecks(t, kinds)), ...acrossChecks(amounts, kinds)];
}

/**
 * The identities that can confirm a doubtful figure (src/checks/confirm.ts): the amount tables', and the sums of a
 * 自评表's amounts (总额 = 财政拨款 + 其他资金), never its scores or rates.
 */
export function confirmingChecks(tables: Table[], kinds: KindRegistry = KINDS): Check[] {
  const performance = tables.filter((t) => kinds.checks(t.table_kind, "performance") && !t.empty);
  return [...amountChecks(tables, kinds), ...performance.flatMap(performanceAmountChecks)];
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

/** Performance tables are checked by performance.ts: their numbers are scores and rates, not amounts. */
export function runChecks(doc: Document, narrative: NarrativePage[], kinds: KindRegistry = KINDS): Check[] {
  const checks = [
    ...amountChecks(doc.tables, kinds),
    ...narrativeChecks(doc.tables, narrative, kinds),
    ...performanceChecks(doc, (t) => kinds.checks(t.table_kind, "performance")),
  ];
  return uniqueIds(checks);
}
