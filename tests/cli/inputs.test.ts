import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCli, CliUsageError } from "../../src/cli/args.js";
import { expandGlob } from "../../src/cli/glob.js";
import { readInputList, resolveInputs, type Input } from "../../src/cli/inputs.js";
import { assignFolders } from "../../src/cli/naming.js";
import { requireBuild, runCli } from "./helpers.js";

let tmp = "";
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-inputs-"));
  for (const file of ["a/one.pdf", "a/deep/two.PDF", "a/notes.txt", "b/one.pdf", "c/x.pdf.bak"]) {
    await mkdir(path.dirname(path.join(tmp, file)), { recursive: true });
    await writeFile(path.join(tmp, file), "x");
  }
  await writeFile(path.join(tmp, "list.txt"), "# inputs\na/one.pdf\n\n  b/one.pdf  \n");
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const keys = (inputs: Input[]) => inputs.map((i) => i.key);

describe("resolveInputs", () => {
  it("walks folders recursively for *.pdf of any case, and drops duplicates", async () => {
    const { inputs, warnings } = await resolveInputs(["a", "a/one.pdf", "c"], tmp);
    expect(keys(inputs)).toEqual(["a/deep/two.PDF", "a/one.pdf"]);
    expect(warnings).toEqual(["c: no PDF files in this folder"]);
  });

  it("expands globs, keeps URLs, and marks missing files", async () => {
    const { inputs, warnings } = await resolveInputs(
      ["*/one.pdf", "a/**/*.PDF", "https://example.org/r.pdf", "gone.pdf", "z/*.pdf"],
      tmp,
    );
    expect(inputs.map((i) => [i.kind, i.key])).toEqual([
      ["file", "a/one.pdf"],
      ["file", "b/one.pdf"],
      ["file", "a/deep/two.PDF"],
      ["url", "https://example.org/r.pdf"],
      ["missing", "gone.pdf"],
    ]);
    expect(warnings).toEqual(["z/*.pdf: no files match"]);
  });

  it("does not walk into the output folder", async () => {
    const { inputs } = await resolveInputs(["."], tmp, path.join(tmp, "b"));
    expect(keys(inputs)).toEqual(["a/deep/two.PDF", "a/one.pdf"]);
  });

  it("reads list files, skipping blanks and comments", async () => {
    expect(await readInputList("list.txt", tmp)).toEqual(["a/one.pdf", "b/one.pdf"]);
  });
});

describe("expandGlob", () => {
  const rel = async (pattern: string) => (await expandGlob(pattern, tmp)).map((f) => path.relative(tmp, f));
  it("keeps * within a segment, lets ** span segments, and takes the shell's brace and class forms", async () => {
    await mkdir(path.join(tmp, "g/[2023]/x"), { recursive: true });
    for (const f of ["g/b7.pdf", "g/c7.pdf", "g/d1.pdf", "g/.hidden.pdf", "g/[2023]/x/y.pdf"])
      await writeFile(path.join(tmp, f), "x");
    expect(await rel("g/*.pdf")).toEqual(["g/b7.pdf", "g/c7.pdf", "g/d1.pdf"]);
    expect(await rel("g/**/*.pdf")).toEqual(["g/[2023]/x/y.pdf", "g/b7.pdf", "g/c7.pdf", "g/d1.pdf"]);
    expect(await rel("g/{a,b}[0-9].pdf")).toEqual(["g/b7.pdf"]);
    // Nested braces and a negated class: beyond the hand-written matcher this replaced.
    expect(await rel("g/{a,{b,c}}7.pdf")).toEqual(["g/b7.pdf", "g/c7.pdf"]);
    expect(await rel("g/[!b]?.pdf")).toEqual(["g/c7.pdf", "g/d1.pdf"]);
    // A folder whose name holds brackets is still found.
    expect(await rel(path.join(tmp, "g/[2023]/*/*.pdf"))).toEqual(["g/[2023]/x/y.pdf"]);
  });
});

describe("assignFolders", () => {
  const file = (key: string): Input => ({ kind: "file", key, path: key });
  it("uses the stem, adds the parent folder on a clash (case-insensitive), and respects folders other inputs own", () => {
    const names = assignFolders(
      [file("x/Report.pdf"), file("y/report.pdf"), file("z/solo.pdf"), file("z/taken.pdf")],
      new Map([["elsewhere/taken.pdf", "taken"]]),
    );
    expect(names.get("x/Report.pdf")).toBe("Report__x");
    expect(names.get("y/report.pdf")).toBe("report__y");
    expect(names.get("z/solo.pdf")).toBe("solo");
    expect(names.get("z/taken.pdf")).toMatch(/^taken__z$/);
  });
  it("keeps the folder an earlier run gave the same input", () => {
    const names = assignFolders([file("x/report.pdf")], new Map([["x/report.pdf", "report__x"]]));
    expect(names.get("x/report.pdf")).toBe("report__x");
  });
});

describe("command line", () => {
  it("rejects bad usage", () => {
    expect(() => parseCli(["extract"])).toThrow(CliUsageError);
    expect(() => parseCli(["convert", "a.pdf"])).toThrow(/unknown command/);
    expect(() => parseCli(["extract", "a.pdf", "--ocr", "maybe"])).toThrow(/--ocr/);
    expect(() => parseCli(["extract", "a.pdf", "--concurrency", "0"])).toThrow(/--concurrency/);
    expect(() => parseCli(["extract", "a.pdf", "--bogus"])).toThrow(CliUsageError);
    const ok = parseCli(["extract", "a.pdf", "--timeout", "2.5", "--max-memory", "512", "--force"]);
    expect(ok).toMatchObject({
      help: false,
      args: { timeoutMs: 2500, maxMemoryMb: 512, force: true, ocr: "auto", out: "output" },
    });
  });

  it("exits 2 on usage errors and when nothing is found, reads --from - on stdin", async () => {
    requireBuild();
    expect((await runCli(["extract", "x.pdf", "--ocr", "maybe"])).code).toBe(2);
    const none = await runCli(["extract", path.join(tmp, "c"), "--out", path.join(tmp, "out")]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no PDF inputs found");
    const fromStdin = await runCli(["extract", "--from", "-", "--out", path.join(tmp, "out2"), "--json"], {
      cwd: tmp,
      stdin: "a/one.pdf\n",
    });
    expect(fromStdin.code).toBe(1);
    const events = fromStdin.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(events.find((e) => e.event === "document")).toMatchObject({
      file: "a/one.pdf",
      status: "failed",
      error: expect.stringMatching(/not a PDF/),
    });
  }, 30_000);
});
