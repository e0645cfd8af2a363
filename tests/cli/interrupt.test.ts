/**
 * Ctrl-C / SIGTERM in the middle of a run, then a rerun: the stopped run writes what is done and releases
 * its lock, exits 130/143 with a one-line summary; the rerun completes the output, and shows progress page
 * by page while the scan is read (--json events, and the bar on a pseudo-terminal). A lock left by a dead
 * process is taken over with a note.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Manifest } from "../../schemas/output.js";
import { CLI, jsonLines, readCsv, requireBuild, ROOT, runCli, SMALL_SAMPLES } from "./helpers.js";

// Three pages: OCR reads two pages at a time, so when the first page's event is out the scan still has a page to read
// and the signal lands in the middle of it (with two pages, the second could finish before the signal arrived). The
// scan stays smaller than the budget, which therefore runs first (largest first).
const SCAN = path.join(ROOT, "tests/fixtures/scan-three-pages.pdf");
let tmp = "";

beforeAll(async () => {
  requireBuild();
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-interrupt-"));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

interface Stopped {
  code: number | null;
  events: any[];
  stderr: string;
}

/** Runs the CLI and sends `signal` when `when` first matches an event on stdout. */
function runAndSignal(
  args: string[],
  cwd: string,
  signal: NodeJS.Signals,
  when: (event: any) => boolean,
): Promise<Stopped> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let sent = false;
    child.stdout.on("data", (d) => {
      stdout += d;
      if (!sent && jsonLines(stdout.slice(0, stdout.lastIndexOf("\n") + 1)).some(when)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, events: jsonLines(stdout), stderr }));
  });
}

async function corpus(name: string): Promise<string> {
  const dir = path.join(tmp, name, "in");
  await mkdir(dir, { recursive: true });
  // With one document at a time, the largest starts first: the budget, then the scan, then the two small ones.
  await copyFile(
    path.join(ROOT, "samples/synthetic/wuhan-jianghan-social-insurance-2024-budget.pdf"),
    path.join(dir, "budget.pdf"),
  );
  await copyFile(SCAN, path.join(dir, "scan.pdf"));
  for (const sample of SMALL_SAMPLES.slice(0, 2)) await copyFile(sample, path.join(dir, path.basename(sample)));
  return path.dirname(dir);
}

it("Ctrl-C while a scan is read: done work is written, lock released, exit 130; the rerun completes it", async () => {
  const cwd = await corpus("int");
  const args = ["extract", "in", "--out", "out", "--concurrency", "1", "--no-review"];
  const stopped = await runAndSignal(
    [...args, "--json"],
    cwd,
    "SIGINT",
    (e) => e.event === "page" && e.document === "in/scan.pdf",
  );
  expect(stopped.code, stopped.stderr).toBe(130);
  expect(stopped.stderr).toContain("yujue: SIGINT: stopping; writing what is done");
  const summary = stopped.events.at(-1);
  expect(summary).toMatchObject({ event: "summary", interrupted: "SIGINT", documents: 1, ok: 1, not_done: 3 });
  expect(stopped.events.filter((e) => e.event === "document").map((e) => e.file)).toEqual(["in/budget.pdf"]);
  const out = path.join(cwd, "out");
  expect(existsSync(path.join(out, ".yujue.lock"))).toBe(false);
  const manifest = Manifest.parse(JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")));
  expect(manifest.entries.map((e) => [e.file, e.status])).toEqual([["in/budget.pdf", "ok"]]);
  // The run-wide files hold what is done.
  const facts = await readCsv(path.join(out, "facts.csv"));
  expect(facts.rows.length - 1).toBe(manifest.entries[0].facts);
  expect(existsSync(path.join(out, "checks.csv"))).toBe(true);
  // The stopped scan left nothing half-written: no folder, no temp file.
  expect((await readdir(out)).filter((n) => n.startsWith("scan") || n.endsWith(".tmp"))).toEqual([]);

  // The rerun on a pseudo-terminal: the bar shows the scan's pages as they are read.
  const shown = spawnSync(
    "script",
    ["-qefc", [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(" "), "/dev/null"],
    {
      cwd,
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  expect(shown.status, shown.stdout).toBe(0);
  expect(shown.stdout).toMatch(/\] 1\/4 documents, .* · reading scan\.pdf p1\/3/);
  expect(shown.stdout).toMatch(/reading scan\.pdf p3\/3/);
  expect(shown.stdout).toMatch(/(^|\x1b\[K)4 documents: 3 ok, 1 skipped, 0 failed;/m);
  expect(existsSync(path.join(out, ".yujue.lock"))).toBe(false);
  const after = Manifest.parse(JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")));
  expect(after.entries.map((e) => e.status).sort()).toEqual(["ok", "ok", "ok", "skipped"]);
  const allFacts = await readCsv(path.join(out, "facts.csv"));
  expect(allFacts.rows.length - 1).toBe(after.entries.reduce((n, e) => n + (e.facts ?? 0), 0));
}, 240_000);

it("SIGTERM exits 143 with a one-line summary; --json shows page progress", async () => {
  const cwd = await corpus("term");
  const args = [
    "extract",
    "in/scan.pdf",
    "in/budget.pdf",
    "--out",
    "out",
    "--concurrency",
    "1",
    "--no-review",
    "--json",
  ];
  const stopped = await runAndSignal(args, cwd, "SIGTERM", (e) => e.event === "page" && e.done === 1);
  expect(stopped.code, stopped.stderr).toBe(143);
  // Two pages are read at a time: the first event is for whichever of them is done first.
  const first = stopped.events.filter((e) => e.event === "page")[0];
  expect(first).toMatchObject({ event: "page", document: "in/scan.pdf", done: 1, pages: 3 });
  expect([1, 2]).toContain(first.page);
  expect(stopped.events.at(-1)).toMatchObject({ event: "summary", interrupted: "SIGTERM" });
  expect(existsSync(path.join(cwd, "out", ".yujue.lock"))).toBe(false);
  const text = await runCli(["extract", "in/budget.pdf", "--out", "out2", "--no-review"], { cwd });
  expect(text.code).toBe(0);
}, 120_000);

it("a lock left by a process that is gone is taken over, with a note", async () => {
  const cwd = await corpus("stale");
  const out = path.join(cwd, "out");
  await mkdir(out);
  const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  await writeFile(path.join(out, ".yujue.lock"), `${dead.stdout} ${os.hostname()}`);
  const run = await runCli(["extract", "in/budget.pdf", "--out", "out", "--no-review"], { cwd });
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toContain(
    `warning: ${out}: took over the lock left by process ${dead.stdout}, which is no longer running\n`,
  );
  expect(existsSync(path.join(out, ".yujue.lock"))).toBe(false);
  // A live owner is respected.
  await writeFile(path.join(out, ".yujue.lock"), `${process.pid} ${os.hostname()}`);
  const busy = await runCli(["extract", "in/budget.pdf", "--out", "out", "--no-review"], { cwd });
  expect(busy).toMatchObject({
    code: 2,
    stderr: `yujue: ${out}: output folder in use by another run (process ${process.pid})\n`,
  });
}, 120_000);
