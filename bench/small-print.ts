/**
 * Small print at 150 dpi: how well yujue reads scans of tables printed in small type (glyphs about 9 px high at
 * 150 dpi), measured against the text original, cell by cell.
 *
 *   node dist/bench/small-print.js [--only TEXT] [--dir DIR]
 *
 * The set: the corpus's Xi'an health p153 scan (the page the reading was tuned on) and held-out scans of other
 * small-print table pages, made here the way bench/make-scans.ts makes the corpus (seeded: the same bytes each run)
 * into DIR (default /tmp/yujue-small-print; made once, reused). For each scan it prints: tables (kinds and pages)
 * equal to the original's or not; numeric cells equal / numeric cells and differing cells neither flagged nor named
 * by a failed check (bench/parity.ts); column headers read as printed (the original's column paths found among the
 * scan's); row labels read as printed (rows matched as parity matches them); CPU-s a page of the extraction.
 *
 * --cells: the reading alone, without the table stage: each scan made again without rotation (so a cell's box in
 * points is the original's), every cell OCR reads compared with the text layer's words inside its box: figures
 * and text read exactly as printed, and the misreads with --verbose.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { Document } from "../schemas/document.js";
import { CORPUS, makeScan, type ScanSpec } from "./make-scans.js";
import { onPages } from "./eval-run.js";
import { type CellValue, cellMaps, compare, tableSignature } from "./parity.js";
import { REPO_ROOT } from "./eval-samples.js";
import { cpuSeconds, round } from "./measure.js";
import { readFileSync } from "node:fs";
import type { TextRun } from "../src/pdf/model.js";

const XIAN_HEALTH = "regions/xian-health-commission-2022-final-account.pdf";

/** Held out: never looked at while the small-print reading was changed. 150 dpi, skewed, noisy as p153. */
export const HELD_OUT: ScanSpec[] = [
  { name: "xian-health-p146", source: XIAN_HEALTH, pages: [146], dpi: 150 as const, rotation: [-1.2], seed: 2146 },
  {
    name: "xian-health-p157-158",
    source: XIAN_HEALTH,
    pages: [157, 158],
    dpi: 150 as const,
    rotation: [0.9, -1.3],
    seed: 2157,
  },
  { name: "xian-health-p159", source: XIAN_HEALTH, pages: [159], dpi: 150 as const, rotation: [1.1], seed: 2159 },
  { name: "xian-health-p160", source: XIAN_HEALTH, pages: [160], dpi: 150 as const, rotation: [-0.8], seed: 2160 },
  {
    name: "xian-civil-affairs-p42-43",
    source: "regions/xian-civil-affairs-2021-budget.pdf",
    pages: [42, 43],
    dpi: 150 as const,
    rotation: [1.3, -1.0],
    seed: 2042,
  },
].map((s) => ({ ...s, noise: 6, jpegQuality: 75 }));

const TUNED = CORPUS.filter((s) => s.name.startsWith("xian-health-commission-2022-final-account-p153"));

interface Score {
  name: string;
  held_out: boolean;
  tables_equal: boolean;
  numeric: number;
  equal: number;
  unaccounted: number;
  headers: string;
  labels: string;
  cpu_per_page: number | null;
}

async function extract(pdf: string, ocr: "auto" | "never"): Promise<Document> {
  const { extractDocument } = await import("../src/pipeline.js");
  return extractDocument(pdf, { ocr });
}

/** The original's column paths the scan has too, table by table (tables matched by their order). */
function headersRead(text: Document, scan: Document): [number, number] {
  let found = 0,
    all = 0;
  text.tables.forEach((t, i) => {
    const theirs = new Set(scan.tables[i]?.columns ?? []);
    all += t.columns.length;
    found += t.columns.filter((c) => theirs.has(c)).length;
  });
  return [found, all];
}

/** Rows (as parity matches them) whose label the scan reads as printed. */
function labelsRead(text: Document, scan: Document): [number, number] {
  const rows = (cells: Map<string, CellValue>) =>
    new Map([...cells].map(([key, c]) => [key.split("|").slice(0, 3).join("|"), c.row_label]));
  const [a, b] = cellMaps(text, scan).map(rows);
  const withLabel = [...a].filter(([, label]) => label);
  return [withLabel.filter(([key, label]) => b.get(key) === label).length, withLabel.length];
}

async function score(spec: ScanSpec, dir: string, heldOut: boolean, originals: Map<string, Document>): Promise<Score> {
  const file = path.join(dir, `${spec.name}.scanned.pdf`);
  if (!existsSync(file)) await makeScan(spec, dir);
  const source = path.join(REPO_ROOT, "samples", spec.source);
  if (!originals.has(source)) originals.set(source, await extract(source, "never"));
  const text = onPages(originals.get(source)!, spec.pages);
  const cpu0 = cpuSeconds();
  const scan = await extract(file, "auto");
  const cpu1 = cpuSeconds();
  const parity = compare(text, scan);
  const [h, hAll] = headersRead(text, scan);
  const [l, lAll] = labelsRead(text, scan);
  return {
    name: spec.name,
    held_out: heldOut,
    tables_equal: JSON.stringify(tableSignature(text)) === JSON.stringify(tableSignature(scan)),
    numeric: parity.numericCells,
    equal: parity.equal,
    unaccounted: parity.differences.filter((d) => !d.accounted).length,
    headers: `${h}/${hAll}`,
    labels: `${l}/${lAll}`,
    cpu_per_page: cpu0 === null || cpu1 === null ? null : round((cpu1 - cpu0) / spec.pages.length),
  };
}

const norm = (t: string) =>
  t.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")").replace(/，/g, ",").replace(/：/g, ":");

/** The text layer's words whose centre lies in a read cell's box (a margin of 2 pt), in reading order. */
function truthIn(box: TextRun, words: TextRun[]): TextRun[] {
  const m = 2;
  return words.filter((w) => {
    const cx = (w.x0 + w.x1) / 2,
      cy = (w.y0 + w.y1) / 2;
    return cx >= box.x0 - m && cx <= box.x1 + m && cy >= box.y0 - m && cy <= box.y1 + m;
  });
}

async function cellReads(spec: ScanSpec, dir: string, verbose: boolean, rotated: boolean): Promise<number[]> {
  // Both make-scans and the deskew rotate about the page's centre: a rotated scan's deskewed page is the
  // original's, give or take the skew found (--rotated measures that too).
  const flat = rotated ? spec : { ...spec, name: `${spec.name}-flat`, rotation: spec.rotation.map(() => 0) };
  const file = path.join(dir, `${flat.name}.scanned.pdf`);
  if (!existsSync(file)) await makeScan(flat, dir);
  const { openPdf } = await import("../src/pdf/load.js");
  const { readTextPage } = await import("../src/pdf/page.js");
  const { ocrPage } = await import("../src/ocr/index.js");
  const scan = await openPdf(new Uint8Array(readFileSync(file)));
  const original = await openPdf(new Uint8Array(readFileSync(path.join(REPO_ROOT, "samples", spec.source))));
  const { isAmount } = await import("../src/ocr/read.js");
  const tally = [0, 0, 0, 0]; // figures right, figures, text right, text
  for (const [i, number] of spec.pages.entries()) {
    const read = await ocrPage(scan, i + 1);
    const words = (await readTextPage(original, number)).runs.filter((w) => w.text.trim());
    for (const run of read.runs) {
      const truth = norm(
        truthIn(run, words)
          .sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0)
          .map((w) => w.text)
          .join(""),
      );
      if (!truth) continue;
      const figure = isAmount(truth) ? 0 : 2;
      const right = norm(run.text) === truth;
      tally[figure + 1]++;
      if (right) tally[figure]++;
      else if (verbose) console.log(`  p${number} ${truth} <- ${run.text} (${(run.confidence ?? 1).toFixed(2)})`);
    }
  }
  console.log(`${spec.name}: figures ${tally[0]}/${tally[1]}, text ${tally[2]}/${tally[3]}`);
  return tally;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : null;
  const dir = argv.includes("--dir") ? argv[argv.indexOf("--dir") + 1] : "/tmp/yujue-small-print";
  mkdirSync(dir, { recursive: true });
  const originals = new Map<string, Document>();
  const specs: [ScanSpec, boolean][] = [...TUNED.map((s) => [s, false] as [ScanSpec, boolean])];
  specs.push(...HELD_OUT.map((s) => [s, true] as [ScanSpec, boolean]));
  if (argv.includes("--cells")) {
    const total = [0, 0, 0, 0],
      held = [0, 0, 0, 0];
    const [verbose, rotated] = [argv.includes("--verbose"), argv.includes("--rotated")];
    for (const [spec, heldOut] of specs.filter(([s]) => only === null || s.name.includes(only))) {
      const t = await cellReads(
        spec,
        heldOut ? dir : path.join(REPO_ROOT, "samples/scans"),
        argv.includes("--verbose"),
        argv.includes("--rotated"),
      );
      t.forEach((v, i) => ((heldOut ? held : total)[i] += v));
    }
    console.log(`tuned on: figures ${total[0]}/${total[1]}, text ${total[2]}/${total[3]}`);
    console.log(`held out: figures ${held[0]}/${held[1]}, text ${held[2]}/${held[3]}`);
    const { shutdown } = await import("../src/index.js");
    return shutdown();
  }
  const rows: Score[] = [];
  for (const [spec, heldOut] of specs.filter(([s]) => only === null || s.name.includes(only))) {
    // The corpus scan is read where the corpus keeps it; held-out ones are made into dir.
    const at = heldOut ? dir : path.join(REPO_ROOT, "samples/scans");
    rows.push(await score(spec, at, heldOut, originals));
    console.log(JSON.stringify(rows[rows.length - 1]));
  }
  const sum = (f: (r: Score) => number, held: boolean) =>
    rows.filter((r) => r.held_out === held).reduce((s, r) => s + f(r), 0);
  for (const held of [false, true]) {
    console.log(
      `${held ? "held out" : "tuned on"}: cells ${sum((r) => r.equal, held)}/${sum((r) => r.numeric, held)}, ` +
        `unaccounted ${sum((r) => r.unaccounted, held)}`,
    );
  }
  const { shutdown } = await import("../src/index.js");
  await shutdown();
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join("bench", "small-print.js"))) {
  await main();
}
