import { describe, expect, it } from "vitest";
import type { PageLayout } from "../../src/layout/page-tables.js";
import type { TextLine } from "../../src/layout/chars.js";
import { orgFromLine, readMetadata } from "../../src/metadata.js";
import { sampleLayout } from "../helpers/pages.js";

const layout = (page: number, texts: string[]): PageLayout => ({
  page,
  tables: [],
  lines: texts.map((text): TextLine => ({ text, x0: 0, x1: 0, y0: 0, y1: 0, size: 10, confidence: 1, chars: [] })),
});

describe("org_name exactly as printed (issue 11 item 7)", () => {
  // Heading lines of the regional samples, as the layout stage joins them.
  it.each([
    ["编制部门：西安市卫生健康委员会（汇总） 金额单位：万元", "西安市卫生健康委员会（汇总）"],
    ["部门名称：深圳市民政局（本级） 单位：万元", "深圳市民政局（本级）"],
    ["部门名称：西安市安全生产监督管理局", "西安市安全生产监督管理局"],
    ["单位名称:重庆市气象局 单位:万元", "重庆市气象局"],
    ["预算单位：西安市民政局 单位：元", "西安市民政局"],
    ["部门：江苏省政协办公厅 单位：万元", "江苏省政协办公厅"],
    ["填报单位：某某市财政局 填报日期：2024年3月 金额：万元", "某某市财政局"],
    ["预算主管部门：上海市普陀区人民政府办公室", "上海市普陀区人民政府办公室"],
  ])("%s → %s", (text, org) => {
    expect(orgFromLine(text)).toBe(org);
  });

  it.each(["单位：万元", "金额单位：元", "部门：", "第二部分 国家信访局部门预算表"])(
    "%s names no organisation",
    (text) => {
      expect(orgFromLine(text)).toBeNull();
    },
  );

  it.each([
    [["2026年度", "福州市民政局(本级)", "单位预算"], "福州市民政局(本级)"],
    [["国家信访局2026年度部门预算", "二〇二六年三月"], "国家信访局"],
    [["2026年", "广州市气象局部门预算"], "广州市气象局"],
    [["附件2", "2019年部门综合预算公开报表", "部门名称：西安市安全生产监督管理局"], "西安市安全生产监督管理局"],
    [["西安市民政局 2021 年部门综合预算", "目 录"], "西安市民政局"],
  ])("the cover %j names %s", (lines, org) => {
    expect(readMetadata([layout(1, lines)], [], []).org_name).toBe(org);
  });
});

describe("org_name when the cover is not read (Fuzhou 医保: its cover page goes to OCR, which reads nothing)", () => {
  it("comes from the duties on a text page: p4 福州市医疗保障局的主要职责是：", async () => {
    const p4 = await sampleLayout("regions/fuzhou-medical-security-2026-budget.pdf", 4);
    expect(readMetadata([layout(1, []), p4], [], []).org_name).toBe("福州市医疗保障局");
  });

  it("never from a line the name wraps into (Xi'an 人社 p2: …社 / 会保障局的主要职责是：)", async () => {
    const p2 = await sampleLayout("regions/xian-hrss-2020-budget.pdf", 2);
    expect(p2.lines.some((l) => l.text.replace(/\s/g, "").startsWith("会保障局的主要职责"))).toBe(true);
    expect(readMetadata([layout(1, []), p2], [], []).org_name).not.toBe("会保障局");
  });

  it("comes from a title the organisation leads, not from a heading word", () => {
    const table = (title: string) => ({ title }) as never;
    const titles = [table("福州市医疗保障局2026年部门预算收支总表"), table("2026年度收入预算总表")];
    expect(readMetadata([layout(1, [])], titles, []).org_name).toBe("福州市医疗保障局");
    expect(readMetadata([layout(1, [])], [table("部门收支总表")], []).org_name).toBeNull();
  });
});

describe("doc_type and fiscal_year of a stand-alone performance attachment", () => {
  const table = (title: string) => ({ title }) as never;
  it("绩效自评表 alone: a final account of the year it evaluates", () => {
    const meta = readMetadata(
      [layout(1, ["西安市卫生健康委员会", "2022年度部门整体支出绩效自评报告"])],
      [table("西安市卫生健康委员会部门整体支出绩效自评表")],
      [],
    );
    expect([meta.doc_type, meta.fiscal_year]).toEqual(["final_account", 2022]);
  });
  it("绩效目标表 alone: a budget", () => {
    const meta = readMetadata(
      [layout(1, ["2026年项目支出绩效目标"])],
      [table("2026年医保服务站工作经费项目绩效目标表")],
      [],
    );
    expect([meta.doc_type, meta.fiscal_year]).toEqual(["budget", 2026]);
  });
});
