/**
 * A scanned table whose column headers OCR mostly could not read is not known column by column: a figure may stand
 * under another column than the one it was put in, a blank may be where the form prints a figure, and whole columns
 * or rows may be missing (Xi'an 卫健委 2022 决算 p153 at 150 dpi: 项目, 金额 and 合计 unread or read 会讨, its 收入
 * side's figures joined into the row labels, three columns of five left; 22 of 27 cells differed unflagged, 15 of
 * them cells the table did not have at all). flagUnreadColumns flags the figures under each such header; here, when
 * they are most of a page's columns, every cell of the table on that page is flagged, blanks too, a warning names the
 * page, and a failed check (`UNREAD_TABLE_CHECK`) names the table on that page as a whole, so the cells it lacks are
 * named too.
 */
import type { Check, Table } from "../schemas/document.js";
import type { HeaderSnap } from "./header-words.js";
import { DEFAULT_LAYOUT, type LayoutSettings } from "./layout/settings.js";
import { UNREAD_MARK } from "./pdf/model.js";

/** The id of the check failed by a scanned table page whose headers are mostly unread. */
export const UNREAD_TABLE_CHECK = "ocr_table_headers_unread";

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
  for (const table of tables.filter((t) => t.extraction === "ocr"))
    for (const page of table.pages) {
      const misread = new Set(doubtful.filter((d) => !d.snapped && d.page === page).map((d) => d.read));
      const rows = table.rows.filter((r) => r.page === page);
      const columns = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
      const unread = columns.filter(
        (c) => c.includes(UNREAD_MARK) || c.split("/").some((segment) => misread.has(segment)),
      );
      if (!columns.length || unread.length / columns.length <= settings.unreadHeaderShare) continue;
      for (const row of rows) for (const cell of Object.values(row.values)) cell.flagged = true;
      const what = `${unread.length} of ${columns.length} column headers unread or not words of its form`;
      const message =
        `page ${page}: ${table.table_kind} ${what}: every cell of the page flagged (columns or rows may be missing ` +
        `or misplaced)`;
      out.warnings.push(message);
      out.checks.push(unreadCheck(table, page, message));
    }
  return out;
}

function unreadCheck(table: Table, page: number, message: string): Check {
  const whole = { table_kind: table.table_kind, page, row_code: null, row_label: null, column: null, box: null };
  return {
    id: `${UNREAD_TABLE_CHECK}:${table.table_kind}:p${page}`,
    kind: "within",
    status: "fail",
    severity: "error",
    table_kind: table.table_kind,
    page,
    cells: [whole],
    expected: null,
    actual: null,
    difference: null,
    message,
  };
}
