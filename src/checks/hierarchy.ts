/**
 * Row identities from classification codes: a 类 row (208) = sum of its 款 rows
 * (208xx), a 款 row = sum of its 项 rows (208xxxx); economic 301 = sum of 301xx.
 * The 合计 row = sum of the 3-digit rows. 基本支出明细 prints 人员经费合计 (301 + 303)
 * and 公用经费合计 (302 + 310, and 307/309/399 where present).
 */
import type { Check, Row, Table } from "../../schemas/document.js";
import {
  identity,
  skipped,
  isTerm,
  labelledRow,
  normLabel,
  numericColumns,
  shortColumn,
  soleTerm,
  term,
  totalRow,
  type Term,
} from "./model.js";

/**
 * The coded rows, each code once, except a code printed on consecutive lines: one class split over lines by a
 * second classification printed beside it (30101 基本工资 once under 50101, once under 50501), all its parts.
 */
function codedRows(table: Table): Row[] {
  const seen = new Set<string>();
  let previous: string | null = null;
  return table.rows.filter((row) => {
    const code = row.row_code;
    const keep = Boolean(code && /^\d{3,7}$/.test(code) && (!seen.has(code) || code === previous));
    previous = code;
    if (keep) seen.add(code!);
    return keep;
  });
}

/**
 * The rows one level down (208 → 208xx, 20805 → 20805xx). Economic codes extended to seven digits are
 * children of their class when their five-digit item is not printed (3010201 津贴补贴 under 301).
 */
function childrenOf(rows: Row[], code: string): Row[] {
  const under = (r: Row, length: number) => r.row_code!.length === length && r.row_code!.startsWith(code);
  const items = rows.filter((r) => under(r, code.length + 2));
  if (code.length !== 3 || !/^[35]/.test(code)) return items;
  const printed = new Set(items.map((r) => r.row_code));
  return [...items, ...rows.filter((r) => under(r, 7) && !printed.has(r.row_code!.slice(0, 5)))];
}

function codeChecks(table: Table, rows: Row[], columns: string[], scope = ""): Check[] {
  const checks: Check[] = [];
  const lines = (code: string) => rows.filter((r) => r.row_code === code).length;
  for (const parent of rows) {
    const code = parent.row_code!;
    // A class split over lines has no one printed total to check.
    if ((code.length !== 3 && code.length !== 5) || lines(code) > 1) continue;
    const children = childrenOf(rows, code);
    if (children.length === 0) continue;
    for (const column of columns) {
      const total = term(table, parent, column);
      if (!total) continue;
      const parts = children.map((r) => term(table, r, column)).filter(isTerm);
      checks.push(
        identity({
          id: `within:${table.table_kind}:hierarchy:${scope}${code}:${shortColumn(column)}`,
          kind: "within",
          tableKind: table.table_kind,
          what:
            `${code} ${normLabel(parent.row_label)} = sum of its ${code.length + 2}-digit rows ` +
            `[${shortColumn(column)}]`,
          total,
          parts,
        }),
      );
    }
  }
  return checks;
}

/**
 * 合计 = the sum of the 3-digit rows of one code family: function classes (2xx) and economic classes (3xx, 5xx)
 * printed in one table are two listings of the same total, each checked on its own.
 */
function totalRowChecks(table: Table, rows: Row[], columns: string[], total = totalRow(table), scope = ""): Check[] {
  const classes = rows.filter((r) => r.row_code!.length === 3);
  if (!total || classes.length === 0) return [];
  const families = [...new Set(classes.map((r) => r.row_code![0]))];
  const checks: Check[] = [];
  for (const family of families) {
    const members = classes.filter((r) => r.row_code![0] === family);
    const tag = families.length > 1 ? `[${family}xx]` : "";
    for (const column of columns) {
      const totalTerm = term(table, total, column);
      if (!totalTerm) continue;
      checks.push(
        identity({
          id: `within:${table.table_kind}:hierarchy:${scope || "合计"}${tag}:${shortColumn(column)}`,
          kind: "within",
          tableKind: table.table_kind,
          what:
            `${scope ? normLabel(total.row_label) : "合计"} = sum of the 3-digit rows` +
            `${tag ? ` ${family}xx` : ""} [${shortColumn(column)}]`,
          total: totalTerm,
          parts: members.map((r) => term(table, r, column)).filter(isTerm),
        }),
      );
    }
  }
  return checks;
}

const STAFF_CODES = ["301", "303"];
const OFFICE_CODES = ["302", "307", "309", "310", "399"];

/** The row's figure in the total's column, or its only figure (one value per block row). */
function valueLike(table: Table, row: Row, column: string): Term | null {
  return term(table, row, column) ?? soleTerm(table, row);
}

function economicTotalChecks(table: Table, rows: Row[]): Check[] {
  const checks: Check[] = [];
  const specs: Array<[string, string[]]> = [
    ["人员经费合计", STAFF_CODES],
    ["公用经费合计", OFFICE_CODES],
  ];
  for (const [label, codes] of specs) {
    const row = labelledRow(table, label);
    if (!row) continue;
    const totalTerm = soleTerm(table, row);
    if (!totalTerm) continue;
    const parts = rows
      .filter((r) => codes.includes(r.row_code!))
      .map((r) => valueLike(table, r, totalTerm.ref.column!))
      .filter(isTerm);
    checks.push(
      identity({
        id: `within:${table.table_kind}:hierarchy:${label}`,
        kind: "within",
        tableKind: table.table_kind,
        what: `${label} = ${codes.join(" + ")}`,
        total: totalTerm,
        parts,
      }),
    );
  }
  return checks;
}

/** A unit's own row (6-digit unit code, 125001) heading its block of coded rows in a table broken down by unit. */
function isUnitRow(row: Row): boolean {
  return /^\d{6}$/.test(row.row_code ?? "");
}

/**
 * Tables broken down by unit repeat the class codes in each unit's block: each block is checked on its own
 * (unit row = its 3-digit rows, 类 = Σ 款 inside the block) and 合计 = the unit rows.
 */
function unitBlockChecks(table: Table, columns: string[]): Check[] {
  const checks: Check[] = [];
  const units: Row[] = [];
  let block: Row[] = [];
  const flush = () => {
    const unit = units.at(-1);
    if (!unit) return;
    const rows = codedRows({ ...table, rows: block });
    checks.push(
      ...codeChecks(table, rows, columns, `${unit.row_code}:`),
      ...totalRowChecks(table, rows, columns, unit, unit.row_code!),
    );
  };
  for (const row of table.rows) {
    if (isUnitRow(row)) {
      flush();
      units.push(row);
      block = [];
    } else if (units.length > 0) block.push(row);
  }
  flush();
  const total = totalRow(table);
  for (const column of total ? columns : []) {
    const totalTerm = term(table, total!, column);
    if (!totalTerm) continue;
    checks.push(
      identity({
        id: `within:${table.table_kind}:hierarchy:合计:${shortColumn(column)}`,
        kind: "within",
        tableKind: table.table_kind,
        what: `合计 = sum of the ${units.length} unit rows [${shortColumn(column)}]`,
        total: totalTerm,
        parts: units.map((r) => term(table, r, column)).filter(isTerm),
      }),
    );
  }
  return checks;
}

/** A 3-digit class code printed on two separate rows (not a header repeated on a continuation page). */
function repeatedClass(table: Table): string | undefined {
  const seen = new Map<string, Row>();
  for (const row of table.rows) {
    const code = row.row_code;
    if (!code || code.length !== 3) continue;
    const before = seen.get(code);
    if (before && before.page === row.page) return code;
    const figures = (r: Row) =>
      Object.entries(r.values)
        .map(([k, v]) => `${k}=${v.value_wan}`)
        .sort()
        .join(";");
    if (before && figures(before) !== figures(row)) return code;
    seen.set(code, row);
  }
  return undefined;
}

export function hierarchyChecks(table: Table): Check[] {
  const columns = numericColumns(table);
  if (table.rows.some(isUnitRow)) return unitBlockChecks(table, columns);
  const repeated = repeatedClass(table);
  if (repeated) {
    return [
      skipped(
        `within:${table.table_kind}:hierarchy`,
        "within",
        table.table_kind,
        [],
        `class ${repeated} is listed more than once (blocks per unit or per fund without unit rows); ` +
          "which rows add up to 合计 is not certain",
      ),
    ];
  }
  const rows = codedRows(table);
  if (rows.length === 0) return [];
  return [...codeChecks(table, rows, columns), ...totalRowChecks(table, rows, columns)];
}

/** The economic class totals of a table whose rows are coded by economic class. */
export function economicTotalsChecks(table: Table): Check[] {
  const rows = codedRows(table);
  return rows.length === 0 ? [] : economicTotalChecks(table, rows);
}
