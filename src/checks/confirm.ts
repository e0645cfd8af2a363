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
import { KINDS } from "../../extractors/index.js";
import { LOW_CONFIDENCE, UNREAD_MARK } from "../pdf/model.js";

const refKey = (r: Omit<CellRef, "box">) => `${r.table_kind}|${r.page}|${r.row_code}|${r.row_label}|${r.column}`;

/** Each amount cell by the key a check's reference names it by; a key two cells share maps to null. */
function cellsByRef(tables: Table[]): Map<string, Cell | null> {
  const cells = new Map<string, Cell | null>();
  for (const t of tables)
    for (const row of t.rows) {
      // A row flagged for what is not its figures' reads (its code mended, a figure not placed) is left flagged.
      const rowFlagged = Object.values(row.values).some((c) => c.flagged && !doubtfulRead(c) && c.value_wan !== null);
      for (const [column, cell] of Object.entries(row.values)) {
        const key = refKey({ ...refOf(t, row), column });
        cells.set(key, cells.has(key) || rowFlagged ? null : cell);
      }
    }
  return cells;
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
  // Amounts only: a performance table's scores and rates are read and flagged by their own rules.
  const cells = cellsByRef(tables.filter((t) => t.extraction === "ocr" && KINDS.amountKinds.has(t.table_kind)));
  const passing = checks.filter((c) => c.status === "pass" && c.kind !== "narrative");
  let total = 0;
  for (let found = confirmRound(passing, cells, others); found > 0; found = confirmRound(passing, cells, others))
    total += found;
  return total;
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
