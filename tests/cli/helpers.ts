import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseCsv } from "../../src/output/run-files.js";
import { encryptedPdf, imageOnlyPdf, breakXref, textPdf } from "./pdf-fixtures.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CLI = path.join(ROOT, "dist/src/cli/main.js");
export const SMALL_SAMPLES = [
  "samples/real/putuo-gov-office-2025-dept-budget.pdf",
  "samples/real/putuo-wanli-street-2025-budget.pdf",
  "samples/synthetic/wuhan-jianghan-social-insurance-2024-budget.pdf",
].map((p) => path.join(ROOT, p));

export function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} missing: run "npx tsc -p ." before these tests`);
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; stdin?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}

/** Starts the CLI and SIGKILLs it as soon as it has reported its first finished document. */
export function killAfterFirstDocument(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let buffered = "";
    child.stdout.on("data", (data) => {
      buffered += data;
      if (buffered.includes('"event":"document"')) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("close", (code, signal) =>
      signal === "SIGKILL" ? resolve() : reject(new Error(`the run ended before the kill (code ${code})`)),
    );
  });
}

export function jsonLines(stdout: string): any[] {
  return stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l));
}

/** Records of a CSV file (BOM stripped), header first. */
export async function readCsv(file: string): Promise<{ bom: boolean; rows: string[][] }> {
  const text = await readFile(file, "utf8");
  return { bom: text.startsWith("\uFEFF"), rows: await parseCsv(text) };
}

/** Every file name under a folder, recursively. */
export async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? (e as any).path, e.name));
}

/**
 * The bad-input corpus, next to copies of real samples. Returns the file
 * name -> what the batch must report for it.
 */
export async function makeCorpus(dir: string): Promise<Record<string, { status: "ok" | "failed"; error?: RegExp }>> {
  await mkdir(dir, { recursive: true });
  const wanli = await readFile(SMALL_SAMPLES[1]);
  const files: Record<string, Buffer> = {
    "empty.pdf": Buffer.alloc(0),
    "not-a-pdf.pdf": Buffer.from("<html><body>404 Not Found</body></html>\n"),
    "truncated.pdf": wanli.subarray(0, Math.floor(wanli.length * 0.4)),
    "encrypted.pdf": encryptedPdf(["Secret budget figures for the year ahead"], "secret"),
    "broken-xref.pdf": breakXref(textPdf(["This file has a broken cross-reference table"])),
    "no-table.pdf": textPdf(["Minutes of the annual staff meeting", "Nothing tabular is printed on this page"]),
    "image-only.pdf": imageOnlyPdf(),
    "thousand-pages.PDF": textPdf(Array.from({ length: 1000 }, (_, i) => `Page ${i + 1} of a very long report`)),
  };
  for (const [name, bytes] of Object.entries(files)) await writeFile(path.join(dir, name), bytes);
  await mkdir(path.join(dir, "real"), { recursive: true });
  for (const sample of SMALL_SAMPLES) await copyFile(sample, path.join(dir, "real", path.basename(sample)));
  await writeFile(path.join(dir, "README.txt"), "not a PDF name: folder expansion must skip it\n");
  return {
    "empty.pdf": { status: "failed", error: /empty file/ },
    "not-a-pdf.pdf": { status: "failed", error: /not a PDF/ },
    "truncated.pdf": { status: "failed", error: /invalid or truncated PDF/ },
    "encrypted.pdf": { status: "failed", error: /encrypted PDF: a password is required/ },
    "broken-xref.pdf": { status: "ok" },
    "no-table.pdf": { status: "ok" },
    "image-only.pdf": { status: "failed", error: /image-only PDF/ },
    ...Object.fromEntries(SMALL_SAMPLES.map((s) => [`real/${path.basename(s)}`, { status: "ok" as const }])),
  };
}
