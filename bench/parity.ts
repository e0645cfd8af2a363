/**
 * Comparison of a scanned copy's extraction with its text original's: the
 * same tables (kind and pages), and the same value in each numeric cell.
 *
 * Cells are matched by table (its place in the document and kind), page, row and column. A row with a
 * classification code is keyed by its code (with its occurrence number). The code-less rows of a table's page are
 * paired across the two documents by their printed labels, aligned in order like a diff (pairRowsByLabel): two
 * labels pair when they differ in at most a third of their characters (OCR misreads a character of a label now and
 * then, 缴费 → 缴慢, and that must not hide whether the figures agree); between two such pairs, the rows whose labels
 * do not decide (blank, or misread past a third) are paired by their order, as many as both documents have there.
 * So a row one side lacks (a row lost or split, a ≥ target read as a figure, a 栏次 row) no longer shifts every
 * code-less row after it onto the wrong partner. A row left unpaired keeps its own key: each of its figures is a
 * difference (the text's figure against no cell, or the scan's figure against a blank), never dropped.
 */
import type { Check, Document, Table } from "../schemas/document.js";
import { editDistance } from "../src/ocr/vocabulary.js";
import { LOW_CONFIDENCE, UNREAD_MARK } from "../src/pdf/model.js";
import { normalizeLabel } from "./compare.js";
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

/**
 * The cells of the text original and of the scanned copy, each keyed so that one key names the same cell in both:
 * `tableIndex:kind|pPage|code#n|column` for a coded row; `…|-#n|…` for the nth pair of code-less rows of that page;
 * `…|-text-only#n|…` / `…|-scan-only#n|…` for a code-less row with no partner in the other document.
 */
export function cellMaps(text: Document, scan: Document): [Map<string, CellValue>, Map<string, CellValue>] {
  const a = new Map<string, CellValue>(),
    b = new Map<string, CellValue>();
  for (let ti = 0; ti < Math.max(text.tables.length, scan.tables.length); ti++) {
    const t = text.tables[ti],
      s = scan.tables[ti];
    const [textKeys, scanKeys] = rowKeys(ti, t, s);
    if (t) addCells(a, t, textKeys, columnKeys(t.columns, s?.columns));
    if (s) addCells(b, s, scanKeys, columnKeys(s.columns, t?.columns));
  }
  return [a, b];
}

function addCells(cells: Map<string, CellValue>, table: Table, rowKeys: string[], keys: Map<string, string>): void {
  for (const [ri, row] of table.rows.entries()) {
    for (const [column, cell] of Object.entries(row.values)) {
      cells.set(`${rowKeys[ri]}|${keys.get(column)}`, {
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

/** Each row's key, for the text's table and the scan's at the same place (either may be missing). */
function rowKeys(ti: number, text: Table | undefined, scan: Table | undefined): [string[], string[]] {
  const keys: [string[], string[]] = [[], []];
  const sides = [text, scan];
  const seen = new Map<string, number>();
  const pages = new Set(sides.flatMap((t) => t?.rows.map((r) => r.page) ?? []));
  sides.forEach((table, side) => {
    table?.rows.forEach((row, ri) => {
      if (row.row_code === null) return;
      const base = `${ti}:${table.table_kind}|p${row.page}|${row.row_code}`;
      const n = (seen.get(`${side}|${base}`) ?? 0) + 1;
      seen.set(`${side}|${base}`, n);
      keys[side][ri] = `${base}#${n}`;
    });
  });
  for (const page of pages) {
    const codeless = sides.map((t) =>
      (t?.rows ?? []).flatMap((r, ri) => (r.page === page && r.row_code === null ? [ri] : [])),
    );
    const labels = codeless.map((rows, side) => rows.map((ri) => normalizeLabel(sides[side]!.rows[ri].row_label)));
    const pairs = pairRowsByLabel(labels[0], labels[1]);
    const base = (side: number) => `${ti}:${sides[side]?.table_kind}|p${page}|-`;
    pairs.forEach(([i, j], n) => {
      keys[0][codeless[0][i]] = `${base(0)}#${n + 1}`;
      keys[1][codeless[1][j]] = `${base(1)}#${n + 1}`;
    });
    ["text", "scan"].forEach((name, side) => {
      const paired = new Set(pairs.map((p) => p[side]));
      let n = 0;
      codeless[side].forEach((ri, i) => {
        if (!paired.has(i)) keys[side][ri] = `${base(side)}${name}-only#${++n}`;
      });
    });
  }
  return keys;
}

/**
 * Two labels name the same row when they differ in at most this share of the longer one's characters: OCR misreads
 * a character or two of a label (缴费 → 缴慢, 宜伎教育中心 → 宣传教育中心), while two rows of one table differ in more
 * (小计 / 合计, 其他收入 / 其他支出: half).
 */
export const SAME_LABEL_SHARE = 1 / 3;

function labelDistance(a: string, b: string): number | null {
  if (a === "" || b === "") return null; // a blank label decides nothing
  const longer = Math.max(Array.from(a).length, Array.from(b).length);
  const limit = Math.floor(longer * SAME_LABEL_SHARE);
  const d = editDistance(a, b, limit);
  return d <= limit ? d / longer : null;
}

/**
 * The rows of two lists of labels that are the same row, as index pairs in order: the most label matches an
 * order-keeping alignment allows (the nearer labels where several alignments give as many), like a diff; then, in each
 * stretch between two matches (or before the first, after the last), its rows paired by their order, as many as both
 * lists have there (a misread label, 合计 read "-", still meets its row); the rest of the longer side stay unpaired.
 */
export function pairRowsByLabel(a: string[], b: string[]): [number, number][] {
  // best[i][j]: the best score of aligning a[i..] with b[j..]; a match scores 2 less its distance share (at most
  // 1/3), so one more match always outweighs nearer labels.
  const best = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  const near = (i: number, j: number) => labelDistance(a[i], b[j]);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const d = near(i, j);
      best[i][j] = Math.max(best[i + 1][j], best[i][j + 1], d === null ? 0 : 2 - d + best[i + 1][j + 1]);
    }
  }
  const matches: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const d = near(i, j);
    if (d !== null && best[i][j] === 2 - d + best[i + 1][j + 1]) matches.push([i++, j++]);
    else if (best[i][j] === best[i + 1][j]) i++;
    else j++;
  }
  return withStretchesByOrder(matches, a.length, b.length);
}

/** The label matches, with the rows between two of them paired by their order, as many as both sides have. */
function withStretchesByOrder(matches: [number, number][], aLength: number, bLength: number): [number, number][] {
  const pairs: [number, number][] = [];
  let [i, j] = [0, 0];
  for (const [mi, mj] of [...matches, [aLength, bLength] as [number, number]]) {
    for (let k = 0; k < Math.min(mi - i, mj - j); k++) pairs.push([i + k, j + k]);
    if (mi < aLength) pairs.push([mi, mj]);
    [i, j] = [mi + 1, mj + 1];
  }
  return pairs;
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
  const [a, b] = cellMaps(text, scan);
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
