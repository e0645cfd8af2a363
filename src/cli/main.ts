#!/usr/bin/env node
/** The `yujue` command. Exit status: 0 all ok, 1 some documents failed, 2 usage error. */
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { TOOL_VERSION } from "../version.js";
import { CliUsageError, HELP_HINT, parseCli, USAGE, type CliArgs } from "./args.js";
import { runBatch, strictFailures, UsageError, type BatchEvent } from "./batch.js";
import { dbMain, isDbCommand } from "./db.js";
import { displayPath, readInputList } from "./inputs.js";
import { LockError } from "./lock.js";
import { documentLine, ProgressBar, summaryLine } from "./report.js";
import { mergeCommand } from "./merge.js";

export async function main(argv: string[]): Promise<number> {
  if (isDbCommand(argv)) return dbMain(argv);
  let args: CliArgs;
  try {
    // Loaded on use: the review stage brings pdf.js and canvas, which an extract run's parent does without.
    if (argv[0] === "review") return await (await import("./review.js")).reviewCommand(argv.slice(1));
    if (argv[0] === "merge") return await mergeCommand(argv.slice(1));
    const parsed = parseCli(argv);
    if (parsed.help) {
      process.stdout.write(USAGE + "\n");
      return 0;
    }
    if ("version" in parsed) {
      process.stdout.write(`yujue ${TOOL_VERSION}\n`);
      return 0;
    }
    args = parsed.args;
    if (args.from !== null) args.inputs.push(...(await readInputList(args.from, process.cwd())));
  } catch (err) {
    return usageFailure(err);
  }
  const onEvent = eventPrinter(args.json);
  const stop = stopOnSignals();
  try {
    const result = await runBatch({ ...args, onEvent, signal: stop.signal });
    if (result.summary.interrupted) return SIGNAL_EXIT[result.summary.interrupted] ?? 1;
    const failures = args.strict ? strictFailures(result.summary) : result.summary.failed;
    return failures > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof LockError) return usageFailure(err);
    process.stderr.write(`yujue: ${(err as Error).message}\n`);
    return 1;
  } finally {
    stop.dispose();
  }
}

/** The shell's convention: 128 + the signal's number. */
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * The first SIGINT/SIGTERM asks the run to stop (it writes what is done and releases the lock); a second
 * one ends the process at once (the lock is removed on exit all the same).
 */
function stopOnSignals(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const handler = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(SIGNAL_EXIT[name]);
    process.stderr.write(`\nyujue: ${name}: stopping; writing what is done (again to quit at once)\n`);
    controller.abort(name);
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    },
  };
}

function usageFailure(err: unknown): number {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`yujue: ${message}\n${err instanceof CliUsageError ? HELP_HINT + "\n" : ""}`);
  return 2;
}

/** --json: one JSON line per event on stdout. Otherwise a line per document, a progress bar on a terminal. */
function eventPrinter(json: boolean): (event: BatchEvent) => void {
  if (json) return (event) => process.stdout.write(JSON.stringify(event) + "\n");
  const bar = process.stderr.isTTY ? new ProgressBar(process.stderr) : null;
  const print = (line: string, stream: NodeJS.WriteStream) =>
    bar ? bar.print(line, stream) : stream.write(line + "\n");
  return (event) => {
    if (event.event === "warning") print(`warning: ${event.message}`, process.stderr);
    if (event.event === "document") print(documentLine(event), process.stdout);
    bar?.update(event);
    if (event.event === "summary") {
      bar?.clear();
      process.stdout.write(summaryLine(event) + "\n");
      if (event.review) process.stdout.write(`review: ${displayPath(event.review, process.cwd())}\n`);
    }
  };
}

/** True when run as a program, also through the npm bin symlink. */
function isMainModule(): boolean {
  try {
    return !!process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMainModule()) {
  // `yujue extract ... | head`: a closed pipe ends the output, not the program with a stack trace.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
  });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
