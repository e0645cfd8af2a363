import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Manifest } from "../../schemas/output.js";
import { ManifestStore } from "../../src/output/manifest.js";
import { SCHEMAS, jsonSchemaOf } from "../../src/output/json-schemas.js";

let tmp = "";
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-manifest-"));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const entry = (file: string, status: "ok" | "failed") => ({
  file,
  sha256: null,
  status,
  error: status === "failed" ? "empty file" : null,
  pages: null,
  tables: null,
  facts: null,
  ms: 5,
});

it("keeps one entry per file across runs, sorted, and stays valid under concurrent updates", async () => {
  await writeFile(path.join(tmp, "manifest.json"), "{ truncated");
  const store = await ManifestStore.open(tmp);
  await Promise.all(["c.pdf", "a.pdf", "b.pdf"].map((f) => store.set(entry(f, "failed"))));
  const second = await ManifestStore.open(tmp);
  await second.set(entry("a.pdf", "ok"));
  const manifest = Manifest.parse(JSON.parse(await readFile(path.join(tmp, "manifest.json"), "utf8")));
  expect(manifest.entries.map((e) => [e.file, e.status])).toEqual([
    ["a.pdf", "ok"],
    ["b.pdf", "failed"],
    ["c.pdf", "failed"],
  ]);
});

it("has generated JSON Schema files in schemas/ that match the zod schemas", async () => {
  const root = path.resolve(import.meta.dirname, "../..");
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const committed = JSON.parse(await readFile(path.join(root, "schemas", `${name}.schema.json`), "utf8"));
    expect(committed, `${name}.schema.json is stale: run npm run schemas`).toEqual(jsonSchemaOf(name, schema));
  }
});
