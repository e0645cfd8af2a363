/**
 * The library owns its OCR workers: a script that extracts a scan ends on
 * its own shortly after the result (the workers stop when idle), and at
 * once when it calls shutdown(). Run in child processes: a hang shows as a
 * process that does not exit.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { requireBuild, ROOT } from "../cli/helpers.js";

const SCAN = path.join(ROOT, "tests/fixtures/scan-two-pages.pdf");
const LIBRARY = pathToFileURL(path.join(ROOT, "dist/src/index.js")).href;
let tmp = "";

beforeAll(async () => {
  requireBuild();
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-exit-"));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/**
 * Runs a script; resolves with its output and the ms between its "result" line and its exit. A script still
 * running 20 s after its result (a hang) is killed; so is one that gives no result in 150 s (OCR on a loaded
 * machine can take a while, which is not what these tests measure).
 */
async function runScript(
  body: string,
  hangMs = 20_000,
): Promise<{ code: number | null; stdout: string; stderr: string; afterResultMs: number }> {
  const file = path.join(tmp, `script-${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(file, `import { extractDocument, shutdown } from ${JSON.stringify(LIBRARY)};\n${body}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let resultAt = 0;
    let killer = setTimeout(() => child.kill("SIGKILL"), 150_000);
    child.stdout.on("data", (d) => {
      stdout += d;
      if (!resultAt && stdout.includes("result ")) {
        resultAt = Date.now();
        clearTimeout(killer);
        killer = setTimeout(() => child.kill("SIGKILL"), hangMs);
      }
    });
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, afterResultMs: resultAt ? Date.now() - resultAt : Infinity });
    });
  });
}

const EXTRACT = `
const doc = await extractDocument(${JSON.stringify(SCAN)});
const income = doc.tables.find((t) => t.table_kind === "income");
const total = income.rows.find((r) => r.row_label === "合计").values["本年收入合计"].value_wan;
console.log("result " + JSON.stringify({ ocr: doc.ocr_pages, total }));
`;

it("a script that extracts a scan exits on its own a few seconds after the result", async () => {
  const run = await runScript(EXTRACT);
  expect(run.code, run.stderr).toBe(0);
  // The scan was really read by OCR: page 8's 合计 / 本年收入合计 is 2,946.25 on the image.
  expect(JSON.parse(run.stdout.split("result ")[1])).toEqual({ ocr: [1, 2], total: 2946.25 });
  expect(run.afterResultMs).toBeLessThan(8000);
}, 200_000);

it("shutdown() ends the OCR workers; a later scan starts them again", async () => {
  const run = await runScript(
    `${EXTRACT}\nawait shutdown();\nconsole.log("again " + (await extractDocument(${JSON.stringify(SCAN)})).ocr_pages.length);\nawait shutdown();`,
    150_000,
  );
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toContain("again 2");
}, 200_000);
