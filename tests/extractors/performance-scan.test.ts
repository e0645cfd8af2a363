/**
 * A performance table read by OCR carries how sure each reading is (issue 17: "a figure we could not read is
 * flagged with its confidence, never invented"). One scanned page, tests/fixtures/scan-performance-page.pdf (page 24
 * of samples/synthetic/wuhan-hrss-info-center-2023-final-account.scanned.pdf, 2023年度日常系统运行经费项目自评表),
 * against the values read on its rendered image (pdftoppm -r 100): every indicator whose reading differs from the
 * page is flagged, every reading carries an OCR confidence, and indicators.csv and the database carry both.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Document } from "../../schemas/document.js";
import type { Indicator, Performance } from "../../schemas/performance.js";
// The pipeline reads its version from package.json relative to dist/: run from the build.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { openForWriting, writeDocument } from "../../src/dataset/index.js";
import { indicatorRows } from "../../src/output/indicators.js";

const PAGE = "tests/fixtures/scan-performance-page.pdf";

/** As printed on the page: 三级指标 (without its weight), 年初目标值, 实际完成值, 得分, the weight in the label. */
const PRINTED: [string, string, string, number, number][] = [
  ["月均发送短信量", "11万条", "11万条", 10, 10],
  ["持社保卡人数", "1100万人", "1100万人", 5, 5],
  ["提供社保自助查询打印", "30万笔", "30万笔", 5, 5],
  ["全年正常运行时间占比", "99%", "99%", 10, 10],
  ["机房故障处理时效", "4小时内", "4小时内", 10, 10],
  ["加强“智慧人社”便民服务应用推广", "有效加强", "有效加强", 15, 15],
  ["推动“互联网+人社”发展", "有效推动", "有效推动", 15, 15],
  ["做好服务工作，让服务对象满意", "90%", "90%", 10, 10],
];

let doc: Document;
let perf: Performance;
let tmp = "";

beforeAll(async () => {
  doc = await extractDocument(PAGE, { ocr: "auto" });
  perf = doc.tables.find((t) => t.performance)!.performance!;
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-perf-scan-"));
}, 120_000);
afterAll(async () => {
  await shutdownOcr();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** The indicator's figures as read, in PRINTED's order. */
const figures = (i: Indicator) => [i.target?.text ?? null, i.actual?.text ?? null, i.score, i.level3_weight];

describe("2023年度日常系统运行经费项目自评表, scanned (Wuhan p24)", () => {
  test("read by OCR: eight indicators, each with the OCR confidence of its cells", () => {
    expect(doc.ocr_pages).toEqual([1]);
    expect(perf.indicators).toHaveLength(PRINTED.length);
    for (const i of perf.indicators) {
      expect(i.confidence).toBeGreaterThan(0);
      expect(i.confidence).toBeLessThan(1);
    }
  });

  test("every indicator whose figures differ from the page is flagged; unflagged ones read as printed", () => {
    const wrong = perf.indicators.filter((i, n) => JSON.stringify(figures(i)) !== JSON.stringify(PRINTED[n]!.slice(1)));
    const unflaggedWrong = wrong.filter((i) => !i.flagged).map((i) => `${i.level3}: ${figures(i).join(" | ")}`);
    expect(unflaggedWrong).toEqual([]);
    // A flag means a reading below the threshold or a cell that could not be read.
    for (const i of perf.indicators.filter((x) => x.flagged))
      expect(i.confidence < 0.8 || wrong.includes(i)).toBe(true);
  });

  test("总分 89.63 with its confidence", () => {
    expect(perf.total_score).toBe(89.63);
    expect(perf.total_score_confidence).toBeGreaterThan(0);
    expect(perf.total_score_confidence).toBeLessThan(1);
    expect(perf.total_score_flagged).toBe(perf.total_score_confidence < 0.8);
  });

  test("the 预算执行情况 row (398.36 | 191.76 | 48.1% | 9.63) with its confidence", () => {
    const b = perf.budget[0]!;
    expect([b.budget_wan, b.executed_wan, b.rate, b.score]).toEqual([398.36, 191.76, 48.1, 9.63]);
    expect(b.confidence).toBeLessThan(1);
  });

  test("indicators.csv's rows and the database's indicators carry each indicator's confidence and flag", () => {
    const expected = perf.indicators.map((i) => [i.level3, i.confidence, i.flagged]);
    expect(indicatorRows(doc).map((r) => [r.level3, r.confidence, r.flagged])).toEqual(expected);
    const db = openForWriting(path.join(tmp, "yujue.sqlite"));
    try {
      writeDocument(db, doc, { input: null, output: null, runId: null });
      const rows = db.all("SELECT level3, confidence, flagged FROM indicators_flat ORDER BY indicator_id");
      expect(rows.map((r) => [r.level3, r.confidence, r.flagged === 1])).toEqual(expected);
    } finally {
      db.close();
    }
  });
});
