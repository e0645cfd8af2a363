/**
 * Issue 17 item 2 on a scanned page: a table whose title cannot be read is still recognised by its header
 * signature, and a grid of figures that no kind claims is kept as unrecognised with a warning naming its page.
 *
 * The page is the Putuo 万里街道 2025 三公 table (samples/real, p29), scanned as the corpus scans it (150 dpi,
 * skew, noise, JPEG) with parts of it left blank: the regions come from the text original's own layout (all
 * text above the grid; the header cells' insides), not from coordinates typed in here.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
// The pipeline resolves package.json from dist/: run after `npx tsc -p .`.
import { extractDocument } from "../../dist/src/index.js";
import { shutdownOcr } from "../../dist/src/ocr/index.js";
import { CORPUS, makeScan, type ScanSpec } from "../../bench/make-scans.js";
import { openPdf } from "../../src/pdf/load.js";
import { readTextPage } from "../../src/pdf/page.js";
import { layoutPage } from "../../src/layout/page-tables.js";
import { readStructure } from "../../src/layout/structure.js";
import { ROOT } from "./fixtures.js";

afterAll(() => shutdownOcr());

const SOURCE = "real/putuo-wanli-street-2025-budget.pdf";
const PAGE = 29;
type Box = NonNullable<ScanSpec["blank"]>[number];

/** What to blank, from the text original's layout of the page: the text above its table, its header cells. */
async function regions(): Promise<{ title: Box; header: Box[] }> {
  const pdf = await openPdf(new Uint8Array(readFileSync(path.join(ROOT, "samples", SOURCE))));
  try {
    const page = await readTextPage(pdf, PAGE);
    const [table] = layoutPage(page).tables;
    const { grid } = table;
    const structure = readStructure(grid);
    const inset = 2.5;
    const header = grid.cells
      .filter((c) => c.row < structure.headerRowCount && c.text)
      .map((c) => ({ x0: c.x0 + inset, y0: c.y0 + inset, x1: c.x1 - inset, y1: c.y1 - inset }));
    return { title: { x0: 0, y0: 0, x1: page.width, y1: grid.y0 - inset }, header };
  } finally {
    await pdf.destroy();
  }
}

async function scanWithout(name: string, blank: Box[]): Promise<string> {
  const base = CORPUS.find((s) => s.source === SOURCE)!;
  const spec: ScanSpec = { ...base, name, pages: [PAGE], rotation: [base.rotation[1]], blank };
  const dir = mkdtempSync(path.join(tmpdir(), "yujue-unreadable-title-"));
  await makeScan(spec, dir);
  return path.join(dir, `${name}.scanned.pdf`);
}

describe("a scanned 三公 table with no title left to read (putuo wanli 2025 p29)", () => {
  let blank: { title: Box; header: Box[] };
  beforeAll(async () => {
    blank = await regions();
  });

  test("is told by its header signature (因公出国, 公务接待) and read as printed", async () => {
    const pdf = await scanWithout("no-title", [blank.title]);
    const doc = await extractDocument(pdf, { ocr: "auto" });
    expect(doc.ocr_pages).toEqual([1]);
    expect(doc.tables.map((t) => t.table_kind)).toEqual(["three_public"]);
    // Figures as printed on the page (rendered at 100 dpi and read by eye): 合计 37.91, 公务接待费 1.35,
    // 购置费 15, 运行费 21.56, 机关运行经费预算数 464.64.
    const values = doc.tables[0].rows.flatMap((r) => Object.values(r.values).map((v) => v.value_wan));
    for (const printed of [37.91, 1.35, 15, 21.56, 464.64]) expect(values).toContain(printed);
  }, 300_000);

  test("without its header words either, is kept as unrecognised with a warning naming the page", async () => {
    const pdf = await scanWithout("no-title-no-header", [blank.title, ...blank.header]);
    const doc = await extractDocument(pdf, { ocr: "auto" });
    expect(doc.tables.map((t) => t.table_kind)).toEqual(["other"]);
    expect(doc.warnings).toContainEqual(expect.stringMatching(/^page 1: a table of figures matching no known kind/));
    // No figure lost: the row of amounts is still there.
    const values = doc.tables[0].rows.flatMap((r) => Object.values(r.values).map((v) => v.value_wan));
    expect(values).toContain(464.64);
  }, 300_000);
});
