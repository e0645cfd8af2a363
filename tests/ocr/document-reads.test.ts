/**
 * A name misread on one page of a scanned document and read right on another (src/ocr/document-reads.ts). The
 * misreads are OCR's on the held-out scans: Xi'an 民政 2021 p42 西安市低收入家诡经济状况核对中心 (p43 家庭), Xi'an 安监
 * 2019 p4 西安市安全生产应急教授中心 (p5 救援) and p5's 部门预算 banner read 部门须入 (p4 部门预算). Expected names are
 * read from the rendered pages (pdftoppm -r 100).
 */
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { mendRepeatedReads, mendsRead } from "../../src/ocr/document-reads.js";
import type { PageModel, TextRun } from "../../src/pdf/model.js";

afterAll(() => shutdownOcr());

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("mendsRead", () => {
  test("a character the forms never print beside its neighbours, where the other read's is printed", () => {
    expect(mendsRead("西安市低收入家诡经济状况核对中心", "西安市低收入家庭经济状况核对中心", 4)).toBe(true);
    expect(mendsRead("西安市内老服务指导中心", "西安市养老服务指导中心", 2)).toBe(true);
    expect(mendsRead("部门须入", "部门预算", 2)).toBe(true);
  });

  test("numerals tell sibling units apart; a read that fits its neighbours stands; lengths must agree", () => {
    expect(mendsRead("西安市第二社会福利院", "西安市第一社会福利院", 2)).toBe(false);
    // 事业 is printed (事业收入): 事业收入 is not 其他收入 misread.
    expect(mendsRead("事业收入", "其他收入", 2)).toBe(false);
    expect(mendsRead("西安市儿童医院", "西安市儿童福利院", 2)).toBe(false);
    // Two edits where one is allowed.
    expect(mendsRead("部门须入", "部门预算", 1)).toBe(false);
  });
});

function run(text: string, confidence: number, y0: number): TextRun {
  return { text, confidence, x0: 100, x1: 300, y0, y1: y0 + 10, size: 10 };
}

function page(number: number, runs: TextRun[]): PageModel {
  return { number, width: 800, height: 600, runs, rulings: [], extraction: "ocr" };
}

describe("mendRepeatedReads", () => {
  test("a doubtful read is taken as another page's read of the same name, keeping OCR's in raw", () => {
    const pages = mendRepeatedReads([
      page(1, [run("西安市低收入家诡经济状况核对中心", 0.69, 10)]),
      page(2, [run("西安市低收入家庭经济状况核对中心", 0.92, 10)]),
    ]);
    expect(pages[0].runs[0]).toMatchObject({
      text: "西安市低收入家庭经济状况核对中心",
      raw: "西安市低收入家诡经济状况核对中心",
    });
    expect(pages[1].runs[0].raw).toBeUndefined();
  });

  test("a sure read stands, and a read two names would mend is left as read", () => {
    const sure = mendRepeatedReads([
      page(1, [run("西安市内老服务指导中心", 0.95, 10)]),
      page(2, [run("西安市养老服务指导中心", 0.8, 10)]),
    ]);
    expect(sure[0].runs[0].text).toBe("西安市内老服务指导中心");
    // 文 fits neither 利 nor 出; 支 (支出) and 息 (利息) each fit one: two names, no telling which.
    const two = mendRepeatedReads([
      page(1, [run("工资福利文出", 0.5, 10)]),
      page(2, [run("工资福利支出", 0.95, 10), run("工资福利息出", 0.95, 30)]),
    ]);
    expect(two[0].runs[0].text).toBe("工资福利文出");
    const one = mendRepeatedReads([page(1, [run("工资福利文出", 0.5, 10)]), page(2, [run("工资福利支出", 0.95, 10)])]);
    expect(one[0].runs[0].text).toBe("工资福利支出");
  });

  test("a pair read surely elsewhere in the document is no misread; a name beside it in its row is no other read", () => {
    // Two characters apart, as sibling names are, is beyond the default one.
    const siblings = mendRepeatedReads([
      page(1, [run("工伤保险金发放准确率", 0.5, 10), run("养老保险金发放准确率", 0.95, 30)]),
    ]);
    expect(siblings[0].runs[0].text).toBe("工伤保险金发放准确率");
    const sure = mendRepeatedReads([
      page(1, [run("西安市儿重福利院", 0.6, 10)]),
      page(2, [run("西安市儿童福利院", 0.87, 10), run("儿重保障", 0.95, 30)]),
    ]);
    expect(sure[0].runs[0].text).toBe("西安市儿重福利院");
    const row = page(1, [run("工资福利文出", 0.5, 10), { ...run("工资福利支出", 0.95, 10), x0: 400, x1: 600 }]);
    expect(mendRepeatedReads([row])[0].runs[0].text).toBe("工资福利文出");
  });
});

describe("a read beside the same code on another page: the code vouches for more edits", () => {
  const code = (text: string, y0: number): TextRun => ({ ...run(text, 0.96, y0), x0: 30, x1: 60 });
  test("two characters apart beside the same 单位编码 (安监 p4 应急教授中心, p5 应急救援中心 beside 125004)", () => {
    const pages = mendRepeatedReads([
      page(1, [code("125004", 10), run("西安市安全生产应急教授中心", 0.88, 10)]),
      page(2, [code("125004", 10), run("西安市安全生产应急救援中心", 0.76, 10)]),
    ]);
    expect(pages[0].runs[1].text).toBe("西安市安全生产应急救援中心");
    expect(pages[1].runs[1].text).toBe("西安市安全生产应急救援中心");
  });

  test("beside another code, or none, two characters apart stay as read (sibling units)", () => {
    const other = mendRepeatedReads([
      page(1, [code("125004", 10), run("西安市安全生产应急教授中心", 0.88, 10)]),
      page(2, [code("125003", 10), run("西安市安全生产应急救援中心", 0.76, 10)]),
    ]);
    expect(other[0].runs[1].text).toBe("西安市安全生产应急教授中心");
    const none = mendRepeatedReads([
      page(1, [run("西安市安全生产应急教授中心", 0.88, 10)]),
      page(2, [run("西安市安全生产应急救援中心", 0.76, 10)]),
    ]);
    expect(none[0].runs[0].text).toBe("西安市安全生产应急教授中心");
  });
});

describe("Xi'an 安监 2019 p4-5 (held-out scan, 150 dpi): p5's 部门预算 banner read 部门须入, read right on p4", () => {
  test("p5's columns under 部门预算, as printed; units mended by the read beside the same 单位编码", async () => {
    const doc = await extractDocument(path.join(ROOT, "samples/heldout/xian-work-safety-2019-budget-p4-5.scanned.pdf"));
    const expenditure = doc.tables.find((t) => t.table_kind === "expenditure")!;
    expect(expenditure.columns).toContain("部门预算/合计");
    expect(expenditure.columns.filter((c) => c.startsWith("部门须入"))).toEqual([]);
    // p4 read 应急教授中心 (0.88), p5 宜伎教育中心 (0.86): each read right on the other page beside the same code.
    for (const t of doc.tables.filter((t) => t.table_kind === "income" || t.table_kind === "expenditure")) {
      const labels = t.rows.map((r) => r.row_label);
      expect(labels).toContain("西安市安全生产应急救援中心");
      expect(labels).toContain("西安市安全生产宣传教育中心");
    }
  }, 300_000);
});

describe("Xi'an 民政 2021 p42-43 (held-out scan, 200 dpi, 6.6-7.5 pt): units misread on one page, read on the other", () => {
  test("p42's 儿童福利院, 低收入家庭… and 养老服务… and p43's 福利彩票发行中心 as printed", async () => {
    const doc = await extractDocument(
      path.join(ROOT, "samples/heldout/xian-civil-affairs-2021-budget-p42-43.scanned.pdf"),
    );
    const labels = (kind: string) => doc.tables.find((t) => t.table_kind === kind)!.rows.map((r) => r.row_label);
    for (const kind of ["income", "expenditure"]) {
      expect(labels(kind)).toContain("西安市儿童福利院");
      expect(labels(kind)).toContain("西安市低收入家庭经济状况核对中心");
      expect(labels(kind)).toContain("西安市养老服务指导中心");
      expect(labels(kind)).toContain("西安市福利彩票发行中心");
    }
  }, 300_000);
});
