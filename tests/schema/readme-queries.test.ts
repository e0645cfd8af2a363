/**
 * The README's "Questions in one line" run as printed (each SQL string taken from the README itself) on a real
 * CLI run's database, and give the answers written by hand from the pages (samples/golden/questions): the README's
 * filters are true of the real output, not only of bench/questions.ts.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readQuestions } from "../../bench/questions.js";
import { requireBuild, ROOT, runCli } from "../cli/helpers.js";

const SAMPLES = [
  "regions/chongqing-meteorology-2026-budget.pdf",
  "synthetic/wuhan-hrss-info-center-2023-final-account.pdf",
];
type Row = Record<string, string | number | null>;

let tmp = "";
let queries: string[] = [];
beforeAll(async () => {
  requireBuild();
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-readme-"));
  const run = await runCli(
    [
      "extract",
      ...SAMPLES.map((s) => path.join(ROOT, "samples", s)),
      "--out",
      path.join(tmp, "output"),
      "--ocr",
      "never",
      "--no-review",
      "--concurrency",
      "1",
    ],
    { cwd: tmp },
  );
  expect(run.code, run.stderr).toBe(0);
  const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
  const block = /### Questions in one line[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)![1];
  queries = [...block.matchAll(/^(?:npx yujue query|sqlite3 \S+) "(SELECT [^"]+)"$/gm)].map((m) => m[1]);
  orgs = await query("SELECT file, org_name FROM documents");
}, 240_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function query(sql: string): Promise<Row[]> {
  const run = await runCli(["query", sql, "--out", path.join(tmp, "output"), "--json"]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Row[];
}

const answers = SAMPLES.map((s) =>
  readQuestions(path.join(ROOT, "samples/golden/questions", path.basename(s, ".pdf") + ".json")),
);
let orgs: Row[] = [];
const orgOf = (file: string) => orgs.find((d) => String(d.file).endsWith(file))!.org_name;

it("the README prints three one-line questions", () => {
  expect(queries).toHaveLength(3);
});

it("三公 total per organisation and year: the budget (and a final account's actual) as on the pages", async () => {
  const rows = await query(queries[0]);
  for (const q of answers) {
    const org = orgOf(q.file);
    const of = (measure: string) =>
      rows.filter((r) => r.org_name === org && r.measure === measure).map((r) => r.value_wan);
    expect(of("budget"), q.file).toEqual([q.answers.three_public_total.budget]);
    expect(of("actual"), q.file).toEqual(
      q.answers.three_public_total.actual === null ? [] : [q.answers.three_public_total.actual],
    );
  }
});

it("general public budget expenditure per function class, no 款/项 rows", async () => {
  const rows = await query(queries[1]);
  for (const q of answers) {
    const org = orgOf(q.file);
    const classes = Object.fromEntries(rows.filter((r) => r.org_name === org).map((r) => [r.row_code, r.value_wan]));
    expect(classes, q.file).toEqual(q.answers.general_budget_by_class);
  }
});

it("basic vs project expenditure totals", async () => {
  const rows = await query(queries[2]);
  for (const q of answers) {
    const org = orgOf(q.file);
    const of = (expense: string) =>
      rows.filter((r) => r.org_name === org && r.expense === expense).map((r) => r.value_wan);
    expect([of("basic"), of("project")], q.file).toEqual([[q.answers.basic_total], [q.answers.project_total]]);
  }
});
