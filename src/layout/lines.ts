import type { Box, Ruling } from "../pdf/model.js";
import type { LayoutSettings } from "./settings.js";

/**
 * Snaps near-collinear rulings onto one line and joins overlapping or
 * touching segments, so a border drawn once per cell (WPS, ONLYOFFICE) or
 * twice (Excel) becomes one segment.
 */
export function mergeRulings(rulings: Ruling[], s: LayoutSettings): Ruling[] {
  const out: Ruling[] = [];
  for (const orientation of ["h", "v"] as const) {
    const group = rulings.filter((r) => r.orientation === orientation).sort((a, b) => a.at - b.at);
    for (const line of clusterByPosition(group, s.snapTolerance)) out.push(...joinSegments(line, s.joinTolerance));
  }
  return out;
}

function clusterByPosition(sorted: Ruling[], tol: number): Ruling[][] {
  const clusters: Ruling[][] = [];
  for (const r of sorted) {
    const last = clusters[clusters.length - 1];
    if (last && r.at - last[last.length - 1].at <= tol) last.push(r);
    else clusters.push([r]);
  }
  return clusters;
}

function joinSegments(line: Ruling[], tol: number): Ruling[] {
  const at = line.reduce((sum, r) => sum + r.at, 0) / line.length;
  const sorted = [...line].sort((a, b) => a.from - b.from);
  const out: Ruling[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + tol) last.to = Math.max(last.to, r.to);
    else out.push({ orientation: r.orientation, at, from: r.from, to: r.to });
  }
  return out;
}

/** Does some ruling of the given orientation cover [from, to] at position `at`? */
export function covered(
  rulings: Ruling[],
  orientation: "h" | "v",
  at: number,
  from: number,
  to: number,
  tol: number,
): boolean {
  for (const r of rulings) {
    if (r.orientation !== orientation || Math.abs(r.at - at) > tol) continue;
    if (r.from <= from + tol && r.to >= to - tol) return true;
  }
  return false;
}

/** The box around a network of rulings. */
export function networkBox(rulings: Ruling[]): Box {
  let x0 = Infinity,
    x1 = -Infinity,
    y0 = Infinity,
    y1 = -Infinity;
  for (const r of rulings) {
    if (r.orientation === "h") {
      x0 = Math.min(x0, r.from);
      x1 = Math.max(x1, r.to);
      y0 = Math.min(y0, r.at);
      y1 = Math.max(y1, r.at);
    } else {
      y0 = Math.min(y0, r.from);
      y1 = Math.max(y1, r.to);
      x0 = Math.min(x0, r.at);
      x1 = Math.max(x1, r.at);
    }
  }
  return { x0, x1, y0, y1 };
}

/**
 * Vertical rules standing alone beside a table over exactly its height are column edges of that table: a cell
 * merged over several pages (一级指标 产出指标 over four pages) prints its side rules on a continuation page but
 * no rule across them, so nothing connects them to the grid. They join the table they flank, nearest first, so
 * a run of such columns joins rule by rule. Rules of another height or farther off stay apart.
 */
export function joinSideRules(networks: Ruling[][], s: LayoutSettings): Ruling[][] {
  const lone = new Set(networks.filter((n) => n.every((r) => r.orientation === "v")));
  const tables = networks.filter((n) => !lone.has(n)).map((n) => [...n]);
  for (const table of tables) {
    for (let joined = true; joined; ) {
      joined = false;
      const box = networkBox(table);
      for (const n of lone) {
        if (!n.every((v) => flanks(v, table, box, s))) continue;
        table.push(...n);
        lone.delete(n);
        joined = true;
      }
    }
  }
  return [...tables, ...lone];
}

/**
 * A vertical rule over the table's full height, outside it, and no farther from it than the table's widest
 * column is wide (the gap it closes is one more column).
 */
function flanks(v: Ruling, table: Ruling[], box: Box, s: LayoutSettings): boolean {
  const tol = s.edgeTolerance;
  if (Math.abs(v.from - box.y0) > tol || Math.abs(v.to - box.y1) > tol) return false;
  const gap = v.at < box.x0 ? box.x0 - v.at : v.at - box.x1;
  return gap > tol && gap <= widestColumn(table, box);
}

function widestColumn(table: Ruling[], box: Box): number {
  const xs = [box.x0, box.x1, ...table.filter((r) => r.orientation === "v").map((r) => r.at)].sort((a, b) => a - b);
  return Math.max(...xs.slice(1).map((x, i) => x - xs[i]!));
}

/** Groups rulings into connected networks: each is a candidate table region. */
export function connectedNetworks(rulings: Ruling[], s: LayoutSettings): Ruling[][] {
  const parent = rulings.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  for (let i = 0; i < rulings.length; i++) {
    for (let j = i + 1; j < rulings.length; j++) {
      if (touches(rulings[i], rulings[j], s)) union(i, j);
    }
  }
  const groups = new Map<number, Ruling[]>();
  rulings.forEach((r, i) => {
    const root = find(i);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(r);
  });
  return [...groups.values()];
}

function touches(a: Ruling, b: Ruling, s: LayoutSettings): boolean {
  const tol = s.edgeTolerance;
  if (a.orientation === b.orientation) {
    // Stacked horizontal rules of a table drawn without verticals belong together.
    if (a.orientation !== "h") return Math.abs(a.at - b.at) <= tol && a.from <= b.to + tol && b.from <= a.to + tol;
    const overlap = Math.min(a.to, b.to) - Math.max(a.from, b.from);
    const shorter = Math.min(a.to - a.from, b.to - b.from);
    return Math.abs(a.at - b.at) < s.stackedRuleGap && overlap > s.stackedRuleOverlap * shorter;
  }
  const h = a.orientation === "h" ? a : b;
  const v = a.orientation === "h" ? b : a;
  return v.at >= h.from - tol && v.at <= h.to + tol && h.at >= v.from - tol && h.at <= v.to + tol;
}
