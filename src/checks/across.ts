/**
 * The same figure printed in two tables, for each relation the kind registry
 * declares (extractors/kinds.ts), e.g.:
 *   收入决算表 合计 = 收支总表 本年收入合计; 支出决算表 合计 = 本年支出合计;
 *   收支总表 支出 lines = 支出决算表 类 rows;
 *   财政拨款收支总表 一般公共预算 column = 一般公共预算支出表 (合计 and 类 rows);
 *   基本支出明细 total (人员经费 / 公用经费) = 一般公共预算支出表 基本支出;
 *   分单位 合计 = 分功能科目 合计; 项目支出情况表 合计 = 支出表 项目支出;
 *   收支总表 一般公共预算 income line = 财政拨款收支总表 one; two 三公 tables agree.
 * Ids and messages name the kinds of the tables compared.
 */
import type { Check, Row, Table, TableKind } from "../../schemas/document.js";
import { KINDS, type KindRegistry } from "../../extractors/index.js";
import type { Relation } from "../../extractors/registry.js";
import {
  columnHas,
  columnLevels,
  identity,
  isTerm,
  labelledRow,
  normLabel,
  numericColumns,
  shortColumn,
  skipped,
  soleTerm,
  tablesOf,
  term,
  totalColumn,
  totalRow,
  type Term,
} from "./model.js";
import {
  grandTotalRow,
  sideAmountColumn,
  sideTerm,
  statementSide,
  yearItems,
  yearTotalOrGrand,
  type StatementSide,
} from "./statement.js";

function first(tables: Table[], kind: TableKind): Table | undefined {
  return tablesOf(tables, kind)[0];
}

function equal(id: string, what: string, a: Term | null, b: Term[] | Term | null): Check[] {
  const parts = Array.isArray(b) ? b : b ? [b] : [];
  if (!a || parts.length === 0) return [];
  return [identity({ id, kind: "across", tableKind: a.ref.table_kind, what, total: a, parts })];
}

/** The 合计 row's figure in the table's total column. */
function grandTerm(table: Table | undefined): Term | null {
  if (!table) return null;
  const row = totalRow(table);
  const column = totalColumn(table);
  return row && column ? term(table, row, column) : null;
}

/** A column whose levels contain every word (and none of the excluded), preferring a 小计 under it. */
export function findColumn(table: Table, words: string[], exclude: string[] = []): string | undefined {
  const hits = numericColumns(table).filter(
    (c) => words.every((w) => columnHas(c, w)) && !exclude.some((w) => columnHas(c, w)),
  );
  if (hits.length === 1) return hits[0];
  const subtotal = hits.filter((c) => /合计|小计/.test(columnLevels(c).at(-1) ?? ""));
  return subtotal.length === 1 ? subtotal[0] : undefined;
}

function rowTerm(table: Table | undefined, row: Row | undefined, column: string | undefined): Term | null {
  return table && row && column ? term(table, row, column) : null;
}

function classRowByName(table: Table, label: string): Row | undefined {
  const rows = table.rows.filter((r) => r.row_code?.length === 3 && normLabel(r.row_label) === label);
  return rows.length === 1 ? rows[0] : undefined;
}

/** The table's total column adds carried-over funds (a 上年结转 / 结余 / 实户资金余额 column beside it, not 其中). */
function addsCarry(table: Table): boolean {
  const total = totalColumn(table);
  if (!total || /本年|当年/.test(total)) return false;
  return numericColumns(table).some(
    (c) =>
      !columnLevels(c).some((l) => /^其中/.test(l)) &&
      columnLevels(c).some((l) => /上年结转|结转结余|实户资金余额/.test(l)),
  );
}

type Of<I extends Relation["identity"]> = Extract<Relation, { identity: I }>;

function summaryChecks(tables: Table[], kinds: KindRegistry, kind: TableKind, relation: Of<"statement_details">) {
  const summary = first(tables, kind);
  if (!summary) return [];
  const name = kinds.nameOf;
  const income = statementSide(summary, "income");
  const expenditure = statementSide(summary, "expenditure");
  const incomeTable = first(tables, relation.income);
  const expTable = first(tables, relation.expenditure);
  // A 收入表 whose total adds 上年结转 / 实户资金余额 columns is the statement's 收入总计, not its 本年收入合计.
  const incomeRow = incomeTable && addsCarry(incomeTable) ? grandTotalRow(income) : yearTotalOrGrand(income);
  const incomeName = incomeTable && addsCarry(incomeTable) ? "收入总计" : "本年收入合计";
  // Likewise a 支出表 broken down by source of funds, 上年结转 among them: its total is the 支出总计.
  const expRow = expTable && addsCarry(expTable) ? grandTotalRow(expenditure) : yearTotalOrGrand(expenditure);
  const expName = expTable && addsCarry(expTable) ? "支出总计" : "本年支出合计";
  const checks = [
    ...equal(
      `across:${relation.income}:合计=${kind}:${incomeName}`,
      `${name(relation.income)} 合计 = ${name(kind)} ${incomeName}`,
      grandTerm(incomeTable),
      sideTerm(summary, income, incomeRow),
    ),
    ...equal(
      `across:${relation.expenditure}:合计=${kind}:${expName}`,
      `${name(relation.expenditure)} 合计 = ${name(kind)} ${expName}`,
      grandTerm(expTable),
      sideTerm(summary, expenditure, expRow),
    ),
  ];
  if (expTable) checks.push(...classLineChecks(summary, expenditure, [expTable], totalColumn(expTable)));
  checks.push(...incomeLineChecks(summary, income, incomeTable, first(tables, relation.funds), name));
  return checks;
}

/** Each 类 line of a statement's expenditure side = the same-named 类 row of the detail table(s). */
function classLineChecks(
  statement: Table,
  side: StatementSide,
  details: Table[],
  detailColumn: string | undefined,
  column = sideAmountColumn(side),
): Check[] {
  const yearTotal = yearTotalOrGrand(side);
  if (!yearTotal || !column) return [];
  const checks: Check[] = [];
  for (const line of yearItems(side, yearTotal)) {
    const label = normLabel(line.row_label);
    const parts = details
      .map((t) => rowTerm(t, classRowByName(t, label), detailColumn ?? totalColumn(t)))
      .filter(isTerm);
    const lineTerm = term(statement, line, column);
    if (!lineTerm || parts.length === 0) continue;
    const code = parts[0].ref.row_code;
    checks.push(
      ...equal(
        `across:${statement.table_kind}:${code}=${details.map((t) => t.table_kind).join("+")}:${shortColumn(column)}`,
        `${statement.table_kind} line ${label} = ${details.map((t) => t.table_kind).join(" + ")} row ${code}`,
        lineTerm,
        parts,
      ),
    );
  }
  return checks;
}

const SOURCE_WORDS = [
  "一般公共预算",
  "政府性基金",
  "国有资本",
  "上级补助",
  "事业收入",
  "经营收入",
  "附属单位",
  "其他收入",
];

/** 收支总表 income lines against the income table's 合计 row and the fiscal statement's first lines. */
function incomeLineChecks(
  summary: Table,
  side: StatementSide,
  incomeTable: Table | undefined,
  fiscal: Table | undefined,
  name: (kind: TableKind) => string,
): Check[] {
  const yearTotal = yearTotalOrGrand(side);
  const column = sideAmountColumn(side);
  if (!yearTotal || !column) return [];
  const checks: Check[] = [];
  const fiscalIncome = fiscal ? statementSide(fiscal, "income") : undefined;
  for (const line of yearItems(side, yearTotal)) {
    const label = normLabel(line.row_label);
    const lineTerm = term(summary, line, column);
    const word = SOURCE_WORDS.find((w) => label.includes(w));
    if (!lineTerm || !word) continue;
    if (incomeTable) {
      const total = totalRow(incomeTable);
      const sourceColumn = findColumn(incomeTable, [word], ["结转", "结余"]);
      checks.push(
        ...equal(
          `across:${summary.table_kind}:${word}=${incomeTable.table_kind}:合计`,
          `${name(summary.table_kind)} ${label} = ${name(incomeTable.table_kind)} 合计 [${sourceColumn}]`,
          lineTerm,
          rowTerm(incomeTable, total, sourceColumn),
        ),
      );
    }
    if (fiscal && fiscalIncome && /拨款/.test(label)) {
      const fiscalLine = fiscalIncome.rows.find((r) => normLabel(r.row_label).includes(word));
      checks.push(
        ...equal(
          `across:${summary.table_kind}:${word}=${fiscal.table_kind}`,
          `${name(summary.table_kind)} ${label} = ${name(fiscal.table_kind)} ${normLabel(fiscalLine?.row_label)}`,
          lineTerm,
          sideTerm(fiscal, fiscalIncome, fiscalLine),
        ),
      );
    }
  }
  checks.push(...fiscalIncomeCheck(summary, side, incomeTable, name));
  return checks;
}

/** Final accounts: 收入表 财政拨款收入 = 收支总表 一般公共预算 + 政府性基金 + 国有资本经营 财政拨款收入 lines. */
function fiscalIncomeCheck(
  summary: Table,
  side: StatementSide,
  incomeTable: Table | undefined,
  name: (kind: TableKind) => string,
): Check[] {
  const yearTotal = yearTotalOrGrand(side);
  const column = sideAmountColumn(side);
  const fiscalColumn = incomeTable && findColumn(incomeTable, ["财政拨款"], ["结转", "结余"]);
  if (!incomeTable || !yearTotal || !column || !fiscalColumn) return [];
  const lines = yearItems(side, yearTotal).filter((r) => /拨款收入$/.test(normLabel(r.row_label)));
  const parts = lines.map((r) => term(summary, r, column)).filter(isTerm);
  const total = rowTerm(incomeTable, totalRow(incomeTable), fiscalColumn);
  if (!total || lines.length === 0) return [];
  const [incomeKind, summaryKind] = [incomeTable.table_kind, summary.table_kind];
  return [
    identity({
      id: `across:${incomeKind}:财政拨款收入=${summaryKind}:拨款收入`,
      kind: "across",
      tableKind: incomeKind,
      what: `${name(incomeKind)} 合计 财政拨款收入 = ${name(summaryKind)} 财政拨款收入 lines`,
      total,
      parts,
    }),
  ];
}

function fiscalChecks(tables: Table[], kinds: KindRegistry, kind: TableKind, relation: Of<"fund_statement">) {
  const fiscal = first(tables, kind);
  const gbe = first(tables, relation.main);
  if (!fiscal || !gbe) return [];
  const name = kinds.nameOf;
  const side = statementSide(fiscal, "expenditure");
  const general = side.columns.filter((c) => columnHas(c, "一般公共预算"));
  // With a 一般公共预算 column the match is one to one; a single-column budget form adds every fund's table.
  const funds = kinds
    .kindsWith("fiscal_part")
    .filter((k) => k !== gbe.table_kind)
    .map((k) => first(tables, k));
  const details = general.length === 1 ? [gbe] : [gbe, ...funds].filter((t): t is Table => !!t);
  const column = general.length === 1 ? general[0] : sideAmountColumn(side);
  if (!column) return [];
  const yearTotal = yearTotalOrGrand(side);
  const gbeColumn = totalColumn(gbe) ?? "";
  const income = statementSide(fiscal, "income");
  const carried = income.rows
    .filter((r) => /结转|结余/.test(normLabel(r.row_label)) && !/^其中/.test(r.row_label ?? ""))
    .some((r) => (sideTerm(fiscal, income, r)?.value ?? 0) !== 0);
  if (carried && columnHas(gbeColumn, "年初")) {
    const refs = [rowTerm(fiscal, yearTotal, column)?.ref, grandTerm(gbe)?.ref].filter((r) => r !== undefined);
    return [
      skipped(
        `across:${kind}:本年支出=${gbe.table_kind}`,
        "across",
        kind,
        refs,
        `${name(kind)} spends 上年结转 funds too, while ${name(gbe.table_kind)} prints the initial budget ` +
          `(${shortColumn(gbeColumn)}); the two do not cover the same money`,
      ),
    ];
  }
  const missing = details.filter((t) => !grandTerm(t));
  if (missing.length > 0 && details.length > 1) {
    return [
      skipped(
        `across:${kind}:本年支出合计=${details.map((t) => t.table_kind).join("+")}`,
        "across",
        kind,
        [rowTerm(fiscal, yearTotal, column)?.ref].filter((r) => r !== undefined),
        `the total of ${missing.map((t) => t.table_kind).join(", ")} was not found; ` +
          "a sum without it would not compare like with like",
      ),
    ];
  }
  const checks = equal(
    `across:${kind}:本年支出合计=${details.map((t) => t.table_kind).join("+")}:合计`,
    `${name(kind)} 本年支出合计 [${shortColumn(column)}] = ${details.map((t) => t.table_kind).join(" + ")} 合计`,
    rowTerm(fiscal, yearTotal, column),
    details.map(grandTerm).filter(isTerm),
  );
  return [...checks, ...classLineChecks(fiscal, side, details, undefined, column)];
}

/** 基本支出明细 totals = 一般公共预算支出表 合计 row, 基本支出 columns. */
function basicChecks(tables: Table[], kinds: KindRegistry, kind: TableKind, relation: Of<"basic_of">): Check[] {
  const basic = first(tables, kind);
  const gbe = first(tables, relation.of);
  if (!basic || !gbe) return [];
  const [basicName, gbeName] = [kinds.nameOf(kind), kinds.nameOf(relation.of)];
  const gbeTotal = totalRow(gbe);
  const basicTotal = totalRow(basic);
  // 人员经费 and 公用经费: a column of the 合计 row, or without one the figure of a row 人员经费合计 / 公用经费合计.
  const useTerm = (use: string) => {
    const row = labelledRow(basic, `${use}合计`);
    return basicTotal ? rowTerm(basic, basicTotal, findColumn(basic, [use])) : row ? soleTerm(basic, row) : null;
  };
  const uses = ["人员经费", "公用经费"].map((use) => ({ use, term: useTerm(use) }));
  const whole = basicTotal ? grandTerm(basic) : null;
  const gbeBasic = rowTerm(gbe, gbeTotal, findColumn(gbe, ["基本支出"]));
  const parts = whole ? [whole] : uses.map((u) => u.term).filter(isTerm);
  const checks: Check[] = [];
  if (gbeBasic && parts.length > 0) {
    checks.push(
      identity({
        id: `across:${kind}:合计=${relation.of}:基本支出`,
        kind: "across",
        tableKind: kind,
        what: `${basicName} total = ${gbeName} 合计 基本支出`,
        total: gbeBasic,
        parts,
        tol: whole ? undefined : 0.01 * parts.length,
      }),
    );
  }
  for (const { use, term: useFigure } of uses)
    checks.push(
      ...equal(
        `across:${kind}:${use}=${relation.of}`,
        `${basicName} ${use} = ${gbeName} ${use}`,
        useFigure,
        rowTerm(gbe, gbeTotal, findColumn(gbe, [use])),
      ),
    );
  return checks;
}

/** 分单位 合计 row = 分功能科目 合计 row, column by column. */
function byUnitChecks(tables: Table[], kinds: KindRegistry, kind: TableKind, relation: Of<"by_unit_of">): Check[] {
  const byUnit = first(tables, kind);
  const gbe = first(tables, relation.of);
  if (!byUnit || !gbe) return [];
  const unitsTotal = totalRow(byUnit);
  const wholeTotal = totalRow(gbe);
  const checks: Check[] = [];
  for (const column of numericColumns(byUnit)) {
    const other = findColumn(gbe, columnLevels(column)) ?? findColumn(gbe, columnLevels(column).slice(-1));
    checks.push(
      ...equal(
        `across:${kind}:合计=${relation.of}:${shortColumn(column)}`,
        `${kinds.nameOf(kind)} 合计 = ${kinds.nameOf(relation.of)} 合计 [${shortColumn(column)}]`,
        rowTerm(byUnit, unitsTotal, column),
        rowTerm(gbe, wholeTotal, other),
      ),
    );
  }
  return checks;
}

/** 项目支出情况表 合计 = 支出表 合计 项目支出; its 一般公共预算 本年拨款 = 一般公共预算支出表 项目支出. */
function totalInChecks(tables: Table[], kinds: KindRegistry, kind: TableKind, relation: Of<"total_in">): Check[] {
  const table = first(tables, kind);
  if (!table) return [];
  const other = first(tables, relation.of);
  const own = relation.column;
  const total = own ? rowTerm(table, totalRow(table), findColumn(table, [own], ["结转", "结余"])) : grandTerm(table);
  return equal(
    `across:${kind}:${own ?? "合计"}=${relation.of}:${relation.ofColumn}`,
    `${kinds.nameOf(kind)} ${own ?? "合计"} = ${kinds.nameOf(relation.of)} 合计 ${relation.ofColumn}`,
    total,
    other ? rowTerm(other, totalRow(other), findColumn(other, [relation.ofColumn])) : null,
  );
}

/** Two 三公 tables (e.g. 三公 and 三公+机关运行经费) must print the same figures. */
function twinChecks(tables: Table[], kinds: KindRegistry, kind: TableKind): Check[] {
  const [a, b] = tablesOf(tables, kind);
  if (!a || !b || a.rows.length !== 1 || b.rows.length !== 1) return [];
  const checks: Check[] = [];
  for (const column of numericColumns(a)) {
    const other = numericColumns(b).find((c) => shortColumn(c) === shortColumn(column));
    checks.push(
      ...equal(
        `across:${kind}:${shortColumn(column)}`,
        `${kinds.nameOf(kind)} tables agree [${shortColumn(column)}]`,
        term(a, a.rows[0], column),
        other ? term(b, b.rows[0], other) : null,
      ),
    );
  }
  return checks;
}

type RelationChecks<I extends Relation["identity"]> = (
  tables: Table[],
  kinds: KindRegistry,
  kind: TableKind,
  relation: Of<I>,
) => Check[];

/** Each relation's checks, in the order they are reported. */
const RELATION_CHECKS: { [I in Relation["identity"]]: RelationChecks<I> } = {
  statement_details: summaryChecks,
  fund_statement: fiscalChecks,
  basic_of: basicChecks,
  by_unit_of: byUnitChecks,
  total_in: totalInChecks,
  twins: twinChecks,
};

function checksOf<I extends Relation["identity"]>(identity: I, tables: Table[], kinds: KindRegistry): Check[] {
  const run = RELATION_CHECKS[identity];
  return kinds.relations(identity).flatMap(({ kind, relation }) => run(tables, kinds, kind, relation));
}

/** The checks of every relation the registry declares. */
export function acrossChecks(tables: Table[], kinds: KindRegistry = KINDS): Check[] {
  return (Object.keys(RELATION_CHECKS) as Relation["identity"][]).flatMap((identity) =>
    checksOf(identity, tables, kinds),
  );
}
