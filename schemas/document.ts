/**
 * The output contract. Other tools read these shapes: keep names stable.
 * JSON Schema copies are generated into schemas/*.schema.json
 * (`npm run schemas`).
 */
import { z } from "zod";
import { Performance } from "./performance.js";
import { CodeSystem, Expense, Fund, Item, Measure, RowRole, Side } from "./dimensions.js";

/**
 * The version of document.json and facts.csv's columns; schemas/CHANGELOG.md says what each one changed.
 * 2: canonical dimensions, row roles, table_id, value/unit for non-money figures, source_path/source_url (issue 13).
 * 3: four more funds (education_fees, other_special_account, business_fund, earmarked_funds); manifest provenance.
 * 4: performance amounts and goals (issue 19). 5: performance readings' confidence and flagged (issue 17).
 */
export const DOCUMENT_SCHEMA_VERSION = 5;

/**
 * The table kinds, the output contract. How each is recognised, read and
 * checked is its entry in the registry, extractors/kinds.ts (one entry per id).
 */
export const TABLE_KINDS = [
  "income_expenditure_summary",
  "income",
  "expenditure",
  "fiscal_grant_summary",
  "general_budget_expenditure",
  "general_budget_expenditure_by_unit",
  "general_budget_expenditure_economic",
  "basic_expenditure_detail",
  "basic_expenditure_by_function",
  "three_public",
  "gov_fund",
  "state_capital",
  "project_expenditure",
  "overall_performance_targets",
  "project_performance_targets",
  "overall_performance_self_eval",
  "project_performance_self_eval",
  "other",
] as const;

export const TableKind = z.enum(TABLE_KINDS);
export type TableKind = z.infer<typeof TableKind>;

export const Extraction = z.enum(["text", "ocr"]);
export type Extraction = z.infer<typeof Extraction>;

/**
 * Where a cell sits on its page: PDF points, origin at the top-left corner,
 * y growing downwards, with the page's size (so x0 / page_width is a
 * fraction of the page width). The same for text and OCR pages.
 */
export const CellBox = z.object({
  x0: z.number(),
  y0: z.number(),
  x1: z.number(),
  y1: z.number(),
  page_width: z.number().positive(),
  page_height: z.number().positive(),
});
export type CellBox = z.infer<typeof CellBox>;

/** One numeric cell. A blank cell has value_wan null and raw_text "". */
export const Cell = z.object({
  value_wan: z.number().nullable(),
  raw_text: z.string(),
  /** 0..1: 1 for a clean text layer; the recogniser's confidence for OCR. */
  confidence: z.number().min(0).max(1),
  extraction: Extraction,
  /** True when the cell could not be read with confidence: never trust it blindly. */
  flagged: z.boolean(),
  /** The cell's box on its row's page; null only where no printed cell lies under the column. */
  box: CellBox.nullable(),
});
export type Cell = z.infer<typeof Cell>;

export const Row = z.object({
  page: z.number().int().positive(),
  /** Function or economic classification code, digits joined ("2080505"); null otherwise. */
  row_code: z.string().nullable(),
  row_label: z.string().nullable(),
  /** Keyed by column path ("收入/决算数"). */
  values: z.record(z.string(), Cell),
});
export type Row = z.infer<typeof Row>;

export const Table = z.object({
  /**
   * Unique in the document and stable across runs: the kind and its order among tables of that kind ("three_public-1").
   */
  table_id: z.string().optional(),
  table_kind: TableKind,
  title: z.string(),
  pages: z.array(z.number().int().positive()),
  unit_printed: z.string().nullable(),
  empty: z.boolean(),
  /** Column paths of the numeric columns, in printed order. */
  columns: z.array(z.string()),
  rows: z.array(Row),
  extraction: Extraction,
  /** Structured content of performance tables (issue 4); absent for other kinds. */
  performance: Performance.optional(),
});
export type Table = z.infer<typeof Table>;

export const CellRef = z.object({
  table_kind: TableKind.nullable(),
  page: z.number().int().nullable(),
  row_code: z.string().nullable(),
  row_label: z.string().nullable(),
  column: z.string().nullable(),
  /** The cell's box on that page (null when the cell could not be located). */
  box: CellBox.nullable(),
});
export type CellRef = z.infer<typeof CellRef>;

export const Check = z.object({
  id: z.string(),
  kind: z.enum(["within", "across", "narrative"]),
  status: z.enum(["pass", "fail", "skipped"]),
  severity: z.enum(["error", "warning", "info"]),
  table_kind: TableKind.nullable(),
  page: z.number().int().nullable(),
  cells: z.array(CellRef),
  expected: z.number().nullable(),
  actual: z.number().nullable(),
  difference: z.number().nullable(),
  message: z.string(),
});
export type Check = z.infer<typeof Check>;

export const Document = z.object({
  /**
   * 1: before issue 13 (no table_id, dimensions or provenance); 2: fewer funds; 3: before issue 19 (performance
   * tables without amount_wan, amount_text, annual_goal: read as null); 4: performance readings without confidence
   * and flagged (read as 1 and false); DOCUMENT_SCHEMA_VERSION now.
   */
  schema_version: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(DOCUMENT_SCHEMA_VERSION)]),
  tool: z.object({ name: z.literal("yujue"), version: z.string() }),
  source: z.object({
    file: z.string(),
    /**
     * The input as given (relative to the working folder, absolute outside it; or the URL); absent before version 2.
     */
    path: z.string().optional(),
    /** The URL the PDF was fetched from; null for a local file. */
    url: z.string().nullable().optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    pages: z.number().int().nonnegative(),
  }),
  doc_type: z.enum(["final_account", "budget"]).nullable(),
  fiscal_year: z.number().int().nullable(),
  org_name: z.string().nullable(),
  tables: z.array(Table),
  checks: z.array(Check),
  /** Pages read by OCR (1-based). */
  ocr_pages: z.array(z.number().int().positive()),
  warnings: z.array(z.string()),
});
export type Document = z.infer<typeof Document>;

/** One line of facts.csv, in column order. */
export const FACT_COLUMNS = [
  "source_file",
  "source_path",
  "source_url",
  "source_sha256",
  "doc_type",
  "fiscal_year",
  "org_name",
  "table_id",
  "table_kind",
  "table_title",
  "page",
  "row_code",
  "row_label",
  "row_level",
  "row_role",
  "code_system",
  "column",
  "measure",
  "fund",
  "expense",
  "item",
  "side",
  "value_wan",
  "value",
  "unit",
  "unit_printed",
  "raw_text",
  "extraction",
  "confidence",
  "flagged",
  "x0",
  "y0",
  "x1",
  "y1",
  "page_width",
  "page_height",
] as const;
/** The canonical dimensions (schemas/dimensions.ts) sit beside the printed column, which is kept as printed. */
export const Fact = z.object({
  source_file: z.string(),
  /** The input as given: relative to the working folder (absolute outside it), or the URL; the manifest's `file`. */
  source_path: z.string().nullable(),
  /** Where the PDF was fetched from; null for a local file. */
  source_url: z.string().nullable(),
  source_sha256: z.string(),
  doc_type: z.string().nullable(),
  fiscal_year: z.number().int().nullable(),
  org_name: z.string().nullable(),
  /** The table's id in its document ("general_budget_expenditure-2"): two tables of one kind are never mixed. */
  table_id: z.string(),
  table_kind: TableKind,
  table_title: z.string(),
  page: z.number().int(),
  row_code: z.string().nullable(),
  row_label: z.string().nullable(),
  /** 类 1, 款 2, 项 3 from the code's length (function and economic classifications); null for uncoded rows. */
  row_level: z.number().int().nullable(),
  row_role: RowRole,
  code_system: CodeSystem.nullable(),
  column: z.string(),
  measure: Measure.nullable(),
  fund: Fund.nullable(),
  expense: Expense.nullable(),
  item: Item.nullable(),
  side: Side.nullable(),
  /** Money only, in 万元: null for a flagged cell that could not be read and for figures that are not money. */
  value_wan: z.number().nullable(),
  /** A figure that is not money (a rate, score, count) as printed; null for money. */
  value: z.number().nullable(),
  /** The unit of `value` (%, 分, 人, 辆 …); null for money and when none is printed or implied. */
  unit: z.string().nullable(),
  unit_printed: z.string().nullable(),
  raw_text: z.string(),
  extraction: Extraction,
  confidence: z.number(),
  /** Low OCR confidence or unreadable: check this figure against the page. */
  flagged: z.boolean(),
  /** The cell's box on the page (points, origin top-left) and the page's size: see CellBox. */
  x0: z.number().nullable(),
  y0: z.number().nullable(),
  x1: z.number().nullable(),
  y1: z.number().nullable(),
  page_width: z.number().nullable(),
  page_height: z.number().nullable(),
});
export type Fact = z.infer<typeof Fact>;

/** Checks of a document by status (every status counted: a check that could not be decided is "skipped"). */
export const CheckCounts = z.object({ pass: z.number().int(), fail: z.number().int(), skipped: z.number().int() });
export type CheckCounts = z.infer<typeof CheckCounts>;

/**
 * What a document's result means: "failed" (no output), "no_tables" (read, but no standard table found:
 * a narrative-only PDF or an unrecognised form), "ok_with_warnings" (tables found, but warnings or failed
 * checks to look at), "ok".
 */
export const Outcome = z.enum(["ok", "ok_with_warnings", "no_tables", "failed"]);
export type Outcome = z.infer<typeof Outcome>;

export const ManifestEntry = z.preprocess(
  // Entries written before outcome and check counts existed: read with what can be told from them.
  (raw) => {
    if (!raw || typeof raw !== "object") return raw;
    const e = raw as { file?: unknown; status?: string; tables?: number | null };
    // Entries written before provenance was recorded (manifest schema 1): the input as given is `file`.
    const given = typeof e.file === "string" ? e.file : null;
    const provenance = { source_path: given, source_url: given !== null && /^https?:\/\//i.test(given) ? given : null };
    if ("outcome" in raw) return { ...provenance, ...raw };
    const outcome = e.status === "failed" ? "failed" : e.tables === 0 ? "no_tables" : "ok";
    return { checks: null, warnings: [], duplicate_of: null, ...provenance, ...raw, outcome };
  },
  z.object({
    file: z.string(),
    /** The input as given (a path relative to the working folder, else absolute; or the URL), as in facts.csv. */
    source_path: z.string().nullable(),
    /** The URL the PDF was fetched from; null for a local file. */
    source_url: z.string().nullable(),
    sha256: z.string().nullable(),
    /** This run: extracted ("ok"), unchanged since an earlier run ("skipped"), or "failed". */
    status: z.enum(["ok", "failed", "skipped"]),
    outcome: Outcome,
    error: z.string().nullable(),
    pages: z.number().int().nullable(),
    tables: z.number().int().nullable(),
    facts: z.number().int().nullable(),
    checks: CheckCounts.nullable(),
    warnings: z.array(z.string()),
    /** Another input of this manifest with the same content, or the same organisation, year and document type. */
    duplicate_of: z.string().nullable(),
    ms: z.number().nullable(),
  }),
);
export type ManifestEntry = z.infer<typeof ManifestEntry>;
