/**
 * A 项目支出绩效目标表 that prints only 二级指标 | 三级指标 | 指标值 (no 一级 column), 二级 cells merged over
 * rows (one split by a page break): the constructed sample samples/constructed/jixiao-2026-two-levels.chromium.pdf,
 * printed by headless Chromium from its HTML, which is the key (jixiao-2026-two-levels.performance.json transcribes
 * it). The reader must give each indicator its 二级 and leave 一级 null, not invent one.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { type PerfGolden, scorePerformance } from "../../bench/eval-performance.js";
import type { Document, Table } from "../../schemas/document.js";
import { extractDocument } from "../../src/index.js";
import { SAMPLES } from "../helpers/pages.js";

const BASE = path.join(SAMPLES, "constructed/jixiao-2026-two-levels");
const key = JSON.parse(readFileSync(`${BASE}.performance.json`, "utf8")) as PerfGolden;
let doc: Document;

beforeAll(async () => {
  doc = await extractDocument(`${BASE}.chromium.pdf`, { ocr: "never" });
}, 60_000);

const tableOf = (project: string): Table => doc.tables.find((t) => t.performance?.project === project)!;

describe("a form with only 二级/三级 indicators (constructed, Chromium)", () => {
  test("every table and indicator of the key, exactly: no table or indicator more", () => {
    const s = scorePerformance(key.document, key, null, doc);
    expect([s.tables.keyed, s.tables.right, s.tables.found]).toEqual([3, 3, 3]);
    expect([s.indicators.keyed, s.indicators.right, s.indicators.emitted]).toEqual([53, 53, 53]);
    expect(doc.tables.filter((t) => t.performance).length).toBe(3);
  });

  test("一级 is null on every indicator; 二级 carried over its merged rows", () => {
    const inds = doc.tables.flatMap((t) => t.performance?.indicators ?? []);
    expect(inds.every((i) => i.level1 === null && i.level1_weight === null)).toBe(true);
    const t = tableOf("社区居家养老服务补助");
    expect(t.performance!.indicators.slice(0, 3).map((i) => [i.level2, i.level3])).toEqual([
      ["数量指标", "居家养老服务人次"],
      ["数量指标", "新建社区养老服务站"],
      ["数量指标", "服务对象覆盖率"],
    ]);
    // A 二级 name wrapped over two lines in its cell is one name.
    expect(t.performance!.indicators.at(-1)!.level2).toBe("服务对象满意度指标");
  });

  test("targets: a deadline and a text stay text; a qualifier and unit read beside the number", () => {
    const inds = tableOf("社区居家养老服务补助").performance!.indicators;
    const target = (level3: string) => inds.find((i) => i.level3 === level3)!.target;
    expect(target("养老服务站投入运营时间")).toEqual({
      text: "2026年12月底前",
      value: null,
      unit: null,
      qualifier: null,
    });
    expect(target("老年人生活质量")).toEqual({ text: "有效提升", value: null, unit: null, qualifier: null });
    expect(target("服务对象覆盖率")).toEqual({ text: "≥95%", value: 95, unit: "%", qualifier: "≥" });
    expect(target("人均服务补助标准")).toEqual({ text: "≤1000元/人", value: 1000, unit: "元/人", qualifier: "≤" });
  });

  test("a 二级 cell split by the page break: its rows on the next page keep its name (时效指标, pp4-5)", () => {
    const t = tableOf("城乡最低生活保障动态管理经费");
    expect(t.pages).toEqual([4, 5]);
    const timely = t.performance!.indicators.filter((i) => i.level2 === "时效指标");
    expect(timely.map((i) => i.page)).toEqual([4, 5, 5, 5, 5, 5, 5]);
    expect(timely.at(-1)!.target?.text).toBe("每月10日前");
  });

  test("预算金额（元） is converted to 万元", () => {
    const p = tableOf("困难群众临时救助资金").performance!;
    expect([p.amount_wan, p.amount_text]).toEqual([35, "350,000.00"]);
  });
});
