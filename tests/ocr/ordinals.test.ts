/**
 * Misread ordinals mended from their column's sequence (src/ocr/ordinals.ts). The misreads are OCR's on the held-out
 * scans: Jiangsu 检察院 2017 p10 (200 dpi, red seal) reads 二、项目支出 as -、项目支出 and 三、单位预留机动经费 as
 * :、单位预留机动经费 under 一、基本支出, and 七、文化体育与传媒支出 as 十、 between 六、 and 八、. Expected labels are
 * read from the rendered page (pdftoppm -r 100).
 */
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { chineseNumber, chineseNumeral, mendOrdinals } from "../../src/ocr/ordinals.js";
import type { PageModel, TextRun } from "../../src/pdf/model.js";

afterAll(() => shutdownOcr());

const ROOT = path.resolve(import.meta.dirname, "../..");

test("Chinese numerals both ways, 一 to 九十九", () => {
  expect([1, 7, 10, 11, 14, 20, 29, 99].map((n) => chineseNumeral(n))).toEqual([
    "一",
    "七",
    "十",
    "十一",
    "十四",
    "二十",
    "二十九",
    "九十九",
  ]);
  for (let n = 1; n < 100; n++) expect(chineseNumber(chineseNumeral(n))).toBe(n);
  // Wuhan 江汉 2024 p4 prints 廿一、其他支出 … 廿四、债务发行费用支出.
  expect(["廿", "廿一", "廿四", "卅"].map(chineseNumber)).toEqual([20, 21, 24, 30]);
  expect(chineseNumeral(24, true)).toBe("廿四");
  expect(chineseNumber("十十")).toBeNull();
  expect(chineseNumber("岂")).toBeNull();
});

function column(texts: string[], x0 = 100): PageModel {
  const runs: TextRun[] = texts.map((text, i) => ({
    text,
    confidence: 0.8,
    x0,
    x1: x0 + 200,
    y0: 20 * i,
    y1: 20 * i + 10,
    size: 10,
  }));
  return { number: 1, width: 800, height: 800, runs, rulings: [], extraction: "ocr" };
}

describe("mendOrdinals", () => {
  test("misread ordinals between read ones, when the gap fits them exactly (Xi'an 生态环境 p45's reads)", () => {
    const page = mendOrdinals(
      column([
        "十、金融支出",
        "十...、转移性支出",
        "上|、债务还本支出",
        "上：、债务付息支出",
        "十四、债务发行费用支出",
      ]),
    );
    expect(page.runs.map((r) => r.text)).toEqual([
      "十、金融支出",
      "十一、转移性支出",
      "十二、债务还本支出",
      "十三、债务付息支出",
      "十四、债务发行费用支出",
    ]);
    expect(page.runs[1].raw).toBe("十...、转移性支出");
  });

  test("a list printed 廿一、 is mended as printed; 2. counts as a neighbour (Xi'an 生态环境 p27: 3、 read for 4、)", () => {
    expect(mendOrdinals(column(["（廿三）债务付息支出", "（甘四） 债务发行费用支出"])).runs[1].text).toBe(
      "（廿四）债务发行费用支出",
    );
    const income = mendOrdinals(
      column(["1、财政拨款", "2.上级补助收入", "3、事业收入", "3、事业单位经营收入", "5、附属单位上缴收入"]),
    );
    expect(income.runs.map((r) => r.text.slice(0, 2))).toEqual(["1、", "2.", "3、", "4、", "5、"]);
  });

  test("an ordinal after 其中： lines up with the list by where it starts (Guangzhou 气象 p17: (-) for （一）)", () => {
    const page = column(["其中：(-)因公出国（境）支出", "（二）公务用车购置及运行维护支出"]);
    // 其中： is 3 of 15 characters: in a run 300 wide from x 40, the bracket starts at 40 + 300 × 3/15 = 100.
    page.runs[0] = { ...page.runs[0], x0: 40, x1: 340 };
    expect(mendOrdinals(page).runs[0].text).toBe("其中：(一)因公出国（境）支出");
  });

  test("a list's misread first item before (2), in brackets; a gap that does not fit is left", () => {
    expect(mendOrdinals(column(["(D)工资福利支出", "(2)商品和服务支出"])).runs[0].text).toBe("(1)工资福利支出");
    const left = mendOrdinals(column(["6、教育支出", "R、科学技术支出", "9、卫生健康支出"]));
    expect(left.runs[1].text).toBe("R、科学技术支出");
  });

  test("a 1、 list beside a 一、 level is not continued past its end, and other columns are other lists", () => {
    expect(mendOrdinals(column(["一、部门预算", "1、工资福利支出", "-、其他"])).runs[2].text).toBe("-、其他");
    const two = column(["六、教育支出", "已、科学技术支出"]);
    two.runs[1] = { ...two.runs[1], x0: 400 };
    expect(mendOrdinals(two).runs[1].text).toBe("已、科学技术支出");
  });
});

describe("Jiangsu 检察院 2017 p10 (held-out scan, 200 dpi, red seal)", () => {
  test("二、项目支出 and 三、单位预留机动经费 under 一、基本支出; 七、 between 六、 and 八、", async () => {
    const doc = await extractDocument(
      path.join(ROOT, "samples/heldout/jiangsu-procuratorate-2017-dept-budget-p10-seal.scanned.pdf"),
    );
    const labels = doc.tables.flatMap((t) => t.rows.map((r) => r.row_label));
    expect(labels).toContain("二、项目支出");
    expect(labels).toContain("三、单位预留机动经费");
    expect(labels.some((l) => l?.startsWith("七、文化"))).toBe(true);
  }, 300_000);
});

describe("Guangzhou 气象 2026 p17 (held-out scan, 200 dpi, photographed): 三公 with 其中：（一）", () => {
  test("其中：（一）因公出国（境）支出, its (一) read (-), lined up with （二） below it", async () => {
    const doc = await extractDocument(
      path.join(ROOT, "samples/heldout/guangzhou-meteorology-2026-budget-p16-17-photo.scanned.pdf"),
    );
    const labels = doc.tables.flatMap((t) => t.rows.map((r) => (r.row_label ?? "").replace(/\s+/g, "")));
    expect(labels).toContain("其中：(一)因公出国（境）支出");
  }, 300_000);
});
