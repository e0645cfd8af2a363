import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { WorkerPool } from "../../src/cli/pool.js";
import { requireBuild, SMALL_SAMPLES } from "./helpers.js";
import { pathBombPdf, textPdf } from "./pdf-fixtures.js";

let tmp = "";
beforeAll(async () => {
  requireBuild();
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-limits-"));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

it("kills a document over its time limit and goes on with the next in a fresh process", async () => {
  const big = path.join(tmp, "long.pdf");
  await writeFile(big, textPdf(Array.from({ length: 3000 }, (_, i) => `Page ${i + 1} of a very long report`)));
  const pool = new WorkerPool({ timeoutMs: 1500, maxMemoryMb: 1024, maxJobsPerWorker: 10 });
  try {
    const started = Date.now();
    const slow = await pool.run({ file: big, fileName: "long.pdf", ocr: "never" });
    expect(slow).toEqual({ ok: false, error: "time limit exceeded (1.5 s)" });
    expect(Date.now() - started).toBeLessThan(5000);
    const small = path.join(tmp, "small.pdf");
    await writeFile(small, textPdf(["A short report with one page of plain text"]));
    const next = await pool.run({ file: small, fileName: "small.pdf", ocr: "never" });
    expect(next.ok, next.ok ? "" : next.error).toBe(true);
  } finally {
    await pool.close();
  }
}, 30_000);

it("kills a document over its memory limit, while a normal one fits", async () => {
  const bomb = path.join(tmp, "bomb.pdf");
  await writeFile(bomb, pathBombPdf());
  const pool = new WorkerPool({ timeoutMs: 60_000, maxMemoryMb: 300, maxJobsPerWorker: 10 });
  try {
    const normal = await pool.run({ file: SMALL_SAMPLES[0], fileName: "budget.pdf", ocr: "never" });
    expect(normal.ok, normal.ok ? "" : normal.error).toBe(true);
    const result = await pool.run({ file: bomb, fileName: "bomb.pdf", ocr: "never" });
    expect(result).toEqual({ ok: false, error: "memory limit exceeded (300 MB)" });
  } finally {
    await pool.close();
  }
}, 90_000);
