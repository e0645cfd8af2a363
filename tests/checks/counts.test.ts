/** bench/check-counts.ts: verdicts per document and their floors. */
import { describe, expect, test } from "vitest";
import type { Check } from "../../schemas/document.js";
import { checkCountFloors, checkSamples, countChecks } from "../../bench/check-counts.js";

const check = (status: Check["status"], severity: Check["severity"]): Check => ({
  id: `${status}-${severity}`,
  kind: "within",
  status,
  severity,
  table_kind: null,
  page: null,
  cells: [],
  expected: null,
  actual: null,
  difference: null,
  message: "",
});

describe("check counts", () => {
  test("pass / fail (error, warning) / skipped", () => {
    const row = countChecks("x.pdf", [
      check("pass", "info"),
      check("fail", "error"),
      check("fail", "warning"),
      check("skipped", "info"),
    ]);
    expect(row).toEqual({ id: "x.pdf", pass: 1, fail: 2, error: 1, warning: 1, skipped: 1 });
  });

  test("fewer passes, more errors or more failures than the floor are reported; an unfloored document is not", () => {
    const row = { id: "x.pdf", pass: 9, fail: 3, error: 2, warning: 1, skipped: 0 };
    expect(checkCountFloors([row], { "x.pdf": { pass_min: 9, error_max: 2, fail_max: 3 } })).toEqual([]);
    expect(checkCountFloors([row], { "x.pdf": { pass_min: 10, error_max: 1, fail_max: 2 } })).toHaveLength(3);
    expect(checkCountFloors([row], {})).toEqual([]);
  });

  test("every text sample is counted, the scanned copies are not", () => {
    const samples = checkSamples();
    expect(samples.filter((s) => s.startsWith("regions/"))).toHaveLength(12);
    expect(samples).toContain("synthetic/wuhan-hrss-info-center-2023-final-account.pdf");
    expect(samples.some((s) => s.includes(".scanned."))).toBe(false);
  });
});
