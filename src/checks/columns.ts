/**
 * Column identities inside one row: a 合计/小计 column equals the sum of its
 * sibling columns (收入决算表 1栏 = 2..7栏, 支出决算表 1栏 = 2..6栏, 三公 1 = 2+3+6,
 * 3 = 4+5, budget 合计 = 本年收入/小计 + 上年结转结余/小计 ...). The header tree
 * is rebuilt from the column paths, so extra printed levels do not matter. A total
 * printed as a group (三公 by fund or 预算数 | 决算数 under 合计) is checked leaf by leaf.
 */
import type { Check, Row, Table } from "../../schemas/document.js";
import {
  columnLevels,
  identity,
  identityStep,
  isIndexRow,
  isTerm,
  numericColumns,
  round,
  rowKey,
  shortColumn,
  term,
  tolerance,
  verdict,
  fmt,
  skipped,
  type Term,
} from "./model.js";

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
  return node.children.filter((c) => c !== total && !isOfWhich(c.name)).flatMap((c) => contribution(table, row, c));
}

/** "其中：…" (of which): a subset of its group's total, never one of its parts. */
export function isOfWhich(name: string): boolean {
  return /^其中/.test(name);
}

/**
 * Columns printed beside a total but outside what it adds up: purchasing figures, 机关运行经费, 会议费/培训费
 * beside a 三公 total, 上年结转/结余 beside a total that says 本年.
 */
export function outsidePartition(total: string, sibling: string): boolean {
  if (/政府采购|机关运行经费/.test(sibling)) return true;
  if (/三公/.test(total) && /会议费|培训费/.test(sibling)) return true;
  return /本年|当年/.test(total) && /上年|结转|结余/.test(sibling) && !/本年|当年/.test(sibling);
}

/** "小计 | 其中：基本支出 | 项目支出": the 其中 may be printed over the whole list of parts, not one subset. */
function headsList(others: HeaderNode[]): boolean {
  const at = others.findIndex((c) => isOfWhich(c.name));
  return at >= 0 && others.slice(at + 1).some((c) => !isOfWhich(c.name));
}

/** 其中 column ≤ its group's total, row by row. */
function subsetChecks(table: Table, total: HeaderNode, ofWhich: HeaderNode[], checks: Check[]): void {
  for (const node of ofWhich) {
    if (!node.column) continue;
    for (const row of table.rows) {
      const whole = term(table, row, total.column!);
      const part = term(table, row, node.column);
      if (!whole || !part || isIndexRow(row)) continue;
      checks.push(
        subsetCheck(
          `within:${table.table_kind}:subset:${rowKey(table, row)}:${shortColumn(node.column)}`,
          table.table_kind,
          `${shortColumn(node.column)} ≤ ${shortColumn(total.column!)} (row ${row.row_code ?? row.row_label ?? "?"})`,
          whole,
          part,
        ),
      );
    }
  }
}

/** part ≤ whole, to the printed precision: a 其中 figure never exceeds what it is part of. */
export function subsetCheck(id: string, tableKind: Table["table_kind"], what: string, whole: Term, part: Term): Check {
  const step = identityStep([whole, part]);
  const excess = round(Math.max(0, part.value - whole.value), 8);
  const v = verdict(excess, step, tolerance(1, step), whole.flagged || part.flagged);
  return {
    id,
    kind: "within",
    ...v,
    table_kind: tableKind,
    page: part.ref.page,
    cells: [whole.ref, part.ref],
    expected: whole.value,
    actual: part.value,
    difference: excess,
    message:
      `${what}: ${v.status === "pass" ? "holds" : `the part exceeds the whole by ${fmt(excess)}`}; ` +
      `part ${fmt(part.value)}, whole ${fmt(whole.value)}`,
  };
}

function nodeChecks(table: Table, node: HeaderNode, checks: Check[]): void {
  const total = totalChild(node);
  if (total?.column && node.children.length >= 2) {
    const others = node.children.filter((c) => c !== total);
    subsetChecks(
      table,
      total,
      others.filter((c) => isOfWhich(c.name)),
      checks,
    );
    const totalName = `${node.name}/${total.name}`;
    const siblings = others.filter((c) => !isOfWhich(c.name) && !outsidePartition(totalName, c.name));
    if (headsList(others)) {
      checks.push(
        skipped(
          `within:${table.table_kind}:columns:${shortColumn(total.column)}`,
          "within",
          table.table_kind,
          [],
          `${shortColumn(total.column)}: a 其中 column is followed by plain ones ` +
            `(${others.map((c) => c.name).join(", ")}); ` +
            "whether 其中 heads the list of parts or marks one subset is not certain",
        ),
      );
    }
    for (const row of siblings.length > 0 && !headsList(others) ? table.rows : []) {
      if (isIndexRow(row)) continue;
      const totalTerm = term(table, row, total.column);
      if (!totalTerm) continue;
      const parts = siblings.flatMap((c) => contribution(table, row, c)).filter(isTerm);
      checks.push(
        identity({
          id: `within:${table.table_kind}:columns:${rowKey(table, row)}:${shortColumn(total.column)}`,
          kind: "within",
          tableKind: table.table_kind,
          what:
            `${shortColumn(total.column)} = sum of ${siblings.map((c) => c.name).join(" + ")} ` +
            `(row ${row.row_code ?? row.row_label ?? "?"})`,
          total: totalTerm,
          parts,
        }),
      );
    }
  } else matrixChecks(table, node, checks);
  for (const child of node.children) nodeChecks(table, child, checks);
}

/**
 * A total printed as a group of the same leaves as its siblings (三公 by fund: 小计 | 购置费 | 运行维护费, each
 * split into 一般公共预算 | 政府性基金预算 | 国有资本经营预算): leaf by leaf, the total's column equals the sum of the
 * siblings' columns of that leaf. A sibling without that leaf leaves the structure unsure: skipped.
 */
function matrixChecks(table: Table, node: HeaderNode, checks: Check[]): void {
  const total = totalGroup(node);
  if (!total) return;
  const totalName = `${node.name}/${total.name}`;
  const siblings = node.children.filter(
    (c) => c !== total && !isOfWhich(c.name) && !outsidePartition(totalName, c.name),
  );
  if (siblings.length === 0) return;
  for (const leaf of total.children) {
    const parts = siblings.map((c) => leafOf(c, leaf.name));
    if (parts.some((p) => !p)) {
      const missing = siblings.filter((_, i) => !parts[i]).map((c) => c.name);
      const why = `${shortColumn(leaf.column!)}: ${missing.join(", ")} has no ${leaf.name} column to add up`;
      checks.push(
        skipped(`within:${table.table_kind}:columns:${shortColumn(leaf.column!)}`, "within", table.table_kind, [], why),
      );
      continue;
    }
    const names = siblings.map((c) => c.name).join(" + ");
    sumChecks(
      table,
      leaf.column!,
      parts.map((p) => p!.column!),
      names,
      checks,
    );
  }
}

/** A 合计/小计/总计 child that is a group of leaves (no column of its own), if exactly one. */
function totalGroup(node: HeaderNode): HeaderNode | undefined {
  const groups = node.children.filter(
    (c) => TOTAL_NAME.test(c.name) && !c.column && c.children.length >= 2 && c.children.every((l) => l.column),
  );
  return groups.length === 1 ? groups[0] : undefined;
}

/** The leaf named `name` of a group, directly or under the group's own total group (公务用车…/小计/一般公共预算). */
function leafOf(node: HeaderNode, name: string): HeaderNode | undefined {
  const direct = node.children.find((c) => c.name === name && c.column);
  if (direct) return direct;
  const total = totalGroup(node);
  return total ? leafOf(total, name) : undefined;
}

/** Row by row: the total column equals the sum of the part columns. */
function sumChecks(table: Table, total: string, parts: string[], names: string, checks: Check[]): void {
  for (const row of table.rows) {
    if (isIndexRow(row)) continue;
    const totalTerm = term(table, row, total);
    if (!totalTerm) continue;
    checks.push(
      identity({
        id: `within:${table.table_kind}:columns:${rowKey(table, row)}:${shortColumn(total)}`,
        kind: "within",
        tableKind: table.table_kind,
        what: `${shortColumn(total)} = sum of ${names} (row ${row.row_code ?? row.row_label ?? "?"})`,
        total: totalTerm,
        parts: parts.map((c) => term(table, row, c)).filter(isTerm),
      }),
    );
  }
}

export function columnChecks(table: Table): Check[] {
  const checks: Check[] = [];
  nodeChecks(table, buildHeaderTree(numericColumns(table)), checks);
  return checks;
}
