/**
 * The files written into each document's output folder, declared once: the
 * per-document writer, the completeness test and the run-wide rebuild all go
 * over these lists. A CSV is {file name, columns, records of a Document}.
 */
import { FACT_COLUMNS, type Document } from "../../schemas/document.js";
import { CHECK_COLUMNS, checkRecord } from "./checks.js";
import { documentFacts, factRecord } from "./facts.js";
import { INDICATOR_COLUMNS, indicatorRecord, indicatorRows } from "./indicators.js";
import { UNMAPPED_COLUMNS, UNMAPPED_FILE, unmappedRecords } from "./unmapped.js";

export interface DocumentCsv {
  file: string;
  columns: readonly string[];
  records(doc: Document): string[][];
  /**
   * The run-wide <out>/<file>: every document's records in turn, or each
   * prefixed with the input as given and its sha256 (RUN_PREFIX_COLUMNS).
   */
  run: "concatenate" | "prefixed";
}

export const DOCUMENT_CSVS: readonly DocumentCsv[] = [
  {
    file: "facts.csv",
    columns: FACT_COLUMNS,
    records: (doc) => documentFacts(doc).map(factRecord),
    run: "concatenate",
  },
  { file: "checks.csv", columns: CHECK_COLUMNS, records: (doc) => doc.checks.map(checkRecord), run: "prefixed" },
  {
    file: "indicators.csv",
    columns: INDICATOR_COLUMNS,
    records: (doc) => indicatorRows(doc).map(indicatorRecord),
    run: "concatenate",
  },
  // Columns the vocabulary does not know (issue 13): their facts keep every canonical dimension empty.
  { file: UNMAPPED_FILE, columns: UNMAPPED_COLUMNS, records: unmappedRecords, run: "concatenate" },
];

export const DOCUMENT_JSON = "document.json";

/** Every file a document folder holds when complete, besides the completion marker. */
export const DOCUMENT_FILES: readonly string[] = [DOCUMENT_JSON, ...DOCUMENT_CSVS.map((f) => f.file)];

/** The run-wide files name the document first: the input as given and its sha256. */
export const RUN_PREFIX_COLUMNS = ["input", "source_sha256"] as const;

/** The columns of a run-wide CSV. */
export function runColumns(csv: DocumentCsv): readonly string[] {
  return csv.run === "prefixed" ? [...RUN_PREFIX_COLUMNS, ...csv.columns] : csv.columns;
}

export function documentCsv(file: string): DocumentCsv {
  const csv = DOCUMENT_CSVS.find((f) => f.file === file);
  if (!csv) throw new Error(`no document CSV named ${file}`);
  return csv;
}
