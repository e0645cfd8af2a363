import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { readCompleteMarker } from "../../src/output/marker.js";
import { Manifest } from "../../schemas/output.js";
import {
  allFiles,
  jsonLines,
  killAfterFirstDocument,
  readCsv,
  requireBuild,
  runCli,
  SMALL_SAMPLES,
} from "./helpers.js";

let tmp = "";
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function completeInputs(out: string): Promise<Set<string>> {
  const done = new Set<string>();
  for (const name of await readdir(out)) {
    const marker = await readCompleteMarker(path.join(out, name));
    if (marker) done.add(marker.input);
  }
  return done;
}

it("after a SIGKILL mid-run, a rerun completes the outputs without redoing finished documents", async () => {
  requireBuild();
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-kill-"));
  const corpus = path.join(tmp, "corpus");
  const out = path.join(tmp, "out");
  await mkdir(corpus);
  const count = 5;
  // Each copy gets a distinct trailing comment (PDF readers ignore bytes after %%EOF): the same content
  // twice would be extracted once.
  for (let i = 1; i <= count; i++) {
    await writeFile(
      path.join(corpus, `doc-${i}.pdf`),
      Buffer.concat([await readFile(SMALL_SAMPLES[i % 2]), Buffer.from(`\n% copy ${i}\n`)]),
    );
  }
  const args = ["extract", corpus, "--out", out, "--ocr", "never", "--json", "--concurrency", "1"];

  await killAfterFirstDocument(args);
  // Whatever moment the kill hit, the manifest is valid JSON of the right shape.
  const killed = Manifest.parse(JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")));
  const completeBefore = await completeInputs(out);
  expect(completeBefore.size).toBeGreaterThanOrEqual(1);
  expect(completeBefore.size).toBeLessThan(count);
  for (const e of killed.entries) expect(completeBefore.has(e.file), e.file).toBe(e.status === "ok");

  const rerun = await runCli(args);
  expect(rerun.code, rerun.stderr).toBe(0);
  const docs = jsonLines(rerun.stdout).filter((e) => e.event === "document");
  expect(docs).toHaveLength(count);
  for (const doc of docs) {
    // Skipped exactly when its outputs were complete before the rerun: nothing done twice, nothing lost.
    expect(doc.status, doc.file).toBe(completeBefore.has(doc.file) ? "skipped" : "ok");
  }
  expect(await completeInputs(out)).toHaveLength(count);

  const names = (await allFiles(out)).map((f) => path.basename(f));
  expect(names.filter((n) => n.endsWith(".tmp") || n === ".yujue.lock")).toEqual([]);
  const manifest = Manifest.parse(JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")));
  expect(manifest.entries).toHaveLength(count);
  const runFacts = await readCsv(path.join(out, "facts.csv"));
  expect(runFacts.rows.length - 1).toBe(manifest.entries.reduce((sum, e) => sum + (e.facts ?? 0), 0));
}, 180_000);
