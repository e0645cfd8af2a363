/** A Document around given tables, for tests that build their tables by hand or from an answer key. */
import type { Document, Table } from "../../schemas/document.js";

/** `tables` in a Document with a placeholder tool and source; `fields` sets any other top-level field. */
export function documentOf(tables: Table[], fields: Partial<Document> = {}): Document {
  return {
    schema_version: 1,
    tool: { name: "yujue", version: "test" },
    source: { file: "test.pdf", sha256: "0".repeat(64), pages: 1 },
    doc_type: null,
    fiscal_year: null,
    org_name: null,
    tables,
    checks: [],
    ocr_pages: [],
    warnings: [],
    ...fields,
  };
}
