/**
 * Check verdicts per sample document (issue 12), run by `npm run eval` (so by `npm test`) and on its own:
 *
 *   node dist/bench/check-counts.js [--only TEXT] [--write-floors]
 *
 * Extracts every text PDF under samples/real, samples/synthetic and samples/regions (no OCR), prints its
 * checks as pass / fail (error + warning) / skipped, and exits 1 when a document passes fewer checks, or fails
 * more with error severity, than bench/check-floors.json allows. A failed check must be the document's own
 * inconsistency (each is named in tests/checks), so the floor on errors is a ceiling that only goes down.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Check, Document } from "../schemas/document.js";
import { REPO_ROOT } from "./eval-samples.js";

export interface CheckCountRow {
  id: string;
  pass: number;
  fail: number;
  error: number;
  warning: number;
  skipped: number;
}

export interface CheckFloor {
  /** At least this many checks pass. */
  pass_min: number;
  /** At most this many fail with error severity. */
  error_max: number;
  /** At most this many fail in all (errors and rounding-level warnings). */
  fail_max: number;
}

export const CHECK_SAMPLE_DIRS = ["real", "synthetic", "regions"];

/** The text PDFs the counts cover: every PDF in those folders except scanned copies. */
export function checkSamples(root = REPO_ROOT): string[] {
  return CHECK_SAMPLE_DIRS.flatMap((dir) => {
    const full = path.join(root, "samples", dir);
    if (!existsSync(full)) return [];
    return readdirSync(full)
      .filter((f) => f.endsWith(".pdf") && !f.includes(".scanned."))
      .sort()
      .map((f) => `${dir}/${f}`);
  });
}

/** One document's checks by verdict. */
export function countChecks(id: string, checks: Check[]): CheckCountRow {
  const fails = checks.filter((c) => c.status === "fail");
  return {
    id,
    pass: checks.filter((c) => c.status === "pass").length,
    fail: fails.length,
    error: fails.filter((c) => c.severity === "error").length,
    warning: fails.filter((c) => c.severity !== "error").length,
    skipped: checks.filter((c) => c.status === "skipped").length,
  };
}

/** What falls short of the floors: fewer passes, more errors or failures than allowed. */
export function checkCountFloors(rows: CheckCountRow[], floors: Record<string, CheckFloor>): string[] {
  const problems: string[] = [];
  for (const row of rows) {
    const floor = floors[row.id];
    if (!floor) continue;
    if (row.pass < floor.pass_min) problems.push(`${row.id}: ${row.pass} checks pass, floor ${floor.pass_min}`);
    if (row.error > floor.error_max)
      problems.push(`${row.id}: ${row.error} checks fail with error severity, at most ${floor.error_max}`);
    if (row.fail > floor.fail_max) problems.push(`${row.id}: ${row.fail} checks fail, at most ${floor.fail_max}`);
  }
  return problems;
}

export function formatCheckCounts(rows: CheckCountRow[]): string {
  const width = Math.max(8, ...rows.map((r) => r.id.length));
  const line = (cells: (string | number)[]) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(width) : String(c).padStart(8))).join(" ");
  return [
    line(["document", "pass", "fail", "error", "warning", "skipped"]),
    ...rows.map((r) => line([r.id, r.pass, r.fail, r.error, r.warning, r.skipped])),
  ].join("\n");
}

/**
 * Extracts the samples, prints their check counts and returns what falls short of bench/check-floors.json.
 * `write` sets the floors to this run's counts first.
 */
export async function runCheckCounts(
  only: string | null,
  write: boolean,
  log: (s: string) => void = console.log,
): Promise<string[]> {
  const { extractDocument } = await import("../src/pipeline.js");
  const rows: CheckCountRow[] = [];
  for (const id of checkSamples().filter((s) => only === null || s.includes(only))) {
    const doc: Document = await extractDocument(path.join(REPO_ROOT, "samples", id), { ocr: "never" });
    rows.push(countChecks(id, doc.checks));
  }
  log(`\nchecks per document (pass / fail = error + warning / skipped):\n${formatCheckCounts(rows)}`);
  const file = path.join(REPO_ROOT, "bench/check-floors.json");
  const floors: Record<string, CheckFloor> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).documents : {};
  if (write) {
    for (const r of rows) floors[r.id] = { pass_min: r.pass, error_max: r.error, fail_max: r.fail };
    const note =
      "Set by `node dist/bench/check-counts.js --write-floors` (or npm run eval -- --write-floors): " +
      "passes at least, errors and failures at most.";
    writeFileSync(file, JSON.stringify({ note, documents: floors }, null, 1) + "\n");
  }
  const unfloored = rows.filter((r) => !floors[r.id]).map((r) => r.id);
  if (unfloored.length) log(`no check floor yet: ${unfloored.join(", ")}`);
  return checkCountFloors(rows, floors);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const only = argv.includes("--only") ? (argv[argv.indexOf("--only") + 1] ?? "") : null;
  const problems = await runCheckCounts(only, argv.includes("--write-floors"));
  if (problems.length === 0) {
    console.log("check counts within bench/check-floors.json");
    return 0;
  }
  console.log(`CHECKS BELOW FLOOR (${problems.length}):`);
  for (const p of problems) console.log("  " + p);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`check-counts: ${(err as Error).message}`);
      process.exit(2);
    },
  );
}
