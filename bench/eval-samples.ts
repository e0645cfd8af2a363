/**
 * Which samples eval scores, and their answer keys: text samples with a key,
 * and scanned copies with their text original.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type AnswerKey, resolveKeyFacts } from "./compare.js";

// Found by package.json, so the same code works from bench/ (vitest) and dist/bench/ (node).
export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

export interface Sample {
  /** Path under samples/, e.g. "synthetic/x.pdf": the name used in reports and floors. */
  id: string;
  pdf: string;
  key: string;
  /** A table inventory (golden/<stem>.tables.json): tables are scored, facts are not. */
  tablesOnly?: boolean;
}

export interface ScannedSample {
  id: string;
  pdf: string;
  /** The text PDF the scan was made from. */
  original: string;
  key: string | null;
  /** The original's pages the scan holds, in order (scan page i + 1 is pages[i]); null: all of them. */
  pages: number[] | null;
  /** Resolution the scan was made at (the corpus manifest), when known. */
  dpi?: number;
  /** The original's pages on each scan page: 1, or 2 for a book scanned open (scan page i + 1 holds pages[2i, 2i+1]). */
  perImage?: number;
}

/** Folders under samples/ whose PDFs are keyed by golden/<stem>.json or golden/<stem>.tables.json. */
export const GOLDEN_PDF_DIRS = ["real", "regions"];

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error("repo root not found above " + from);
  }
}

function pdfsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".pdf"))
    .sort();
}

/**
 * Text samples with a key: synthetic/<name>.pdf and <name>.radicals.pdf share <name>.json;
 * real/<stem>.pdf and regions/<stem>.pdf use golden/<stem>.json, or else golden/<stem>.tables.json
 * (tables only).
 */
export function findSamples(root = REPO_ROOT): Sample[] {
  const samples: Sample[] = [];
  const synthetic = path.join(root, "samples/synthetic");
  for (const file of pdfsIn(synthetic)) {
    if (file.endsWith(".scanned.pdf")) continue;
    const key = path.join(synthetic, file.replace(/(\.radicals)?\.pdf$/, ".json"));
    if (existsSync(key)) samples.push({ id: `synthetic/${file}`, pdf: path.join(synthetic, file), key });
  }
  const golden = path.join(root, "samples/golden");
  const keys = existsSync(golden)
    ? readdirSync(golden)
        .filter((f) => f.endsWith(".json"))
        .sort()
    : [];
  const keyed: Sample[] = [];
  for (const keyFile of keys) {
    const tablesOnly = keyFile.endsWith(".tables.json");
    const file = keyFile.replace(/(\.tables)?\.json$/, ".pdf");
    // A full key wins over a table inventory of the same document.
    if (tablesOnly && keys.includes(file.replace(/\.pdf$/, ".json"))) continue;
    const dir = GOLDEN_PDF_DIRS.find((d) => existsSync(path.join(root, "samples", d, file)));
    if (dir)
      keyed.push({
        id: `${dir}/${file}`,
        pdf: path.join(root, "samples", dir, file),
        key: path.join(golden, keyFile),
        tablesOnly,
      });
    else
      console.warn(`golden/${keyFile}: no ${GOLDEN_PDF_DIRS.map((d) => `samples/${d}/${file}`).join(" or ")}; skipped`);
  }
  // real/ before regions/, each by name: the order reports and floors were written in.
  keyed.sort((a, b) => GOLDEN_PDF_DIRS.indexOf(a.id.split("/")[0]) - GOLDEN_PDF_DIRS.indexOf(b.id.split("/")[0]));
  return [...samples, ...keyed];
}

/**
 * Scanned copies whose text original exists: synthetic/<name>.scanned.pdf and scanned/<stem>.scanned.pdf
 * (original in real/), then the scan corpus, scans/<name>.scanned.pdf, and the held-out set,
 * heldout/<name>.scanned.pdf: some pages of a text sample, as the set's manifest lists them (bench/make-scans.ts).
 */
export function findScannedSamples(root = REPO_ROOT): ScannedSample[] {
  const found: ScannedSample[] = [];
  const places: [string, string, string][] = [
    ["synthetic", "samples/synthetic", "samples/synthetic"],
    ["scanned", "samples/scanned", "samples/real"],
  ];
  for (const [name, dir, originalDir] of places) {
    const keyDir = name === "synthetic" ? "samples/synthetic" : "samples/golden";
    for (const file of pdfsIn(path.join(root, dir)).filter((f) => f.endsWith(".scanned.pdf"))) {
      const stem = file.replace(/\.scanned\.pdf$/, "");
      const original = path.join(root, originalDir, stem + ".pdf");
      if (!existsSync(original)) continue;
      const key = path.join(root, keyDir, stem + ".json");
      found.push({
        id: `${name}/${file}`,
        pdf: path.join(root, dir, file),
        original,
        key: existsSync(key) ? key : null,
        pages: null,
      });
    }
  }
  return [...found, ...SCAN_SET_FOLDERS.flatMap(([folder, manifest]) => scanSet(root, folder, manifest))];
}

/** One entry of a scan set's manifest (written by bench/make-scans.ts). */
interface CorpusEntry {
  name: string;
  source: string;
  pages: number[];
  dpi?: number;
  spread?: boolean;
}

/**
 * The generated scan sets: the corpus (tuned on for several sessions) and the held-out set (never tuned on),
 * each a folder under samples/ with its manifest; a scan's id starts with its folder's name.
 */
export const SCAN_SET_FOLDERS: [folder: string, manifest: string][] = [
  ["scans", "corpus.json"],
  ["heldout", "heldout.json"],
  ["heldout2", "heldout2.json"],
  ["heldout3", "heldout3.json"],
  ["heldout4", "heldout4.json"],
];

function scanSet(root: string, folder: string, manifestName: string): ScannedSample[] {
  const manifest = path.join(root, "samples", folder, manifestName);
  if (!existsSync(manifest)) return [];
  const entries = JSON.parse(readFileSync(manifest, "utf8")) as CorpusEntry[];
  return entries
    .map((e) => ({
      e,
      pdf: path.join(root, "samples", folder, `${e.name}.scanned.pdf`),
      original: path.join(root, "samples", e.source),
    }))
    .filter(({ pdf, original }) => existsSync(pdf) && existsSync(original))
    .map(({ e, pdf, original }) => ({
      id: `${folder}/${e.name}.scanned.pdf`,
      pdf,
      original,
      key: null,
      pages: e.pages,
      dpi: e.dpi,
      ...(e.spread ? { perImage: 2 } : {}),
    }));
}

/**
 * An answer key, its facts resolved against their tables (printed unit, banners, partial columns);
 * a table inventory has no facts (read as []). Throws, naming the file, on a fact the rules cannot
 * compare (no table on its page, no printed unit).
 */
export function readKey(file: string): AnswerKey {
  const key = JSON.parse(readFileSync(file, "utf8")) as AnswerKey;
  const withFacts = { ...key, facts: key.facts ?? [] };
  try {
    return { ...withFacts, facts: resolveKeyFacts(withFacts) };
  } catch (err) {
    throw new Error(`${path.basename(file)}: ${(err as Error).message}`);
  }
}
