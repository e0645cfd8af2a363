/**
 * The 政府收支分类科目 names as the forms print them, for snapping OCR reads of row labels to the name of their
 * code (src/ocr/vocabulary.ts): every code -> name pair printed in the text samples, written to
 * schemas/classification-names.json with the samples each pair was seen in.
 *
 *   npm run make-vocabulary   (node dist/bench/make-vocabulary.js [--exclude TEXT ...] [--out FILE] [--seeds DIR])
 *
 * Sources: every text PDF under samples/ (scanned copies left out: their labels are what is corrected), read by
 * the text pipeline (no OCR), one pair per coded row; and the text dumps in shared/seeds/ when present (a
 * line "2080505 机关事业单位基本养老保险缴费支出 102.26 …"). A code keeps every name it was printed with (names
 * changed in the 2019-2024 reforms; regions add the parent in brackets; full- and half-width brackets).
 * --exclude leaves out the samples whose path contains TEXT: a vocabulary that has not seen a document, to
 * measure what snapping does on forms it was not built from.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { extractDocument } from "../src/pipeline.js";
import { shutdown } from "../src/shutdown.js";
import { CLASSIFICATION_NAMES_FILE, documentName, type ClassificationNamesFile } from "../src/ocr/vocabulary.js";
import { REPO_ROOT } from "./eval-samples.js";

/** A classification code: 类 3 digits, 款 5, 项 7. */
const CODE = /^\d{3}(?:\d{2}){0,2}$/;
/** A name is CJK text (brackets and 、 allowed), not a figure or a 合计 row. */
const NAME = /^[\u4e00-\u9fff][\u4e00-\u9fff（）()、，,：:\-—]*$/;
const TOTALS = new Set(["合计", "小计", "总计"]);
/** A line of a text dump: code, space, name, then the figures. */
const DUMP_LINE = /^(\d{3}(?:\d{2}){0,2})\s+([\u4e00-\u9fff][^\s\d]*)/;

type Seen = Map<string, Map<string, Set<string>>>;

function add(seen: Seen, code: string, label: string | null, where: string): void {
  const name = (label ?? "").replace(/\s+/g, "");
  if (!CODE.test(code) || !NAME.test(name) || TOTALS.has(name) || name.length > 40) return;
  const names = seen.get(code) ?? new Map<string, Set<string>>();
  seen.set(code, names);
  const places = names.get(name) ?? new Set<string>();
  names.set(name, places);
  places.add(where);
}

/** Text PDFs under samples/: every folder but the scans. */
function textSamples(): string[] {
  const root = path.join(REPO_ROOT, "samples");
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".pdf") && !/\.scanned\.pdf$/.test(entry.name)) out.push(full);
    }
  };
  walk(root);
  return out.map((f) => path.relative(root, f)).sort();
}

async function fromSample(seen: Seen, id: string): Promise<void> {
  const doc = await extractDocument(path.join(REPO_ROOT, "samples", id), { ocr: "never" });
  for (const table of doc.tables) {
    for (const row of table.rows) if (row.row_code) add(seen, row.row_code, row.row_label, `${id}#${row.page}`);
  }
}

/**
 * The dumps the synthetic samples were rebuilt from (their key's `seed`), by the dump's document name: a dump and
 * its rebuilt PDF are one document, so a name they both print counts once in the two-document rule.
 */
function rebuiltDumps(): Record<string, string> {
  const dir = path.join(REPO_ROOT, "samples/synthetic");
  const out: Record<string, string> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const key = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { seed?: string; file?: string };
    if (key.seed && key.file) out[documentName(key.seed)] = documentName(key.file);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function fromDump(seen: Seen, file: string): void {
  const id = `seeds/${path.basename(file)}`;
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      const m = DUMP_LINE.exec(line.trim());
      if (m) add(seen, m[1], m[2], `${id}:${i + 1}`);
    });
}

/**
 * A name seen only in the text dumps that begins another name of its code is a wrapped line cut short
 * (30108 机关事业单位基本 / 养老保险缴费): dropped. A PDF's shorter name stays (30307 医疗费 in 2017, 医疗费补助 later).
 */
function dropCutLines(seen: Seen): void {
  for (const names of seen.values()) {
    for (const [name, places] of [...names]) {
      const onlyDumps = [...places].every((p) => p.startsWith("seeds/"));
      if (onlyDumps && [...names.keys()].some((other) => other !== name && other.startsWith(name))) names.delete(name);
    }
  }
}

/** Sorted by code (as text), then name; each place listed once per document (its first page or line). */
function toFile(seen: Seen, sources: string[], sameDocument: Record<string, string>): ClassificationNamesFile {
  const pairs: ClassificationNamesFile["pairs"] = [];
  for (const code of [...seen.keys()].sort()) {
    for (const [name, places] of [...seen.get(code)!.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      pairs.push({ code, name, seen: firstPerDocument([...places]) });
  }
  return {
    note:
      "Generated by `npm run make-vocabulary` (bench/make-vocabulary.ts): the code -> name pairs of the " +
      "政府收支分类科目 as printed in the text samples (sources), each with the samples it was seen in " +
      "(file#page or dump:line). No public, complete national list with a clear source and licence was found " +
      "in the public code corpus searched on 2026-11-30 (strings 2080505, 2010101, 机关事业单位基本养老保险缴费支出, " +
      "行政事业单位养老支出: one hit, a sample data file of a few codes in an application's source, not a list), " +
      "so none is imported. The function classes (类) and economic classes (款) are also listed in " +
      "src/ocr/vocabulary.ts (CLASSIFICATION_NAMES).",
    sources,
    same_document: sameDocument,
    pairs,
  };
}

function firstPerDocument(places: string[]): string[] {
  const byDoc = new Map<string, string>();
  for (const p of places.sort((a, b) => a.localeCompare(b, "en", { numeric: true }))) {
    const doc = p.replace(/[#:]\d+$/, "");
    if (!byDoc.has(doc)) byDoc.set(doc, p);
  }
  return [...byDoc.values()];
}

function parseArgs(argv: string[]): { exclude: string[]; out: string; seeds: string | null } {
  const args = {
    exclude: [] as string[],
    out: path.join(REPO_ROOT, CLASSIFICATION_NAMES_FILE),
    seeds: null as string | null,
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--exclude" && argv[i + 1]) args.exclude.push(argv[++i]);
    else if (argv[i] === "--out" && argv[i + 1]) args.out = path.resolve(argv[++i]);
    else if (argv[i] === "--seeds" && argv[i + 1]) args.seeds = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (use --exclude TEXT, --out FILE, --seeds DIR)`);
  }
  return args;
}

/** The text dumps: --seeds, else shared/seeds beside the checkout (or beside the worktrees' folder). */
function seedsFolder(given: string | null): string | null {
  if (given) return given;
  const near = ["../shared/seeds", "../../shared/seeds"].map((p) => path.resolve(REPO_ROOT, p));
  return near.find((p) => existsSync(p)) ?? null;
}

async function main(): Promise<void> {
  const { exclude, out, seeds: seedsArg } = parseArgs(process.argv.slice(2));
  const kept = (id: string) => !exclude.some((x) => id.includes(x));
  const seen: Seen = new Map();
  const sources: string[] = [];
  for (const id of textSamples().filter(kept)) {
    try {
      await fromSample(seen, id);
      sources.push(`samples/${id}`);
    } catch (err) {
      console.error(`${id}: skipped (${(err as Error).message})`);
    }
  }
  const seeds = seedsFolder(seedsArg);
  const dumps = seeds ? readdirSync(seeds).filter((f) => f.endsWith(".txt")) : [];
  for (const f of dumps.sort().filter((f) => kept(`seeds/${f}`))) {
    fromDump(seen, path.join(seeds!, f));
    sources.push(`seeds/${f}`);
  }
  dropCutLines(seen);
  writeFileSync(out, JSON.stringify(toFile(seen, sources, rebuiltDumps()), null, 1) + "\n");
  const pairs = [...seen.values()].reduce((n, m) => n + m.size, 0);
  console.log(
    `${seen.size} codes, ${pairs} names from ${sources.length} sources: wrote ${path.relative(REPO_ROOT, out)}`,
  );
}

await main().finally(() => shutdown());
