import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveInputs } from "../../src/cli/inputs.js";
import { parseShard, selectShard, shardOf } from "../../src/cli/shard.js";
import { jsonLines, requireBuild, ROOT, runCli, SMALL_SAMPLES } from "./helpers.js";

/** Small samples (text layers, no OCR), an empty file (fails hard) and a second name for one sample. */
const CORPUS = [
  ...SMALL_SAMPLES,
  path.join(ROOT, "samples/real/jiangsu-cppcc-office-2017-budget-tables.pdf"),
  path.join(ROOT, "samples/real/jiangsu-procuratorate-2017-dept-budget.pdf"),
];

let tmp = "";
let corpus = "";
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-shard-"));
  corpus = path.join(tmp, "corpus");
  await mkdir(corpus);
  for (const file of CORPUS) await copyFile(file, path.join(corpus, path.basename(file)));
  await copyFile(SMALL_SAMPLES[0], path.join(corpus, "copy-of-gov-office.pdf"));
  await writeFile(path.join(corpus, "empty.pdf"), "");
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("--shard K/N", () => {
  it("parses K/N and env/N (JOB_COMPLETION_INDEX first, then SLURM_ARRAY_TASK_ID)", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    expect(parseShard("env/4", { JOB_COMPLETION_INDEX: "3" })).toEqual({ index: 3, count: 4 });
    expect(parseShard("env/4", { SLURM_ARRAY_TASK_ID: "1" })).toEqual({ index: 1, count: 4 });
    expect(parseShard("env/4", { JOB_COMPLETION_INDEX: "0", SLURM_ARRAY_TASK_ID: "2" })).toEqual({ index: 0, count: 4 });
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
    const reversed = await Promise.all([0, 1, 2].map((index) => selectShard([...inputs].reverse(), { index, count: 3 })));
    expect(reversed.map((s) => s.map((i) => i.key).sort())).toEqual(keys.map((k) => [...k].sort()));
    // The same bytes under two names fall in the same shard (the merge then sees both names in one shard).
    const byName = (name: string) => inputs.find((i) => i.key.endsWith(name))!;
    expect(await shardOf(byName("copy-of-gov-office.pdf"), 3)).toBe(await shardOf(byName(path.basename(SMALL_SAMPLES[0])), 3));
  });

  it("three shard processes at once extract disjoint parts that cover the inputs; a hard failure exits 1", async () => {
    requireBuild();
    const runs = await Promise.all([0, 1, 2].map((k) =>
      runCli(["extract", corpus, "--out", path.join(tmp, `shard-${k}`), "--shard", `${k}/3`, "--ocr", "never",
        "--json", "--concurrency", "1", "--no-review"])));
    const files = runs.map((r) => jsonLines(r.stdout).filter((e) => e.event === "document").map((e) => String(e.file)));
    const expected = [...CORPUS.map((f) => path.basename(f)), "copy-of-gov-office.pdf", "empty.pdf"].map((n) => path.join(corpus, n));
    expect(files.flat().sort()).toEqual(expected.sort());
    runs.forEach((run, k) => {
      const failed = files[k].includes(path.join(corpus, "empty.pdf"));
      expect(run.code, run.stderr).toBe(failed ? 1 : 0);
    });
  }, 300_000);
});
