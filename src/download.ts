import { createHash } from "node:crypto";
import { mkdir, open, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { renameOrClean, tempPathFor } from "./output/atomic.js";

export interface DownloadLimits {
  maxBytes: number;
  timeoutMs: number;
  /** Stops the transfer early (a run being interrupted). */
  signal?: AbortSignal;
}

export interface DownloadOptions extends DownloadLimits {
  /** Folder for downloaded files, named by sha256. */
  cacheDir: string;
}

export interface Downloaded {
  path: string;
  sha256: string;
  bytes: number;
}

export const DOWNLOAD_DEFAULTS: DownloadLimits = { maxBytes: 200 * 1024 * 1024, timeoutMs: 60_000 };

export class DownloadError extends Error {}

/** True for an http(s) URL: the only kind this tool downloads. */
export function isUrl(arg: string): boolean {
  return /^https?:\/\//i.test(arg);
}

/** True for anything written like a URL ("ftp://…", "ftp:/…", "file:…"), which must not be taken for a path. */
export function looksLikeUrl(arg: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(arg) && !/^[a-z]:[\\/]/i.test(arg);
}

/** Why a URL-like argument cannot be downloaded, or null when it can. */
export function unsupportedUrl(arg: string): string | null {
  if (isUrl(arg)) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(arg)?.[1]?.toLowerCase() ?? "";
  return `unsupported URL scheme "${scheme}:" (only http and https URLs are downloaded)`;
}

/** The file name a URL names (its last path segment), or `fallback`. */
export function urlFileName(url: string, fallback = "download"): string {
  try {
    const last = new URL(url).pathname.split("/").filter(Boolean).pop();
    return last ? decodeURIComponent(last) : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Downloads a URL into the cache folder as <sha256>.pdf. The whole transfer
 * (connect, headers, body) shares one time limit; the body is counted as it
 * arrives, so an oversized or endless response is cut off, not buffered.
 */
export async function downloadToCache(url: string, options: DownloadOptions): Promise<Downloaded> {
  await mkdir(options.cacheDir, { recursive: true });
  const temp = tempPathFor(path.join(options.cacheDir, "download"));
  try {
    const handle = await open(temp, "w");
    let got;
    try {
      got = await transfer(url, options, async (chunk) => void (await handle.write(chunk)));
    } finally {
      await handle.close();
    }
    const target = path.join(options.cacheDir, `${got.sha256}.pdf`);
    const existing = await stat(target).catch(() => null);
    if (existing?.size === got.bytes) await unlink(temp);
    else await renameOrClean(temp, target);
    return { path: target, ...got };
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
}

/** Downloads a URL into memory, within the same limits. */
export async function downloadBytes(url: string, limits: DownloadLimits = DOWNLOAD_DEFAULTS): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await transfer(url, limits, (chunk) => void chunks.push(chunk));
  return new Uint8Array(Buffer.concat(chunks));
}

/** Fetches `url`, handing each body chunk to `sink`; every failure becomes a one-line DownloadError. */
async function transfer(url: string, limits: DownloadLimits, sink: (chunk: Uint8Array) => Promise<void> | void) {
  const unsupported = unsupportedUrl(url);
  if (unsupported) throw new DownloadError(unsupported);
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = limits.signal ? AbortSignal.any([timeout, limits.signal]) : timeout;
  try {
    const response = await fetch(url, { signal, redirect: "follow" });
    if (!response.ok) throw new DownloadError(`download failed: HTTP ${response.status} ${response.statusText}`.trim());
    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (declared > limits.maxBytes) throw new DownloadError(tooLarge(limits.maxBytes));
    if (!response.body) throw new DownloadError("download failed: empty response");
    const hash = createHash("sha256");
    let bytes = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      if (bytes > limits.maxBytes) throw new DownloadError(tooLarge(limits.maxBytes));
      hash.update(chunk);
      await sink(chunk);
    }
    if (timeout.aborted) throw new DownloadError(timedOut(limits.timeoutMs));
    if (signal.aborted) throw new DownloadError("download stopped");
    return { sha256: hash.digest("hex"), bytes };
  } catch (err) {
    if (err instanceof DownloadError) throw err;
    throw new DownloadError(`download failed: ${describeFetchError(err, url, limits.timeoutMs)}`);
  }
}

function tooLarge(maxBytes: number): string {
  return `download failed: larger than the ${Math.round(maxBytes / 1048576)} MB limit`;
}

function timedOut(ms: number): string {
  return `download failed: no complete response within ${ms / 1000} s`;
}

const CONNECT_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "timed out",
  UND_ERR_CONNECT_TIMEOUT: "timed out",
  UND_ERR_SOCKET: "connection closed",
};

/** fetch's errors ("fetch failed" with a cause) in words a user can act on. */
function describeFetchError(err: unknown, url: string, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError")
    return timedOut(timeoutMs).replace(/^download failed: /, "");
  const where = hostAndPort(url);
  const code = e?.cause?.code ?? "";
  const cause = e?.cause?.message ?? "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `could not find the host ${new URL(url).hostname}`;
  if (CONNECT_CODES[code]) return `could not connect to ${where} (${CONNECT_CODES[code]})`;
  // undici refuses the ports browsers block (the fetch standard's "bad ports") without trying.
  if (cause === "bad port") return `could not connect to ${where} (port ${new URL(url).port} is blocked by fetch)`;
  if (/certificate|CERT_|SSL|TLS/i.test(code + cause)) return `secure connection to ${where} failed (${cause || code})`;
  const detail = cause || code;
  return `${e?.message ?? String(err)}${detail ? ` (${detail})` : ""}`;
}

function hostAndPort(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol === "https:" ? "443" : "80")}`;
}
