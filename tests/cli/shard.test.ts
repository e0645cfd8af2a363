import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveInputs } from "../../src/cli/inputs.js";
import { parseShard, selectShard, shardOf } from "../../src/cli/shard.js";
import { DATABASE_FILE } from "../../src/dataset/index.js";
import { Manifest } from "../../schemas/output.js";
import { completeFolders } from "../../src/output/run-files.js";
import { withDb } from "../dataset/helpers.js";
import { jsonLines, killAfterFirstDocument, requireBuild, ROOT, runCli, SMALL_SAMPLES } from "./helpers.js";

/** Small samples (text layers, no OCR), an empty file (fails hard) and one PDF again under a second name. */
const CORPUS = [
  ...SMALL_SAMPLES,
  path.join(ROOT, "samples/real/jiangsu-cppcc-office-2017-budget-tables.pdf"),
  path.join(ROOT, "samples/real/jiangsu-procuratorate-2017-dept-budget.pdf"),
];
/** The same bytes as SMALL_SAMPLES[0]; sorts after it, so one run extracts the original and marks this its repeat. */
const COPY = "zz-copy.pdf";
const ORIGINAL = path.basename(SMALL_SAMPLES[0]);

let tmp = "";
let corpus = "";
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-shard-"));
  corpus = path.join(tmp, "corpus");
  await mkdir(corpus);
  for (const file of CORPUS) await copyFile(file, path.join(corpus, path.basename(file)));
  await writeFile(path.join(corpus, "empty.pdf"), "");
  await copyFile(SMALL_SAMPLES[0], path.join(corpus, COPY));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** The arguments of a run over the corpus into `out`, text pages only, one document at a time. */
const runArgs = (out: string, ...more: string[]) => [
  "extract",
  corpus,
  "--out",
  out,
  ...more,
  "--ocr",
  "never",
  "--json",
  "--concurrency",
  "1",
  "--no-review",
];

/** The arguments of shard k of 3. */
const shardArgs = (k: number, out: string) => runArgs(out, "--shard", `${k}/3`);

describe("--shard K/N", () => {
  it("parses K/N and env/N (JOB_COMPLETION_INDEX first, then SLURM_ARRAY_TASK_ID)", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    expect(parseShard("env/4", { JOB_COMPLETION_INDEX: "3" })).toEqual({ index: 3, count: 4 });
    expect(parseShard("env/4", { SLURM_ARRAY_TASK_ID: "1" })).toEqual({ index: 1, count: 4 });
    expect(parseShard("env/4", { JOB_COMPLETION_INDEX: "0", SLURM_ARRAY_TASK_ID: "2" })).toEqual({
      index: 0,
      count: 4,
    });
    expect(() => parseShard("3/3")).toThrow(/from 0 to 2/);
    expect(() => parseShard("env/2", {})).toThrow(/JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID/);
    expect(() => parseShard("1of3")).toThrow(/K\/N/);
    expect(() => parseShard("0/0")).toThrow(/at least 1/);
  });

  it("splits by content: disjoint, covering, independent of order and of the file's name", async () => {
    const { inputs } = await resolveInputs([corpus, "https://example.org/a.pdf", "https://example.org/b.pdf"], tmp);
    const shards = await Promise.all([0, 1, 2].map((index) => selectShard(inputs, { index, count: 3 })));
    const keys = shards.map((s) => s.map((i) => i.key));
    expect(keys.flat().sort()).toEqual(inputs.map((i) => i.key).sort());
    expect(new Set(keys.flat()).size).toBe(inputs.length);
    const reversed = await Promise.all(
      [0, 1, 2].map((index) => selectShard([...inputs].reverse(), { index, count: 3 })),
    );
    expect(reversed.map((s) => s.map((i) => i.key).sort())).toEqual(keys.map((k) => [...k].sort()));
    // The same bytes under two names fall in the same shard (the merge then sees both names in one shard).
    const byName = (name: string) => inputs.find((i) => i.key.endsWith(name))!;
    const original = { kind: "file" as const, key: "elsewhere/renamed.pdf", path: SMALL_SAMPLES[0] };
    expect(await shardOf(original, 3)).toBe(await shardOf(byName(path.basename(SMALL_SAMPLES[0])), 3));
  });

  it("three shard processes at once extract disjoint parts that cover the inputs; a hard failure exits 1", async () => {
    requireBuild();
    const runs = await Promise.all([0, 1, 2].map((k) => runCli(shardArgs(k, path.join(tmp, `shard-${k}`)))));
    const files = runs.map((r) =>
      jsonLines(r.stdout)
        .filter((e) => e.event === "document")
        .map((e) => String(e.file)),
    );
    const expected = [...CORPUS.map((f) => path.basename(f)), "empty.pdf", COPY].map((n) => path.join(corpus, n));
    expect(files.flat().sort()).toEqual(expected.sort());
    runs.forEach((run, k) => {
      const failed = files[k].includes(path.join(corpus, "empty.pdf"));
      expect(run.code, run.stderr).toBe(failed ? 1 : 0);
    });
  }, 300_000);
});

/** Complete document folders of an output folder: folder name -> input. */
async function documentFolders(out: string): Promise<Record<string, string>> {
  return Object.fromEntries(
    (await completeFolders(out)).map(({ folder, marker }) => [path.basename(folder), marker.input]),
  );
}

/** A run-wide CSV's lines (header first, then the rest sorted): byte-equal after sorting. */
async function sortedLines(file: string): Promise<string[]> {
  const [header, ...rest] = (await readFile(file, "utf8")).split("\n");
  return [header, ...rest.filter((l) => l !== "").sort()];
}

/**
 * The database's contents without what names a run (ids, run ids, timestamps, ms). documents.file is left out:
 * one PDF under two names is one document, and which name it shows depends on the order the inputs finished in.
 */
function databaseContents(out: string): Record<string, unknown[]> {
  const runBound =
    /^(id|table_ref|fact_id|indicator_id|check_row|document_id|run_id|extracted_run|status_run|updated_at|ms)$/;
  return withDb(path.join(out, DATABASE_FILE), (db) => {
    const rows = (sql: string) =>
      db
        .all(sql)
        .map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !runBound.test(k))))
        .sort();
    return {
      documents: rows(
        "SELECT sha256, doc_type, fiscal_year, org_name, pages, scanned, ocr_pages, warnings, tool_version, status, error FROM documents",
      ),
      inputs: rows(
        "SELECT i.file, i.output, i.status, i.error, d.sha256 FROM inputs i LEFT JOIN documents d ON d.id = i.document_id",
      ),
      facts: rows("SELECT * FROM facts_flat"),
      checks: rows("SELECT * FROM checks_flat"),
      indicators: rows("SELECT * FROM indicators_flat"),
    };
  });
}

async function expectSameOutput(merged: string, single: string): Promise<void> {
  expect(await documentFolders(merged)).toEqual(await documentFolders(single));
  for (const file of ["facts.csv", "indicators.csv", "checks.csv", "warnings.csv"]) {
    expect(await sortedLines(path.join(merged, file)), file).toEqual(await sortedLines(path.join(single, file)));
  }
  const manifest = async (out: string) =>
    Manifest.parse(JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"))).entries.map((e) => ({
      ...e,
      ms: null,
      status: e.status === "skipped" ? "ok" : e.status,
    }));
  expect(await manifest(merged)).toEqual(await manifest(single));
  expect(databaseContents(merged)).toEqual(databaseContents(single));
}

describe("yujue merge", () => {
  const merge = (shards: string[], out: string) => runCli(["merge", ...shards, "--out", out, "--no-review"]);

  it("merges the three shards into what one run over all inputs writes; merging again changes nothing", async () => {
    requireBuild();
    const single = await runCli(runArgs(path.join(tmp, "single")));
    expect(single.code, single.stderr).toBe(1); // empty.pdf
    const repeat = jsonLines(single.stdout).find((e) => e.event === "document" && e.file === path.join(corpus, COPY));
    expect(repeat?.duplicate_of).toBe(path.join(corpus, ORIGINAL));
    const merged = path.join(tmp, "merged");
    const first = await merge(shardFolders(), merged);
    expect(first.code, first.stderr).toBe(1); // empty.pdf failed in its shard: visible in the exit status too
    expect(first.stderr).toContain("empty.pdf");
    expect(first.stdout).toMatch(new RegExp(`${CORPUS.length} documents \\(${CORPUS.length} copied now\\)`));
    await expectSameOutput(merged, path.join(tmp, "single"));

    const facts = await readFile(path.join(merged, "facts.csv"));
    const again = await merge(shardFolders(), merged);
    expect(again.stdout).toContain("(0 copied now)");
    expect(await readFile(path.join(merged, "facts.csv"))).toEqual(facts);
    await expectSameOutput(merged, path.join(tmp, "single"));
  }, 600_000);

  it("takes a document extracted in two shard folders once, the newer extraction winning", async () => {
    const input = path.join(corpus, path.basename(SMALL_SAMPLES[1]));
    const rerun = path.join(tmp, "rerun");
    const run = await runCli(["extract", input, "--out", rerun, "--ocr", "never", "--no-review"]);
    expect(run.code, run.stderr).toBe(0);
    const newer = (await completeFolders(rerun))[0].marker;
    const out = path.join(tmp, "merged-rerun");
    const merged = await merge([...shardFolders(), rerun], out);
    expect(merged.stdout).toMatch(new RegExp(`${CORPUS.length} documents`));
    const taken = (await completeFolders(out)).filter((f) => f.marker.input === input);
    expect(taken).toHaveLength(1);
    expect(taken[0].marker.finished_at).toBe(newer.finished_at);
    await expectSameOutput(out, path.join(tmp, "single"));
  }, 300_000);

  it("the same bytes under two names extracted in different folders: the merge keeps the first, as one run does", async () => {
    // A run given only the copy extracts it (it has no original there); merged with the shards, whose run
    // marked it duplicate_of the original, it must come out as in the single run: no folder, duplicate_of.
    const lone = path.join(tmp, "lone-copy");
    const run = await runCli(["extract", path.join(corpus, COPY), "--out", lone, "--ocr", "never", "--no-review"]);
    expect(run.code, run.stderr).toBe(0);
    expect(Object.values(await documentFolders(lone))).toEqual([path.join(corpus, COPY)]);
    const out = path.join(tmp, "merged-lone");
    // The lone folder first, then again after the shards: a copy taken by an earlier merge is removed.
    expect((await merge([lone], out)).code).toBe(0);
    expect(Object.values(await documentFolders(out))).toEqual([path.join(corpus, COPY)]);
    await merge([...shardFolders(), lone], out);
    await expectSameOutput(out, path.join(tmp, "single"));
    // No manifest marks the repeat: the original and the copy extracted in two folders, resolved by content.
    const loneOriginal = path.join(tmp, "lone-original");
    expect(
      (await runCli(["extract", path.join(corpus, ORIGINAL), "--out", loneOriginal, "--ocr", "never", "--no-review"]))
        .code,
    ).toBe(0);
    const byContent = path.join(tmp, "merged-by-content");
    expect((await merge([lone, loneOriginal], byContent)).code).toBe(0);
    const manifest = Manifest.parse(JSON.parse(await readFile(path.join(byContent, "manifest.json"), "utf8")));
    const entry = manifest.entries.find((e) => e.file === path.join(corpus, COPY))!;
    expect([entry.status, entry.duplicate_of]).toEqual(["skipped", path.join(corpus, ORIGINAL)]);
    expect(Object.values(await documentFolders(byContent))).toEqual([path.join(corpus, ORIGINAL)]);
  }, 300_000);

  it("the merged review reuses the shards' page images: it needs no source PDF", async () => {
    const input = path.join(tmp, "reviewed-input");
    await mkdir(input);
    const pdf = path.join(input, path.basename(SMALL_SAMPLES[2]));
    await copyFile(SMALL_SAMPLES[2], pdf);
    const shard = path.join(tmp, "reviewed-shard");
    const run = await runCli(["extract", input, "--out", shard, "--shard", "0/1", "--ocr", "never"]);
    expect(run.code, run.stderr).toBe(0);
    const images = (await readdir(path.join(shard, "review", "pages"))).filter((f) => f.endsWith(".png")).sort();
    expect(images.length).toBeGreaterThan(0);
    await rm(pdf); // the merge cannot draw a page again
    const out = path.join(tmp, "merged-reviewed");
    const merged = await runCli(["merge", shard, "--out", out]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).not.toMatch(/source PDF not found|cannot render/);
    expect((await readdir(path.join(out, "review", "pages"))).sort()).toEqual(images);
    const html = await readFile(path.join(out, "review", `${path.basename(pdf, ".pdf")}.html`), "utf8");
    expect(new Set([...html.matchAll(/<img src="pages\/([^"]+)"/g)].map((m) => m[1]))).toEqual(new Set(images));
  }, 300_000);

  it("the same report under two names in two shards: one canonical, the other duplicate_of it, as one run marks it", async () => {
    // Two different files of one report (the same organisation, year and type): the original and a re-published copy,
    // made different by a comment after %%EOF, chosen to fall in the other shard of two.
    const dir = path.join(tmp, "same-report");
    await mkdir(dir);
    const original = path.join(dir, path.basename(SMALL_SAMPLES[0]));
    const republished = original.replace(/\.pdf$/, ".republished.pdf");
    await copyFile(SMALL_SAMPLES[0], original);
    const bytes = await readFile(original);
    const shardOfFile = (file: string) => shardOf({ kind: "file", key: file, path: file }, 2);
    for (let i = 0; ; i++) {
      await writeFile(republished, Buffer.concat([bytes, Buffer.from(`\n% republished ${i}\n`)]));
      if ((await shardOfFile(republished)) !== (await shardOfFile(original))) break;
    }
    const extract = (out: string, more: string[] = []) =>
      runCli(["extract", dir, "--out", out, "--ocr", "never", "--no-review", "--concurrency", "1", ...more]);
    const single = path.join(tmp, "same-report-single");
    expect((await extract(single)).code).toBe(0);
    const shards = [0, 1].map((k) => path.join(tmp, `same-report-shard-${k}`));
    for (const [k, out] of shards.entries()) expect((await extract(out, ["--shard", `${k}/2`])).code).toBe(0);
    // Each shard saw one of the two: neither could mark the other.
    for (const out of shards) expect(Object.keys(await documentFolders(out))).toHaveLength(1);
    const merged = path.join(tmp, "same-report-merged");
    expect((await merge(shards, merged)).code).toBe(0);
    const entries = Manifest.parse(JSON.parse(await readFile(path.join(merged, "manifest.json"), "utf8"))).entries;
    const duplicateOf = Object.fromEntries(entries.map((e) => [path.basename(e.file), e.duplicate_of]));
    expect(duplicateOf).toEqual({ [path.basename(original)]: null, [path.basename(republished)]: original });
    // Both are extracted (different bytes), each in its own folder, as in the one run.
    expect(Object.values(await documentFolders(merged)).sort()).toEqual([original, republished]);
    await expectSameOutput(merged, single);
  }, 300_000);

  it("a rerun that failed does not displace an earlier successful extraction of the same input", async () => {
    const dir = path.join(tmp, "failed-rerun");
    await mkdir(dir);
    const input = path.join(dir, path.basename(SMALL_SAMPLES[2]));
    await copyFile(SMALL_SAMPLES[2], input);
    const extract = (out: string) => runCli(["extract", input, "--out", out, "--ocr", "never", "--no-review"]);
    const earlier = path.join(tmp, "failed-rerun-ok");
    expect((await extract(earlier)).code).toBe(0);
    await writeFile(input, "not a pdf\n"); // the input went bad: the newer run fails hard
    const later = path.join(tmp, "failed-rerun-failed");
    expect((await extract(later)).code).toBe(1);
    for (const order of [
      [earlier, later],
      [later, earlier],
    ]) {
      const out = path.join(tmp, `failed-rerun-merged-${order[0] === earlier ? "a" : "b"}`);
      const merged = await merge(order, out);
      expect(merged.code, merged.stderr).toBe(0);
      const entries = Manifest.parse(JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"))).entries;
      expect(entries.map((e) => [e.file, e.status, e.error])).toEqual([[input, "ok", null]]);
      expect(Object.values(await documentFolders(out))).toEqual([input]);
      expect(await sortedLines(path.join(out, "facts.csv"))).toEqual(
        await sortedLines(path.join(earlier, "facts.csv")),
      );
    }
  }, 300_000);

  it("a shard killed mid-run and rerun redoes only what is incomplete and merges to the same result", async () => {
    const counts = await Promise.all(shardFolders().map(async (dir) => Object.keys(await documentFolders(dir)).length));
    const k = counts.indexOf(Math.max(...counts));
    expect(counts[k]).toBeGreaterThanOrEqual(2);
    const killed = path.join(tmp, `killed-${k}`);
    await killAfterFirstDocument(shardArgs(k, killed));
    const before = new Set(Object.values(await documentFolders(killed)));
    expect(before.size).toBeGreaterThanOrEqual(1);
    expect(before.size).toBeLessThan(counts[k]);
    const rerun = await runCli(shardArgs(k, killed));
    const docs = jsonLines(rerun.stdout).filter((e) => e.event === "document");
    for (const doc of docs) {
      const expected =
        before.has(doc.file) || doc.duplicate_of ? "skipped" : doc.file.endsWith("empty.pdf") ? "failed" : "ok";
      expect(doc.status, doc.file).toBe(expected);
    }
    const folders = shardFolders().map((dir, i) => (i === k ? killed : dir));
    const out = path.join(tmp, "merged-killed");
    await merge(folders, out);
    await expectSameOutput(out, path.join(tmp, "single"));
  }, 300_000);
});

function shardFolders(): string[] {
  return [0, 1, 2].map((k) => path.join(tmp, `shard-${k}`));
}
