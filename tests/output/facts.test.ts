import { describe, expect, it } from "vitest";
import { Document, type Cell } from "../../schemas/document.js";
import { documentFacts } from "../../src/output/facts.js";

const cell = (over: Partial<Cell>): Cell => ({
  value_wan: null,
  raw_text: "",
  confidence: 1,
  extraction: "ocr",
  flagged: false,
  box: null,
  ...over,
});

describe("facts from a document", () => {
  const doc = Document.parse({
    schema_version: 1,
    tool: { name: "yujue", version: "0.0.0" },
    source: { file: "x.pdf", sha256: "a".repeat(64), pages: 1 },
    doc_type: "final_account",
    fiscal_year: 2024,
    org_name: "某局",
    tables: [
      {
        table_kind: "income",
        title: "收入决算表",
        pages: [1],
        unit_printed: "万元",
        empty: false,
        columns: ["本年收入合计"],
        extraction: "ocr",
        rows: [
          {
            page: 1,
            row_code: "201",
            row_label: "一般公共服务支出",
            values: { 本年收入合计: cell({ value_wan: 12.5, raw_text: "12.50", confidence: 0.95 }) },
          },
          {
            page: 1,
            row_code: "208",
            row_label: "社会保障和就业支出",
            values: { 本年收入合计: cell({ raw_text: "\uFFFD", confidence: 0, flagged: true }) },
          },
          { page: 1, row_code: "210", row_label: "卫生健康支出", values: { 本年收入合计: cell({}) } },
        ],
      },
    ],
    checks: [],
    ocr_pages: [1],
    warnings: [],
  });

  it("keeps read figures, shows an unreadable cell as flagged with no value, skips blanks", () => {
    const facts = documentFacts(doc);
    expect(facts.map((f) => [f.row_code, f.value_wan, f.flagged])).toEqual([
      ["201", 12.5, false],
      ["208", null, true],
    ]);
    expect(facts[0]).toMatchObject({
      extraction: "ocr",
      confidence: 0.95,
      unit_printed: "万元",
      column: "本年收入合计",
    });
  });
});
