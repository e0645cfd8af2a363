/**
 * A figure OCR read doubtfully, confirmed by its table's arithmetic (issue 17: a flag must mean "look at this
 * figure"). When an identity holds to the printed precision (check status "pass") and every other figure in it was
 * read surely, the doubtful figure is what those sure figures make it: a misread digit would break the identity
 * unless another figure were misread by exactly as much. Each such figure is unflagged.
 *
 * Not confirmed: an identity whose other figures are fewer than `checkConfirmTerms` non-zero ones (合计 = one
 * column, the rest blank: the same print read twice, and a page's font misreads a digit alike in both, 4,902.65
 * read 1,902.65 in both of Xi'an 卫健委 p153's columns); a figure with ink left unread; a row flagged whole for its
 * code (extractors/code-mend.ts) or holding a figure flagged though read surely (not placed: rows.ts). Runs before
 * the column, unit and table flags (src/tables.ts flagUnreadColumns, src/unread-tables.ts), which flag what they
 * flag whatever the arithmetic says: a misread unit or header scales or renames every figure alike.
 */
import type { Cell, Check, CellRef, Row, Table } from "../../schemas/document.js";
import { LOW_CONFIDENCE, UNREAD_MARK } from "../pdf/model.js";

const refKey = (r: Omit<CellRef, "box">) => `${r.table_kind}|${r.page}|${r.row_code}|${r.row_label}|${r.column}`;

/** Each amount cell by the key a check's reference names it by; a key two cells share maps to null. */
function cellsByRef(tables: Table[]): Map<string, Cell | null> {
  const cells = new Map<string, Cell | null>();
  for (const t of tables)
    for (const row of t.rows) {
      const rowFlagged = flaggedWhole(row);
      for (const [column, cell] of Object.entries(row.values)) {
        const key = refKey({ ...refOf(t, row), column });
        cells.set(key, cells.has(key) || rowFlagged ? null : cell);
      }
    }
  return cells;
}

/** A row flagged for what is not its figures' reads (its code mended, a figure not placed): left flagged. */
function flaggedWhole(row: Row): boolean {
  return Object.values(row.values).some((c) => c.flagged && !doubtfulRead(c) && c.value_wan !== null);
}

function refOf(t: Table, row: Row): Omit<CellRef, "column" | "box"> {
  return { table_kind: t.table_kind, page: row.page, row_code: row.row_code, row_label: row.row_label };
}

/** Flagged for its read alone: a figure read under the flag threshold, all its ink read. */
function doubtfulRead(c: Cell): boolean {
  return c.flagged && c.confidence < LOW_CONFIDENCE && c.value_wan !== null && !c.raw_text.includes(UNREAD_MARK);
}

/**
 * Unflags the doubtful reads of OCR'd amount tables that a passing identity of sure figures confirms; returns how many.
 * `others`: the non-zero sure figures an identity must hold besides the doubtful one (OcrSettings.checkConfirmTerms).
 * A figure so confirmed is as sure as the figures that made it: it may confirm the next one, identity after identity
 * (a 类 row's doubtful figure confirmed by its 款 rows, then the 合计 row by the 类 rows), until none is left to confirm.
 */
export function confirmByChecks(tables: Table[], checks: Check[], others: number): number {
  // A performance table's cells too: only those the checks given name are confirmed, and the caller gives a 自评表's
  // amount sums, never its scores and rates (read and flagged by their own rules).
  const cells = cellsByRef(tables.filter((t) => t.extraction === "ocr"));
  const passing = checks.filter((c) => c.status === "pass" && c.kind !== "narrative");
  let total = 0;
  for (let found = confirmRound(passing, cells, others); found > 0; found = confirmRound(passing, cells, others))
    total += found;
  return total + confirmRates(tables.filter((t) => t.extraction === "ocr" && t.performance));
}

/**
 * A 自评表's 执行率 and amounts, by the form's rule: 执行率 = 执行数 / 预算数, rounded or, short of 100%, truncated to
 * the rate's printed decimals (src/checks/performance.ts rateCheck; 99.99% for 99.9994%). In a row whose 预算数 or
 * 执行数 is read surely (or confirmed above), the rate and the other amount are unflagged when both rules give the
 * rate as read (not 97.74% for 97.7393…, which a 97.73 could stand for), and the doubtful amount is the only figure
 * at its printed precision that gives it (151.03 beside 151.03 and 100.00%; not 1,295,897.69 beside 76.19%, which
 * a hundred figures around it give too). A misread rate and a misread amount would have to agree to the last digit.
 */
function confirmRates(tables: Table[]): number {
  let confirmed = 0;
  for (const t of tables)
    for (const b of t.performance!.budget) {
      const row = t.rows.find((r) => r.page === b.page && r.row_label === b.label);
      const [rate, executed, budget] = [/执行率/, /执行数/, /预算数/].map((re) => cellIn(row, re));
      if (!row || flaggedWhole(row) || !rate || !executed || !budget || budget.value_wan === 0) continue;
      const cells = [rate, executed, budget];
      const doubtful = cells.filter((c) => c.flagged);
      if (!doubtful.length || !doubtful.every(doubtfulRead) || (executed.flagged && budget.flagged)) continue;
      if (cells.some((c) => c.value_wan === null)) continue;
      const decimals = /\.(\d+)/.exec(rate.raw_text)?.[1].length ?? 0;
      const gives = (e: number, b: number) =>
        printedRates((100 * e) / b, decimals).every((r) => near(r, rate.value_wan!));
      const [e, bu] = [executed.value_wan!, budget.value_wan!];
      if (!gives(e, bu)) continue;
      // The doubtful amount's neighbours at its printed step give another rate: it is the only one that gives this.
      const step = (c: Cell) => 10 ** -(/\.(\d+)/.exec(c.raw_text)?.[1].length ?? 0);
      const off = (d: number) =>
        (executed.flagged ? !gives(e + d, bu) && !gives(e - d, bu) : true) &&
        (budget.flagged ? !gives(e, bu + d) && !gives(e, bu - d) : true);
      const amount = executed.flagged ? executed : budget.flagged ? budget : null;
      if (amount && !off(step(amount))) continue;
      for (const c of doubtful) c.flagged = false;
      confirmed += doubtful.length;
    }
  return confirmed;
}

/** A rate rounded and truncated to the printed decimals: both, for the read rate to be the one printed. */
function printedRates(exact: number, decimals: number): number[] {
  return [Number(exact.toFixed(decimals)), Math.floor(exact * 10 ** decimals + 1e-9) / 10 ** decimals];
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** A row's first cell whose column matches (the rate check's reference: performance.ts cellOf). */
function cellIn(row: Row | undefined, column: RegExp): Cell | undefined {
  const key = row && Object.keys(row.values).find((k) => column.test(k));
  return key ? row!.values[key] : undefined;
}

/** One pass over the identities, on the flags as they stand before it; returns how many figures it unflagged. */
function confirmRound(checks: Check[], cells: Map<string, Cell | null>, others: number): number {
  const confirmed = new Set<Cell>();
  for (const check of checks) {
    const terms = check.cells.map((r) => cells.get(refKey(r)));
    if (terms.some((c) => !c || c.value_wan === null) || !isSum(check, terms as Cell[])) continue;
    const doubtful = (terms as Cell[]).filter((c) => c.flagged);
    if (!doubtful.length || !doubtful.every(doubtfulRead)) continue;
    const sure = (terms as Cell[]).filter((c) => !c.flagged && c.value_wan !== 0);
    const one = doubtful.length === 1 && sure.length >= others;
    if (one || twoParts(terms as Cell[], doubtful)) for (const c of doubtful) confirmed.add(c);
  }
  for (const c of confirmed) c.flagged = false;
  return confirmed.size;
}

/**
 * The check is an identity, total = the sum of the rest (src/checks/model.ts identity: its first cell the total), not
 * an inequality (a 其中 column ≤ its total: columns.ts subsetCheck names two cells too).
 */
function isSum(check: Check, terms: Cell[]): boolean {
  const sum = terms.slice(1).reduce((s, c) => s + c.value_wan!, 0);
  if (check.actual === null || check.expected === null) return false;
  // The check's figures are rounded to 6 decimals (model.ts identity): equal to within that, not a tolerance.
  return Math.abs(check.actual - terms[0].value_wan!) < 1e-6 && Math.abs(check.expected - sum) < 1e-6;
}

/**
 * Two doubtful figures among the parts of an identity whose total is read surely, not zero: for it to hold with both
 * misread, one would have to be read too high by exactly as much as the other too low. Not a doubtful total with a
 * doubtful part: one digit a page's font misreads alike (4 read 1) in both, in the same place, keeps total = parts.
 */
function twoParts(terms: Cell[], doubtful: Cell[]): boolean {
  return doubtful.length === 2 && !doubtful.includes(terms[0]) && terms[0].value_wan !== 0;
}
