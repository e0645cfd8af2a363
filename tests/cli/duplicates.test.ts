/** The same content twice is extracted once; two files of the same report are both extracted and reported. */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { Manifest } from "../../schemas/output.js";
import { jsonLines, readCsv, requireBuild, ROOT, runCli } from "./helpers.js";

let tmp = "";
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

it("reports duplicates by content and by organisation, year and document type", async () => {
  requireBuild();
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-dup-"));
  const hrss = path.join(ROOT, "samples/synthetic/wuhan-hrss-info-center-2023-final-account.pdf");
  await mkdir(path.join(tmp, "a"));
  await mkdir(path.join(tmp, "b"));
  await copyFile(hrss, path.join(tmp, "a", "hrss.pdf"));
  await copyFile(hrss, path.join(tmp, "b", "hrss-copy.pdf"));
  // The same final account printed with other fonts: other bytes, the same report.
  await copyFile(
    path.join(ROOT, "samples/synthetic/wuhan-hrss-info-center-2023-final-account.radicals.pdf"),
    path.join(tmp, "b", "radicals.pdf"),
  );
  await copyFile(
    path.join(ROOT, "samples/real/putuo-gov-office-2025-dept-budget.pdf"),
    path.join(tmp, "a", "putuo.pdf"),
  );

  const run = await runCli(
    [
      "extract",
      "a/hrss.pdf",
      "b/hrss-copy.pdf",
      "b/radicals.pdf",
      "a/putuo.pdf",
      "--out",
      "out",
      "--ocr",
      "never",
      "--json",
      "--no-review",
      "--concurrency",
      "2",
    ],
    { cwd: tmp },
  );
  expect(run.code, run.stderr).toBe(0);
  const out = path.join(tmp, "out");
  const events = jsonLines(run.stdout);
  const summary = events.at(-1);
  expect(summary.duplicates).toEqual([
    { file: "b/hrss-copy.pdf", duplicate_of: "a/hrss.pdf", reason: "same content" },
    { file: "b/radicals.pdf", duplicate_of: "a/hrss.pdf", reason: "same organisation, year and document type" },
  ]);
  const manifest = Manifest.parse(JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")));
  const entry = (file: string) => manifest.entries.find((e) => e.file === file)!;
  expect(entry("b/hrss-copy.pdf")).toMatchObject({
    status: "skipped",
    duplicate_of: "a/hrss.pdf",
    sha256: entry("a/hrss.pdf").sha256,
  });
  expect(entry("b/radicals.pdf")).toMatchObject({ status: "ok", duplicate_of: "a/hrss.pdf" });
  expect(entry("a/putuo.pdf").duplicate_of).toBeNull();

  // Extracted once: no folder for the copy, and the run-wide facts hold the first's facts once.
  expect((await readdir(out)).filter((n) => n.startsWith("hrss"))).toEqual(["hrss"]);
  const facts = await readCsv(path.join(out, "facts.csv"));
  expect(facts.rows.length - 1).toBe(
    entry("a/hrss.pdf").facts! + entry("b/radicals.pdf").facts! + entry("a/putuo.pdf").facts!,
  );
  expect(summary.facts).toBe(facts.rows.length - 1);

  // The two files really are one report: read from each document's own metadata.
  const meta = async (folder: string) => {
    const doc = JSON.parse(await readFile(path.join(out, folder, "document.json"), "utf8"));
    return [doc.org_name, doc.fiscal_year, doc.doc_type];
  };
  expect(await meta("radicals")).toEqual(await meta("hrss"));
  expect((await meta("hrss"))[1]).toBe(2023);
  expect(await meta("putuo")).not.toEqual(await meta("hrss"));

  const text = await runCli(["extract", "a", "b", "--out", "out", "--ocr", "never", "--no-review"], { cwd: tmp });
  expect(text.stdout).toContain("b/hrss-copy.pdf: 12 tables, ");
  expect(text.stdout).toMatch(
    /; duplicates: b\/hrss-copy\.pdf repeats a\/hrss\.pdf \(same content\), b\/radicals\.pdf repeats a\/hrss\.pdf \(same organisation, year and document type\)\n/,
  );
}, 120_000);
