import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { outputFacts, resolveKeyFacts, scoreFacts, describeFact, type AnswerKey } from "../../bench/compare.js";
import { extractDocument } from "../../src/pipeline.js";
import type { Document } from "../../schemas/document.js";
import { SAMPLES } from "../helpers/pages.js";

/**
 * Every golden answer in samples/: the synthetic answer keys, the golden
 * files checked by eye against the rendered pages (facts), and the table
 * inventories of the other real PDFs. Extraction must equal them exactly.
 */
interface Case {
  name: string;
  pdf: string;
  key: AnswerKey & { tables: { table_kind: string; pages: number[]; empty: boolean }[] };
  withFacts: boolean;
  /** False for a table printed without rules: header words cannot always be put over the right column. */
  columnsExact?: boolean;
}

function cases(): Case[] {
  const out: Case[] = [];
  const load = (p: string) => JSON.parse(readFileSync(p, "utf8"));
  for (const f of readdirSync(path.join(SAMPLES, "synthetic")).filter((f) => f.endsWith(".json"))) {
    const stem = f.replace(/\.json$/, "");
    const key = load(path.join(SAMPLES, "synthetic", f));
    out.push({ name: `synthetic/${stem}`, pdf: path.join(SAMPLES, "synthetic", `${stem}.pdf`), key, withFacts: true });
    if (stem.includes("hrss")) {
      out.push({
        name: `synthetic/${stem}.radicals`,
        pdf: path.join(SAMPLES, "synthetic", `${stem}.radicals.pdf`),
        key,
        withFacts: true,
      });
    }
  }
  // Golden keys of samples/real are held exact here. The regional keys (samples/regions) are gauged by
  // `npm run eval` against their floors in bench/floors.json until the extraction reaches them exactly.
  for (const f of readdirSync(path.join(SAMPLES, "golden")).filter((f) => f.endsWith(".json"))) {
    const inventoryOnly = f.endsWith(".tables.json");
    const stem = f.replace(/(\.tables)?\.json$/, "");
    if (!existsSync(path.join(SAMPLES, "real", `${stem}.pdf`))) continue;
    out.push({
      name: `golden/${f}`,
      pdf: path.join(SAMPLES, "real", `${stem}.pdf`),
      key: load(path.join(SAMPLES, "golden", f)),
      withFacts: !inventoryOnly,
    });
  }
  // Constructed: one key for the same tables printed by LibreOffice with rules and without any.
  const constructed = load(path.join(SAMPLES, "constructed", "minzheng-2024-budget.json"));
  for (const variant of ["libreoffice", "borderless"]) {
    const pdf = path.join(SAMPLES, "constructed", `minzheng-2024-budget.${variant}.pdf`);
    out.push({
      name: `constructed/minzheng-2024-budget.${variant}`,
      pdf,
      key: constructed,
      withFacts: true,
      columnsExact: variant !== "borderless",
    });
  }
  return out;
}

const docs = new Map<string, Promise<Document>>();
function extract(pdf: string): Promise<Document> {
  if (!docs.has(pdf)) docs.set(pdf, extractDocument(pdf));
  return docs.get(pdf)!;
}

/** Each row's figures in printed order: without exact column names, the order still has to be right. */
function valuesByRow(doc: Document): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const t of doc.tables)
    for (const r of t.rows) {
      const values = Object.values(r.values)
        .map((c) => c.value_wan)
        .filter((v): v is number => v !== null);
      if (values.length) out[`${t.table_kind}|${r.row_code ?? r.row_label}`] = values;
    }
  return out;
}

function keyValuesByRow(facts: AnswerKey["facts"]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const f of facts) (out[`${f.table_kind}|${f.row_code ?? f.row_label}`] ??= []).push(f.value);
  return out;
}

const sortTables = (ts: { table_kind: string; pages: number[]; empty: boolean }[]) =>
  ts.map((t) => `${t.table_kind} p${t.pages.join(",")}${t.empty ? " empty" : ""}`).sort();

describe.each(cases())("$name", ({ pdf, key, withFacts, columnsExact = true }) => {
  it("finds every standard table with its kind, pages and emptiness", async () => {
    const doc = await extract(pdf);
    expect(sortTables(doc.tables)).toEqual(sortTables(key.tables));
  });

  it("reads the document type and fiscal year", async () => {
    const doc = await extract(pdf);
    expect(doc.doc_type).toBe(key.doc_type);
    expect(doc.fiscal_year).toBe(key.fiscal_year);
    if (key.org_name) expect(doc.org_name?.replace(/\s/g, "")).toBe(key.org_name.replace(/\s/g, ""));
  });

  it.runIf(withFacts)("reads every numeric cell exactly (value, row, column) and no other", async () => {
    const doc = await extract(pdf);
    // Without rules, every figure must still be found in its row, in column order.
    const resolved = resolveKeyFacts(key);
    const keyFacts = columnsExact ? resolved : resolved.map((f) => ({ ...f, column: "", partial_columns: true }));
    const { score, missed, extra } = scoreFacts(keyFacts, outputFacts(doc));
    expect(missed.map(describeFact)).toEqual([]);
    expect(extra.map(describeFact)).toEqual([]);
    expect(score.found).toBe(key.facts.length);
    if (!columnsExact) expect(valuesByRow(doc)).toEqual(keyValuesByRow(key.facts));
  });

  it("emits blanks as null with an empty raw text, never as 0", async () => {
    const doc = await extract(pdf);
    for (const t of doc.tables)
      for (const r of t.rows)
        for (const c of Object.values(r.values)) {
          if (c.raw_text === "") expect(c.value_wan).toBeNull();
          if (c.value_wan === null && !c.flagged) expect(c.raw_text).toBe("");
        }
  });
});
