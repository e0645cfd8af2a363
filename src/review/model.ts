/**
 * What the review page shows of one Document: every table's cells with an id
 * and their marks (flagged, part of a failed check), and every check with the
 * ids of the cells it names. Pure: no files, no pdf.js.
 */
import type { Cell, CellBox, CellRef, Check, Document, Table } from "../../schemas/document.js";
import type { Indicator } from "../../schemas/performance.js";
import { documentFacts } from "../output/facts.js";

export interface ReviewCell {
  /** Unique in the document's page: "c<table>-<row>-<column>". */
  id: string;
  page: number;
  column: string;
  cell: Cell;
  /** Named by a failed check. */
  failed: boolean;
}

export interface ReviewRow {
  page: number;
  row_code: string | null;
  row_label: string | null;
  /** One per table column, null where the row has no cell there. */
  cells: (ReviewCell | null)[];
}

export interface ReviewCheck {
  id: string;
  check: Check;
  /** Ids of the cells this check names that were found in the tables. */
  cellIds: string[];
  /** References that match no extracted cell (shown as text). */
  unlocated: CellRef[];
}

export interface ReviewTable {
  id: string;
  table: Table;
  rows: ReviewRow[];
  /** The checks naming at least one of this table's cells. */
  checks: ReviewCheck[];
  failedChecks: number;
  flaggedCells: number;
  cellCount: number;
  /**
   * A performance table's indicators that could not be read with confidence: listed as flagged cells are marked,
   * since most of their readings (11万条, 有效推动) are no facts and have no cell in the table.
   */
  flaggedIndicators: Indicator[];
}

export interface ReviewDocument {
  /** The document's output folder name (its review page is <folder>.html). */
  folder: string;
  doc: Document;
  tables: ReviewTable[];
  checks: ReviewCheck[];
  /** Checks whose cells lie in no table (shown apart). */
  looseChecks: ReviewCheck[];
  facts: number;
  failedChecks: number;
  flaggedCells: number;
  flaggedIndicators: number;
}

/** What a reader should look at: failed checks, flagged cells, flagged indicators. */
export function problemCount(x: ReviewTable | ReviewDocument): number {
  const indicators = typeof x.flaggedIndicators === "number" ? x.flaggedIndicators : x.flaggedIndicators.length;
  return x.failedChecks + x.flaggedCells + indicators;
}

const boxKey = (b: CellBox) => `${b.x0},${b.y0},${b.x1},${b.y1}`;

export function reviewDocument(folder: string, doc: Document): ReviewDocument {
  const byBox = new Map<string, ReviewCell>();
  const byLabel = new Map<string, ReviewCell>();
  const tables = doc.tables.map((table, t) => {
    const rows = table.rows.map(
      (row, r): ReviewRow => ({
        page: row.page,
        row_code: row.row_code,
        row_label: row.row_label,
        cells: table.columns.map((column, c) => {
          const cell = row.values[column];
          if (!cell) return null;
          const reviewCell: ReviewCell = {
            id: `c${t + 1}-${r + 1}-${c + 1}`,
            page: row.page,
            column,
            cell,
            failed: false,
          };
          const box = cell.box ?? null;
          if (box) setOnce(byBox, `${table.table_kind}|${row.page}|${boxKey(box)}`, reviewCell);
          setOnce(byLabel, `${table.table_kind}|${row.page}|${row.row_code}|${row.row_label}|${column}`, reviewCell);
          return reviewCell;
        }),
      }),
    );
    return {
      id: `t${t + 1}`,
      table,
      rows,
      checks: [] as ReviewCheck[],
      failedChecks: 0,
      flaggedCells: 0,
      cellCount: 0,
      flaggedIndicators: table.performance?.indicators.filter((i) => i.flagged) ?? [],
    };
  });
  const locate = (ref: CellRef): ReviewCell | undefined =>
    (ref.box ? byBox.get(`${ref.table_kind}|${ref.page}|${boxKey(ref.box)}`) : undefined) ??
    byLabel.get(`${ref.table_kind}|${ref.page}|${ref.row_code}|${ref.row_label}|${ref.column}`);
  const checks = doc.checks.map((check, k): ReviewCheck => {
    const found = check.cells.map((ref) => ({ ref, cell: locate(ref) }));
    if (check.status === "fail") for (const f of found) if (f.cell) f.cell.failed = true;
    return {
      id: `k${k + 1}`,
      check,
      cellIds: [...new Set(found.flatMap((f) => (f.cell ? [f.cell.id] : [])))],
      unlocated: found.filter((f) => !f.cell).map((f) => f.ref),
    };
  });
  for (const reviewTable of tables) {
    const prefix = `c${reviewTable.id.slice(1)}-`;
    reviewTable.checks = checks.filter((k) => k.cellIds.some((id) => id.startsWith(prefix)));
    reviewTable.failedChecks = reviewTable.checks.filter((k) => k.check.status === "fail").length;
    const cells = reviewTable.rows.flatMap((r) => r.cells).filter((c): c is ReviewCell => c !== null);
    reviewTable.flaggedCells = cells.filter((c) => c.cell.flagged).length;
    reviewTable.cellCount = cells.filter((c) => c.cell.value_wan !== null || c.cell.flagged).length;
  }
  return {
    folder,
    doc,
    tables,
    checks,
    looseChecks: checks.filter((k) => k.cellIds.length === 0),
    facts: documentFacts(doc).length,
    failedChecks: checks.filter((k) => k.check.status === "fail").length,
    flaggedCells: tables.reduce((n, t) => n + t.flaggedCells, 0),
    flaggedIndicators: tables.reduce((n, t) => n + t.flaggedIndicators.length, 0),
  };
}

function setOnce<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (!map.has(key)) map.set(key, value);
}

/** Worst first: most failed checks, then most flagged cells and indicators, then by name. */
export function worstFirst(a: ReviewDocument, b: ReviewDocument): number {
  const flagged = (d: ReviewDocument) => d.flaggedCells + d.flaggedIndicators;
  return b.failedChecks - a.failedChecks || flagged(b) - flagged(a) || a.folder.localeCompare(b.folder);
}

/** The pages the review shows for a document: every page holding a table. */
export function reviewPages(doc: Pick<Document, "tables">): number[] {
  return [...new Set(doc.tables.flatMap((t) => t.pages))].sort((a, b) => a - b);
}
