import { createHash } from "node:crypto";
import { mkdir, open, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { renameOrClean, tempPathFor } from "../output/atomic.js";

export interface DownloadOptions {
  /** Folder for downloaded files, named by sha256. */
  cacheDir: string;
  maxBytes: number;
  timeoutMs: number;
}

export interface Downloaded {
  path: string;
  sha256: string;
  bytes: number;
}

export class DownloadError extends Error {}

/**
 * Downloads a URL into the cache folder as <sha256>.pdf. The whole transfer
 * (connect, headers, body) shares one time limit; the body is counted as it
 * arrives, so an oversized or endless response is cut off, not buffered.
 */
export async function downloadToCache(url: string, options: DownloadOptions): Promise<Downloaded> {
  await mkdir(options.cacheDir, { recursive: true });
  const signal = AbortSignal.timeout(options.timeoutMs);
  const temp = tempPathFor(path.join(options.cacheDir, "download"));
  try {
    const response = await fetch(url, { signal, redirect: "follow" }).catch((err) => {
      throw new DownloadError(describeFetchError(err, options.timeoutMs));
    });
    if (!response.ok) throw new DownloadError(`download failed: HTTP ${response.status} ${response.statusText}`.trim());
    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (declared > options.maxBytes) throw new DownloadError(tooLarge(options.maxBytes));
    const { sha256, bytes } = await saveBody(response, temp, options, signal);
    const target = path.join(options.cacheDir, `${sha256}.pdf`);
    const existing = await stat(target).catch(() => null);
    if (existing?.size === bytes) await unlink(temp);
    else await renameOrClean(temp, target);
    return { path: target, sha256, bytes };
  } catch (err) {
    await unlink(temp).catch(() => {});
    if (err instanceof DownloadError) throw err;
    throw new DownloadError(describeFetchError(err, options.timeoutMs));
  }
}

async function saveBody(response: Response, temp: string, options: DownloadOptions, signal: AbortSignal) {
  const hash = createHash("sha256");
  const handle = await open(temp, "w");
  let bytes = 0;
  try {
    if (!response.body) throw new DownloadError("download failed: empty response");
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      if (bytes > options.maxBytes) throw new DownloadError(tooLarge(options.maxBytes));
      hash.update(chunk);
      await handle.write(chunk);
    }
    if (signal.aborted) throw new DownloadError(timedOut(options.timeoutMs));
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest("hex"), bytes };
}

function tooLarge(maxBytes: number): string {
  return `download failed: larger than the ${Math.round(maxBytes / 1048576)} MB limit`;
}

function timedOut(ms: number): string {
  return `download failed: no complete response within ${ms / 1000} s`;
}

function describeFetchError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return timedOut(timeoutMs);
  const cause = e?.cause?.code ?? e?.cause?.message;
  return `download failed: ${e?.message ?? String(err)}${cause ? ` (${cause})` : ""}`;
}
