/**
 * An output folder made by the real command for the review tests: two text
 * PDFs with real failed checks (Wuhan hrss 卫生健康支出 85.6 vs 85.61, Putuo
 * finance 社会保障和就业支出 326.71 vs 326.72), extracted once per test file.
 */
import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const HRSS = "samples/synthetic/wuhan-hrss-info-center-2023-final-account.pdf";
export const SEAL_SCAN = "samples/scans/guangzhou-meteorology-2026-budget-p7-seal.scanned.pdf";
export const PUTUO = "samples/real/putuo-finance-bureau-2024-final-account.pdf";

const run = promisify(execFile);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built command (dist/: `npx tsc -p .` first). */
export async function yujue(args: string[], cwd = ROOT): Promise<CliRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, "dist/src/cli/main.js"), ...args], {
      cwd,
      maxBuffer: 32 << 20,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** A fresh output folder with the given samples extracted (text layer only unless `ocr` says otherwise). */
export async function extracted(files: string[], ocr = "never", extra: string[] = []): Promise<string> {
  const out = await mkdtemp(path.join(os.tmpdir(), "yujue-review-"));
  const result = await yujue(["extract", ...files, "--out", out, "--ocr", ocr, "--concurrency", "2", ...extra]);
  if (result.code !== 0) throw new Error(`extract failed (${result.code}): ${result.stderr}`);
  return out;
}
