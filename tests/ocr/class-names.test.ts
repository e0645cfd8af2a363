/**
 * Class names without a code on held-out scans (src/ocr/vocabulary.ts snapClassName, src/ocr/ordinals.ts): the names
 * a page's year prints (2017's 文化体育与传媒支出), classes printed without their 支出, the debt classes the list
 * lacked, an ordinal read as a three-digit number and a misread ordinal lined up with the nearer column. Expected
 * labels are read from the rendered pages (pdftoppm -r 150).
 */
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";

afterAll(() => shutdownOcr());

const ROOT = path.resolve(import.meta.dirname, "../..");

async function labels(file: string): Promise<string[]> {
  const doc = await extractDocument(path.join(ROOT, "samples/heldout", file));
  return doc.tables.flatMap((t) => t.rows.map((r) => (r.row_label ?? "").replace(/\s+/g, "")));
}

describe("class names on held-out scans", () => {
  test("Jiangsu 检察院 2017 p10 (seal): 七、文化体育与传媒支出, not the 2019 name", async () => {
    const read = await labels("jiangsu-procuratorate-2017-dept-budget-p10-seal.scanned.pdf");
    expect(read).toContain("七、文化体育与传媒支出");
    expect(read.filter((l) => l.includes("文化旅游"))).toEqual([]);
  }, 300_000);

  test("Xi'an 安监 2019 p6 (seal): 10、卫生健康, printed without its 支出", async () => {
    expect(await labels("xian-work-safety-2019-budget-p6-seal.scanned.pdf")).toContain("10、卫生健康");
  }, 300_000);

  test("Xi'an 生态环境 2022 p27, p45 (300 dpi, 5.4 pt): 24、预备费, 29、 and 十四、债务发行费用支出, 五、…", async () => {
    const read = await labels("xian-ecology-environment-2022-budget-p27-45.scanned.pdf");
    for (const label of ["24、预备费", "29、债务发行费用支出", "十四、债务发行费用支出", "五、对附属单位补助支出"])
      expect(read).toContain(label);
  }, 300_000);
});
