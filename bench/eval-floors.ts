/**
 * Floors (bench/floors.json): the figures each document must keep. A run
 * below one fails, naming the document, the figure and the first cells.
 */
import { describeFact } from "./compare.js";
import { type DocResult, type EvalResults, type Figures, FIGURE_NAMES, type ScannedResult } from "./eval-run.js";
import { fmt } from "./eval-report.js";

export interface Floors {
  note?: string;
  /**
   * Written by hand, kept by --write-floors: per document (or scanned copy), why a floor is below 1,
   * naming the cells the rules find wrong.
   */
  below_one?: Record<string, string>;
  documents: Record<string, Partial<Figures>>;
  /** Checked only when the run covers exactly these documents (a new golden file changes the total). */
  total?: Partial<Figures> & { documents?: string[] };
  scanned_parity?: Record<string, number>;
  /**
   * Per scanned copy, the issue-17 measure (bench/parity.ts, cell by cell): `equal`, the share of the original's
   * numeric cells read equal (0 when the tables differ in kind or pages); `accounted`, the share that are equal,
   * flagged or named by a failed check (1 - silent errors).
   */
  scanned_cells?: Record<string, ScannedCellFloor>;
  /** Per sample with performance goldens (bench/eval-performance.ts): table/indicator/project figures. */
  performance?: Record<string, Partial<Record<string, number>>>;
}

export interface ScannedCellFloor {
  equal: number;
  accounted: number;
}

/** A scanned copy's cell figures (see Floors.scanned_cells); zero when it could not be compared. */
export function scannedCellFigures(s: ScannedResult): ScannedCellFloor {
  const c = s.cells;
  if (!c || !c.numeric) return { equal: 0, accounted: 0 };
  return {
    equal: c.tables_equal ? c.equal / c.numeric : 0,
    accounted: Math.max(0, 1 - c.unaccounted / c.numeric),
  };
}

/** One message per figure below its floor, naming the document, the figure and (for facts) the first missed cells. */
export function checkFloors(results: EvalResults, floors: Floors, cellsNamed = 5): string[] {
  const failures: string[] = [];
  for (const doc of results.documents) {
    const floor = floors.documents[doc.id];
    if (!floor) continue;
    for (const name of FIGURE_NAMES) {
      const message = belowFloor(`${doc.id} ${name}`, doc.figures[name], floor[name]);
      if (!message) continue;
      failures.push(message + cellsHint(doc, name, cellsNamed));
    }
  }
  for (const id of Object.keys(floors.documents)) {
    if (results.filter === null && !results.documents.some((d) => d.id === id)) {
      failures.push(`${id}: has a floor but was not evaluated (answer key or PDF missing)`);
    }
  }
  if (floors.total && sameSet(floors.total.documents ?? [], results.total.documents)) {
    for (const name of FIGURE_NAMES) {
      const message = belowFloor(`total ${name}`, results.total[name], floors.total[name]);
      if (message) failures.push(message);
    }
  }
  for (const s of results.scanned) {
    const cells = scannedCellFigures(s),
      cellFloor = floors.scanned_cells?.[s.id];
    for (const name of ["equal", "accounted"] as const) {
      const message = belowFloor(`${s.id} cells ${name}`, cells[name], cellFloor?.[name]);
      if (message) failures.push(message);
    }
    const message = belowFloor(`${s.id} parity`, s.parity, floors.scanned_parity?.[s.id]);
    if (message)
      failures.push(
        message +
          (s.differing.length ? "; differing: " + s.differing.slice(0, cellsNamed).map(describeFact).join("; ") : ""),
      );
  }
  return failures;
}

function belowFloor(name: string, value: number | null, floor: number | null | undefined): string | null {
  if (floor === undefined || floor === null) return null;
  // A figure that cannot be measured any more (no output tables at all) counts as 0.
  const actual = value ?? 0;
  if (actual >= floor - 1e-9) return null;
  return `${name} ${fmt(actual)} < floor ${fmt(floor)}`;
}

function cellsHint(doc: DocResult, figure: keyof Figures, count: number): string {
  if (doc.error) return ` (extraction failed: ${doc.error})`;
  if (figure === "fact_recall" && doc.missed.length) {
    return `; missed: ${doc.missed.slice(0, count).map(describeFact).join("; ")}`;
  }
  if (figure === "table_recall" && doc.missed_tables.length) {
    return `; missed tables: ${doc.missed_tables.map((t) => `${t.table_kind} p${t.pages.join(",")}`).join("; ")}`;
  }
  if (figure === "fact_precision" && doc.extra_sample.length) {
    return `; extra: ${doc.extra_sample.slice(0, count).map(describeFact).join("; ")}`;
  }
  return "";
}

export function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Floors at this run's figures, rounded down to 3 decimals so float noise never fails a run. */
export function floorsFrom(results: EvalResults, note: string): Floors {
  const down = (v: number) => Math.floor(v * 1000) / 1000;
  // A figure that is null (nothing to measure) gets no floor.
  const figures = (f: Figures): Partial<Figures> =>
    Object.fromEntries(FIGURE_NAMES.filter((n) => f[n] !== null).map((n) => [n, down(f[n]!)]));
  const floors: Floors = {
    note,
    documents: Object.fromEntries(results.documents.map((d) => [d.id, figures(d.figures)])),
    total: { ...figures(results.total), documents: results.total.documents },
  };
  if (results.scanned.length) {
    floors.scanned_parity = Object.fromEntries(results.scanned.map((s) => [s.id, down(s.parity ?? 0)]));
    floors.scanned_cells = Object.fromEntries(
      results.scanned.map((s) => {
        const c = scannedCellFigures(s);
        return [s.id, { equal: down(c.equal), accounted: down(c.accounted) }];
      }),
    );
  }
  return floors;
}

/**
 * New floors for what this run measured, the previous ones for the rest: a run
 * without --scanned keeps the scanned floors, a run with --only keeps the total.
 */
export function mergeFloors(previous: Floors, fresh: Floors, filtered: boolean): Floors {
  return {
    note: fresh.note,
    ...(previous.below_one ? { below_one: previous.below_one } : {}),
    documents: { ...previous.documents, ...fresh.documents },
    total: filtered ? previous.total : fresh.total,
    scanned_parity: { ...previous.scanned_parity, ...fresh.scanned_parity },
    scanned_cells: { ...previous.scanned_cells, ...fresh.scanned_cells },
    ...(previous.performance ? { performance: previous.performance } : {}),
  };
}
