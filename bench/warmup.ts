/**
 * Worker warm-up (issue 16): this process, fresh, extracts the text samples pass after pass, as a new worker process
 * does with its documents, and prints the CPU seconds of loading the pipeline and of each pass. The first pass's
 * extra over the last is what every new worker process, so every shard, pays once (V8 running pdf.js and the pipeline
 * cold, a young heap growing). Run it alone, in a process of its own; to see where the extra goes, profile it:
 *   node dist/bench/warmup.js [--passes 3]
 *   node --cpu-prof dist/bench/warmup.js
 */
import { pathToFileURL } from "node:url";
import { cpuSecondsSince, round } from "./measure.js";

export interface WarmupPasses {
  load_cpu_s: number;
  /** CPU seconds of each pass over the same documents. */
  passes_cpu_s: number[];
  /** First pass minus last. */
  cold_extra_cpu_s: number;
  documents: number;
}

export async function benchWarmup(passes = 3): Promise<WarmupPasses> {
  const loading = process.cpuUsage();
  // Loaded here, not at the top: loading is part of what a fresh worker pays.
  const { extractDocument } = await import("../src/pipeline.js");
  const load = round(cpuSecondsSince(loading));
  const { defaultSamples } = await import("./batch.js");
  const samples = await defaultSamples();
  const each: number[] = [];
  for (let p = 0; p < passes; p++) {
    const started = process.cpuUsage();
    for (const file of samples) await extractDocument(file, { ocr: "never" });
    each.push(round(cpuSecondsSince(started)));
  }
  return {
    load_cpu_s: load,
    passes_cpu_s: each,
    cold_extra_cpu_s: round(each[0] - each[each.length - 1]),
    documents: samples.length,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf("--passes");
  const r = await benchWarmup(i > 0 ? Number(process.argv[i + 1]) : 3);
  console.log(
    `warm-up (one fresh process, ${r.documents} text samples a pass): loading ${r.load_cpu_s} CPU-s; ` +
      `passes ${r.passes_cpu_s.join(", ")} CPU-s; first pass ${r.cold_extra_cpu_s} CPU-s over the last`,
  );
}
