/** Outcomes that say what they mean: manifest counts and outcome, run-wide checks.csv and warnings.csv, --strict. */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Manifest } from "../../schemas/output.js";
import { documentCsv, runColumns } from "../../src/output/files.js";
import { RUN_WARNING_COLUMNS } from "../../src/output/run-files.js";
import { readCsv, requireBuild, ROOT, runCli } from "./helpers.js";
import { textPdf } from "./pdf-fixtures.js";

let tmp = "";
// A final account all of whose checks pass.
const CLEAN = "samples/synthetic/wuhan-qingshan-social-insurance-2023-final-account.pdf";
const WITH_FAILED_CHECKS = "samples/synthetic/wuhan-hrss-info-center-2023-final-account.pdf";

beforeAll(async () => {
  requireBuild();
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-outcomes-"));
  await mkdir(path.join(tmp, "in"));
  await copyFile(path.join(ROOT, CLEAN), path.join(tmp, "in", "clean.pdf"));
  await copyFile(path.join(ROOT, WITH_FAILED_CHECKS), path.join(tmp, "in", "hrss.pdf"));
  await writeFile(
    path.join(tmp, "in", "minutes.pdf"),
    textPdf(["Minutes of the annual staff meeting: nothing tabular is printed here"]),
  );
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** pass/fail/skipped counted from a document's own checks.csv. */
async function statusCounts(file: string): Promise<Record<string, number>> {
  const { rows } = await readCsv(file);
  const status = rows[0].indexOf("status");
  const counts: Record<string, number> = { pass: 0, fail: 0, skipped: 0 };
  for (const row of rows.slice(1)) counts[row[status]]++;
  return counts;
}

it("the manifest gives counts and an outcome; checks.csv and warnings.csv cover the run; --strict fails on them", async () => {
  const args = ["extract", "in", "--out", "out", "--ocr", "never"];
  const run = await runCli(args, { cwd: tmp });
  // Default exit codes are unchanged: no document failed.
  expect(run.code, run.stderr).toBe(0);
  const out = path.join(tmp, "out");
  const manifest = Manifest.parse(JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")));
  const entry = (name: string) => manifest.entries.find((e) => e.file === `in/${name}`)!;
  const hrssCounts = await statusCounts(path.join(out, "hrss", "checks.csv"));
  expect(hrssCounts.fail).toBeGreaterThan(0);
  expect(entry("hrss.pdf")).toMatchObject({
    status: "ok",
    outcome: "ok_with_warnings",
    checks: hrssCounts,
    warnings: [],
  });
  expect(entry("clean.pdf")).toMatchObject({
    outcome: "ok",
    checks: await statusCounts(path.join(out, "clean", "checks.csv")),
  });
  expect(entry("minutes.pdf")).toMatchObject({
    outcome: "no_tables",
    tables: 0,
    facts: 0,
    warnings: ["no standard table found"],
    checks: { pass: 0, fail: 0, skipped: 0 },
  });
  for (const e of manifest.entries)
    expect(e.tables, e.file).toBe(
      JSON.parse(await readFile(path.join(out, e.file.slice(3, -4), "document.json"), "utf8")).tables.length,
    );

  // The summary names what to look at.
  const summary = run.stdout.split("\n").find((l) => /^\d+ documents?: /.test(l))!;
  expect(summary).toMatch(
    new RegExp(`; to review: in/hrss\\.pdf \\(${hrssCounts.fail} failed checks\\), in/minutes\\.pdf \\(no tables\\)$`),
  );

  // Run-wide checks.csv: every document's checks, with the document named.
  const checks = await readCsv(path.join(out, "checks.csv"));
  expect(checks.bom).toBe(true);
  expect(checks.rows[0]).toEqual([...runColumns(documentCsv("checks.csv"))]);
  const perDocument = await Promise.all(
    ["clean", "hrss", "minutes"].map(async (f) => (await readCsv(path.join(out, f, "checks.csv"))).rows.slice(1)),
  );
  expect(checks.rows.length - 1).toBe(perDocument.reduce((n, rows) => n + rows.length, 0));
  const hrssRows = checks.rows.filter((r) => r[0] === "in/hrss.pdf");
  expect(hrssRows.map((r) => r.slice(2))).toEqual(perDocument[1]);
  expect(hrssRows[0][1]).toBe(entry("hrss.pdf").sha256);

  const warnings = await readCsv(path.join(out, "warnings.csv"));
  expect(warnings.rows).toEqual([
    [...RUN_WARNING_COLUMNS],
    ["in/minutes.pdf", entry("minutes.pdf").sha256!, "no standard table found"],
  ]);

  // --strict: failed checks or no tables make the exit code 1 (documents skipped as unchanged count too).
  expect((await runCli([...args, "--strict"], { cwd: tmp })).code).toBe(1);
  expect((await runCli(["extract", "in/minutes.pdf", "--out", "out", "--strict"], { cwd: tmp })).code).toBe(1);
  expect(
    (await runCli(["extract", "in/clean.pdf", "--out", "out", "--ocr", "never", "--strict"], { cwd: tmp })).code,
  ).toBe(0);
}, 120_000);
