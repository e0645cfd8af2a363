/**
 * Duplicates in a run. The same content given twice (same sha256) is
 * extracted once: the second input waits for the first and shares its
 * result. Two different files that are the same report (same organisation,
 * fiscal year and document type: a scan and a text copy, a re-published
 * version) are both extracted but reported, so a dataset does not mix them
 * silently.
 */

export interface Duplicate {
  file: string;
  duplicate_of: string;
  reason: "same content" | "same organisation, year and document type";
}

export interface ReportIdentity {
  doc_type: string | null;
  fiscal_year: number | null;
  org_name: string | null;
}

/** A key for "the same report", or null when any part is unknown (then nothing is claimed). */
export function identityKey(id: ReportIdentity): string | null {
  if (!id.doc_type || id.fiscal_year === null || !id.org_name) return null;
  return `${id.org_name.replace(/\s+/g, "")}|${id.fiscal_year}|${id.doc_type}`;
}

/** Later files (in the order given) with the identity of an earlier one, mapped to that first file. */
export function sameReports(documents: { file: string; identity: string | null }[]): Map<string, string> {
  const first = new Map<string, string>();
  const repeats = new Map<string, string>();
  for (const { file, identity } of documents) {
    if (identity === null) continue;
    const earlier = first.get(identity);
    if (earlier) repeats.set(file, earlier);
    else first.set(identity, file);
  }
  return repeats;
}

/** One settled value shared by everyone who asks (the first input with a given sha256, awaited by its repeats). */
export class Deferred<T> {
  readonly promise: Promise<T>;
  resolve!: (value: T) => void;
  constructor() {
    this.promise = new Promise<T>((resolve) => (this.resolve = resolve));
  }
}
