/**
 * The review pages as files: what a run writes under <out>/review/, image
 * reuse, escaping of PDF text, no reference outside the folder, and the
 * cells of the samples' real failed checks located and marked.
 */
import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Document } from "../../schemas/document.js";
import { documentHtml, esc } from "../../src/review/html.js";
import { reviewDocument } from "../../src/review/model.js";
import { writeReview } from "../../src/review/index.js";
import { pngSize } from "../../src/pdf/png.js";
import { extracted, HRSS, PUTUO, yujue } from "./fixtures.js";

let out = "";
beforeAll(async () => {
  out = await extracted([HRSS, PUTUO]);
}, 300_000);
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

async function doc(folder: string): Promise<Document> {
  return Document.parse(JSON.parse(await readFile(path.join(out, folder, "document.json"), "utf8")));
}

describe("a run writes the review", () => {
  test("index.html lists both documents worst first with their failed checks, and links a page per document", async () => {
    const index = await readFile(path.join(out, "review", "index.html"), "utf8");
    const docs = [...index.matchAll(/<a href="([^"#]+\.html)">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(docs).toEqual([
      "putuo-finance-bureau-2024-final-account.html",
      "wuhan-hrss-info-center-2023-final-account.html",
    ]);
    for (const page of docs) expect((await stat(path.join(out, "review", page))).isFile()).toBe(true);
    // hrss 9 failed checks, Putuo 13 (their own breaks, most of them 0.01 rounding-level warnings; Putuo's p.21
    // prints 财政拨款收入支出总计0.3万元 and 一般公共服务支出 占71.73% where its tables give 2961.68 and 71.65%), no flagged cell.
    expect(index).toMatch(/2 document\(s\), 22 failed check\(s\), 0 flagged cell\(s\)/);
  });

  test("every table page has a 4-bit grayscale PNG under 150 KB, sized for a screen", async () => {
    const pages = (await readdir(path.join(out, "review", "pages"))).filter((f) => f.endsWith(".png"));
    // Putuo: tables on pages 6-20 (15 pages); hrss: pages 3-11 and 22-24 (12 pages).
    expect(pages).toHaveLength(27);
    for (const name of pages) {
      const file = path.join(out, "review", "pages", name);
      const bytes = await readFile(file);
      expect(bytes.length).toBeLessThan(150 * 1024);
      const size = pngSize(bytes)!;
      expect(Math.max(size.width, size.height)).toBe(1200);
      expect([bytes[24], bytes[25]]).toEqual([4, 0]); // IHDR: bit depth 4, colour type 0 (grayscale)
    }
  });

  test("the failed check 85.6 vs 85.61 is listed with both cells linked and marked on both sides", async () => {
    const html = await readFile(path.join(out, "review", "wuhan-hrss-info-center-2023-final-account.html"), "utf8");
    const rd = reviewDocument("x", await doc("wuhan-hrss-info-center-2023-final-account"));
    const check = rd.checks.find(
      (k) => k.check.id === "across:income_expenditure_summary:210=expenditure:支出/决算数",
    )!;
    expect(check.check.status).toBe("fail");
    expect(check.cellIds).toHaveLength(2);
    expect(check.unlocated).toEqual([]);
    expect(html).toContain(`data-cells="${check.cellIds.join(" ")}"`);
    for (const id of check.cellIds) {
      expect(html).toMatch(new RegExp(`<a class="box fail" href="#${id}" data-cell="${id}"`));
      expect(html).toMatch(new RegExp(`<td id="${id}" class="num fail" data-cell="${id}"[^>]*>85\\.6(1)?</td>`));
    }
  });

  test("every failed check of the samples names only cells found in the tables", async () => {
    for (const [folder, n] of [
      ["wuhan-hrss-info-center-2023-final-account", 9],
      ["putuo-finance-bureau-2024-final-account", 13],
    ] as const) {
      const rd = reviewDocument(folder, await doc(folder));
      const failed = rd.checks.filter((k) => k.check.status === "fail");
      expect(failed).toHaveLength(n);
      for (const k of failed) {
        expect(k.unlocated).toEqual([]);
        expect(k.cellIds.length).toBe(k.check.cells.length);
      }
    }
  });

  test("the pages refer to nothing outside the review folder (no server, no network)", async () => {
    const dir = path.join(out, "review");
    for (const name of (await readdir(dir)).filter((f) => f.endsWith(".html"))) {
      const html = await readFile(path.join(dir, name), "utf8");
      const refs = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
      for (const ref of refs) {
        expect(ref).not.toMatch(/^[a-z]+:|^\/\//i);
        if (!ref.startsWith("#")) {
          const target = decodeURIComponent(ref.split("#")[0]);
          expect((await stat(path.join(dir, target))).isFile(), `${name} → ${ref}`).toBe(true);
        }
      }
    }
  });

  test("a second build reuses every page image; `yujue review` rebuilds; stale images go", async () => {
    const again = await writeReview(out);
    expect([again.pagesRendered, again.pagesReused]).toEqual([0, 27]);
    await rm(path.join(out, "review", "index.html"));
    const stray = path.join(out, "review", "pages", "0000-p1-1200-v0.0.0.png");
    await (await import("node:fs/promises")).writeFile(stray, "x");
    const cli = await yujue(["review", out]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^review: 2 documents, 0 page images rendered, 27 reused: /);
    expect((await stat(path.join(out, "review", "index.html"))).isFile()).toBe(true);
    await expect(stat(stray)).rejects.toThrow();
  }, 120_000);
});

test("`yujue review` on a missing folder is a usage error in one line", async () => {
  const run = await yujue(["review", "no-such-output-folder"]);
  expect(run.code).toBe(2);
  expect(run.stderr.split("\n")[0]).toBe("yujue: no-such-output-folder: no such output folder");
});

test("--no-review writes no review folder", async () => {
  const plain = await extracted([HRSS], "never", ["--no-review"]);
  try {
    await expect(stat(path.join(plain, "review"))).rejects.toThrow();
    expect((await stat(path.join(plain, "wuhan-hrss-info-center-2023-final-account", "document.json"))).isFile()).toBe(
      true,
    );
  } finally {
    await rm(plain, { recursive: true, force: true });
  }
}, 120_000);

test("all text from the PDF is escaped", () => {
  const evil = `<img src=x onerror=alert(1)>"&'`;
  const doc = Document.parse({
    schema_version: 1,
    tool: { name: "yujue", version: "0" },
    source: { file: `${evil}.pdf`, sha256: "a".repeat(64), pages: 1 },
    doc_type: null,
    fiscal_year: null,
    org_name: evil,
    tables: [
      {
        table_kind: "income",
        title: evil,
        pages: [1],
        unit_printed: evil,
        empty: false,
        extraction: "text",
        columns: [evil],
        rows: [
          {
            page: 1,
            row_code: evil,
            row_label: evil,
            values: {
              [evil]: {
                value_wan: 1,
                raw_text: evil,
                confidence: 1,
                extraction: "text",
                flagged: true,
                box: { x0: 1, y0: 2, x1: 3, y1: 4, page_width: 100, page_height: 200 },
              },
            },
          },
        ],
      },
    ],
    checks: [
      {
        id: "x",
        kind: "within",
        status: "fail",
        severity: "error",
        table_kind: "income",
        page: 1,
        expected: 1,
        actual: 2,
        difference: 1,
        message: evil,
        cells: [{ table_kind: "income", page: 1, row_code: evil, row_label: evil, column: evil, box: null }],
      },
    ],
    ocr_pages: [],
    warnings: [evil],
  });
  const html = documentHtml(reviewDocument("d", doc), new Map());
  expect(html).not.toContain("<img src=x");
  expect(html).not.toMatch(/"&'/);
  expect(html).toContain(esc(evil));
  // The box in percent of the page: 1/100, 2/200.
  expect(html).toContain("left:1.000%;top:1.000%;width:2.000%;height:1.000%");
});
