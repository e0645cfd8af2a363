/** What the benches measure with: CPU seconds (this process's, or with its exited children) and rounding. */
import { readFileSync } from "node:fs";

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** CPU seconds of this process's threads since `start` (process.cpuUsage()): children not counted. */
export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/**
 * This process's CPU time plus that of its exited children (the worker
 * processes, which runBatch waits for), from /proc/self/stat.
 */
export function cpuSeconds(): number | null {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the command name: utime, stime, cutime, cstime are fields 14-17 of the full line (11-14 here, 0-based).
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return ticks / 100;
  } catch {
    return null;
  }
}

/** Wall and CPU seconds of work that runs child processes (their CPU counts once they have exited). */
export async function timed(work: () => Promise<unknown>): Promise<{ s: number; cpu: number | null }> {
  const cpu0 = cpuSeconds();
  const started = performance.now();
  await work();
  const cpu1 = cpuSeconds();
  return { s: (performance.now() - started) / 1000, cpu: cpu0 === null || cpu1 === null ? null : round(cpu1 - cpu0) };
}
