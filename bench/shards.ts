/**
 * Shard overhead (issue 16): one batch of N distinct documents run once, and as S shards run one after another
 * into S folders (what S machines would do, on one), then `yujue merge` of the shard folders. The documents are
 * the text samples cycled, each copy made distinct by a comment after its %%EOF (the same bytes would be one
 * document, and would all fall in one shard). Called by bench/bench.ts; also runnable alone:
 *   node dist/bench/shards.js [--documents 100] [--shards 4] [--concurrency 2]
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { runBatch } from "../src/cli/batch.js";
import { mergeOutputs } from "../src/cli/merge.js";
import { copySamples, cpuSeconds, defaultSamples } from "./batch.js";

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
  merge_s: number;
  /** merge_s / single_s. */
  merge_share: number;
  load_at_start: number;
}

export async function benchShards(
  options: { samples?: string[]; documents?: number; shards?: number; concurrency?: number } = {},
): Promise<ShardBench> {
  const samples = options.samples ?? (await defaultSamples());
  const documents = options.documents ?? 100;
  const shards = options.shards ?? 4;
  const concurrency = options.concurrency ?? 2;
  const tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-bench-shards-"));
  try {
    const input = path.join(tmp, "input");
    await mkdir(input);
    await copySamples(samples, documents, input, true);
    const load = os.loadavg()[0];
    const run = (out: string, shard?: { index: number; count: number }) =>
      runBatch({ inputs: [input], out, concurrency, ocr: "never", force: true, review: false, shard });
    const single = await timed(() => run(path.join(tmp, "single")));
    const perShard: number[] = [];
    const sharded = await timed(async () => {
      for (let k = 0; k < shards; k++) {
        const result = await run(path.join(tmp, `shard-${k}`), { index: k, count: shards });
        perShard.push(result.documents.length);
      }
    });
    const merged = await timed(() =>
      mergeOutputs({
        shards: perShard.map((_, k) => path.join(tmp, `shard-${k}`)),
        out: path.join(tmp, "merged"),
        review: false,
      }),
    );
    return {
      documents,
      shards,
      concurrency,
      per_shard: perShard,
      single_s: round(single.s),
      shards_s: round(sharded.s),
      overhead: round((sharded.s - single.s) / single.s, 3),
      single_cpu_s: single.cpu,
      shards_cpu_s: sharded.cpu,
      overhead_cpu: single.cpu && sharded.cpu !== null ? round((sharded.cpu - single.cpu) / single.cpu, 3) : null,
      merge_s: round(merged.s),
      merge_share: round(merged.s / single.s, 3),
      load_at_start: round(load),
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function timed(work: () => Promise<unknown>): Promise<{ s: number; cpu: number | null }> {
  const cpu0 = cpuSeconds();
  const started = performance.now();
  await work();
  const cpu1 = cpuSeconds();
  return { s: (performance.now() - started) / 1000, cpu: cpu0 === null || cpu1 === null ? null : round(cpu1 - cpu0) };
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function formatShards(r: ShardBench): string[] {
  return [
    `shards (${r.documents} distinct documents, ${r.concurrency} workers, load ${r.load_at_start} at start):`,
    `  one run ${r.single_s.toFixed(1)} s (${r.single_cpu_s ?? "?"} CPU-s); ${r.shards} shards one after another ` +
      `${r.shards_s.toFixed(1)} s (${r.shards_cpu_s ?? "?"} CPU-s; ${r.per_shard.join(" + ")} documents): ` +
      `${signed(r.overhead)} wall, ${r.overhead_cpu === null ? "?" : signed(r.overhead_cpu)} CPU (aim: under 5%)`,
    `  merge of the ${r.shards} shard folders: ${r.merge_s.toFixed(1)} s (${(r.merge_share * 100).toFixed(1)}% of the one run)`,
  ];
}

function signed(share: number): string {
  return `${share >= 0 ? "+" : ""}${(share * 100).toFixed(1)}%`;
}

function argValue(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchShards({
    documents: argValue("--documents"),
    shards: argValue("--shards"),
    concurrency: argValue("--concurrency"),
  });
  console.log(formatShards(result).join("\n"));
}
