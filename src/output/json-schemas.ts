/**
 * Writes JSON Schema copies of the zod output contract into schemas/
 * (`npm run schemas`), for consumers that do not use TypeScript.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { z } from "zod";
import { Cell, CellRef, Check, Document, Fact, ManifestEntry, Row, Table } from "../../schemas/document.js";
import { Performance } from "../../schemas/performance.js";
import { writeFileAtomic } from "./atomic.js";
import { CompleteMarker, Manifest } from "../../schemas/output.js";

export const SCHEMAS: Record<string, z.ZodType> = {
  document: Document,
  table: Table,
  row: Row,
  cell: Cell,
  "cell-ref": CellRef,
  check: Check,
  fact: Fact,
  "manifest-entry": ManifestEntry,
  manifest: Manifest,
  "complete-marker": CompleteMarker,
  /** Table.performance of the performance kinds. */
  performance: Performance,
};

export function jsonSchemaOf(name: string, schema: z.ZodType): Record<string, unknown> {
  return {
    $id: `https://yujue.invalid/schemas/${name}.schema.json`,
    title: name,
    ...z.toJSONSchema(schema, { io: "output" }),
  };
}

/** Writes <dir>/<name>.schema.json for every schema; returns the paths written. */
export async function writeJsonSchemas(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const file = path.join(dir, `${name}.schema.json`);
    await writeFileAtomic(file, JSON.stringify(jsonSchemaOf(name, schema), null, 2) + "\n");
    written.push(file);
  }
  return written;
}

/** The repository's schemas/ folder, from dist/src/output/ or src/output/. */
function repoSchemasDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const up = here.split(path.sep).includes("dist") ? "../../.." : "../..";
  return path.resolve(here, up, "schemas");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const written = await writeJsonSchemas(repoSchemasDir());
  for (const file of written) console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
