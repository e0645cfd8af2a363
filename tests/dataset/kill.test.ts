import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { documentFacts } from "../../src/output/facts.js";
import { openForWriting } from "../../src/dataset/index.js";
import { extractDocument } from "../../src/pipeline.js";
import { killAfterFirstDocument, readCsv, requireBuild, ROOT, runCli, SMALL_SAMPLES } from "../cli/helpers.js";
import type { Document } from "../../schemas/document.js";

let tmp = "";
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/**
 * Runs write-loop.mjs and SIGKILLs it once it has started its `writes`-th write. With `paused`, that write
 * stops half-way through its transaction and the kill waits for it, so the kill lands inside the transaction
 * however loaded the machine is; without, the kill lands wherever the writer happens to be.
 */
function killDuringWrite(db: string, docs: string[], writes: number, paused: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = paused ? { ...process.env, PAUSE_AT_WRITE: String(writes - 1) } : process.env;
    const script = path.join(ROOT, "tests/dataset/write-loop.mjs");
    const child = spawn(process.execPath, [script, db, ...docs], { stdio: ["ignore", "pipe", "pipe"], env });
    let seen = 0;
    let stderr = "";
    child.stdout.on("data", (data: Buffer) => {
      const text = String(data);
      seen += (text.match(/writing/g) ?? []).length;
      if (paused ? text.includes("inside") : seen >= writes) child.kill("SIGKILL");
    });
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) =>
      signal === "SIGKILL" ? resolve() : reject(new Error(`writer ended (code ${code}): ${stderr}`)),
    );
  });
}

it("a writer killed in the middle of a document leaves a database that opens, is intact and holds only whole documents", async () => {
  requireBuild();
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-dbkill-"));
  // Two real documents, extracted once by the pipeline into document.json files the writer loops over.
  const docs: Document[] = [];
  const files: string[] = [];
  for (const sample of [
    "samples/real/putuo-gov-office-2025-dept-budget.pdf",
    "samples/real/putuo-wanli-street-2025-budget.pdf",
  ]) {
    const doc = await extractDocument(path.join(ROOT, sample), { ocr: "never" });
    const file = path.join(tmp, path.basename(sample) + ".json");
    await writeFile(file, JSON.stringify(doc));
    docs.push(doc);
    files.push(file);
  }
  const expected = new Map(docs.map((d) => [d.source.sha256, documentFacts(d).length]));
  let hotJournals = 0;
  for (let attempt = 0; attempt < 4; attempt++) {
    const db = path.join(tmp, `kill-${attempt}.sqlite`);
    const paused = attempt === 3;
    await killDuringWrite(db, files, 3 + attempt, paused);
    // A journal left behind means the kill hit an open transaction.
    if (paused) expect(existsSync(`${db}-journal`), "the paused write left its journal").toBe(true);
    if (existsSync(`${db}-journal`)) {
      hotJournals++;
      // yujue query on it straight away: it rolls the unfinished write back (no run holds the folder), then reads.
      const query = await runCli(["query", "--db", db, "--json", "PRAGMA integrity_check"]);
      expect(query.code, query.stderr).toBe(0);
      expect(JSON.parse(query.stdout)).toEqual([{ integrity_check: "ok" }]);
    }
    const reopened = openForWriting(db);
    try {
      expect(reopened.all("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
      expect(reopened.all("PRAGMA foreign_key_check")).toEqual([]);
      reopened.run("INSERT INTO search(search) VALUES ('integrity-check')");
      // Each document is all there or not there: never a part.
      for (const row of reopened.all(
        "SELECT d.sha256, count(f.id) AS n FROM documents d LEFT JOIN facts f ON f.document_id = d.id GROUP BY d.id",
      )) {
        expect(row.n, String(row.sha256)).toBe(expected.get(String(row.sha256)));
      }
    } finally {
      reopened.close();
    }
  }
  expect(hotJournals, "no kill landed inside a transaction").toBeGreaterThan(0);
}, 180_000);

it("a run SIGKILLed after its first document leaves a database that opens intact; the rerun completes it", async () => {
  requireBuild();
  if (!tmp) tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-dbkill-"));
  const corpus = path.join(tmp, "corpus");
  const out = path.join(tmp, "out");
  await mkdir(corpus, { recursive: true });
  for (const sample of SMALL_SAMPLES) await copyFile(sample, path.join(corpus, path.basename(sample)));
  const args = ["extract", corpus, "--out", out, "--ocr", "never", "--json", "--concurrency", "1", "--no-review"];
  await killAfterFirstDocument(args);
  const db = path.join(out, "yujue.sqlite");
  const check = await runCli([
    "query",
    "--db",
    db,
    "--json",
    "SELECT (SELECT integrity_check FROM pragma_integrity_check) AS integrity, (SELECT count(*) FROM pragma_foreign_key_check) AS broken, (SELECT count(*) FROM documents) AS documents",
  ]);
  expect(check.code, check.stderr).toBe(0);
  const [state] = JSON.parse(check.stdout);
  expect(state).toMatchObject({ integrity: "ok", broken: 0 });
  expect(state.documents).toBeGreaterThanOrEqual(1);
  expect(state.documents).toBeLessThan(SMALL_SAMPLES.length);

  const rerun = await runCli(args);
  expect(rerun.code, rerun.stderr).toBe(0);
  const counts = await runCli([
    "query",
    "--db",
    db,
    "--json",
    "SELECT (SELECT count(*) FROM documents WHERE status = 'ok') AS documents, (SELECT count(*) FROM facts) AS facts, (SELECT group_concat(status) FROM runs) AS runs",
  ]);
  const csvFacts = (await readCsv(path.join(out, "facts.csv"))).rows.length - 1;
  expect(JSON.parse(counts.stdout)).toEqual([
    { documents: SMALL_SAMPLES.length, facts: csvFacts, runs: "interrupted,finished" },
  ]);
}, 180_000);
