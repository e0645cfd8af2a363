/**
 * OCR must work with no network: traineddata comes from the npm packages
 * and tesseract.js must never reach for its CDN. The run happens in a child
 * process whose sockets, DNS and fetch throw (in every thread, worker
 * threads included) and whose proxy points nowhere.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { ROOT, SCANNED } from "./fixtures.js";

const run = promisify(execFile);

test("OCR of a scanned page succeeds with the network blocked, and attempts no request", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "yujue-offline-"));
  const log = path.join(dir, "network.log");
  try {
    const { stdout } = await run(
      process.execPath,
      [
        "--require",
        path.join(ROOT, "tests/ocr/block-network.cjs"),
        path.join(ROOT, "tests/ocr/offline-run.mjs"),
        path.join(SCANNED, "putuo-finance-bureau-2024-final-account.scanned.pdf"),
        "8",
      ],
      {
        cwd: dir, // a cache written to the working directory would show up here
        env: {
          ...process.env,
          NETWORK_LOG: log,
          HTTP_PROXY: "http://127.0.0.1:9",
          HTTPS_PROXY: "http://127.0.0.1:9",
          http_proxy: "http://127.0.0.1:9",
          https_proxy: "http://127.0.0.1:9",
        },
        maxBuffer: 16 << 20,
      },
    );
    const texts: string[] = JSON.parse(stdout);
    expect(texts).toContain("2,946.25");
    expect(texts).toContain("收入决算表");
    const lines = (await readFile(log, "utf8")).trim().split("\n");
    // The blocker was loaded in the main thread and in the OCR worker threads…
    expect(lines.filter((l) => l.startsWith("armed")).length).toBeGreaterThanOrEqual(3);
    // …and nothing tried to go out.
    expect(lines.filter((l) => !l.startsWith("armed"))).toEqual([]);
    // cacheMethod "none": no traineddata copied into the working directory.
    const { readdir } = await import("node:fs/promises");
    expect((await readdir(dir)).filter((f) => f.includes("traineddata"))).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 180_000);
