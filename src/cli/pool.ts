import { fork, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Document } from "../../schemas/document.js";
import type { PageProgress } from "../pipeline.js";
import type { WorkerJob, WorkerReply } from "./worker.js";

export interface PoolLimits {
  /** Per-document wall-clock limit. */
  timeoutMs: number;
  /** Per-process memory limit: V8 heap flag plus a resident-size watchdog. */
  maxMemoryMb: number;
  /** A process is replaced after this many documents (pdf.js and WASM memory only grows). */
  maxJobsPerWorker: number;
  /** OCR workers per process: the cores shared out among the documents running at once. */
  ocrWorkers: number;
}

export type JobOutcome = { ok: true; doc: Document } | { ok: false; error: string };

interface Slot {
  child: ChildProcess;
  jobs: number;
  stderrTail: string;
  /** Resolves true once the process has loaded its modules, false if it died or hung first. */
  ready: Promise<boolean>;
}

const RSS_POLL_MS = 250;
/**
 * Loading pdf.js and the pipeline takes a second or two, more on a loaded machine; not counted in the document's time.
 */
const STARTUP_LIMIT_MS = 60_000;

/**
 * Long-lived child processes that extract one document at a time each. A
 * document that runs over its time or memory limit, or crashes its process,
 * is reported as failed and its process replaced; other documents go on.
 */
export class WorkerPool {
  private idle: Slot[] = [];
  private busy = new Set<Slot>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly limits: PoolLimits) {}

  async run(job: Omit<WorkerJob, "type" | "id">, onProgress?: (progress: PageProgress) => void): Promise<JobOutcome> {
    if (this.closed) return { ok: false, error: "stopped: the run is ending" };
    const slot = await this.readySlot();
    if ("error" in slot) return { ok: false, error: slot.error };
    if (this.closed) {
      this.retire(slot);
      return { ok: false, error: "stopped: the run is ending" };
    }
    this.busy.add(slot);
    const outcome = await this.send(slot, { type: "job", id: this.nextId++, ...job }, onProgress);
    this.busy.delete(slot);
    slot.jobs++;
    if (!this.closed && isRunning(slot.child) && slot.jobs < this.limits.maxJobsPerWorker) {
      this.idle.push(slot);
    } else {
      this.retire(slot);
    }
    return outcome;
  }

  /**
   * An idle process, or a new one once it has loaded. A failed start is
   * tried once more with a fresh process: it can fail for passing reasons
   * (the compiled files being rebuilt, a busy machine).
   */
  private async readySlot(): Promise<Slot | { error: string }> {
    for (let idle = this.idle.pop(); idle; idle = this.idle.pop()) {
      if (isRunning(idle.child)) return idle;
    }
    let slot = this.spawn();
    if (await slot.ready) return slot;
    this.retire(slot);
    slot = this.spawn();
    if (await slot.ready) return slot;
    this.retire(slot);
    return {
      error: crashReason(
        slot.child.exitCode,
        slot.child.signalCode,
        slot.stderrTail,
        this.limits.maxMemoryMb,
        "did not start",
      ),
    };
  }

  /** Stops every process (busy ones too) and resolves once all have exited. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = [...this.idle, ...this.busy];
    this.idle = [];
    this.busy.clear();
    await Promise.all(
      slots.map((slot) => {
        const exited = isRunning(slot.child)
          ? new Promise((resolve) => slot.child.once("exit", resolve))
          : Promise.resolve();
        this.retire(slot);
        return exited;
      }),
    );
  }

  private spawn(): Slot {
    const child = fork(workerScript(), [], {
      execArgv: [`--max-old-space-size=${this.limits.maxMemoryMb}`],
      env: { ...process.env, YUJUE_OCR_WORKERS: process.env.YUJUE_OCR_WORKERS ?? String(this.limits.ocrWorkers) },
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "advanced",
      // Own process group: a Ctrl-C at the terminal stops the runner, which leaves the workers to
      // exit on "disconnect", instead of killing them first and having their documents recorded as crashed.
      detached: true,
    });
    const slot: Slot = { child, jobs: 0, stderrTail: "", ready: whenReady(child) };
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (text: string) => {
      slot.stderrTail = (slot.stderrTail + text).slice(-4000);
    });
    return slot;
  }

  private retire(slot: Slot): void {
    if (isRunning(slot.child)) slot.child.kill("SIGKILL");
  }

  private send(slot: Slot, job: WorkerJob, onProgress?: (progress: PageProgress) => void): Promise<JobOutcome> {
    const { child } = slot;
    // A crash is explained by what this document printed, not an earlier one.
    slot.stderrTail = "";
    return new Promise<JobOutcome>((resolve) => {
      let killedFor: string | null = null;
      const finish = (outcome: JobOutcome) => {
        clearTimeout(timer);
        clearInterval(watch);
        child.off("message", onMessage);
        child.off("close", onExit);
        resolve(outcome);
      };
      const kill = (reason: string) => {
        killedFor = reason;
        child.kill("SIGKILL");
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply?.id !== job.id) return;
        if (reply.type === "progress") return onProgress?.(reply.progress);
        if (reply.type !== "result") return;
        finish(reply.ok ? { ok: true, doc: reply.doc } : { ok: false, error: reply.error });
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        finish({ ok: false, error: killedFor ?? crashReason(code, signal, slot.stderrTail, this.limits.maxMemoryMb) });
      };
      const timer = setTimeout(
        () => kill(`time limit exceeded (${this.limits.timeoutMs / 1000} s)`),
        this.limits.timeoutMs,
      );
      const watch = setInterval(() => {
        const rss = residentMb(child.pid);
        if (rss !== null && rss > this.limits.maxMemoryMb)
          kill(`memory limit exceeded (${this.limits.maxMemoryMb} MB)`);
      }, RSS_POLL_MS);
      child.on("message", onMessage);
      child.on("close", onExit);
      child.send(job, (err) => {
        if (err) kill(`worker unavailable: ${err.message}`);
      });
    });
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function whenReady(child: ChildProcess): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("close", onExit);
      resolve(ok);
    };
    const onMessage = (message: { type?: string }) => message?.type === "ready" && done(true);
    const onExit = () => done(false);
    const timer = setTimeout(() => done(false), STARTUP_LIMIT_MS);
    child.on("message", onMessage);
    // "close", not "exit": by then stderr has been read to the end, for the reason.
    child.on("close", onExit);
  });
}

function crashReason(
  code: number | null,
  signal: string | null,
  stderr: string,
  maxMemoryMb: number,
  what = "crashed",
): string {
  if (/heap out of memory|Reached heap limit|allocation failed/i.test(stderr))
    return `memory limit exceeded (${maxMemoryMb} MB)`;
  const last = mostTellingLine(stderr);
  const how = signal ? `signal ${signal}` : code !== null ? `exit code ${code}` : "no answer";
  return `worker process ${what} (${how})${last ? `: ${last.slice(0, 200)}` : ""}`;
}

/** The error line of a crash report (Node ends its reports with a version line, which says nothing). */
function mostTellingLine(stderr: string): string | undefined {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !/^Node\.js v\d/.test(l));
  return [...lines].reverse().find((l) => /\b\w*Error\b|ERR_[A-Z_]+/.test(l)) ?? lines.pop();
}

/** Resident set size of a process in MB, from /proc (Linux); null elsewhere. */
function residentMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * The compiled worker next to this module. When this module runs from
 * TypeScript sources (vitest), the compiled copy under dist/ is used:
 * a child process cannot load .ts files.
 */
export function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = path.join(path.dirname(here), "worker.js");
  if (existsSync(sibling)) return sibling;
  const root = path.resolve(path.dirname(here), "../..");
  const compiled = path.join(root, "dist", "src", "cli", "worker.js");
  if (existsSync(compiled)) return compiled;
  throw new Error(`compiled worker not found (${compiled}): run "npm run build" first`);
}
