/**
 * A drawn page as a 16-level grayscale PNG (4 bits a pixel). A page of a budget table is black type and rules
 * on white: 16 levels keep the anti-aliased edges legible, and the file is about 40 KB at 1200 px. Encoding it
 * here (luminance, packing, then zlib's deflate in the thread pool) costs a fraction of the canvas library's
 * WebP or PNG encoders (measured in bench/review.ts).
 */
import { promisify } from "node:util";
import { deflate } from "node:zlib";

const deflateAsync = promisify(deflate);
const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
/** zlib level: on these pages 4 is within 3% of 6's size at a fraction of its time; 1 is 15% larger. */
const LEVEL = 4;

/** 8-bit luminance to 4 bits, rounded. */
const TO_4_BITS = Uint8Array.from({ length: 256 }, (_, g) => Math.round((g * 15) / 255));

/**
 * PNG bytes of opaque RGBA pixels (row by row, 4 bytes a pixel) as 4-bit grayscale. The pixels are read before
 * this returns (the caller may free them at once); the compression finishes in the thread pool.
 */
export function grayPng(rgba: Uint8Array, width: number, height: number): Promise<Buffer> {
  const raw = grayRows(rgba, width, height);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 4; // bit depth
  header[9] = 0; // colour type: grayscale
  return deflateAsync(raw, { level: LEVEL }).then((data) =>
    Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", data), chunk("IEND", Buffer.alloc(0))]),
  );
}

/** The PNG's filtered rows: filter type 0 (none: on mostly white rows the others gain nothing), then the pixels. */
function grayRows(rgba: Uint8Array, width: number, height: number): Buffer {
  const rowBytes = Math.ceil(width / 2);
  const raw = Buffer.alloc((rowBytes + 1) * height);
  // One 32-bit read per pixel finds the white ones (most of a page) whatever the byte order; the rest are weighed.
  const aligned = rgba.byteOffset % 4 === 0 ? rgba : new Uint8Array(rgba);
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, width * height);
  const level = (i: number) =>
    words[i] === 0xffffffff ? 15 : TO_4_BITS[(rgba[4 * i] * 77 + rgba[4 * i + 1] * 150 + rgba[4 * i + 2] * 29) >> 8];
  for (let y = 0; y < height; y++) {
    let i = y * width;
    const end = i + width;
    let to = y * (rowBytes + 1) + 1;
    for (; i + 1 < end; i += 2, to++) raw[to] = (level(i) << 4) | level(i + 1);
    if (i < end) raw[to] = level(i) << 4;
  }
  return raw;
}

/** Width and height from a PNG's header; null when the bytes are not a PNG. */
export function pngSize(head: Uint8Array): { width: number; height: number } | null {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (b.length < 24 || !b.subarray(0, 8).equals(SIGNATURE) || b.toString("latin1", 12, 16) !== "IHDR") return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

function crc32(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
