/**
 * A thin 4 read 1 (src/ocr/wide-ones.ts): the digit model reads some fonts' 4 as 1, surely, and where no sum
 * checks the figure it went out unflagged. A "1" inked as wide as the line's other digits (or, alone on its line,
 * about half as wide as it is tall) is flagged; its figure stays as read.
 */
import { afterAll, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { wideOne } from "../../dist/src/ocr/wide-ones.js";
import { DEFAULT_OCR } from "../../dist/src/ocr/settings.js";
import { findScannedSamples } from "../../bench/eval-samples.js";

afterAll(() => shutdownOcr());

const scan = (id: string) => findScannedSamples().find((s) => s.id === id)!.pdf;

test("held-out 3 Xi'an 人社 p42-43 grey: 480 and 4500 are read right or flagged, their neighbours stand", async () => {
  const doc = await extractDocument(scan("heldout3/xian-hrss-2020-budget-p42-43-44-grey.scanned.pdf"), { ocr: "auto" });
  const [table] = doc.tables.filter((t) => t.table_kind === "project_expenditure");
  const cells = (page: number) => table.rows.filter((r) => r.page === page).map((r) => r.values["项目金额"]);
  // As printed (rendered p42, the scan's page 1), 项目金额 down the page: 173502.61 (合计), 28.5, 480 (高技能人才奖励资金),
  // 48.5, 6 …; p43 (page 2): … 10000, 47.5, 4500 (医疗照顾人员（公务员医疗补助）), 3417, 24, 2415 …
  for (const [page, before, printed, after] of [
    [1, 28.5, 480, 48.5],
    [2, 47.5, 4500, 3417],
  ]) {
    const column = cells(page);
    const at = column.findIndex((c) => c?.value_wan === before);
    expect(at).toBeGreaterThanOrEqual(0);
    const cell = column[at + 1]!;
    expect(cell.value_wan === printed || cell.flagged).toBe(true);
    expect(column[at + 2]?.value_wan).toBe(after);
    expect(column[at + 2]?.flagged).toBe(false);
  }
}, 300_000);

test("held-out 4 p82 q25 自评表: the 得分 4s are read right or flagged", async () => {
  const doc = await extractDocument(scan("heldout4/xian-health-commission-2022-final-account-p82-q25.scanned.pdf"), {
    ocr: "auto",
  });
  const table = doc.tables.find((t) => t.table_kind === "project_performance_self_eval")!;
  // Rendered p82 (pdftoppm -r 100): 分值 4 and 得分 4 on 职业健康体检机构和诊断机构考核率, 职业危害因素盲样考核率,
  // 重点职业病监测网络报告及时性, 项目完成时间 and 采购成本; every other indicator prints 5 or 15 in both. (The
  // labels are read a character or two off at JPEG quality 25: found by their ends.)
  const fours = table.rows.filter((r) => /考核率$|及时性$|完成时间$/.test(r.row_label ?? ""));
  expect(fours.length).toBeGreaterThanOrEqual(3);
  for (const r of fours) {
    const score = Object.entries(r.values).find(([k]) => /得分/.test(k))?.[1];
    expect(score).toBeDefined();
    expect(score!.value_wan === 4 || score!.flagged).toBe(true);
  }
}, 300_000);

test("held-out 4 spread p61-62: a sans font's footed 1s, as wide as its other digits, are not doubted", async () => {
  const doc = await extractDocument(
    scan("heldout4/xian-health-commission-2022-final-account-p61-62-spread.scanned.pdf"),
    {
      ocr: "auto",
    },
  );
  // Rendered p61 and p62 (pdftoppm -r 100): 年度资金总额 全年预算数 1185.36 (p61) and 785.31 (p62), each read right.
  const cells = doc.tables.flatMap((t) => t.rows.flatMap((r) => Object.values(r.values)));
  for (const printed of [1185.36, 785.31]) {
    const read = cells.filter((c) => c.value_wan === printed);
    expect(read.length).toBeGreaterThan(0);
    expect(read.some((c) => !c.flagged)).toBe(true);
  }
}, 300_000);

/**
 * A line image of glyphs `[x0, x1]` (ink columns), each `height` tall, on white; a glyph given a stem `[x0, x1, s0, s1]`
 * has its lower half inked only in columns s0..s1 (a 4's stem, no foot across).
 */
function line(glyphs: number[][], height = 30): { width: number; height: number; data: Uint8Array } {
  const width = Math.max(...glyphs.map((g) => g[1])) + 10;
  const h = height + 20;
  const data = new Uint8Array(width * h).fill(255);
  for (const [x0, x1, s0 = x0, s1 = x1] of glyphs)
    for (let y = 10; y < 10 + height; y++) {
      const lower = y >= 10 + height / 2;
      data.fill(20, y * width + (lower ? s0 : x0), y * width + (lower ? s1 : x1));
    }
  return { width, height: h, data };
}

test("a 1 as wide as its line's other digits, footless, is doubted; a narrow or footed one is not", () => {
  // 480 read 180: three glyphs 17, 18, 18 px wide, the first's lower half its stem alone.
  expect(
    wideOne(
      line([
        [10, 27, 20, 24],
        [32, 50],
        [55, 73],
      ]),
      "180",
      DEFAULT_OCR,
    ),
  ).toBe(true);
  // The same glyph with a foot across its width is a sans font's 1.
  expect(
    wideOne(
      line([
        [10, 27],
        [32, 50],
        [55, 73],
      ]),
      "180",
      DEFAULT_OCR,
    ),
  ).toBe(false);
  // 180 printed: the 1 is 8 px of the others' 18.
  expect(
    wideOne(
      line([
        [10, 18, 12, 16],
        [32, 50],
        [55, 73],
      ]),
      "180",
      DEFAULT_OCR,
    ),
  ).toBe(false);
  // Two glyphs for three digits: nothing is known.
  expect(
    wideOne(
      line([
        [10, 27, 20, 24],
        [32, 73],
      ]),
      "180",
      DEFAULT_OCR,
    ),
  ).toBe(false);
  // A lone 1: 9 px of 30 tall is a 1, 16 px on a stem is a wider digit.
  expect(wideOne(line([[10, 19, 12, 16]]), "1", DEFAULT_OCR)).toBe(false);
  expect(wideOne(line([[10, 26, 19, 23]]), "1", DEFAULT_OCR)).toBe(true);
});
