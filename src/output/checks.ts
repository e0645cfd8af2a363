import type { Check, CellRef } from "../../schemas/document.js";
import { csvField } from "./facts.js";

export const CHECK_COLUMNS = [
  "id", "kind", "status", "severity", "table_kind", "page", "cells", "expected", "actual", "difference", "message",
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

export function checkCounts(checks: Check[]): { passed: number; failed: number } {
  let passed = 0;
  for (const check of checks) if (check.status === "pass") passed++;
  return { passed, failed: checks.length - passed };
}
