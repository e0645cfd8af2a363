import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runBatch } from "../../src/cli/batch.js";
import { extractDocument } from "../../src/pipeline.js";
import { requireBuild, SMALL_SAMPLES } from "./helpers.js";

let server: Server;
let base = "";
let tmp = "";
let pdf: Buffer;
const hanging = new Set<import("node:http").ServerResponse>();

beforeAll(async () => {
  requireBuild();
  pdf = await readFile(SMALL_SAMPLES[0]);
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-url-"));
  server = createServer((req, res) => {
    if (req.url === "/files/budget.pdf") return res.end(pdf);
    if (req.url === "/slow.pdf") {
      hanging.add(res);
      return res.writeHead(200, { "content-type": "application/pdf" }); // headers, then nothing
    }
    if (req.url === "/huge.pdf") return res.end(Buffer.alloc(3 * 1024 * 1024, 0x20));
    res.writeHead(404).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  await new Promise((resolve) => server?.close(resolve));
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

it("downloads URLs into a sha256-named cache and reports 404, timeout and oversize as one-line failures", async () => {
  const out = path.join(tmp, "out");
  const urls = [`${base}/files/budget.pdf`, `${base}/missing.pdf`, `${base}/slow.pdf`, `${base}/huge.pdf`];
  const result = await runBatch({
    inputs: urls,
    out,
    ocr: "never",
    concurrency: 2,
    downloadTimeoutMs: 1500,
    downloadMaxBytes: 1024 * 1024,
  });
  const byFile = new Map(result.documents.map((d) => [d.file, d]));
  const sha = createHash("sha256").update(pdf).digest("hex");
  expect(byFile.get(urls[0])).toMatchObject({ status: "ok", sha256: sha, output: "budget" });
  expect(byFile.get(urls[1])).toMatchObject({ status: "failed", error: "download failed: HTTP 404 Not Found" });
  expect(byFile.get(urls[2])?.error).toBe("download failed: no complete response within 1.5 s");
  expect(byFile.get(urls[3])?.error).toBe("download failed: larger than the 1 MB limit");
  const cached = await readdir(path.join(out, ".cache", "downloads"));
  expect(cached).toEqual([`${sha}.pdf`]);
  const doc = JSON.parse(await readFile(path.join(out, "budget", "document.json"), "utf8"));
  expect(doc.source).toMatchObject({ file: "budget.pdf", sha256: sha, path: urls[0], url: urls[0] });
  // Read raw: parsing fills the fields in for manifests written before they existed.
  const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")) as {
    entries: Record<string, unknown>[];
  };
  expect(manifest.entries.find((e) => e.file === urls[0])).toMatchObject({ source_path: urls[0], source_url: urls[0] });
  const facts = (await readFile(path.join(out, "budget", "facts.csv"), "utf8")).split("\n").slice(1).filter(Boolean);
  expect(facts.length).toBeGreaterThan(0);
  for (const line of facts) expect(line).toContain(`,${urls[0]},${urls[0]},${sha},`);

  // A second run downloads again (the content may have changed) but skips the unchanged document.
  const again = await runBatch({ inputs: [urls[0]], out, ocr: "never" });
  expect(again.documents[0]).toMatchObject({ status: "skipped", output: "budget" });
}, 60_000);

it("names connection failures and unsupported schemes in words, with the URL shown as given", async () => {
  // A port that was just free: nothing listens there.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const urls = [
    `http://127.0.0.1:${port}/a.pdf`,
    "http://127.0.0.1:9/b.pdf",
    "ftp://example.org/x.pdf",
    "ftp:/example.org/y.pdf",
  ];
  const result = await runBatch({ inputs: urls, out: path.join(tmp, "out-errors"), ocr: "never", concurrency: 1 });
  expect(result.documents.map((d) => [d.file, d.error])).toEqual([
    [urls[0], `download failed: could not connect to 127.0.0.1:${port} (connection refused)`],
    [urls[1], "download failed: could not connect to 127.0.0.1:9 (port 9 is blocked by fetch)"],
    [urls[2], 'unsupported URL scheme "ftp:" (only http and https URLs are downloaded)'],
    [urls[3], 'unsupported URL scheme "ftp:" (only http and https URLs are downloaded)'],
  ]);
}, 60_000);

it("the library takes a URL as the CLI does", async () => {
  const doc = await extractDocument(`${base}/files/budget.pdf`, { ocr: "never" });
  expect(doc.source).toMatchObject({ file: "budget.pdf", sha256: createHash("sha256").update(pdf).digest("hex") });
  expect(doc.tables.length).toBeGreaterThan(0);
  await expect(extractDocument(`${base}/missing.pdf`)).rejects.toThrow("download failed: HTTP 404 Not Found");
  await expect(extractDocument("ftp://example.org/x.pdf")).rejects.toThrow('unsupported URL scheme "ftp:"');
  await expect(extractDocument(path.join(tmp, "nope.pdf"))).rejects.toThrow(
    `${path.join(tmp, "nope.pdf")}: file not found`,
  );
}, 60_000);
