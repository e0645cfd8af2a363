/**
 * Why scanned cells miss strict parity: for every text cell whose figure the scan does not reproduce under
 * the same page, code, label and whole header path (bench/compare.ts factMatches), the scan's label and header
 * path beside the text's, grouped by cause. Cells are paired as bench/parity.ts pairs them (kind, page, row
 * code or label, column), so a misread label shows beside the label it should have been.
 *
 *   node dist/bench/label-diff.js [--only TEXT] [--cache DIR] [--reuse] [--all]
 *
 * --cache DIR  keep each scan's extraction as JSON in DIR; --reuse reads it back instead of running OCR again.
 * --all        print every cell, not the first 12 of each cause and scan.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Document } from "../schemas/document.js";
import { columnLevels, normalizeLabel, valueMatches } from "./compare.js";
import { defaultExtract, onPages, unseenOriginal } from "./eval-run.js";
import { type ScannedSample, findScannedSamples } from "./eval-samples.js";
import { type CellValue, cellMaps } from "./parity.js";

export type Cause = "equal" | "figure" | "missing" | "label" | "ordinal" | "header" | "label+header";

export interface LabelDiff {
  key: string;
  cause: Cause;
  text: CellValue;
  scan: CellValue | null;
}

/** The label with its leading ordinal left on: 一、 （一） 1. and what OCR makes of them. */
function ordinalOnly(text: string | null, scan: string | null): boolean {
  const t = (text ?? "").replace(/\s+/g, ""),
    s = (scan ?? "").replace(/\s+/g, "");
  if (normalizeLabel(t) === normalizeLabel(s)) return false;
  // The same words after whatever precedes them: only the ordinal was misread (or dropped).
  const words = normalizeLabel(t);
  return words.length > 0 && s.endsWith(words) && s.length - words.length <= 5;
}

function causeOf(t: CellValue, s: CellValue | null, unit: string | null): Cause {
  if (!s || s.value === null) return "missing";
  if (!valueMatches(t.value!, s.value, unit ?? "万元")) return "figure";
  const label = normalizeLabel(t.row_label) !== normalizeLabel(s.row_label);
  const tl = columnLevels(t.column),
    sl = columnLevels(s.column);
  const header = tl.length !== sl.length || tl.some((l, i) => l !== sl[i]);
  if (label && header) return "label+header";
  if (label) return ordinalOnly(t.row_label, s.row_label) ? "ordinal" : "label";
  return header ? "header" : "equal";
}

/** Every text cell with a figure, paired with the scan's cell at the same place, and why they differ. */
export function labelDiffs(text: Document, scan: Document): LabelDiff[] {
  const [a, b] = cellMaps(text, scan);
  const units = new Map<string, string | null>(text.tables.map((t) => [t.table_kind, t.unit_printed]));
  const out: LabelDiff[] = [];
  for (const [key, t] of a) {
    if (t.value === null) continue;
    const s = b.get(key) ?? null;
    out.push({ key, cause: causeOf(t, s, units.get(t.table_kind) ?? null), text: t, scan: s });
  }
  return out;
}

function show(d: LabelDiff): string {
  const s = d.scan;
  const scan = s ? `${JSON.stringify(s.row_label)} | ${JSON.stringify(s.column)} = ${s.value}` : "no cell";
  return (
    `    p${d.text.page} ${d.text.row_code ?? "-"}: text ${JSON.stringify(d.text.row_label)} | ` +
    `${JSON.stringify(d.text.column)} = ${d.text.value}\n      scan ${scan}${s?.flagged ? " (flagged)" : ""}`
  );
}

async function scanOf(sample: ScannedSample, cache: string | null, reuse: boolean): Promise<Document> {
  const id = sample.id;
  const file = cache ? path.join(cache, id.replace(/[/\\]/g, "__") + ".json") : null;
  if (file && reuse && existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Document;
  const doc = await defaultExtract(sample.pdf, "auto", unseenOriginal(sample));
  if (file) {
    mkdirSync(cache!, { recursive: true });
    writeFileSync(file, JSON.stringify(doc));
  }
  return doc;
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => (argv.includes(name) ? (argv[argv.indexOf(name) + 1] ?? null) : null);
  const only = arg("--only"),
    cache = arg("--cache"),
    reuse = argv.includes("--reuse"),
    all = argv.includes("--all");
  const totals = new Map<Cause, number>();
  for (const sample of findScannedSamples().filter((s) => only === null || s.id.includes(only))) {
    const text = onPages(await defaultExtract(sample.original, "never"), sample.pages, sample.perImage);
    const scan = await scanOf(sample, cache, reuse);
    const diffs = labelDiffs(text, scan);
    const byCause = new Map<Cause, LabelDiff[]>();
    for (const d of diffs) byCause.set(d.cause, [...(byCause.get(d.cause) ?? []), d]);
    for (const [c, list] of byCause) totals.set(c, (totals.get(c) ?? 0) + list.length);
    const counts = [...byCause].map(([c, list]) => `${c} ${list.length}`).join(", ");
    console.log(`${sample.id}: ${diffs.length} text cells: ${counts}`);
    const order = [...byCause].filter(([c]) => c !== "equal").sort((x, y) => y[1].length - x[1].length);
    for (const [cause, list] of order) {
      console.log(`  ${cause} (${list.length})`);
      for (const d of all ? list : list.slice(0, 12)) console.log(show(d));
    }
  }
  console.log(`total: ${[...totals].map(([c, n]) => `${c} ${n}`).join(", ")}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
