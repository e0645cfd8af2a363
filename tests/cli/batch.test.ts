import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Document, FACT_COLUMNS } from "../../schemas/document.js";
import { Manifest } from "../../schemas/output.js";
import {
  allFiles,
  jsonLines,
  makeCorpus,
  readCsv,
  requireBuild,
  runCli,
  SMALL_SAMPLES,
  type CliRun,
} from "./helpers.js";

const TIME_LIMIT_S = 60;

describe("one batch over real samples and a generated bad-input corpus", () => {
  let tmp: string;
  let corpus: string;
  let out: string;
  let expected: Awaited<ReturnType<typeof makeCorpus>>;
  let run: CliRun;
  let manifest: Manifest;

  beforeAll(async () => {
    requireBuild();
    tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-batch-"));
    corpus = path.join(tmp, "corpus");
    out = path.join(tmp, "out");
    expected = await makeCorpus(corpus);
    run = await runCli(
      [
        "extract",
        corpus,
        path.join(corpus, "missing.pdf"),
        "--out",
        out,
        "--ocr",
        "never",
        "--json",
        "--timeout",
        String(TIME_LIMIT_S),
        "--concurrency",
        "2",
      ],
      { cwd: tmp },
    );
    manifest = Manifest.parse(JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")));
  }, 240_000);

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const entry = (name: string) => manifest.entries.find((e) => e.file === path.join("corpus", name))!;

  it("exits 1 (some failed) and prints one JSON line per document plus a summary", () => {
    expect(run.code, run.stderr).toBe(1);
    const events = jsonLines(run.stdout);
    const docs = events.filter((e) => e.event === "document");
    expect(docs.map((d) => d.file).sort()).toEqual(manifest.entries.map((e) => e.file).sort());
    expect(events.at(-1)).toMatchObject({ event: "summary", documents: docs.length, failed: 6 });
  });

  it("gives every input exactly one manifest entry, and nothing else one", () => {
    const names = [...Object.keys(expected), "thousand-pages.PDF", "missing.pdf"]
      .map((n) => path.join("corpus", n))
      .sort();
    expect(manifest.entries.map((e) => e.file).sort()).toEqual(names);
  });

  it("reports each bad input failed with its one-line reason", () => {
    for (const [name, want] of Object.entries(expected)) {
      const got = entry(name);
      expect(got.status, `${name}: ${got.error}`).toBe(want.status);
      if (want.error) expect(got.error).toMatch(want.error);
      if (got.error) expect(got.error).not.toContain("\n");
    }
    expect(entry("missing.pdf")).toMatchObject({ status: "failed", error: "file not found", sha256: null });
    expect(entry("empty.pdf").sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("finishes the 1,000-page PDF or stops it at the time limit", () => {
    const got = entry("thousand-pages.PDF");
    if (got.status === "ok") expect(got.pages).toBe(1000);
    else expect(got.error).toMatch(/time limit exceeded/);
    expect(got.ms!).toBeLessThan((TIME_LIMIT_S + 10) * 1000);
  });

  it("writes full, consistent outputs for every document that is ok", async () => {
    const ok = manifest.entries.filter((e) => e.status === "ok");
    expect(ok.length).toBeGreaterThanOrEqual(5);
    const events = jsonLines(run.stdout).filter((e) => e.event === "document" && e.status === "ok");
    for (const event of events) {
      const dir = path.join(out, event.output);
      const doc = Document.parse(JSON.parse(await readFile(path.join(dir, "document.json"), "utf8")));
      const facts = await readCsv(path.join(dir, "facts.csv"));
      const checks = await readCsv(path.join(dir, "checks.csv"));
      expect(facts.bom && checks.bom).toBe(true);
      expect(facts.rows[0]).toEqual([...FACT_COLUMNS]);
      expect(facts.rows.length - 1).toBe(event.facts);
      expect(checks.rows.length - 1).toBe(doc.checks.length);
      expect(doc.source.sha256).toBe(event.sha256);
      expect(event.tables).toBe(doc.tables.length);
      // A readable document without a standard table is ok, with a warning saying so.
      if (doc.tables.length === 0) expect(doc.warnings.join(" ")).toMatch(/no standard table/);
    }
  });

  it("leaves no output folder for failed documents and rebuilds the run-wide facts.csv", async () => {
    const events = jsonLines(run.stdout).filter((e) => e.event === "document");
    for (const e of events.filter((e) => e.status === "failed")) expect(e.output).toBeNull();
    const runFacts = await readCsv(path.join(out, "facts.csv"));
    const total = manifest.entries.reduce((sum, e) => sum + (e.facts ?? 0), 0);
    expect(runFacts.rows[0]).toEqual([...FACT_COLUMNS]);
    expect(runFacts.rows.length - 1).toBe(total);
  });

  it("names each input as given (relative to the working folder) in facts.csv, document.json and the manifest", async () => {
    const given = path.join("corpus", "real", path.basename(SMALL_SAMPLES[0]));
    const got = entry(path.join("real", path.basename(SMALL_SAMPLES[0])));
    // Read raw: parsing fills the fields in for manifests written before they existed.
    const raw = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")) as {
      entries: Record<string, unknown>[];
    };
    expect(raw.entries.find((e) => e.file === given)).toMatchObject({ source_path: given, source_url: null });
    const event = jsonLines(run.stdout).find((e) => e.event === "document" && e.file === given)!;
    const doc = Document.parse(JSON.parse(await readFile(path.join(out, event.output, "document.json"), "utf8")));
    expect([doc.source.path, doc.source.url]).toEqual([given, null]);
    const facts = await readCsv(path.join(out, "facts.csv"));
    const [pathAt, urlAt, fileAt] = ["source_path", "source_url", "source_file"].map((c) => facts.rows[0].indexOf(c));
    const mine = facts.rows.slice(1).filter((r) => r[fileAt] === path.basename(given));
    expect(mine.length).toBe(got.facts);
    expect(new Set(mine.map((r) => `${r[pathAt]}|${r[urlAt]}`))).toEqual(new Set([`${given}|`]));
  });

  it("leaves no temp files or lock behind", async () => {
    const names = (await allFiles(out)).map((f) => path.basename(f));
    expect(names.filter((n) => n.endsWith(".tmp") || n === ".yujue.lock")).toEqual([]);
  });

  it("opens the encrypted PDF with --password, and names a wrong one", async () => {
    const file = path.join(corpus, "encrypted.pdf");
    const good = await runCli(["extract", file, "--out", path.join(tmp, "out-pw"), "--json", "--password", "secret"]);
    expect(good.code, good.stderr).toBe(0);
    expect(jsonLines(good.stdout).find((e) => e.event === "document")).toMatchObject({ status: "ok", pages: 1 });
    const bad = await runCli(["extract", file, "--out", path.join(tmp, "out-pw2"), "--json", "--password", "guess"]);
    expect(bad.code).toBe(1);
    expect(jsonLines(bad.stdout).find((e) => e.event === "document").error).toMatch(/wrong password/);
  }, 60_000);
});
