import type { Check, CellRef, CheckCounts, Outcome } from "../../schemas/document.js";
import { csvField } from "./facts.js";

export const CHECK_COLUMNS = [
  "id",
  "kind",
  "status",
  "severity",
  "table_kind",
  "page",
  "cells",
  "expected",
  "actual",
  "difference",
  "message",
] as const;

/** A check as a CSV record in CHECK_COLUMNS order. */
export function checkRecord(check: Check): string[] {
  return [
    check.id,
    check.kind,
    check.status,
    check.severity,
    csvField(check.table_kind),
    csvField(check.page),
    check.cells.map(cellRefText).join("; "),
    csvField(check.expected),
    csvField(check.actual),
    csvField(check.difference),
    check.message,
  ];
}

/** Compact one-line form of a cell reference: "income p5 2080101 行政运行 [本年收入合计]". */
export function cellRefText(ref: CellRef): string {
  const parts: string[] = [];
  if (ref.table_kind) parts.push(ref.table_kind);
  if (ref.page !== null) parts.push(`p${ref.page}`);
  if (ref.row_code) parts.push(ref.row_code);
  if (ref.row_label) parts.push(ref.row_label);
  if (ref.column) parts.push(`[${ref.column}]`);
  return parts.join(" ");
}

/** Checks by their status field, whatever statuses the schema allows. */
export function checkCounts(checks: Check[]): CheckCounts {
  const counts: Record<string, number> = { pass: 0, fail: 0, skipped: 0 };
  for (const check of checks) counts[check.status] = (counts[check.status] ?? 0) + 1;
  return { pass: counts.pass, fail: counts.fail, skipped: counts.skipped };
}

/** What a document's result means (see Outcome). `failed` when there is no result. */
export function outcomeOf(result: { tables: number; warnings: string[]; checks: CheckCounts } | null): Outcome {
  if (!result) return "failed";
  if (result.tables === 0) return "no_tables";
  return result.warnings.length > 0 || result.checks.fail > 0 ? "ok_with_warnings" : "ok";
}
