/**
 * Shard overhead (issue 16): one batch of N distinct documents run once, and as S shards run one after another
 * into S folders (what S machines would do, on one), then `yujue merge` of the shard folders. Each run is a
 * `yujue extract` process, as on a cluster: a shard pays its own process start, module loading and worker
 * processes, which an in-process run would hide. CPU is the whole process tree's (the CLI and its workers).
 * The documents are the text samples cycled, each copy made distinct by a comment after its %%EOF (the same
 * bytes would be one document, and would all fall in one shard). Called by bench/bench.ts; also runnable alone:
 *   node dist/bench/shards.js [--documents 100] [--shards 4] [--concurrency 2] [--cli dist/src/cli/main.js]
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { copySamples, defaultSamples } from "./batch.js";
import { round, timed } from "./measure.js";
import { REPO_ROOT } from "./eval-samples.js";

export interface ShardBench {
  documents: number;
  shards: number;
  concurrency: number;
  single_s: number;
  /** The S shard runs, one after another. */
  shards_s: number;
  /** Each shard's documents: how even the split by sha256 came out. */
  per_shard: number[];
  /** (shards_s - single_s) / single_s. */
  overhead: number;
  /** The same in CPU seconds (steadier on a shared machine; null without /proc). */
  overhead_cpu: number | null;
  single_cpu_s: number | null;
  shards_cpu_s: number | null;
  /** (shards_cpu_s - single_cpu_s) / (shards - 1): what each shard beyond the first costs. */
  cpu_s_per_extra_shard: number | null;
  /** Documents per shard from which that fixed cost is under 5% of the shard's own work (at this CPU per document). */
  shard_documents_for_5_percent: number | null;
  merge_s: number;
  /** merge_s / single_s. */
  merge_share: number;
  load_at_start: number;
}

export interface ShardBenchOptions {
  samples?: string[];
  documents?: number;
  shards?: number;
  concurrency?: number;
  /** The yujue CLI to run (another build, to compare two versions). Default: this repository's. */
  cli?: string;
}

export async function benchShards(options: ShardBenchOptions = {}): Promise<ShardBench> {
  const samples = options.samples ?? (await defaultSamples());
  const documents = options.documents ?? 100;
  const shards = options.shards ?? 4;
  const concurrency = options.concurrency ?? 2;
  const cli = options.cli ?? path.join(REPO_ROOT, "dist/src/cli/main.js");
  const tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-bench-shards-"));
  try {
    const input = path.join(tmp, "input");
    await mkdir(input);
    await copySamples(samples, documents, input, true);
    const load = os.loadavg()[0];
    const extract = (out: string, shard: string[] = []) =>
      yujue(cli, [
        ...["extract", input, "--out", out, "--concurrency", String(concurrency), "--ocr", "never"],
        ...["--no-review", "--json", ...shard],
      ]);
    const single = await timed(() => extract(path.join(tmp, "single")));
    const shardDocuments: number[] = [];
    const sharded = await timed(async () => {
      for (let k = 0; k < shards; k++) {
        const stdout = await extract(path.join(tmp, `shard-${k}`), ["--shard", `${k}/${shards}`]);
        shardDocuments.push(summaryOf(stdout).documents);
      }
    });
    const shardFolders = shardDocuments.map((_, k) => path.join(tmp, `shard-${k}`));
    const merged = await timed(() =>
      yujue(cli, ["merge", ...shardFolders, "--out", path.join(tmp, "merged"), "--no-review"]),
    );
    const extraCpu = single.cpu !== null && sharded.cpu !== null ? sharded.cpu - single.cpu : null;
    const perShard = extraCpu === null || shards < 2 ? null : extraCpu / (shards - 1);
    return {
      documents,
      shards,
      concurrency,
      per_shard: shardDocuments,
      single_s: round(single.s),
      shards_s: round(sharded.s),
      overhead: round((sharded.s - single.s) / single.s, 3),
      single_cpu_s: single.cpu,
      shards_cpu_s: sharded.cpu,
      overhead_cpu: extraCpu === null ? null : round(extraCpu / single.cpu!, 3),
      cpu_s_per_extra_shard: perShard === null ? null : round(perShard),
      shard_documents_for_5_percent:
        perShard === null ? null : Math.ceil(perShard / (0.05 * (single.cpu! / documents))),
      merge_s: round(merged.s),
      merge_share: round(merged.s / single.s, 3),
      load_at_start: round(load),
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Runs the CLI to the end; its stdout. Exit 0 expected (every bench document extracts). */
function yujue(cli: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`yujue ${args[0]} exited ${code}: ${stderr.slice(-500)}`)),
    );
  });
}

function summaryOf(stdout: string): { documents: number } {
  const line = stdout.split("\n").find((l) => l.includes('"event":"summary"'));
  if (!line) throw new Error("yujue extract --json printed no summary");
  return JSON.parse(line) as { documents: number };
}

export function formatShards(r: ShardBench): string[] {
  return [
    `shards (${r.documents} distinct documents, ${r.concurrency} workers, yujue processes, load ${r.load_at_start} at start):`,
    `  one run ${r.single_s.toFixed(1)} s (${r.single_cpu_s ?? "?"} CPU-s); ${r.shards} shards one after another ` +
      `${r.shards_s.toFixed(1)} s (${r.shards_cpu_s ?? "?"} CPU-s; ${r.per_shard.join(" + ")} documents): ` +
      `${signed(r.overhead)} wall, ${r.overhead_cpu === null ? "?" : signed(r.overhead_cpu)} CPU (aim: under 5%); ` +
      `${r.cpu_s_per_extra_shard ?? "?"} CPU-s per extra shard (under 5% from ${r.shard_documents_for_5_percent ?? "?"} ` +
      "documents per shard)",
    `  merge of the ${r.shards} shard folders: ${r.merge_s.toFixed(1)} s (${(r.merge_share * 100).toFixed(1)}% of the one run)`,
  ];
}

function signed(share: number): string {
  return `${share >= 0 ? "+" : ""}${(share * 100).toFixed(1)}%`;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const number = (name: string) => (argValue(name) === undefined ? undefined : Number(argValue(name)));
  const result = await benchShards({
    documents: number("--documents"),
    shards: number("--shards"),
    concurrency: number("--concurrency"),
    cli: argValue("--cli"),
  });
  console.log(formatShards(result).join("\n"));
}
