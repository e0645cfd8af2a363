import type { Document } from "../../schemas/document.js";
import type { Measure } from "../../schemas/performance.js";
import { tableIds } from "../normalize/dimensions.js";
import { csvText } from "./csv.js";

/**
 * One line of indicators.csv per three-level indicator of a performance table, in column order. Columns added later
 * go at the end (confidence and flagged came with document schema 5), so readers by position keep working.
 */
export const INDICATOR_COLUMNS = [
  "source_file",
  "source_sha256",
  "doc_type",
  "fiscal_year",
  "org_name",
  "table_kind",
  "table_id",
  "table_title",
  "project",
  "project_amount_wan",
  "page",
  "level1",
  "level1_weight",
  "level2",
  "level2_weight",
  "level3",
  "level3_weight",
  "target_text",
  "target_value",
  "target_unit",
  "actual_text",
  "actual_value",
  "actual_unit",
  "score",
  "confidence",
  "flagged",
  "project_amount_confidence",
  "project_amount_flagged",
] as const;

export type IndicatorRow = Record<(typeof INDICATOR_COLUMNS)[number], string | number | boolean | null>;

/** The indicators of every performance table of a document. */
export function indicatorRows(doc: Document): IndicatorRow[] {
  const out: IndicatorRow[] = [];
  const ids = tableIds(doc.tables);
  for (const [n, t] of doc.tables.entries()) {
    const p = t.performance;
    if (p === undefined) continue;
    for (const i of p.indicators) {
      const m = (x: Measure | null) => [x?.text ?? null, x?.value ?? null, x?.unit ?? null] as const;
      const [tt, tv, tu] = m(i.target);
      const [at, av, au] = m(i.actual);
      out.push({
        source_file: doc.source.file,
        source_sha256: doc.source.sha256,
        doc_type: doc.doc_type,
        fiscal_year: doc.fiscal_year,
        org_name: doc.org_name,
        table_kind: t.table_kind,
        table_id: t.table_id ?? ids[n]!,
        table_title: t.title,
        project: p.project,
        project_amount_wan: p.amount_wan,
        page: i.page,
        level1: i.level1,
        level1_weight: i.level1_weight,
        level2: i.level2,
        level2_weight: i.level2_weight,
        level3: i.level3,
        level3_weight: i.level3_weight,
        target_text: tt,
        target_value: tv,
        target_unit: tu,
        actual_text: at,
        actual_value: av,
        actual_unit: au,
        score: i.score,
        confidence: i.confidence,
        flagged: i.flagged,
        // Null where no amount is printed: there is no reading to be sure of.
        project_amount_confidence: p.amount_wan === null ? null : p.amount_confidence,
        project_amount_flagged: p.amount_wan === null ? null : p.amount_flagged,
      });
    }
  }
  return out;
}

/** An indicator as a CSV record in INDICATOR_COLUMNS order; null becomes an empty field. */
export function indicatorRecord(row: IndicatorRow): string[] {
  return INDICATOR_COLUMNS.map((c) => (row[c] === null || row[c] === undefined ? "" : String(row[c])));
}

/** The text of indicators.csv (UTF-8 with BOM) for one document. */
export async function indicatorsCsv(doc: Document): Promise<string> {
  return csvText(INDICATOR_COLUMNS, indicatorRows(doc).map(indicatorRecord));
}
