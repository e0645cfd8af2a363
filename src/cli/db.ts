/**
 * `yujue query "<SQL>"` and `yujue db rebuild`: the commands on the dataset.
 * Exit status: 0 done, 1 the query or rebuild failed, 2 usage error.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { DATABASE_FILE, openForWriting } from "../dataset/index.js";
import { formatCsv, formatJson, formatTable, queryDatabase } from "../dataset/query.js";
import { rebuildDatabase } from "../dataset/rebuild.js";
import { LockError, lockOutputFolder } from "./lock.js";
import { CliUsageError, parseCommandLine } from "./args.js";

export const DB_USAGE = `usage: yujue query "<SQL>" [--out DIR | --db FILE] [--csv | --json]
       yujue db rebuild [--out DIR]

  query        run one read-only SQL statement on <out>/yujue.sqlite; prints an aligned table,
               or CSV (--csv) or a JSON array (--json)
  db rebuild   make <out>/yujue.sqlite again from the document folders under <out>`;

/** True when `argv` is one of these commands. */
export function isDbCommand(argv: string[]): boolean {
  return argv[0] === "query" || argv[0] === "db";
}

export async function dbMain(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(argv, {
      out: { type: "string" },
      db: { type: "string" },
      csv: { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
  } catch (err) {
    if (err instanceof CliUsageError) return usage(err.message);
    throw err;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(DB_USAGE + "\n");
    return 0;
  }
  const [command, ...rest] = positionals;
  const out = path.resolve(values.out ?? "output");
  if (command === "query") {
    if (rest.length !== 1) return usage("query takes one SQL statement (quote it)");
    if (values.csv && values.json) return usage("--csv and --json exclude each other");
    const file = values.db ? path.resolve(values.db) : path.join(out, DATABASE_FILE);
    return query(file, rest[0], values.csv ? "csv" : values.json ? "json" : "table");
  }
  if (command === "db" && rest.length === 1 && rest[0] === "rebuild") {
    if (values.db || values.csv || values.json) return usage("db rebuild takes only --out");
    return rebuild(out);
  }
  return usage(command === "db" ? `unknown db command "${rest.join(" ")}"` : "missing command");
}

function usage(message: string): number {
  process.stderr.write(`yujue: ${message}\n${DB_USAGE}\n`);
  return 2;
}

async function query(file: string, sql: string, format: "table" | "csv" | "json"): Promise<number> {
  try {
    await recoverIfKilled(file);
    const rows = queryDatabase(file, sql);
    process.stdout.write(
      format === "csv" ? await formatCsv(rows) : format === "json" ? formatJson(rows) : formatTable(rows),
    );
    return 0;
  } catch (err) {
    process.stderr.write(`yujue: ${(err as Error).message}\n`);
    return 1;
  }
}

/**
 * A run killed while writing leaves the driver's lock folder and a journal:
 * when no run holds the output folder, open for writing once, which rolls the
 * unfinished document back, so the read-only query can read.
 */
async function recoverIfKilled(file: string): Promise<void> {
  if (!existsSync(`${file}.lock`) && !existsSync(`${file}-journal`)) return;
  let release: (() => Promise<void>) | null = null;
  try {
    release = await lockOutputFolder(path.dirname(file));
  } catch (err) {
    if (err instanceof LockError) return; // a run is writing: the query waits for it
    throw err;
  }
  try {
    openForWriting(file).close();
  } finally {
    await release();
  }
}

async function rebuild(out: string): Promise<number> {
  if (!existsSync(out)) return usage(`${out}: no such output folder`);
  let release: () => Promise<void>;
  try {
    release = await lockOutputFolder(out);
  } catch (err) {
    process.stderr.write(`yujue: ${(err as Error).message}\n`);
    return 2;
  }
  try {
    const summary = await rebuildDatabase(out);
    for (const line of summary.unreadable) process.stderr.write(`warning: left out ${line}\n`);
    process.stdout.write(`rebuilt ${summary.file}: ${summary.documents} documents, ${summary.facts} facts\n`);
    return summary.unreadable.length > 0 ? 1 : 0;
  } catch (err) {
    process.stderr.write(`yujue: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await release();
  }
}
