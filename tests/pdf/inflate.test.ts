import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { InflateStream } from "../../src/pdf/inflate.js";
import "../../src/pdf/load.js";
import { samplePage } from "../helpers/pages.js";

type StreamClass = new (format: string) => {
  writable: WritableStream<Uint8Array> | { getWriter(): any };
  readable: AsyncIterable<Uint8Array>;
};

/** Inflates as pdf.js does (asyncGetBytesFromDecompressionStream): one write, close, read to the end. */
async function inflateLikePdfjs(Stream: StreamClass, bytes: Uint8Array): Promise<Buffer | "error"> {
  try {
    const { readable, writable } = new Stream("deflate");
    const writer = writable.getWriter();
    await writer.ready;
    writer
      .write(bytes)
      .then(async () => {
        await writer.ready;
        await writer.close();
      })
      .catch(() => {});
    const chunks: Uint8Array[] = [];
    for await (const chunk of readable) chunks.push(chunk);
    return Buffer.concat(chunks);
  } catch {
    return "error";
  }
}

const Engine = (await import("node:stream/web")).DecompressionStream as unknown as StreamClass;
const text = Buffer.from("BT /F1 12 Tf 72 712 Td (一般公共预算财政拨款支出决算表) Tj ET\n".repeat(200));
const packed = deflateSync(text);

describe("InflateStream: pdf.js's Flate streams inflated in one call", () => {
  it.each([
    ["a whole stream", packed],
    ["a stream followed by the end-of-line inside /Length", Buffer.concat([packed, Buffer.from("\r\n")])],
    ["a truncated stream", packed.subarray(0, packed.length >> 1)],
    ["bytes that are not deflate data", Buffer.from("not a zlib stream at all")],
  ])("%s: the same outcome as the engine's DecompressionStream", async (_, bytes) => {
    const engine = await inflateLikePdfjs(Engine, bytes);
    const ours = await inflateLikePdfjs(InflateStream as unknown as StreamClass, bytes);
    expect(ours).toEqual(engine);
    if (bytes === packed) expect(ours).toEqual(text);
  });

  it("hands formats other than deflate to the engine", () => {
    expect(new InflateStream("gzip")).toBeInstanceOf(Engine);
  });

  it("is what pdf.js finds once the PDF stage is loaded, and pdf.js inflates page contents through it", async () => {
    expect(globalThis.DecompressionStream).toBe(InflateStream);
    let made = 0;
    globalThis.DecompressionStream = class extends InflateStream {
      constructor(format: string) {
        super(format);
        made++;
      }
    } as unknown as typeof DecompressionStream;
    try {
      const page = await samplePage("real/putuo-finance-bureau-2024-final-account.pdf", 8);
      expect(page.runs.map((r) => r.text).join("")).toContain("收入决算表");
      expect(page.rulings.length).toBeGreaterThan(5);
      expect(made).toBeGreaterThan(0);
    } finally {
      globalThis.DecompressionStream = InflateStream as unknown as typeof DecompressionStream;
    }
  });
});
