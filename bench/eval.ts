/**
 * `npm run eval`: extracts every sample that has an answer key, scores it
 * (bench/compare.ts), prints a table per document and a total, writes
 * bench/eval.json and exits 1 when a figure drops below bench/floors.json.
 *
 *   node dist/bench/eval.js [--scanned] [--missed N] [--only TEXT] [--write-floors] [--mutate NAME]
 *
 * --scanned      also extract the scanned copies (slow: OCR) and report their
 *                parity with the text original's extraction
 * --missed N     list the first N missed key cells per document (default 10)
 * --only TEXT    only samples whose path contains TEXT
 * --write-floors set bench/floors.json to the figures of this run
 * --mutate NAME  spoil every extraction on purpose before scoring (bench/eval-mutations.ts:
 *                prefix-columns, round-yuan, next-page, drop-label-char, last-digit); the run
 *                must fail and name the cells: a test of the gauge. Writes nothing.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { runCheckCounts } from "./check-counts.js";
import { type Floors, checkFloors, floorsFrom, mergeFloors, sameSet } from "./eval-floors.js";
import { MUTATIONS } from "./eval-mutations.js";
import { formatSummary } from "./eval-report.js";
import { type PerfScore, checkPerfFloors, evaluatePerformance, perfFloorsFrom } from "./eval-performance.js";
import { type Extract, defaultExtract, runEval } from "./eval-run.js";
import { REPO_ROOT, findSamples, findScannedSamples } from "./eval-samples.js";

interface Args {
  scanned: boolean;
  missed: number;
  only: string | null;
  writeFloors: boolean;
  mutate: string | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { scanned: false, missed: 10, only: null, writeFloors: false, mutate: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--scanned") args.scanned = true;
    else if (a === "--write-floors") args.writeFloors = true;
    else if (a === "--missed") args.missed = Number(argv[++i]);
    else if (a === "--only") args.only = argv[++i] ?? "";
    else if (a === "--mutate") args.mutate = argv[++i] ?? "";
    else
      throw new Error(`unknown argument ${a} (use --scanned, --missed N, --only TEXT, --write-floors, --mutate NAME)`);
  }
  if (args.mutate !== null && !(args.mutate in MUTATIONS)) {
    throw new Error(`unknown mutation ${JSON.stringify(args.mutate)} (use ${Object.keys(MUTATIONS).join(", ")})`);
  }
  if (args.mutate !== null && args.writeFloors) throw new Error("--mutate writes nothing: drop --write-floors");
  if (!Number.isInteger(args.missed) || args.missed < 0) throw new Error("--missed takes a whole number");
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const keep = (s: { id: string }) => args.only === null || s.id.includes(args.only);
  const samples = findSamples().filter(keep);
  const scanned = args.scanned ? findScannedSamples().filter(keep) : [];
  const command = ["npm run eval --", ...process.argv.slice(2)].join(" ").replace(/ --$/, "");
  console.log(
    `eval: ${samples.length} text samples` +
      (args.scanned ? `, ${scanned.length} scanned` : " (scanned copies: --scanned)"),
  );
  const mutate = args.mutate === null ? undefined : MUTATIONS[args.mutate];
  if (args.mutate) console.log(`every extraction spoilt on purpose (--mutate ${args.mutate}): this run must fail`);
  // Documents with performance goldens are extracted once: kept from the facts eval for the performance eval.
  const kept = new Map<string, Awaited<ReturnType<Extract>>>();
  const extract: Extract = async (pdf, ocr, ocrSettings) => {
    const doc = await defaultExtract(pdf, ocr, ocrSettings);
    if (ocr === "never") kept.set(path.resolve(pdf), doc);
    return doc;
  };
  const results = await runEval({
    samples,
    scanned,
    extract,
    missedLimit: args.missed,
    command,
    filter: args.only,
    log: console.log,
    mutate,
  });
  console.log(formatSummary(results));
  // Performance tables against samples/golden/performance (bench/eval-performance.ts); not under --mutate.
  const perf: PerfScore[] = mutate
    ? []
    : await evaluatePerformance(REPO_ROOT, args.only, kept, defaultExtract, args.missed, console.log);
  kept.clear();
  if (!mutate)
    writeFileSync(
      path.join(REPO_ROOT, "bench/eval.json"),
      JSON.stringify({ ...results, performance: perf }, null, 1) + "\n",
    );
  const floorsFile = path.join(REPO_ROOT, "bench/floors.json");
  const previous: Floors = existsSync(floorsFile) ? JSON.parse(readFileSync(floorsFile, "utf8")) : { documents: {} };
  if (args.writeFloors) {
    const note =
      `Set by \`${command}\` on ${results.generated_at.slice(0, 10)}: ` +
      "the figures the code met then, rounded down.";
    const merged = mergeFloors(previous, floorsFrom(results, note), args.only !== null);
    merged.performance = { ...previous.performance, ...perfFloorsFrom(perf) };
    writeFileSync(floorsFile, JSON.stringify(merged, null, 1) + "\n");
    console.log(`\nwrote ${path.relative(process.cwd(), floorsFile)}`);
  }
  const floors: Floors = existsSync(floorsFile) ? JSON.parse(readFileSync(floorsFile, "utf8")) : { documents: {} };
  const unfloored = results.documents.filter((d) => !floors.documents[d.id]).map((d) => d.id);
  if (unfloored.length) console.log(`\nno floor yet (not checked): ${unfloored.join(", ")}`);
  if (floors.total && !sameSet(floors.total.documents ?? [], results.total.documents)) {
    console.log("total floor not checked: it was set on another set of documents (re-run with --write-floors)");
  }
  // Check verdicts per document (pass / fail / skipped) against bench/check-floors.json (bench/check-counts.ts).
  const checkProblems = mutate ? [] : await runCheckCounts(args.only, args.writeFloors);
  const failures = [
    ...checkFloors(results, floors),
    ...checkPerfFloors(perf, floors.performance ?? {}, args.only),
    ...checkProblems,
  ];
  if (failures.length === 0) {
    console.log(`\nall figures at or above bench/floors.json${mutate ? "" : "; wrote bench/eval.json"}`);
    return 0;
  }
  console.log(`\nBELOW FLOOR (${failures.length}):`);
  for (const f of failures) console.log("  " + f);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`eval: ${(err as Error).message}`);
      process.exit(2);
    },
  );
}
