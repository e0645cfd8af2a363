/** Eval's printed report: one block per document, per scanned copy, and a summary table. */
import { describeFact } from "./compare.js";
import type { CellParity, DocResult, EvalResults, Figures, ScannedResult } from "./eval-run.js";

export function fmt(v: number | null): string {
  return v === null ? "  -  " : v.toFixed(3);
}

function pad(text: string | number, width: number): string {
  const s = String(text);
  return s.length >= width ? s : s + " ".repeat(width - s.length);
}

export function formatDocument(d: DocResult): string {
  const lines = [`\n${d.id}  (key ${d.key_file}; ${d.pages ?? "?"} pages, ${d.seconds.toFixed(1)} s)`];
  if (d.error) lines.push(`  FAILED: ${d.error}`);
  lines.push(`  ${pad("table kind", 36)}${pad("tables key/out/match", 22)}facts key/out/found`);
  const kinds = [...new Set([...Object.keys(d.tables.by_kind), ...Object.keys(d.facts.by_kind)])].sort();
  for (const kind of kinds) {
    const t = d.tables.by_kind[kind] ?? { key: 0, output: 0, matched: 0 };
    const f = d.facts.by_kind[kind] ?? { key: 0, output: 0, matched: 0 };
    lines.push(`  ${pad(kind, 36)}${pad(`${t.key}/${t.output}/${t.matched}`, 22)}${f.key}/${f.output}/${f.matched}`);
  }
  const fig = d.figures;
  const facts = d.tables_only
    ? "facts not scored (table inventory)"
    : `facts recall ${fmt(fig.fact_recall)} precision ${fmt(fig.fact_precision)} ` +
      `(found ${d.facts.found} of ${d.facts.key}, extra ${d.facts.extra})`;
  lines.push(`  tables P ${fmt(fig.table_precision)} R ${fmt(fig.table_recall)} | ${facts}`);
  if (d.other.tables > 0) {
    const pages = d.other.pages.map((p) => `p${p.join(",")}`).join("; ");
    lines.push(`  kept as other (not scored): ${d.other.tables} table(s), ${d.other.facts} facts (${pages})`);
  }
  if (d.other.performance_facts > 0 && !d.tables_only) {
    lines.push(
      `  performance tables keyed without facts: ${d.other.performance_facts} facts left to samples/golden/performance`,
    );
  }
  if (d.meta) {
    const wrong = Object.entries(d.meta)
      .filter(([, ok]) => !ok)
      .map(([k]) => k);
    if (wrong.length) lines.push(`  metadata differs from key: ${wrong.join(", ")}`);
  }
  for (const t of d.missed_tables) lines.push(`  missed table: ${t.table_kind} p${t.pages.join(",")} ${t.title ?? ""}`);
  const missedCount = d.facts.key - d.facts.found;
  if (missedCount > 0) {
    lines.push(`  missed cells (first ${d.missed.length} of ${missedCount}):`);
    d.missed.forEach((f, i) => {
      lines.push(`    ${describeFact(f)}`);
      for (const near of d.missed_near[i] ?? []) lines.push(`        output near it: ${describeFact(near)}`);
    });
  }
  return lines.join("\n");
}

export function formatScanned(s: ScannedResult): string {
  if (s.error) return `\n${s.id}: EXTRACTION FAILED: ${s.error}`;
  const lines = [
    `\n${s.id}  (vs ${s.original}; ${s.pages} pages, ${s.seconds.toFixed(1)} s)`,
    `  parity ${fmt(s.parity)}: ${s.equal} of ${s.text_facts} text cells equal ` +
      `(scanned cells ${s.scanned_facts}); key recall ${fmt(s.fact_recall)}`,
  ];
  const c = s.cells;
  if (c) {
    lines.push(
      `  cells: ${c.equal} of ${c.numeric} numeric cells equal (${fmt(c.numeric ? c.equal / c.numeric : null)}), ` +
        `${c.unaccounted} differing unflagged, ${c.right_flagged ?? 0} equal flagged${reasons(c.right_flagged_by)}; ` +
        `tables ${c.tables_equal ? "identical" : "DIFFER"}`,
    );
    if (!c.tables_equal) lines.push(`    text: ${c.text_tables.join(" ")}`, `    scan: ${c.scan_tables.join(" ")}`);
    for (const d of c.differences ?? []) lines.push(`    cell ${d}`);
  }
  const i = s.indicators;
  if (i) {
    lines.push(
      `  indicators: ${i.equal} of ${i.indicators} equal; differing ${i.flagged} flagged, ${i.unflagged} unflagged; ` +
        `${i.lost} lost`,
    );
    for (const d of i.differences) lines.push(`    indicator ${d}`);
  }
  s.differing.forEach((f, i) => {
    lines.push(`    text:    ${describeFact(f)}`);
    for (const near of s.differing_scanned[i] ?? []) lines.push(`    scanned: ${describeFact(near)}`);
  });
  return lines.join("\n");
}

export function formatSummary(results: EvalResults): string {
  const header = [pad("document", 68), pad("tabP", 7), pad("tabR", 7), pad("recall", 8), pad("prec", 7)]
    .concat("found/key  extra")
    .join("");
  const row = (name: string, f: Figures, found: number, key: number, extra: number) =>
    [
      pad(name, 68),
      pad(fmt(f.table_precision), 7),
      pad(fmt(f.table_recall), 7),
      pad(fmt(f.fact_recall), 8),
      pad(fmt(f.fact_precision), 7),
      pad(`${found}/${key}`, 11),
      extra,
    ].join("");
  const lines = ["\n" + header];
  for (const d of results.documents) {
    if (d.tables_only)
      lines.push(
        `${pad(d.id, 68)}${pad(fmt(d.figures.table_precision), 7)}${pad(fmt(d.figures.table_recall), 7)}(tables only)`,
      );
    else lines.push(row(d.id, d.figures, d.facts.found, d.facts.key, d.facts.extra));
  }
  const t = results.total;
  lines.push(row("TOTAL", t, t.found, t.key_facts, t.output_facts - t.found));
  if (t.other_tables > 0)
    lines.push(`tables kept as other (not scored): ${t.other_tables}, with ${t.other_facts} facts`);
  if (t.performance_facts > 0)
    lines.push(
      `facts of performance tables keyed without facts (scored by the performance goldens): ${t.performance_facts}`,
    );
  const heldout = results.scanned.filter((s) => s.id.startsWith("heldout/"));
  const heldout2 = results.scanned.filter((s) => s.id.startsWith("heldout2/"));
  const heldout3 = results.scanned.filter((s) => s.id.startsWith("heldout3/"));
  const heldout4 = results.scanned.filter((s) => s.id.startsWith("heldout4/"));
  const apart = [...heldout, ...heldout2, ...heldout3, ...heldout4];
  lines.push(...results.scanned.filter((s) => !apart.includes(s)).map(scannedLine));
  if (heldout.length) {
    lines.push("\nheld-out scans (samples/heldout/: forms and pages never tuned on)", ...heldout.map(scannedLine));
    lines.push(scanSetTotal("held-out total", heldout));
  }
  if (heldout2.length) {
    lines.push("\nheld-out 2 scans (samples/heldout2/: pages no other scan uses)", ...heldout2.map(scannedLine));
    lines.push(scanSetTotal("held-out 2 total", heldout2));
  }
  if (heldout3.length) {
    lines.push(
      "\nheld-out 3 scans (samples/heldout3/: bilevel, grey, sideways, skewed, photocopied)",
      ...heldout3.map(scannedLine),
    );
    lines.push(scanSetTotal("held-out 3 total", heldout3));
  }
  if (heldout4.length) {
    lines.push(
      "\nheld-out 4 scans (samples/heldout4/: spread, gutter, heavy JPEG, 120 dpi, pen, cut short, upside down)",
      ...heldout4.map(scannedLine),
    );
    lines.push(scanSetTotal("held-out 4 total", heldout4));
  }
  return lines.join("\n");
}

function scannedLine(s: ScannedResult): string {
  const c = s.cells;
  const cells = c
    ? `, cells ${c.equal}/${c.numeric} (${c.unaccounted} unflagged, ${c.right_flagged ?? 0} right flagged), ` +
      `tables ${c.tables_equal ? "same" : "DIFFER"}`
    : "";
  return (
    `${pad(s.id, 68)} parity ${fmt(s.parity)} (${s.equal}/${s.text_facts})${cells}, ` +
    `key recall ${fmt(s.fact_recall)}, ${s.seconds.toFixed(0)} s`
  );
}

/** A set of scans summed: numeric cells equal and unflagged differences over all of them, scans whose tables match. */
export function scanSetTotal(name: string, scans: ScannedResult[]): string {
  const sum = (pick: (c: CellParity) => number) => scans.reduce((n, s) => n + (s.cells ? pick(s.cells) : 0), 0);
  const numeric = sum((c) => c.numeric),
    equal = sum((c) => c.equal);
  const same = scans.filter((s) => s.cells?.tables_equal).length;
  const by: Record<string, number> = {};
  for (const s of scans)
    for (const [why, n] of Object.entries(s.cells?.right_flagged_by ?? {})) by[why] = (by[why] ?? 0) + n;
  const failed = scans.filter((s) => s.error).length;
  return (
    `${pad(name, 68)} cells ${equal}/${numeric} equal (${fmt(numeric ? equal / numeric : null)}), ` +
    `${sum((c) => c.unaccounted)} differing unflagged, ${sum((c) => c.right_flagged ?? 0)} equal figures flagged` +
    `${reasons(by)}; ` +
    `tables same in ${same} of ${scans.length} scans` +
    (failed ? `; ${failed} failed` : "")
  );
}

/** Right-flagged cells by why they were flagged: " (read 12, header 28)"; nothing when there are none. */
function reasons(by: Record<string, number> | undefined): string {
  const parts = Object.entries(by ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([why, n]) => `${why} ${n}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}
