/**
 * Comparison of a scanned copy's extraction with its text original's: the
 * same tables (kind and pages), and the same value in each numeric cell.
 *
 * Cells are matched by table kind, page, row and column, not by the
 * printed row label: OCR misreads a character of a label now and then
 * (缴费 → 缴慢), and that must not hide whether the figures agree. Rows are
 * keyed by their classification code where they have one (with its
 * occurrence number), else by their order among code-less rows on the page.
 */
import type { Check, Document, Table } from "../schemas/document.js";
import { LOW_CONFIDENCE, UNREAD_MARK } from "../src/pdf/model.js";
import { CUT_TABLE_CHECK, LOST_TABLE_CHECK, UNREAD_TABLE_CHECK } from "../src/unread-tables.js";

export interface CellValue {
  value: number | null;
  raw: string;
  flagged: boolean;
  confidence: number;
  table_kind: string;
  page: number;
  row_code: string | null;
  row_label: string | null;
  column: string;
}

export interface Difference {
  key: string;
  text: number | null;
  scan: CellValue | null;
  /** Flagged, or named by a failed check of the scanned copy. */
  accounted: boolean;
}

export interface Parity {
  textTables: string[];
  scanTables: string[];
  /** Cells with a value in the text original. */
  numericCells: number;
  equal: number;
  /**
   * Of the equal figures, those flagged (or named by a failed check): read right, yet a user is told to check them.
   * A cost, never traded for an unflagged difference.
   */
  rightFlagged: number;
  /** The right-flagged cells by why they were flagged (flagReason). */
  rightFlaggedBy: Record<string, number>;
  differences: Difference[];
  labelMismatches: number;
}

export function tableSignature(doc: Document): string[] {
  return doc.tables.map((t) => `${t.table_kind}@${t.pages.join(",")}`);
}

/**
 * A column's key: its name where the other document has the same name, else
 * its position among the columns the other document lacks (a misread header
 * such as 支5下 must not shift every column after it).
 */
function columnKeys(columns: string[], other: string[] | undefined): Map<string, string> {
  const keys = new Map<string, string>();
  const theirs = new Set(other ?? []);
  let unmatched = 0;
  for (const c of columns) keys.set(c, theirs.has(c) ? c : `#${unmatched++}`);
  return keys;
}

export function cellMap(doc: Document, other: Document): Map<string, CellValue> {
  const cells = new Map<string, CellValue>();
  const seen = new Map<string, number>();
  for (const [ti, table] of doc.tables.entries()) {
    const keys = columnKeys(table.columns, other.tables[ti]?.columns);
    for (const row of table.rows) {
      const rowKey = rowKeyOf(table, ti, row.page, row.row_code, seen);
      for (const [column, cell] of Object.entries(row.values)) {
        cells.set(`${rowKey}|${keys.get(column)}`, {
          value: cell.value_wan,
          raw: cell.raw_text,
          flagged: cell.flagged,
          confidence: cell.confidence,
          table_kind: table.table_kind,
          page: row.page,
          row_code: row.row_code,
          row_label: row.row_label,
          column,
        });
      }
    }
  }
  return cells;
}

function rowKeyOf(table: Table, ti: number, page: number, code: string | null, seen: Map<string, number>): string {
  const base = `${ti}:${table.table_kind}|p${page}|${code ?? "-"}`;
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return `${base}#${n}`;
}

function namedByFailedCheck(cell: CellValue, checks: Check[]): boolean {
  return checks.some((c) => c.status === "fail" && namesCell(c, cell));
}

function namesCell(check: Check, cell: CellValue): boolean {
  return check.cells.some(
    (ref) =>
      ref.table_kind === cell.table_kind &&
      (ref.page === null || ref.page === cell.page) &&
      (ref.column === null || ref.column === cell.column) &&
      ((ref.row_code !== null && ref.row_code === cell.row_code) ||
        (ref.row_label !== null && ref.row_label === cell.row_label)),
  );
}

/**
 * A cell the scanned copy lacks is accounted for only when a failed check names its table's page as a whole: a
 * scanned table page whose column headers were mostly unread, or whose image ends inside the table
 * (src/unread-tables.ts), whose missing columns and rows are said to be missing; or a scanned page that gave no
 * table though it looked like one or read figures (any table of that page: its kind is not known).
 */
function inUnreadTable(cell: CellValue, checks: Check[]): boolean {
  return checks.some(
    (c) =>
      c.status === "fail" &&
      [UNREAD_TABLE_CHECK, CUT_TABLE_CHECK, LOST_TABLE_CHECK].some((id) => c.id.startsWith(id)) &&
      c.cells.some((ref) => (ref.table_kind === null || ref.table_kind === cell.table_kind) && ref.page === cell.page),
  );
}

/**
 * `textFailing`: the ids of the checks the text original fails (its own 尾数误差, say); a right cell named only by such
 * checks is counted under "check, as in the text" in rightFlaggedBy.
 */
export function compare(text: Document, scan: Document, textFailing: ReadonlySet<string> = new Set()): Parity {
  const a = cellMap(text, scan),
    b = cellMap(scan, text);
  const differences: Difference[] = [];
  const rightFlaggedBy: Record<string, number> = {};
  let numericCells = 0,
    equal = 0,
    rightFlagged = 0,
    labelMismatches = 0;
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const t = a.get(key),
      s = b.get(key) ?? null;
    const tv = t?.value ?? null,
      sv = s?.value ?? null;
    if (tv !== null) numericCells++;
    if (t && s && t.row_label !== s.row_label) labelMismatches++;
    if (tv === sv) {
      if (tv !== null) equal++;
      if (tv !== null && s && (s.flagged || namedByFailedCheck(s, scan.checks))) {
        rightFlagged++;
        const why = flagReason(s, scan, textFailing);
        rightFlaggedBy[why] = (rightFlaggedBy[why] ?? 0) + 1;
      }
      continue;
    }
    differences.push({
      key,
      text: tv,
      scan: s,
      accounted: s !== null ? s.flagged || namedByFailedCheck(s, scan.checks) : !!t && inUnreadTable(t, scan.checks),
    });
  }
  return {
    textTables: tableSignature(text),
    scanTables: tableSignature(scan),
    numericCells,
    equal,
    rightFlagged,
    rightFlaggedBy,
    differences,
    labelMismatches,
  };
}

/**
 * Why a cell was flagged, told from the cell and the document's warnings (a cell does not carry its reason): its own
 * read ("read": unsure, unread, or two reads that differ), its page's table ("table": headers mostly unread or labels
 * holding amounts, src/unread-tables.ts), its column's header ("header": unread, misread or read doubtfully,
 * src/tables.ts flagUnreadColumns), the table's unit ("unit"), its row ("unplaced"), or, not flagged, a failed check
 * naming it ("check"; "check, as in the text" when the text original fails each such check too: the document's own
 * rounding, not a read). The first that applies, in that order.
 */
export function flagReason(cell: CellValue, scan: Document, textFailing: ReadonlySet<string> = new Set()): string {
  if (!cell.flagged) {
    const naming = scan.checks.filter((c) => c.status === "fail" && namesCell(c, cell));
    return naming.every((c) => textFailing.has(c.id)) ? "check, as in the text" : "check";
  }
  if (cell.confidence < LOW_CONFIDENCE || cell.raw.includes(UNREAD_MARK)) return "read";
  const onPage = (w: string, page: number) => w.startsWith(`page ${page}:`);
  const table = scan.tables.find((t) => t.table_kind === cell.table_kind && t.pages.includes(cell.page));
  const first = table?.pages[0] ?? cell.page;
  const says = (test: (w: string) => boolean) => scan.warnings.some(test);
  if (says((w) => onPage(w, cell.page) && w.includes("every cell of the page flagged"))) return "table";
  if (says((w) => onPage(w, first) && w.includes("column header") && w.includes(`(${cell.column})`))) return "header";
  if (says((w) => onPage(w, first) && w.includes(`no unit read for ${cell.table_kind}`))) return "unit";
  if (says((w) => onPage(w, cell.page) && w.includes("not placed, flagged"))) return "unplaced";
  return "other";
}
