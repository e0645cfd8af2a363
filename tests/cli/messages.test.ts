/** What a user reads: the CLI's messages compared as text, run as a child process. */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBuild, ROOT, runCli } from "./helpers.js";
import { textPdf } from "./pdf-fixtures.js";

const HINT = 'Run "yujue --help" for the commands and options.\n';
let tmp = "";

beforeAll(async () => {
  requireBuild();
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-messages-"));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** The summary line with its duration made constant. */
const timeless = (text: string) => text.replace(/ in [\d.]+ s(?=;|$)/m, " in T");

describe("usage errors: one plain line and a hint to --help, exit 2", () => {
  const cases: [string[], string][] = [
    [["extract", "a.pdf", "--bogus"], "unknown option --bogus"],
    [["extract", "a.pdf", "-x"], "unknown option -x"],
    [["extract", "a.pdf", "--out"], "--out needs a value"],
    [["extract", "a.pdf", "--out", "--force"], "--out needs a value"],
    [["extract", "a.pdf", "--force=yes"], "--force takes no value"],
    [["convert", "a.pdf"], 'unknown command "convert"'],
    [["extract"], "no inputs given"],
    [["merge", "shard-0", "--out", "merged", "--bogus"], "unknown option --bogus"],
    [["merge", "shard-0", "--out"], "--out needs a value"],
  ];
  for (const [args, line] of cases) {
    it(args.join(" "), async () => {
      const run = await runCli(args);
      expect(run.stderr).toBe(`yujue: ${line}\n${HINT}`);
      expect(run.stdout).toBe("");
      expect(run.code).toBe(2);
    });
  }
});

it("--version prints the package version", async () => {
  const { version } = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8"));
  expect(await runCli(["--version"])).toEqual({ code: 0, stdout: `yujue ${version}\n`, stderr: "" });
});

it("a missing --from list is named plainly", async () => {
  const run = await runCli(["extract", "--from", "no-such-list.txt"], { cwd: tmp });
  expect(run).toEqual({ code: 2, stdout: "", stderr: "yujue: --from no-such-list.txt: file not found\n" });
});

it("a non-http URL is shown as given; counts of one are singular", async () => {
  await writeFile(path.join(tmp, "minutes.pdf"), textPdf(["Minutes of the annual staff meeting"]));
  const run = await runCli(["extract", "ftp://example.org/x.pdf", "minutes.pdf", "--out", "out", "--ocr", "never"], {
    cwd: tmp,
  });
  expect(run.code).toBe(1);
  const lines = timeless(run.stdout).split("\n");
  expect(lines).toContain(
    'ftp://example.org/x.pdf: failed: unsupported URL scheme "ftp:" (only http and https URLs are downloaded)',
  );
  expect(lines.find((l) => l.startsWith("minutes.pdf"))).toMatch(
    /^minutes\.pdf: 0 tables, 0 facts, checks 0 passed \/ 0 failed/,
  );
  expect(lines).toContain(
    "2 documents: 1 ok, 0 skipped, 1 failed; 1 page, 0 tables, 0 facts in T; to review: minutes.pdf (no tables)",
  );
}, 30_000);

it("every dependency with an install script is listed in allowScripts (npm 11 warns about the others)", async () => {
  const lock = JSON.parse(await readFile(path.join(ROOT, "package-lock.json"), "utf8"));
  const { allowScripts = {} } = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8"));
  const withScripts = Object.entries(lock.packages as Record<string, { hasInstallScript?: boolean }>)
    .filter(([, p]) => p.hasInstallScript)
    .map(([key]) => key.replace(/^.*node_modules\//, ""));
  expect(withScripts.length).toBeGreaterThan(0);
  for (const name of withScripts) expect(Object.keys(allowScripts), name).toContain(name);
});
