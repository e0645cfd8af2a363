import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runBatch } from "../../src/cli/batch.js";
import { COMPLETE_MARKER } from "../../src/output/marker.js";
import { DOCUMENT_SCHEMA_VERSION } from "../../schemas/document.js";
import { readCsv, requireBuild, SMALL_SAMPLES } from "./helpers.js";
import { textPdf } from "./pdf-fixtures.js";

let tmp = "";
beforeAll(async () => {
  requireBuild();
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-incr-"));
  for (const [folder, sample] of [
    ["2024", SMALL_SAMPLES[0]],
    ["2025", SMALL_SAMPLES[1]],
  ] as const) {
    await mkdir(path.join(tmp, folder));
    await copyFile(sample, path.join(tmp, folder, "report.pdf"));
  }
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const opts = { out: "out", ocr: "never" as const, concurrency: 2 };

it("keeps same-named files from different folders apart, skips unchanged work, redoes on --force or new content", async () => {
  const cwd = tmp;
  const first = await runBatch({ ...opts, cwd, inputs: ["2024", "2025"] });
  expect(first.documents.map((d) => [d.file, d.status, d.output])).toEqual([
    ["2024/report.pdf", "ok", "report__2024"],
    ["2025/report.pdf", "ok", "report__2025"],
  ]);
  const docs = await Promise.all(
    ["report__2024", "report__2025"].map(async (f) =>
      JSON.parse(await readFile(path.join(tmp, "out", f, "document.json"), "utf8")),
    ),
  );
  expect(docs[0].source.sha256).not.toBe(docs[1].source.sha256);

  // Alone, an input keeps the folder it was given, and is skipped.
  const alone = await runBatch({ ...opts, cwd, inputs: ["2024/report.pdf"] });
  expect(alone.documents[0]).toMatchObject({ status: "skipped", output: "report__2024" });
  const manifest = JSON.parse(await readFile(path.join(tmp, "out", "manifest.json"), "utf8"));
  expect(manifest.entries.map((e: { file: string }) => e.file)).toEqual(["2024/report.pdf", "2025/report.pdf"]);

  const forced = await runBatch({ ...opts, cwd, inputs: ["2024/report.pdf"], force: true });
  expect(forced.documents[0]).toMatchObject({ status: "ok", output: "report__2024" });

  // Outputs of an older document schema (a marker without schema_version, as written before it was recorded)
  // lack the newer columns: they are redone, not skipped.
  const markerFile = path.join(tmp, "out", "report__2024", COMPLETE_MARKER);
  const { schema_version, ...older } = JSON.parse(await readFile(markerFile, "utf8"));
  expect(schema_version).toBe(DOCUMENT_SCHEMA_VERSION);
  await writeFile(markerFile, JSON.stringify(older));
  const upgraded = await runBatch({ ...opts, cwd, inputs: ["2024/report.pdf"] });
  expect(upgraded.documents[0]).toMatchObject({ status: "ok", output: "report__2024" });

  // New content under the same name is redone in the same folder.
  await writeFile(path.join(tmp, "2025", "report.pdf"), textPdf(["A different report, now with one page of text"]));
  const changed = await runBatch({ ...opts, cwd, inputs: ["2025"] });
  expect(changed.documents[0]).toMatchObject({ status: "ok", output: "report__2025", pages: 1 });

  // A document that now fails loses its stale outputs, so facts.csv agrees with the manifest.
  await writeFile(path.join(tmp, "2025", "report.pdf"), "garbage");
  const failed = await runBatch({ ...opts, cwd, inputs: ["2025"] });
  expect(failed.documents[0]).toMatchObject({ status: "failed", output: null });
  await expect(readFile(path.join(tmp, "out", "report__2025", "document.json"))).rejects.toThrow(/ENOENT/);
  const finalManifest = JSON.parse(await readFile(path.join(tmp, "out", "manifest.json"), "utf8"));
  const facts = await readCsv(path.join(tmp, "out", "facts.csv"));
  const okFacts = finalManifest.entries
    .filter((e: any) => e.status !== "failed")
    .reduce((s: number, e: any) => s + e.facts, 0);
  expect(facts.rows.length - 1).toBe(okFacts);
}, 120_000);
