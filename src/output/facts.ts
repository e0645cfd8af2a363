import { FACT_COLUMNS, type Document, type Fact } from "../../schemas/document.js";

/**
 * One fact per non-empty numeric cell of every table, in table, row and
 * column order. Blank cells are not facts; a printed 0 is. A cell that
 * holds ink we could not read is a fact with no value and flagged, so a
 * user sees it rather than a silent gap.
 */
export function documentFacts(doc: Document): Fact[] {
  const facts: Fact[] = [];
  for (const table of doc.tables) {
    for (const row of table.rows) {
      for (const [column, cell] of Object.entries(row.values)) {
        if (cell.value_wan === null && !cell.flagged) continue;
        facts.push({
          source_file: doc.source.file,
          source_sha256: doc.source.sha256,
          doc_type: doc.doc_type,
          fiscal_year: doc.fiscal_year,
          org_name: doc.org_name,
          table_kind: table.table_kind,
          table_title: table.title,
          page: row.page,
          row_code: row.row_code,
          row_label: row.row_label,
          column,
          value_wan: cell.value_wan,
          unit_printed: table.unit_printed,
          raw_text: cell.raw_text,
          extraction: cell.extraction,
          confidence: cell.confidence,
          flagged: cell.flagged,
          x0: cell.box?.x0 ?? null,
          y0: cell.box?.y0 ?? null,
          x1: cell.box?.x1 ?? null,
          y1: cell.box?.y1 ?? null,
          page_width: cell.box?.page_width ?? null,
          page_height: cell.box?.page_height ?? null,
        });
      }
    }
  }
  return facts;
}

/** A fact as a CSV record in FACT_COLUMNS order; null becomes an empty field. */
export function factRecord(fact: Fact): string[] {
  return FACT_COLUMNS.map((column) => csvField(fact[column]));
}

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  return String(value);
}
