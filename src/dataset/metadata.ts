/**
 * <out>/metadata.json beside the database, in Datasette's metadata format
 * (`datasette output/yujue.sqlite -m output/metadata.json`): titles,
 * descriptions, column descriptions, label columns, default sorts and the
 * full-text table.
 */
import path from "node:path";
import { writeFileAtomic } from "../output/atomic.js";
import { TOOL_VERSION } from "../version.js";
import { SCHEMA_VERSION } from "./schema.js";

export const METADATA_FILE = "metadata.json";

/** What each column means, across tables and views (a name means the same everywhere it appears). */
export const COLUMN_DESCRIPTIONS: Record<string, string> = {
  id: "Row key",
  document_id: "The document (documents.id)",
  table_ref: "The table the row belongs to (tables.id)",
  fact_id: "facts.id",
  indicator_id: "indicators.id",
  check_row: "checks.id",
  document_status: "ok, or failed when the last run of its input failed (the rows are from the last good extraction)",
  sha256: "SHA-256 of the PDF: the document's identity",
  source_sha256: "SHA-256 of the PDF",
  file: "File name of the PDF",
  source_file: "File name of the PDF",
  doc_type: "budget (预算) or final_account (决算)",
  fiscal_year: "Fiscal year the document reports on",
  org_name: "Organisation (部门/单位) the document is about",
  pages: "Pages of the PDF (documents) or pages the table spans, as a JSON list (tables)",
  scanned: "1 when at least one page was read by OCR",
  ocr_pages: "Pages read by OCR, as a JSON list",
  warnings: "Extraction warnings, as a JSON list",
  tool_version: "yujue version that wrote the rows",
  status: "Outcome: ok / failed (documents, inputs); ok / skipped / failed (run_documents); pass / fail (checks)",
  error: "Why the last extraction failed; null when it did not",
  outcome:
    "What the result means, as in manifest.json: ok, ok_with_warnings (failed checks or warnings to look at), " +
    "no_tables, failed",
  extracted_run: "Run that extracted the rows (runs.id)",
  status_run: "Run that set the status (runs.id)",
  updated_at: "When the row last changed (UTC)",
  output: "Folder of the document's files under the output folder",
  run_id: "The run (runs.id)",
  command: "extract or rebuild",
  ocr: "OCR mode of the run: auto, always or never",
  started_at: "Start (UTC)",
  finished_at: "End (UTC); null when the run was killed",
  documents: "Inputs in the run",
  ok: "Inputs extracted",
  skipped: "Inputs whose earlier outputs were up to date",
  failed: "Inputs that failed",
  ms: "Milliseconds the input took",
  position: "Order of the table in its document (0-based)",
  table_kind: "Standard table kind (income_expenditure_summary, income, expenditure, ...)",
  title: "Table title as printed",
  table_title: "Table title as printed",
  first_page: "First page of the table",
  unit_printed: "Unit the table prints (元, 万元, 千元); values are converted to 万元",
  empty: "1 when the table is printed with no figures (本表无数据)",
  extraction: "text (from the PDF's text layer) or ocr",
  columns: "Column paths of the table's numeric columns, as a JSON list",
  page: "Page (1-based) the figure or row is printed on",
  row_code: "Classification code with its 类/款/项 digits joined (2080505); null when none is printed",
  row_label: "Row label as printed",
  column: "Column header path from the top down, joined with / (收入/决算数)",
  source_path:
    "The input as given: its path relative to the working folder the run started in (absolute when outside it), " +
    "or its URL",
  source_url: "The URL the PDF was fetched from; null for a local file",
  table_id: "The table's id in its document: kind and order among tables of that kind (three_public-1)",
  row_level:
    "1 类, 2 款, 3 项 from the row code's length (function and economic classifications); null for uncoded rows",
  row_role: "total (合计/总计), subtotal (a coded row with lower rows under it), detail",
  code_system: "function (支出功能分类, 2xx) or economic (经济分类, 3xx/5xx); null for uncoded rows",
  measure:
    "What the figure is: budget, adjusted_budget, actual, prior_year_budget, prior_year_actual, change, rate, " +
    "target, score",
  fund:
    "Source of funds the column names (general_budget, gov_fund, fiscal_grant, business_income, carryover, " +
    "total ...)",
  expense: "Use the column names (basic, project, personnel, public_funds, operating, total ...)",
  item:
    "三公 item (three_public_total, overseas_travel, vehicles_total, reception ...; meeting, training, " +
    "org_operation apart)",
  side: "Side of a two-sided statement: income, expenditure, or the function / economic expenditure block",
  value: "A figure that is not money (rate, score, count) as printed; null for money",
  unit: "Unit of value (%, 分, 人 ...)",
  value_wan: "The figure in 万元 (ten thousand yuan); null only for a flagged cell that could not be read",
  raw_text: "The cell's text as printed",
  confidence: "1 for the text layer; the OCR confidence (0-1) otherwise (of an indicator: its least sure figure)",
  flagged: "1 when the figure (of an indicator: any of its figures) could not be read with confidence: check the page",
  x0: "Left edge of the cell's box on the page (points from the left)",
  y0: "Top edge of the cell's box (points from the top)",
  x1: "Right edge of the cell's box (points)",
  y1: "Bottom edge of the cell's box (points)",
  page_width: "Width of the page (points): x0 / page_width is a fraction of the page",
  page_height: "Height of the page (points)",
  check_id: "Identifier of the check",
  kind: "within (a table), across (tables) or narrative (the 情况说明 text); in search_text: label, title or org",
  severity: "error, warning or info",
  cells: "The cells the check involves, one line each joined with ;",
  cells_json: "The cells the check involves, as JSON",
  expected: "What the identity says the figure should be (万元)",
  actual: "The printed figure (万元)",
  difference: "actual - expected (万元)",
  message: "What the check found, in words",
  project: "Project of a performance table",
  project_amount_wan: "The project's (or unit's) funds for the year as its performance table prints them (万元)",
  level1: "First-level indicator (一级指标)",
  level1_weight: "Its weight",
  level2: "Second-level indicator (二级指标)",
  level2_weight: "Its weight",
  level3: "Third-level indicator (三级指标)",
  level3_weight: "Its weight",
  target_text: "Target (指标值) as printed",
  target_value: "Target as a number",
  target_unit: "Target's unit",
  actual_text: "Result (实际完成值) as printed",
  actual_value: "Result as a number",
  actual_unit: "Result's unit",
  score: "Score (得分)",
  project_amount_confidence: "1 for the text layer; the OCR confidence (0-1) of the project's amount otherwise",
  project_amount_flagged: "1 when the project's amount could not be read with confidence: check it against the page",
  text: "A row label, table title or organisation name, searchable through the search table",
};

interface TableMeta {
  description: string;
  label_column?: string;
  sort?: string;
  sort_desc?: string;
  fts_table?: string;
  fts_pk?: string;
  hidden?: boolean;
}

/** The tables and views, in the order a reader meets them. */
export const TABLE_DESCRIPTIONS: Record<string, TableMeta> = {
  facts_flat: {
    description: "Every figure with its document's file, year, organisation and type: the columns of facts.csv",
    sort: "fact_id",
  },
  failed_checks: { description: "Identities that did not hold, with their document", sort: "check_row" },
  documents: {
    description: "One row per distinct PDF (by content) ever run into this folder",
    label_column: "org_name",
    sort_desc: "fiscal_year",
  },
  tables: { description: "The standard tables found in each document", label_column: "title", sort: "id" },
  facts: {
    description: "One row per non-empty numeric cell (a line of facts.csv); values in 万元",
    label_column: "row_label",
    sort: "id",
  },
  checks: {
    description: "Every identity checked, passed or failed (a line of checks.csv)",
    label_column: "message",
    sort: "id",
  },
  checks_flat: { description: "checks with their document's file, year, organisation and type", sort: "check_row" },
  indicators: {
    description: "Performance indicators of 绩效 tables (a line of indicators.csv)",
    label_column: "level3",
    sort: "id",
  },
  indicators_flat: {
    description: "indicators with their document's and table's fields: the columns of indicators.csv",
    sort: "indicator_id",
  },
  search_text: {
    description:
      "Row labels, table titles and organisation names, searchable by Chinese substrings of 3 characters or more " +
      "(trigram index); use LIKE for shorter ones",
    label_column: "text",
    sort: "id",
    fts_table: "search",
    fts_pk: "id",
  },
  inputs: {
    description: "Each input as named on the command line, and the document it last yielded",
    label_column: "file",
    sort: "file",
  },
  runs: { description: "Each run of yujue on this folder", sort_desc: "id" },
  run_documents: { description: "What each run did with each input", sort_desc: "run_id" },
  search: { description: "FTS5 index of search_text (trigram tokenizer)", hidden: true },
};

/** Datasette metadata for a database named `name` (its file name without .sqlite) with these tables' columns. */
export function datasetteMetadata(name: string, columnsOf: (table: string) => string[]): object {
  const tables: Record<string, object> = {};
  for (const [table, meta] of Object.entries(TABLE_DESCRIPTIONS)) {
    const columns = Object.fromEntries(
      columnsOf(table)
        .filter((c) => COLUMN_DESCRIPTIONS[c])
        .map((c) => [c, COLUMN_DESCRIPTIONS[c]]),
    );
    tables[table] = { ...meta, ...(meta.hidden ? {} : { columns }) };
  }
  return {
    title: "yujue: Chinese government budget and final-account disclosures",
    description:
      "Tables of 部门/单位预算 and 决算 disclosures, every figure in 万元 with its page, row code, label and column, " +
      "and the arithmetic identities checked on them. Written by yujue " +
      TOOL_VERSION +
      ` (database schema ${SCHEMA_VERSION}).`,
    source:
      "Budget and final-account disclosures (预算/决算公开) published by the organisations named in each document",
    license: "Government disclosures; check the publisher's terms before republishing. Extraction by yujue (MIT)",
    databases: { [name]: { tables } },
  };
}

/** Writes <dir>/metadata.json for the database file `dbFile`, atomically. */
export async function writeMetadata(dbFile: string, columnsOf: (table: string) => string[]): Promise<string> {
  const target = path.join(path.dirname(dbFile), METADATA_FILE);
  const name = path.basename(dbFile).replace(/\.(sqlite3?|db)$/, "");
  await writeFileAtomic(target, JSON.stringify(datasetteMetadata(name, columnsOf), null, 2) + "\n");
  return target;
}
