import { copyFile, mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseString } from "fast-csv";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CliUsageError, parseCli } from "../../src/cli/args.js";
import { runBatch } from "../../src/cli/batch.js";
import { readCsv, requireBuild, runCli, SMALL_SAMPLES } from "../cli/helpers.js";
import { withDb } from "./helpers.js";

let tmp = "";
let out = "";
beforeAll(async () => {
  requireBuild();
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-dbcli-"));
  out = path.join(tmp, "out");
  await mkdir(path.join(tmp, "in"));
  for (const sample of SMALL_SAMPLES.slice(0, 2)) await copyFile(sample, path.join(tmp, "in", path.basename(sample)));
  const run = await runBatch({ inputs: ["in"], out: "out", cwd: tmp, ocr: "never", concurrency: 2 });
  expect(run.summary.ok).toBe(2);
}, 180_000);
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function parseCsv(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString(text, { headers: false })
      .on("data", (r: string[]) => rows.push(r))
      .on("error", reject)
      .on("end", () => resolve(rows));
  });
}

const PER_DOCUMENT =
  "SELECT org_name, count(*) AS facts, round(total(value_wan), 4) AS total FROM facts_flat GROUP BY document_id ORDER BY org_name";

it("yujue query prints a table, CSV or JSON of a read-only statement", async () => {
  const csvFacts = (await readCsv(path.join(out, "facts.csv"))).rows.length - 1;
  const json = await runCli(["query", "--out", out, "--json", PER_DOCUMENT]);
  expect(json.code, json.stderr).toBe(0);
  const rows = JSON.parse(json.stdout) as { org_name: string; facts: number; total: number }[];
  expect(rows.map((r) => r.org_name)).toEqual(["上海市普陀区人民政府万里街道办事处", "上海市普陀区人民政府办公室"]);
  expect(rows.reduce((s, r) => s + r.facts, 0)).toBe(csvFacts);

  const csv = await runCli(["query", "--out", out, "--csv", PER_DOCUMENT]);
  expect(csv.code, csv.stderr).toBe(0);
  expect(await parseCsv(csv.stdout)).toEqual([
    ["org_name", "facts", "total"],
    ...rows.map((r) => [r.org_name, String(r.facts), String(r.total)]),
  ]);

  const table = await runCli(["query", "--out", out, PER_DOCUMENT]);
  expect(table.code, table.stderr).toBe(0);
  const lines = table.stdout.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^org_name\s+facts\s+total$/);
  expect(lines[2]).toContain("上海市普陀区人民政府万里街道办事处");
  expect(lines[2]).toContain(String(rows[0].facts));
  expect(lines.at(-1)).toBe("(2 rows)");
  // Columns line up although the labels are Chinese (two terminal columns per character): the shorter
  // name is padded with two spaces per missing character, so its count starts that many code units later.
  expect(lines[3].indexOf(String(rows[1].facts)) - lines[2].indexOf(String(rows[0].facts))).toBe(
    "上海市普陀区人民政府万里街道办事处".length - "上海市普陀区人民政府办公室".length,
  );
}, 60_000);

it("yujue query refuses to change the database, and names a missing one", async () => {
  const before = withDb(path.join(out, "yujue.sqlite"), (d) => d.get("SELECT count(*) AS n FROM facts")!.n);
  for (const sql of ["DELETE FROM facts", "DROP TABLE runs", "CREATE TABLE x (a)"]) {
    const run = await runCli(["query", "--out", out, sql]);
    expect(run.code, sql).toBe(1);
    expect(run.stderr).toMatch(/read-only/);
  }
  expect(withDb(path.join(out, "yujue.sqlite"), (d) => d.get("SELECT count(*) AS n FROM facts")!.n)).toBe(before);
  const missing = await runCli(["query", "--out", path.join(tmp, "nowhere"), "SELECT 1"]);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/no database/);
  expect((await runCli(["query", "--out", out])).code).toBe(2);
  expect((await runCli(["db", "drop", "--out", out])).code).toBe(2);
}, 60_000);

it("yujue db rebuild makes the same dataset again from the document folders", async () => {
  const file = path.join(out, "yujue.sqlite");
  const flat = () =>
    withDb(file, (d) =>
      d.all("SELECT * FROM facts_flat ORDER BY fact_id").map(({ fact_id, document_id, table_ref, ...rest }) => rest),
    );
  const before = flat();
  const run = await runCli(["db", "rebuild", "--out", out]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toMatch(new RegExp(`: 2 documents, ${before.length} facts`));
  const after = flat();
  expect(after.map((r) => JSON.stringify(r)).sort()).toEqual(before.map((r) => JSON.stringify(r)).sort());
  withDb(file, (d) => {
    expect(d.all("SELECT command, status, ok FROM runs")).toEqual([{ command: "rebuild", status: "finished", ok: 2 }]);
    expect(d.all("SELECT file, status FROM inputs ORDER BY file").map((r) => r.file)).toEqual(
      SMALL_SAMPLES.slice(0, 2)
        .map((s) => `in/${path.basename(s)}`)
        .sort(),
    );
    expect(d.all("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    expect(d.all("PRAGMA foreign_key_check")).toEqual([]);
  });
  expect((await stat(path.join(out, "metadata.json"))).isFile()).toBe(true);
  expect(JSON.parse(await readFile(path.join(out, "metadata.json"), "utf8")).databases.yujue.tables.facts).toBeTruthy();
}, 120_000);

it("extract writes the database unless --no-database, and --parquet needs it", () => {
  expect(parseCli(["extract", "a.pdf"])).toMatchObject({ args: { database: true, parquet: false } });
  expect(parseCli(["extract", "a.pdf", "--no-database"])).toMatchObject({ args: { database: false } });
  expect(parseCli(["extract", "a.pdf", "--parquet"])).toMatchObject({ args: { database: true, parquet: true } });
  expect(() => parseCli(["extract", "a.pdf", "--parquet", "--no-database"])).toThrow(CliUsageError);
});
