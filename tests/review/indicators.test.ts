/**
 * The review page shows a flagged indicator of a performance table as it shows a flagged cell: the table is a
 * problem, the document counts it, and the indicator is listed with what was read and how sure.
 */
import { expect, test } from "vitest";
import { documentHtml, indexHtml } from "../../src/review/html.js";
import { problemCount, reviewDocument } from "../../src/review/model.js";
import { scannedDocument } from "../helpers/scanned-performance.js";

test("a flagged indicator makes its table a problem and is listed with its readings and confidence", () => {
  const review = reviewDocument("wuhan-p24", scannedDocument());
  expect(review.flaggedIndicators).toBe(1);
  expect(review.tables[0]!.flaggedIndicators.map((i) => i.level3)).toEqual(["月均发送短信量"]);
  expect(problemCount(review.tables[0]!)).toBe(1);
  const html = documentHtml(review, new Map());
  expect(html).toMatch(/<section class="table-section problem"/);
  expect(html).toContain("1 flagged indicators");
  const row = /<tr class="problem"><td>24<\/td><td>月均发送短信量\(10分\)<\/td>(.*?)<\/tr>/.exec(html);
  expect(row?.[1]).toBe(
    '<td class="flag">1]万条</td><td class="flag">]]万条</td><td class="flag">10</td><td class="num flag">0.78</td>',
  );
  expect(indexHtml([review], "now")).toContain("0 flagged cell(s), 1 flagged indicator(s)");
});

test("a table whose indicators are all sure lists none and is no problem", () => {
  const doc = scannedDocument();
  for (const i of doc.tables[0]!.performance!.indicators) [i.flagged, i.confidence] = [false, 1];
  const review = reviewDocument("wuhan-p24", doc);
  expect(problemCount(review)).toBe(0);
  expect(documentHtml(review, new Map())).not.toContain("Flagged indicators");
});
