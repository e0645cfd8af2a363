import { parseArgs, type ParseArgsConfig } from "node:util";
import type { OcrMode } from "../pipeline.js";
import { parseShard, type Shard } from "./shard.js";

export const USAGE = `usage: yujue extract <pdf|folder|glob|url>... [options]
       yujue review <out>   rebuild the review pages <out>/review/ from the documents extracted there
       yujue query "<SQL>" [--out DIR | --db FILE] [--csv | --json]
       yujue db rebuild [--out DIR]
       yujue merge <shard out>... --out DIR [--parquet] [--no-review]   one output folder from shard outputs

  --out DIR            output folder (default: output)
  --ocr MODE           auto | always | never (default: auto)
  --concurrency N      documents at once, one process each (default: one per core)
  --timeout S          per-document time limit in seconds (default: 600)
  --max-memory MB      per-document memory limit in MB (default: 3072)
  --force              redo documents whose outputs are already complete
  --strict             exit 1 also when a document has failed checks or no tables
  --json               one JSON line per event on stdout
  --from FILE|-        read more inputs from a list file or stdin, one a line
  --password P         password for encrypted PDFs
  --no-review          do not write the review pages (<out>/review/index.html)
  --parquet            also write facts, checks and indicators as Parquet files in <out>
  --no-database        do not update <out>/yujue.sqlite
  --shard K/N          only the inputs of shard K of N (0-based, split by each file's sha256); env/N takes K
                       from JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm array)
  -h, --help           this help
  --version            the version of yujue

exit status: 0 all documents ok, 1 some failed (with --strict: or have failed checks
or no tables), 2 usage error, 130/143 stopped by Ctrl-C/SIGTERM`;

export interface CliArgs {
  inputs: string[];
  from: string | null;
  out: string;
  ocr: OcrMode;
  concurrency: number | undefined;
  timeoutMs: number | undefined;
  maxMemoryMb: number | undefined;
  force: boolean;
  strict: boolean;
  json: boolean;
  password: string | undefined;
  /** Write <out>/review/ (false with --no-review). */
  review: boolean;
  /** Write <out>/*.parquet from the database. */
  parquet: boolean;
  /** Keep <out>/yujue.sqlite current (false with --no-database). */
  database: boolean;
  /** --shard K/N: only this shard's inputs. */
  shard: Shard | undefined;
}

export type ParsedCli = { help: true } | { version: true; help: false } | { help: false; args: CliArgs };

export class CliUsageError extends Error {}

/** The line printed under a usage error. */
export const HELP_HINT = 'Run "yujue --help" for the commands and options.';

/** Parses `extract ...` arguments (argv without node and the script). Throws CliUsageError. */
export function parseCli(argv: string[]): ParsedCli {
  const { values, positionals } = parseCommandLine(argv, {
    out: { type: "string" },
    ocr: { type: "string" },
    concurrency: { type: "string" },
    timeout: { type: "string" },
    "max-memory": { type: "string" },
    force: { type: "boolean" },
    strict: { type: "boolean" },
    json: { type: "boolean" },
    from: { type: "string" },
    password: { type: "string" },
    "no-review": { type: "boolean" },
    parquet: { type: "boolean" },
    "no-database": { type: "boolean" },
    shard: { type: "string" },
    help: { type: "boolean", short: "h" },
    version: { type: "boolean" },
  });
  if (values.help) return { help: true };
  if (values.version) return { version: true, help: false };
  const [command, ...inputs] = positionals;
  if (command !== "extract") throw new CliUsageError(command ? `unknown command "${command}"` : "missing command");
  const from = values.from ?? null;
  if (inputs.length === 0 && from === null) throw new CliUsageError("no inputs given");
  if (values.parquet && values["no-database"])
    throw new CliUsageError("--parquet is written from the database: drop --no-database");
  return {
    help: false,
    args: {
      inputs,
      from,
      out: values.out ?? "output",
      ocr: ocrMode(values.ocr),
      concurrency: positiveNumber("--concurrency", values.concurrency, true),
      timeoutMs: scaled(positiveNumber("--timeout", values.timeout, false), 1000),
      maxMemoryMb: memory(values["max-memory"]),
      force: values.force ?? false,
      strict: values.strict ?? false,
      json: values.json ?? false,
      password: values.password,
      review: !values["no-review"],
      parquet: values.parquet ?? false,
      database: !values["no-database"],
      shard: shard(values.shard),
    },
  };
}

function shard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  try {
    return parseShard(value);
  } catch (err) {
    throw new CliUsageError((err as Error).message);
  }
}

function ocrMode(value: string | undefined): OcrMode {
  if (value === undefined) return "auto";
  if (value === "auto" || value === "always" || value === "never") return value;
  throw new CliUsageError(`--ocr must be auto, always or never, not "${value}"`);
}

function positiveNumber(name: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new CliUsageError(`${name} must be a positive ${integer ? "integer" : "number"}, not "${value}"`);
  }
  return n;
}

function scaled(value: number | undefined, factor: number): number | undefined {
  return value === undefined ? undefined : Math.round(value * factor);
}

/** Below ~128 MB Node itself cannot start the extraction. */
function memory(value: string | undefined): number | undefined {
  const mb = positiveNumber("--max-memory", value, true);
  if (mb !== undefined && mb < 128) throw new CliUsageError(`--max-memory must be at least 128 (MB), not "${value}"`);
  return mb;
}

/**
 * One command's arguments by node:util parseArgs (positionals allowed, unknown options refused); a parse error
 * is thrown as a CliUsageError of one plain line. Every command parses through here; the option tables stay
 * with each command.
 */
type CommandLine<O> = { args: string[]; allowPositionals: true; strict: true; options: O };

export function parseCommandLine<O extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  options: O,
): ReturnType<typeof parseArgs<CommandLine<O>>> {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (err) {
    throw new CliUsageError(plainParseError(err as Error & { code?: string }));
  }
}

/** Node's parseArgs error (several lines, about '--' and positionals) as one plain line. */
export function plainParseError(err: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(err.message)?.[1] ?? "";
  if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${option}`;
  if (/does not take an argument/.test(err.message)) return `${option} takes no value`;
  if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `${option} needs a value`;
  return err.message.split("\n")[0];
}
