/**
 * `yujue db rebuild`: a new database from the document folders (each
 * complete folder's document.json, with the input named in its marker),
 * written beside the old one and renamed over it, so a reader sees the old
 * database or the new, never a part.
 */
import { readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { tempPathFor } from "../output/atomic.js";
import { readCompleteMarker } from "../output/marker.js";
import { TOOL_VERSION } from "../version.js";
import { clearStaleLock } from "./driver.js";
import { columnsOf, DATABASE_FILE, openForWriting, readDocumentJson } from "./index.js";
import { writeMetadata } from "./metadata.js";
import { finishRun, startRun, writeDocument } from "./write.js";

export interface RebuildSummary {
  file: string;
  documents: number;
  facts: number;
  /** Folders whose document.json could not be read: left out, named here. */
  unreadable: string[];
}

/** Rebuilds <out>/yujue.sqlite. The caller holds the output folder's lock. */
export async function rebuildDatabase(outDir: string): Promise<RebuildSummary> {
  const target = path.join(outDir, DATABASE_FILE);
  const temp = tempPathFor(target);
  const unreadable: string[] = [];
  const db = openForWriting(temp);
  let documents = 0;
  try {
    const runId = startRun(db, { command: "rebuild", toolVersion: TOOL_VERSION, ocr: null });
    const entries = (await readdir(outDir, { withFileTypes: true })).filter(
      (e) => e.isDirectory() && !e.name.startsWith("."),
    );
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const folder = path.join(outDir, entry.name);
      const marker = await readCompleteMarker(folder);
      if (!marker) continue;
      try {
        const doc = await readDocumentJson(folder);
        writeDocument(db, doc, { input: marker.input, output: entry.name, runId, ms: null });
        documents++;
      } catch (err) {
        unreadable.push(`${entry.name}: ${(err as Error).message.split("\n")[0]}`);
      }
    }
    finishRun(db, runId, {
      documents: documents + unreadable.length,
      ok: documents,
      skipped: 0,
      failed: unreadable.length,
    });
    const facts = Number(db.get("SELECT count(*) AS n FROM facts")!.n);
    db.close();
    clearStaleLock(target);
    await rm(`${target}-journal`, { force: true });
    await rename(temp, target);
    const reopened = openForWriting(target);
    try {
      await writeMetadata(target, (table) => columnsOf(reopened, table));
    } finally {
      reopened.close();
    }
    return { file: target, documents, facts, unreadable };
  } catch (err) {
    if (db) {
      try {
        db.close();
      } catch {
        /* already closed */
      }
    }
    await rm(temp, { force: true });
    clearStaleLock(temp);
    throw err;
  }
}
