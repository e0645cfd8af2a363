/**
 * Column identities inside one row: a 合计/小计 column equals the sum of its
 * sibling columns (收入决算表 1栏 = 2..7栏, 支出决算表 1栏 = 2..6栏, 三公 1 = 2+3+6,
 * 3 = 4+5, budget 合计 = 本年收入/小计 + 上年结转结余/小计 ...). The header tree
 * is rebuilt from the column paths, so extra printed levels do not matter.
 */
import type { Check, Row, Table } from "../../schemas/document.js";
import { columnLevels, identity, isTerm, numericColumns, rowKey, shortColumn, term, type Term } from "./model.js";

interface HeaderNode {
  name: string;
  column?: string;
  children: HeaderNode[];
}

const TOTAL_NAME = /合计|小计|总计/;

export function buildHeaderTree(columns: string[]): HeaderNode {
  const root: HeaderNode = { name: "", children: [] };
  for (const column of columns) {
    let node = root;
    for (const level of columnLevels(column)) {
      let child = node.children.find((c) => c.name === level);
      if (!child) node.children.push((child = { name: level, children: [] }));
      node = child;
    }
    if (node !== root && node.children.length === 0) node.column ??= column;
  }
  return root;
}

/** The single 合计/小计 leaf among a node's children, if exactly one. */
function totalChild(node: HeaderNode): HeaderNode | undefined {
  const totals = node.children.filter((c) => TOTAL_NAME.test(c.name) && c.column);
  return totals.length === 1 ? totals[0] : undefined;
}

/** What a sibling column contributes: its own cell, its group's 小计, or the sum of the group's leaves. */
function contribution(table: Table, row: Row, node: HeaderNode): Term[] {
  if (node.column) {
    const t = term(table, row, node.column);
    return t ? [t] : [];
  }
  const total = totalChild(node);
  const totalTerm = total?.column ? term(table, row, total.column) : null;
  if (totalTerm) return [totalTerm];
  return node.children.filter((c) => c !== total).flatMap((c) => contribution(table, row, c));
}

function nodeChecks(table: Table, node: HeaderNode, checks: Check[]): void {
  const total = totalChild(node);
  if (total?.column && node.children.length >= 2) {
    const siblings = node.children.filter((c) => c !== total);
    for (const row of table.rows) {
      const totalTerm = term(table, row, total.column);
      if (!totalTerm) continue;
      const parts = siblings.flatMap((c) => contribution(table, row, c)).filter(isTerm);
      checks.push(
        identity({
          id: `within:${table.table_kind}:columns:${rowKey(table, row)}:${shortColumn(total.column)}`,
          kind: "within",
          tableKind: table.table_kind,
          what: `${shortColumn(total.column)} = sum of ${siblings.map((c) => c.name).join(" + ")} (row ${row.row_code ?? row.row_label ?? "?"})`,
          total: totalTerm,
          parts,
        }),
      );
    }
  }
  for (const child of node.children) nodeChecks(table, child, checks);
}

export function columnChecks(table: Table): Check[] {
  const checks: Check[] = [];
  nodeChecks(table, buildHeaderTree(numericColumns(table)), checks);
  return checks;
}
