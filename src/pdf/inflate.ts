import { inflateSync } from "node:zlib";

/**
 * pdf.js (v5) inflates every Flate stream (page contents, fonts, CMaps, images) through the web
 * `DecompressionStream`: in Node that is a web stream wrapped around a zlib stream that runs on the thread
 * pool, several hundred microtasks and objects per stream. Node's web-stream code is plain JavaScript that a fresh
 * worker process runs cold; in a profile of a fresh process it was the largest single item of what the first
 * documents cost beyond later ones (issue 16). This stand-in inflates in one synchronous zlib call with the same
 * outcome: the inflated bytes, or an error (truncated or corrupt data), on which pdf.js falls back to its own
 * lenient decoder as before. pdf.js only writes one buffer, closes, and reads the result with `for await`; those
 * are the parts given. Formats other than "deflate" go to the engine's own class.
 */
export class InflateStream {
  readonly writable!: { getWriter(): InflateWriter };
  readonly readable!: AsyncIterable<Uint8Array>;

  constructor(format: string) {
    if (format !== "deflate")
      return new EngineDecompressionStream(format as CompressionFormat) as unknown as InflateStream;
    const input: Uint8Array[] = [];
    let closed!: () => void;
    const whenClosed = new Promise<void>((resolve) => (closed = resolve));
    const writer: InflateWriter = {
      ready: Promise.resolve(),
      write: async (chunk) => void input.push(chunk),
      close: async () => closed(),
    };
    this.writable = { getWriter: () => writer };
    this.readable = {
      async *[Symbol.asyncIterator]() {
        await whenClosed;
        yield inflateSync(input.length === 1 ? input[0] : Buffer.concat(input));
      },
    };
  }
}

interface InflateWriter {
  ready: Promise<void>;
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

const EngineDecompressionStream = globalThis.DecompressionStream;

/** Puts the stand-in in place of the global pdf.js looks up when it inflates (once per process). */
export function useSyncInflate(): void {
  (globalThis as { DecompressionStream: unknown }).DecompressionStream = InflateStream;
}
