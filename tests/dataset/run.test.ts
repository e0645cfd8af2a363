import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBatch } from "../../src/cli/batch.js";
import { readCsv, requireBuild, ROOT, SMALL_SAMPLES } from "../cli/helpers.js";
import { openDatabase } from "../../src/dataset/driver.js";
import { asCsvRecord, folderFacts, sumValues, withDb } from "./helpers.js";

/**
 * A real run of three small real/synthetic documents, then reruns: the
 * database must hold exactly what the CSV files hold, and change only what
 * the rerun changed.
 */
let tmp = "";
let out = "";
const opts = { out: "out", ocr: "never" as const, concurrency: 2 };
const db = () => path.join(out, "yujue.sqlite");

beforeAll(async () => {
  requireBuild();
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-dataset-"));
  out = path.join(tmp, "out");
  await mkdir(path.join(tmp, "in"));
  for (const [name, sample] of [
    ["a.pdf", SMALL_SAMPLES[0]],
    ["b.pdf", SMALL_SAMPLES[1]],
    ["c.pdf", SMALL_SAMPLES[2]],
  ]) {
    await copyFile(sample, path.join(tmp, "in", name));
  }
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Per document folder: its facts.csv records and the database's facts_flat records for the same sha256. */
async function compareWithCsv(folders: string[]) {
  for (const folder of folders) {
    const doc = JSON.parse(await readFile(path.join(out, folder, "document.json"), "utf8"));
    const csv = await folderFacts(out, folder);
    const rows = withDb(db(), (d) =>
      d.all("SELECT * FROM facts_flat WHERE source_sha256 = ? ORDER BY fact_id", [doc.source.sha256]),
    );
    expect(rows.length, folder).toBe(csv.length);
    expect(rows.map(asCsvRecord), folder).toEqual(csv);
    const sum = withDb(
      db(),
      (d) => d.get("SELECT total(value_wan) AS s FROM facts_flat WHERE source_sha256 = ?", [doc.source.sha256])!.s,
    );
    expect(sum as number).toBeCloseTo(sumValues(csv), 4);
    const checks = (await readCsv(path.join(out, folder, "checks.csv"))).rows.length - 1;
    const indicators = (await readCsv(path.join(out, folder, "indicators.csv"))).rows.length - 1;
    withDb(db(), (d) => {
      expect(
        d.get("SELECT count(*) AS n FROM checks_flat WHERE source_sha256 = ?", [doc.source.sha256])!.n,
        folder,
      ).toBe(checks);
      expect(
        d.get("SELECT count(*) AS n FROM indicators_flat WHERE source_sha256 = ?", [doc.source.sha256])!.n,
        folder,
      ).toBe(indicators);
    });
  }
}

function integrity(): void {
  withDb(db(), (d) => {
    expect(d.all("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    expect(d.all("PRAGMA foreign_key_check")).toEqual([]);
  });
  // The full-text index agrees with the text it indexes (FTS5 throws otherwise; this command needs a writable handle).
  const writable = openDatabase(db());
  try {
    writable.run("INSERT INTO search(search) VALUES ('integrity-check')");
  } finally {
    writable.close();
  }
}

describe("the database a run writes", () => {
  it("holds exactly the facts, checks and indicators of the CSV files, with foreign keys intact", async () => {
    const run = await runBatch({ ...opts, cwd: tmp, inputs: ["in"] });
    expect(run.documents.map((d) => d.status)).toEqual(["ok", "ok", "ok"]);
    expect(run.summary.database_ms).toBeGreaterThan(0);
    await compareWithCsv(["a", "b", "c"]);
    // The run-wide facts.csv too: every record, in the same multiset.
    const all = (await readCsv(path.join(out, "facts.csv"))).rows.slice(1);
    const rows = withDb(db(), (d) => d.all("SELECT * FROM facts_flat")).map(asCsvRecord);
    expect(rows.length).toBe(all.length);
    expect(rows.map((r) => r.join("\u0001")).sort()).toEqual(all.map((r) => r.join("\u0001")).sort());
    integrity();
    // Each input's document carries the outcome manifest.json gives it.
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"));
    withDb(db(), (d) => {
      for (const entry of manifest.entries) {
        expect(
          d.get("SELECT d.outcome FROM inputs i JOIN documents d ON d.id = i.document_id WHERE i.file = ?", [
            entry.file,
          ])!.outcome,
          entry.file,
        ).toBe(entry.outcome);
        expect(d.get("SELECT outcome FROM run_documents WHERE file = ?", [entry.file])!.outcome, entry.file).toBe(
          entry.outcome,
        );
      }
    });
    withDb(db(), (d) => {
      expect(d.all("SELECT command, status, documents, ok, failed FROM runs")).toEqual([
        { command: "extract", status: "finished", documents: 3, ok: 3, failed: 0 },
      ]);
      expect(d.all("SELECT file, status FROM run_documents ORDER BY file")).toEqual([
        { file: "in/a.pdf", status: "ok" },
        { file: "in/b.pdf", status: "ok" },
        { file: "in/c.pdf", status: "ok" },
      ]);
    });
  }, 180_000);

  it("writes Datasette metadata that describes every table, view and column, with real label, sort and search columns", async () => {
    const meta = JSON.parse(await readFile(path.join(out, "metadata.json"), "utf8"));
    expect(meta.title).toMatch(/yujue/);
    const tables = meta.databases.yujue.tables;
    withDb(db(), (d) => {
      const objects = d.all(`SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'view')
        AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_%' OR name = 'search_text'`);
      expect(new Set(Object.keys(tables))).toEqual(new Set(objects.map((o) => o.name)));
      for (const { name } of objects) {
        const t = tables[name as string];
        expect(t.description, String(name)).toBeTruthy();
        const columns = d.all(`PRAGMA table_info(${name})`).map((r) => String(r.name));
        if (t.hidden) continue;
        expect(Object.keys(t.columns).sort(), `${name}: every column described`).toEqual([...columns].sort());
        for (const key of ["label_column", "sort", "sort_desc"])
          if (t[key]) expect(columns, `${name}.${key}`).toContain(t[key]);
        if (t.fts_table) {
          expect(String(objects.find((o) => o.name === t.fts_table)!.sql)).toMatch(/fts5.*trigram/);
          expect(columns).toContain(t.fts_pk);
        }
      }
    });
    expect(tables.facts.columns.value_wan).toMatch(/万元/);
  });

  it("finds 社会保障 in row labels through the trigram index", () => {
    withDb(db(), (d) => {
      const hits = d.all(`SELECT s.kind, s.text FROM search JOIN search_text s ON s.id = search.rowid
        WHERE search MATCH '社会保障' AND s.kind = 'label'`);
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits) expect(String(hit.text)).toContain("社会保障");
      // Every label the index finds is a label of some fact, and LIKE finds no label the index misses.
      const like = d
        .all("SELECT DISTINCT row_label FROM facts WHERE row_label LIKE '%社会保障%'")
        .map((r) => r.row_label);
      expect(new Set(hits.map((h) => h.text))).toEqual(new Set(like));
    });
  });

  it("a rerun with one changed PDF replaces only that document's rows", async () => {
    const before = withDb(db(), (d) => d.all("SELECT id, sha256, file FROM documents ORDER BY id"));
    const factIds = (sha: unknown) =>
      withDb(db(), (d) =>
        d
          .all("SELECT f.id FROM facts f JOIN documents d ON d.id = f.document_id WHERE d.sha256 = ? ORDER BY f.id", [
            sha as string,
          ])
          .map((r) => r.id),
      );
    const kept = before.filter((r) => r.file !== "b.pdf");
    const keptFacts = kept.map((r) => factIds(r.sha256));
    const oldB = before.find((r) => r.file === "b.pdf")!;

    // b.pdf now holds another real sample (the Jiangsu CPPCC office 2017 budget tables).
    await copyFile(
      path.join(ROOT, "samples/real/jiangsu-cppcc-office-2017-budget-tables.pdf"),
      path.join(tmp, "in", "b.pdf"),
    );
    const rerun = await runBatch({ ...opts, cwd: tmp, inputs: ["in"] });
    expect(rerun.documents.map((d) => [d.file, d.status])).toEqual([
      ["in/a.pdf", "skipped"],
      ["in/b.pdf", "ok"],
      ["in/c.pdf", "skipped"],
    ]);

    withDb(db(), (d) => {
      expect(d.get("SELECT count(*) AS n FROM documents WHERE sha256 = ?", [oldB.sha256 as string])!.n).toBe(0);
      expect(d.get("SELECT count(*) AS n FROM facts WHERE document_id = ?", [oldB.id as number])!.n).toBe(0);
    });
    // The unchanged documents keep the very same rows (same ids: not deleted and rewritten).
    kept.forEach((r, i) => expect(factIds(r.sha256)).toEqual(keptFacts[i]));
    await compareWithCsv(["a", "b", "c"]);
    integrity();
  }, 180_000);

  it("a document that fails on rerun keeps its earlier rows and is marked failed", async () => {
    const b = JSON.parse(await readFile(path.join(out, "b", "document.json"), "utf8"));
    const count = (await folderFacts(out, "b")).length;
    await writeFile(path.join(tmp, "in", "b.pdf"), "<html>404</html>");
    const rerun = await runBatch({ ...opts, cwd: tmp, inputs: ["in"] });
    expect(rerun.documents[1]).toMatchObject({ file: "in/b.pdf", status: "failed" });
    // The folder is gone (facts.csv agrees with the manifest); the database keeps the year's data, marked.
    await expect(stat(path.join(out, "b"))).rejects.toThrow(/ENOENT/);
    withDb(db(), (d) => {
      const doc = d.get("SELECT id, status, error FROM documents WHERE sha256 = ?", [b.source.sha256])!;
      expect(doc.status).toBe("failed");
      expect(String(doc.error)).toMatch(/not a PDF/);
      expect(d.get("SELECT count(*) AS n FROM facts WHERE document_id = ?", [doc.id])!.n).toBe(count);
      expect(d.get("SELECT DISTINCT document_status AS s FROM facts_flat WHERE document_id = ?", [doc.id])!.s).toBe(
        "failed",
      );
      expect(d.get("SELECT status, document_id FROM inputs WHERE file = 'in/b.pdf'")).toEqual({
        status: "failed",
        document_id: doc.id,
      });
      const last = d.get("SELECT max(id) AS id FROM runs")!.id;
      expect(
        d.get("SELECT status, outcome, document_id FROM run_documents WHERE run_id = ? AND file = 'in/b.pdf'", [last]),
      ).toEqual({
        status: "failed",
        outcome: "failed",
        document_id: doc.id,
      });
    });
    await compareWithCsv(["a", "c"]);
    integrity();
  }, 180_000);
});
