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
 */
export function confirmByChecks(tables: Table[], checks: Check[], others: number): number {
  // Amounts only: a performance table's scores and rates are read and flagged by their own rules.
  const cells = cellsByRef(tables.filter((t) => t.extraction === "ocr" && KINDS.amountKinds.has(t.table_kind)));
  const confirmed = new Set<Cell>();
  for (const check of checks) {
    if (check.status !== "pass" || check.kind === "narrative") continue;
    const terms = check.cells.map((r) => cells.get(refKey(r)));
    if (terms.some((c) => !c || c.value_wan === null)) continue;
    const doubtful = (terms as Cell[]).filter((c) => c.flagged);
    if (doubtful.length !== 1 || !doubtfulRead(doubtful[0])) continue;
    const sure = (terms as Cell[]).filter((c) => !c.flagged && c.value_wan !== 0);
    if (sure.length >= others) confirmed.add(doubtful[0]);
  }
  for (const c of confirmed) c.flagged = false;
  return confirmed.size;
}
