import type { BatchEvent, BatchSummary, DocumentEvent, ReviewItem } from "./batch.js";
import type { Duplicate } from "./duplicates.js";

/** The line printed for one document: counts, or the one-line reason. */
export function documentLine(e: DocumentEvent): string {
  if (e.status === "failed") return `${e.file}: failed: ${e.error}`;
  const checks = `checks ${e.checks_passed ?? 0} passed / ${e.checks_failed ?? 0} failed`;
  const parts = [count(e.tables ?? 0, "table"), count(e.facts ?? 0, "fact"), checks];
  if (e.duplicate_of) parts.push(`same content as ${e.duplicate_of}, not extracted again`);
  else if (e.status === "skipped") parts.push("unchanged, skipped");
  const warnings = e.warnings.length > 0 ? ` (warning: ${e.warnings.join("; ")})` : "";
  return `${e.file}: ${parts.join(", ")}${warnings}`;
}

export function summaryLine(s: BatchSummary): string {
  const stopped = s.interrupted ? `stopped by ${s.interrupted}, ${s.not_done} not done (run again to finish): ` : "";
  return (
    stopped +
    `${count(s.documents, "document")}: ${s.ok} ok, ${s.skipped} skipped, ${s.failed} failed; ` +
    `${count(s.pages, "page")}, ${count(s.tables, "table")}, ${count(s.facts, "fact")} in ${formatDuration(s.ms)}` +
    reviewList(s.to_review) +
    duplicateList(s.duplicates)
  );
}

function duplicateList(items: Duplicate[]): string {
  if (items.length === 0) return "";
  const shown = items.slice(0, REVIEW_NAMES).map((d) => `${d.file} repeats ${d.duplicate_of} (${d.reason})`);
  const more = items.length > REVIEW_NAMES ? `, and ${items.length - REVIEW_NAMES} more in manifest.json` : "";
  return `; duplicates: ${shown.join(", ")}${more}`;
}

/** Names shown in the summary line; the rest are in manifest.json. */
const REVIEW_NAMES = 5;

function reviewList(items: ReviewItem[]): string {
  if (items.length === 0) return "";
  const shown = items.slice(0, REVIEW_NAMES).map((d) => `${d.file} (${reviewReason(d)})`);
  const more = items.length > REVIEW_NAMES ? `, and ${items.length - REVIEW_NAMES} more in manifest.json` : "";
  return `; to review: ${shown.join(", ")}${more}`;
}

function reviewReason(d: ReviewItem): string {
  if (d.outcome === "no_tables") return "no tables";
  const parts: string[] = [];
  if (d.checks_failed > 0) parts.push(`${count(d.checks_failed, "failed check")}`);
  if (d.warnings > 0) parts.push(count(d.warnings, "warning"));
  return parts.join(", ");
}

/** "1 document", "2 documents", "0 documents". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(s % 60).padStart(2, "0")}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/**
 * A one-line progress bar redrawn on a terminal: documents, pages, rate
 * and ETA. Lines printed through it appear above the bar.
 */
export class ProgressBar {
  private readonly started = Date.now();
  private done = 0;
  private total = 0;
  private pages = 0;
  private shown = false;
  /** Documents being read by OCR: pages done and pages in all. */
  private reading = new Map<string, { done: number; pages: number }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(event: BatchEvent): void {
    if (event.event === "start") {
      this.total = event.documents;
      // Redraw each second so the rate and ETA move while a long document runs.
      this.timer = setInterval(() => this.draw(), 1000);
      this.timer.unref();
    }
    if (event.event === "summary" && this.timer) clearInterval(this.timer);
    if (event.event === "page") this.reading.set(event.document, { done: event.done, pages: event.pages });
    if (event.event === "document") {
      this.reading.delete(event.file);
      this.done = event.done;
      if (event.status !== "skipped") this.pages += event.pages ?? 0;
    }
    this.draw();
  }

  /** Prints a line above the bar. */
  print(line: string, target: NodeJS.WriteStream): void {
    this.clear();
    target.write(line + "\n");
    this.draw();
  }

  clear(): void {
    if (this.shown) this.stream.write("\r\x1b[K");
    this.shown = false;
  }

  private draw(): void {
    if (this.total === 0) return;
    const elapsed = (Date.now() - this.started) / 1000;
    const width = 24;
    const filled = Math.round((this.done / this.total) * width);
    const pages = this.pages + [...this.reading.values()].reduce((n, p) => n + p.done, 0);
    const rate = elapsed > 0 ? pages / elapsed : 0;
    const eta = this.done > 0 ? ((this.total - this.done) * (Date.now() - this.started)) / this.done : null;
    const reading = [...this.reading].map(([file, p]) => `${shortName(file)} p${p.done}/${p.pages}`).join(", ");
    const text =
      `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${this.done}/${count(this.total, "document")}, ` +
      `${count(pages, "page")}, ${rate.toFixed(1)} pages/s, ETA ${eta === null ? "?" : formatDuration(eta)}` +
      (reading ? ` · reading ${reading}` : "");
    this.stream.write("\r\x1b[K" + text.slice(0, Math.max(20, (this.stream.columns || 100) - 1)));
    this.shown = true;
  }
}

function shortName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.length > 30 ? base.slice(0, 29) + "…" : base;
}
