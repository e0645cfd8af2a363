/**
 * A scanned table whose column headers OCR mostly could not read is not known column by column: a figure may stand
 * under another column than the one it was put in, a blank may be where the form prints a figure, and whole columns
 * or rows may be missing (Xi'an 卫健委 2022 决算 p153 at 150 dpi: 项目, 金额 and 合计 unread or read 会讨, its 收入
 * side's figures joined into the row labels, three columns of five left; 22 of 27 cells differed unflagged, 15 of
 * them cells the table did not have at all). flagUnreadColumns flags the figures under each such header; here, when
 * they are most of a page's columns, every cell of the table on that page is flagged, blanks too, a warning names the
 * page, and a failed check (`UNREAD_TABLE_CHECK`) names the table on that page as a whole, so the cells it lacks are
 * named too. The same when row labels hold amounts: a column of figures was taken for labels (with its headers read
 * on a second look, p153's page still gives "本年收入合计/805,351.56/本年支出合计" and "271,800.87" as labels). The
 * same when many of a page's row codes cannot be as printed (`doubtfulCodes`): its rows went out under misread codes,
 * and the rows it prints have no cells (held-out 3 Jiangsu 检察院 at one bit: 204 read 20, 20404 read 20101); and when
 * one code of no classification's shape is left after code-mend (`unshapedCodes`: 30101 read 0, its row's code lost),
 * or a row is read with no code between coded rows (its code lost).
 */
import type { Check, Row, Table } from "../schemas/document.js";
import { KINDS } from "../extractors/index.js";
import { isUnreadColumn, misreadHeaders, type HeaderSnap } from "./header-words.js";
import type { TextLine } from "./layout/chars.js";
import { CLASSIFICATION_CODE, shapedCode } from "./ocr/vocabulary.js";
import type { PageLayout } from "./layout/page-tables.js";
import { DEFAULT_LAYOUT, type LayoutSettings } from "./layout/settings.js";
import { LOW_CONFIDENCE, type PageModel } from "./pdf/model.js";

/** An amount with its decimals (296,030.91, 7.55): a code, an ordinal or a year has none. */
const AMOUNT = /^\d{1,3}(?:,\d{3})*\.\d{2}$/;

/** The id of the check failed by a scanned table page whose headers are mostly unread (or labels hold amounts). */
export const UNREAD_TABLE_CHECK = "ocr_table_headers_unread";

/** The id of the check failed by a scanned table page whose image ends inside the table (src/ocr/edges.ts). */
export const CUT_TABLE_CHECK = "ocr_table_cut_by_edge";

export interface UnreadTables {
  warnings: string[];
  checks: Check[];
}

export function flagUnreadTables(
  tables: Table[],
  doubtful: readonly HeaderSnap[] = [],
  settings: LayoutSettings = DEFAULT_LAYOUT,
): UnreadTables {
  const out: UnreadTables = { warnings: [], checks: [] };
  for (const table of tables.filter((t) => t.extraction === "ocr")) {
    const badCodes = doubtfulCodes(table.rows);
    for (const page of table.pages) {
      // A word of the form read doubtfully names its column (misreadHeaders leaves it out): its figures are flagged
      // by flagUnreadColumns, the column is known (Fuzhou 民政 p23 三公's one 预算数 read at 0.79 had failed the check).
      const misread = misreadHeaders(doubtful, [page]);
      const rows = table.rows.filter((r) => r.page === page);
      const what = whyUnread(rows, misread, badCodes, settings);
      if (!what) continue;
      for (const row of rows) for (const cell of Object.values(row.values)) cell.flagged = true;
      const message =
        `page ${page}: ${table.table_kind} ${what}: every cell of the page flagged (columns or rows may be missing ` +
        `or misplaced)`;
      out.warnings.push(message);
      out.checks.push(tableCheck(UNREAD_TABLE_CHECK, table, page, message));
    }
  }
  return out;
}

/**
 * Why a scanned table page is not known row by row or column by column, or null: most of its column headers unread,
 * row labels holding amounts, or many of its row codes not as printed (`doubtfulCodes`).
 */
function whyUnread(
  rows: Row[],
  misread: ReadonlySet<string>,
  badCodes: Set<Row>,
  settings: LayoutSettings,
): string | null {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
  const unread = columns.filter((c) => isUnreadColumn(c, misread));
  if (columns.length > 0 && unread.length / columns.length > settings.unreadHeaderShare)
    return `${unread.length} of ${columns.length} column headers unread or not words of its form`;
  const amountLabels = rows.filter((r) => (r.row_label ?? "").split("/").some((part) => AMOUNT.test(part.trim())));
  if (amountLabels.length >= settings.amountLabels)
    return `${amountLabels.length} row labels holding an amount (${amountLabels[0].row_label})`;
  const coded = rows.filter((r) => r.row_code);
  const miscoded = coded.filter((r) => badCodes.has(r));
  if (miscoded.length >= settings.doubtfulCodes && miscoded.length / coded.length > settings.doubtfulCodeShare) {
    const codes = miscoded.map((r) => r.row_code).join(", ");
    return `${miscoded.length} of ${coded.length} row codes not as printed (${codes})`;
  }
  // A code of no shape is one code-mend could not mend: the row printed there stands under no code of the form.
  const unshaped = coded.filter((r) => !CLASSIFICATION_CODE.test(r.row_code!));
  if (unshaped.length >= settings.unshapedCodes && unshaped.length < coded.length) {
    const codes = unshaped.map((r) => r.row_code).join(", ");
    return `row code ${codes} of no classification's shape, not mended: the code printed there has no cells`;
  }
  const lost = codesLost(rows);
  if (lost.length >= settings.unshapedCodes) {
    const labels = lost.map((r) => r.row_label).join(", ");
    return `row ${labels} read with no code between coded rows: the code printed there has no cells`;
  }
  return null;
}

/** Labels of rows a coded table prints without a code of their own: totals, 其中 lines, the 栏次 row. */
const UNCODED_LABEL = /合\s*计|小\s*计|总\s*计|其\s*中|栏\s*次/;

/**
 * Rows read with figures and no code between two coded rows in order: a body row whose code was lost and that
 * code-mend could not give one (held-out 4 Shenzhen 民政 p28 at 120 dpi: 2080207 行政区划和地名管理 read with no
 * code, a name no other document vouches for). The row printed under that code has no cells.
 */
function codesLost(rows: Row[]): Row[] {
  return rows.filter((row, i) => {
    const label = row.row_label ?? "";
    if (row.row_code || !/[\u4e00-\u9fff]/.test(label) || UNCODED_LABEL.test(label)) return false;
    if (!Object.values(row.values).some((c) => c.raw_text.trim() !== "")) return false;
    const [prev, next] = [shapedCode(rows[i - 1]), shapedCode(rows[i + 1])];
    return prev !== null && next !== null && prev < next;
  });
}

/**
 * The rows of a table whose code cannot be as printed: not 3, 5 or 7 digits of a classification's family
 * (`CLASSIFICATION_CODE`); or a 款 or 项 none of whose 类 or 款 is printed above it in a table that prints such rows.
 * A table lists a 类 row, then its 款, then their 项, in order across its pages; a code read a digit short or a digit
 * off breaks that (204 read 20, 20404 read 20101).
 * A table printing no 类 rows (项 only) is not asked for them.
 */
export function doubtfulCodes(rows: readonly Row[]): Set<Row> {
  const lengths = new Set(
    rows.flatMap((r) => (r.row_code && CLASSIFICATION_CODE.test(r.row_code) ? [r.row_code.length] : [])),
  );
  const seen = new Set<string>();
  const out = new Set<Row>();
  for (const row of rows) {
    const code = row.row_code;
    if (!code) continue;
    // Any row above of its 类 or 款 will do: an economic 项 (3010201) may stand right under its 类.
    const prefixes = [3, 5].filter((n) => n < code.length);
    const printsAbove = prefixes.some((n) => lengths.has(n));
    const malformed = !CLASSIFICATION_CODE.test(code);
    const orphan = printsAbove && !prefixes.some((n) => seen.has(code.slice(0, n)));
    if (malformed || orphan) out.add(row);
    seen.add(code);
  }
  return out;
}

/**
 * A scanned table page whose image ends inside the table (a page laid short of the scanner's glass, `cutEdges` of
 * its page): the rows or columns beyond the edge are not on the scan, its totals may be among them, and what is left
 * may stand under other headers (Xi'an 人社 p32 cut at the foot: its two header rows read as data). Every cell of the
 * table on that page is flagged, a warning names the page and the edge, and a failed check (`CUT_TABLE_CHECK`) names
 * the table on that page as a whole, so the cells it lacks are named too.
 */
export function flagCutTables(tables: Table[], cutEdges: Map<number, string[]>): UnreadTables {
  const out: UnreadTables = { warnings: [], checks: [] };
  for (const table of tables.filter((t) => t.extraction === "ocr"))
    for (const page of table.pages) {
      const edges = cutEdges.get(page);
      if (!edges?.length) continue;
      for (const row of table.rows.filter((r) => r.page === page))
        for (const cell of Object.values(row.values)) cell.flagged = true;
      const message =
        `page ${page}: ${table.table_kind} runs into the scan's ${edges.join(" and ")} edge: every cell of the page ` +
        "flagged (rows or columns beyond the edge are not on the scan)";
      out.warnings.push(message);
      out.checks.push(tableCheck(CUT_TABLE_CHECK, table, page, message));
    }
  return out;
}

/** A failed check naming a table on one page as a whole. */
function tableCheck(id: string, table: Table, page: number, message: string): Check {
  return pageCheck(`${id}:${table.table_kind}:p${page}`, table.table_kind, page, message);
}

/** A failed check naming a page (and the table of that kind on it, or any table when kind is null) as a whole. */
function pageCheck(id: string, kind: Table["table_kind"] | null, page: number, message: string): Check {
  const whole = { table_kind: kind, page, row_code: null, row_label: null, column: null, box: null };
  return {
    id,
    kind: "within",
    status: "fail",
    severity: "error",
    table_kind: kind,
    page,
    cells: [whole],
    expected: null,
    actual: null,
    difference: null,
    message,
  };
}

/** The id of the check failed by a scanned page that looks like a table, or reads figures, but gave none. */
export const LOST_TABLE_CHECK = "ocr_table_lost";

/** A figure printed alone with its decimals, grouped or not (703768605.79, 7,651.71): a table's cell, not prose. */
const FIGURE = /^\d[\d,]*\.\d{2}$/;

/**
 * A table never disappears silently (issue 17): a scanned page that gives no table although OCR saw one there (its
 * print looked like a table without a grid, PageModel.tableLook) or read at least `lostTableFigures` figures standing
 * alone (a table's cells, not figures in sentences) gets a warning and a failed check naming the page, which
 * names every cell a table of that page should have had. Held-out 3 Xi'an 民政 p44, its skew misjudged: no grid, no
 * table, nothing said (53 cells). Text pages are left out: their tables are found from the text itself.
 */
export function flagLostTables(pages: PageModel[], tables: Table[], settings: LayoutSettings = DEFAULT_LAYOUT) {
  const out: UnreadTables = { warnings: [], checks: [] };
  const withTable = new Set(tables.flatMap((t) => t.pages));
  for (const page of pages) {
    if (page.extraction !== "ocr" || withTable.has(page.number)) continue;
    const figures = page.runs.filter((r) => FIGURE.test(r.text.trim())).length;
    const seen = [page.tableLook, figures >= settings.lostTableFigures ? `${figures} figures read` : undefined];
    const why = seen.filter((w) => w !== undefined).join(", ");
    if (!why) continue;
    const message = `page ${page.number}: no table found, but ${why}: a table of this page may be missing (not read)`;
    out.warnings.push(message);
    out.checks.push(pageCheck(`${LOST_TABLE_CHECK}:p${page.number}`, null, page.number, message));
  }
  return out;
}

/** A 单位 label opening a line or a phrase of it, or after 金额: where a unit is printed (预算单位： is an organisation). */
const UNIT_LABEL = /(?:^|\s|金额)单位\s*[:：,，]/;

/**
 * A scanned table of amounts with no unit found, under a line OCR misread just above its grid: the unit was printed
 * there but not read (Xi'an 民政 2021 p43 at 150 dpi: 单位：元 read 芋丛， 区 at 0.41; held-out Xi'an 安监 p4 单位：万元
 * read 单位：方元, one edit from both 万元 and 元). Its figures were scaled by the default 万元, so every one of them
 * (ten thousand times too large where the page printed 元) is flagged, and a warning names the page and the line.
 * A misread line counts when it is within `unitLineReach` of the grid's top and was read below the flag threshold
 * or holds a 单位 label with no unit after it.
 */
export function flagUnreadUnits(
  tables: Table[],
  layouts: PageLayout[],
  settings: LayoutSettings = DEFAULT_LAYOUT,
): string[] {
  const warnings: string[] = [];
  for (const table of tables) {
    if (table.extraction !== "ocr" || table.unit_printed !== null || !KINDS.amountKinds.has(table.table_kind)) continue;
    const line = misreadUnitLine(table, layouts, settings);
    const figures = table.rows.flatMap((r) => Object.values(r.values)).filter((c) => c.value_wan !== null);
    if (!line || !figures.length) continue;
    for (const cell of figures) cell.flagged = true;
    warnings.push(
      `page ${table.pages[0]}: no unit read for ${table.table_kind}, the line above it read "${line.text}": ` +
        `${figures.length} figures flagged (their scale is not known)`,
    );
  }
  return warnings;
}

function misreadUnitLine(table: Table, layouts: PageLayout[], settings: LayoutSettings): TextLine | null {
  const page = table.pages[0];
  const tops = table.rows.flatMap((r) =>
    r.page === page ? Object.values(r.values).flatMap((c) => (c.box ? [c.box.y0] : [])) : [],
  );
  if (!tops.length) return null;
  const bodyTop = Math.min(...tops);
  const pageTable = layouts
    .find((l) => l.page === page)
    ?.tables.find((t) => t.grid.y0 <= bodyTop + 1 && bodyTop <= t.grid.y1);
  if (!pageTable) return null;
  const near = pageTable.above.filter((l) => l.y1 >= pageTable.grid.y0 - settings.unitLineReach);
  return near.find((l) => l.confidence < LOW_CONFIDENCE || UNIT_LABEL.test(l.text)) ?? null;
}
