import { readFile } from "node:fs/promises";
import path from "node:path";
import { ManifestEntry } from "../../schemas/document.js";
import { Manifest } from "../../schemas/output.js";
import { isUrl } from "../download.js";
import { TOOL_VERSION } from "../version.js";
import { writeFileAtomic } from "./atomic.js";

/** The shape lives in schemas/output.ts; re-exported for callers written before it moved. */
export { Manifest };

/** Keeps <out>/manifest.json (schemas/output.ts) up to date as documents finish. */
export class ManifestStore {
  private readonly entries = new Map<string, ManifestEntry>();
  private current: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;

  private constructor(readonly file: string) {}

  /** Loads <out>/manifest.json if present and valid; an unreadable one is replaced. */
  static async open(outDir: string): Promise<ManifestStore> {
    const store = new ManifestStore(path.join(outDir, "manifest.json"));
    const old = await readManifest(store.file);
    for (const entry of old?.entries ?? []) store.entries.set(entry.file, entry);
    return store;
  }

  get(file: string): ManifestEntry | undefined {
    return this.entries.get(file);
  }

  all(): ManifestEntry[] {
    return [...this.entries.values()];
  }

  /**
   * Records an entry and rewrites the file atomically; resolves once a write
   * holding the entry is done. Writes never overlap, and entries recorded
   * while one is running share the next write (with thousands of documents
   * the manifest is megabytes: one write per finished document would not be).
   */
  set(entry: ManifestEntry): Promise<void> {
    this.entries.set(entry.file, ManifestEntry.parse(entry));
    if (this.queued) return this.queued;
    // A failed write must not block later ones: each write carries the whole manifest.
    const next = this.current
      .catch(() => {})
      .then(() => {
        this.queued = null;
        return writeFileAtomic(this.file, JSON.stringify(this.snapshot(), null, 2) + "\n");
      });
    this.queued = next;
    this.current = next;
    return next;
  }

  private snapshot(): Manifest {
    return {
      schema_version: 2,
      tool: { name: "yujue", version: TOOL_VERSION },
      updated_at: new Date().toISOString(),
      entries: this.all().sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    };
  }
}

/** Where an input came from, as facts.csv and document.json say it: the input as given, and its URL if fetched. */
export function inputProvenance(file: string): Pick<ManifestEntry, "source_path" | "source_url"> {
  return { source_path: file, source_url: isUrl(file) ? file : null };
}

export async function readManifest(file: string): Promise<Manifest | null> {
  try {
    return Manifest.parse(JSON.parse(await readFile(file, "utf8")));
  } catch {
    return null;
  }
}
