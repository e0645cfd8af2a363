/**
 * Header cells of a scanned table snapped to the words its kind prints, once the kind is known (src/header-words.ts,
 * issue 17 item 3). The misreads are OCR's on the held-out scans (samples/heldout/): Xi'an 人社 2020 p41
 * (政府性基金收支总表, 150 dpi: 收入 read 文入, 支出 read 支出引, 预算数 read 质算数 and 所算数) and Xi'an 安监 2019 p6
 * (财政拨款收支总表 under a seal, 200 dpi: 预算数 read 据算数 and 撰算数), the printed words read from the rendered
 * pages. Out of context these short words are never snapped (snapTerm: 预算数 and 决算数 are one character apart).
 */
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { KINDS } from "../../extractors/index.js";
import { headerReader } from "../../src/header-words.js";
import { DEFAULT_LAYOUT } from "../../src/layout/settings.js";
import { snapTerm } from "../../src/ocr/vocabulary.js";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { ROOT } from "./fixtures.js";

afterAll(() => shutdownOcr());

const MIN = DEFAULT_LAYOUT.headerWordMinLength;
const P41_TITLE = "2020年部门综合预算政府性基金收支总表";
const P6_TITLE = "2019年部门综合预算财政拨款收支总表";

describe("a header read in its table's kind", () => {
  test("short words a kind prints are snapped there (Xi'an 人社 p41, 安监 p6), and only there", () => {
    const p41 = headerReader("gov_fund", P41_TITLE, ["文入", "支出引"], KINDS, MIN);
    expect(["文入", "支出引", "质算数", "所算数"].map(p41.snap)).toEqual(["收入", "支出", "预算数", "预算数"]);
    const p6 = headerReader("fiscal_grant_summary", P6_TITLE, ["收入", "支出"], KINDS, MIN);
    expect(["据算数", "撰算数"].map(p6.snap)).toEqual(["预算数", "预算数"]);
    for (const read of ["文入", "支出引", "质算数", "所算数", "据算数"]) expect(snapTerm(read)).toBeNull();
  });

  test("预算数 and 决算数 stay a tie unless the title says 预算 or 决算", () => {
    const final = headerReader("fiscal_grant_summary", "财政拨款收入支出决算总表", ["收入", "支出"], KINDS, MIN);
    expect(final.snap("据算数")).toBe("决算数");
    const untitled = headerReader("fiscal_grant_summary", "财政拨款收支总表", ["收入", "支出"], KINDS, MIN);
    expect(untitled.snap("据算数")).toBeNull();
  });

  test("收入 and 支出 are words of a two-sided table only; a word nothing is near stays as read", () => {
    // A one-sided 支出表 prints no 收入 block: 文入 is no word of it.
    expect(headerReader("expenditure", "2019年部门综合预算支出总表", ["合计"], KINDS, MIN).snap("文入")).toBeNull();
    // Xi'an 卫健委 2022 p153 (150 dpi): 合计 read 会讨, two characters off; 类 | 款 | 项 are shorter than any word.
    const p153 = headerReader("fiscal_grant_summary", "财政拨款收入支出决算总表", ["收入", "支出"], KINDS, MIN);
    expect(p153.snap("会讨")).toBeNull();
    expect(p153.snap("项")).toBeNull();
  });
});

test("Xi'an 人社 p38-41 (held-out scan): p41's columns named as printed, p38's codes never sure amounts", async () => {
  const doc = await extractDocument(path.join(ROOT, "samples/heldout/xian-hrss-2020-budget-p38-41.scanned.pdf"));
  const fund = doc.tables.find((t) => t.table_kind === "gov_fund");
  expect(fund?.columns).toContain("收入/预算数");
  expect(fund?.columns).toContain("支出/部门预算支出经济分类科目（按大类）/预算数");
  // 支出功能分类科目（按大类） was read 支出功能分类科目《（按大类） (a bracket read twice): as printed now.
  expect(fund?.columns).toContain("支出/支出功能分类科目（按大类）/预算数");
  // 支 出 is printed over every column of its side; a rule carried up through it by the stroke of 出 cut it, and the
  // last block's 预算数 had lost 支出 and its block's name (src/header-words.ts joinSplitSides).
  expect(fund?.columns).toContain("支出/政府预算支出经济分类科目（按大类）/预算数");
  expect(fund?.columns).not.toContain("预算数");
  expect(fund?.columns.filter((c) => /文入|支出引|质算数|所算数/.test(c))).toEqual([]);
  // (支出 read 支出引 while glyph strokes cut its cell; read whole since src/ocr/lines.ts drops them.)
  expect(doc.warnings).toContain("page 2: column header read 质算数, taken as 预算数");
  // p38 (基本支出 by function): the 功能科目编码 header read 功能科目纺, near no word of the kind, and its codes
  // (205, 2050303, 208 … as printed) came out as sure amounts; a header read doubtfully that nothing is near
  // stays flagged, and so do the figures under it.
  const basic = doc.tables.find((t) => t.table_kind === "basic_expenditure_by_function");
  const codes = (basic?.rows ?? []).flatMap((r) =>
    Object.values(r.values).filter((c) => ["205", "2050303", "208", "2080505", "210", "221"].includes(c.raw_text)),
  );
  expect(codes.filter((c) => !c.flagged)).toEqual([]);
  // Since the code column is known by its code tree (src/layout/structure.ts), they are the rows' codes.
  expect((basic?.rows ?? []).map((r) => r.row_code)).toEqual(expect.arrayContaining(["205", "20503", "2050303"]));
}, 120_000);

test("Xi'an 安监 p5 (held-out scan, 150 dpi): the banner read 部门须入 is p4's 部门预算; its misread figures stay flagged", async () => {
  // 部门预算 read 部门须入 (two characters off, not snapped by the kind's words) is read right on p4 of the same scan:
  // src/ocr/document-reads.ts takes it so. Until then its figures were flagged as under an unknown header; 463.23 read
  // 4163.23 (as printed on p5: 463.23 in 总计 and 合计) must stay flagged under the right name too.
  const doc = await extractDocument(path.join(ROOT, "samples/heldout/xian-work-safety-2019-budget-p4-5.scanned.pdf"));
  const table = doc.tables.find((t) => t.table_kind === "expenditure");
  expect(table?.columns).toContain("部门预算/合计");
  expect((table?.columns ?? []).filter((c) => c.includes("部门须入"))).toEqual([]);
  const misread = (table?.rows ?? []).flatMap((r) => Object.values(r.values).filter((c) => c.value_wan === 4163.23));
  expect(misread.length).toBeGreaterThan(0);
  expect(misread.filter((c) => !c.flagged)).toEqual([]);
}, 120_000);
