/**
 * A baseline JPEG of one channel (grey), as office scanners write greyscale scans: the canvas library only
 * writes three-channel (YCbCr) JPEGs. Standard luminance quantisation scaled by quality as libjpeg scales it,
 * the standard Huffman tables of the JPEG specification (Annex K), no restart markers. Deterministic.
 */

/** Annex K.1, the luminance table, in natural (row-major) order. */
const LUMA_QUANT = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51,
  87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101,
  72, 92, 95, 98, 112, 100, 103, 99,
];

/** Annex K.3: code counts by length 1..16 and the symbols, DC and AC luminance. */
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
const AC_VALUES = [
  0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14,
  0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09,
  0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a,
  0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65,
  0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88,
  0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9,
  0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca,
  0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea,
  0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
];

/** ZIGZAG[k]: the natural index of the k-th coefficient in zigzag order. */
const ZIGZAG = (() => {
  const order: number[] = [];
  for (let s = 0; s < 15; s++) {
    const cells: number[] = [];
    for (let y = 0; y < 8; y++) if (s - y >= 0 && s - y < 8) cells.push(y * 8 + (s - y));
    // Odd diagonals run down-left (rising y), even ones up-right.
    order.push(...(s % 2 ? cells : cells.reverse()));
  }
  return order;
})();

/** cos((2x+1)uπ/16) · c(u)/2, the 1-D DCT's basis. */
const BASIS = (() => {
  const b = new Float64Array(64);
  for (let u = 0; u < 8; u++)
    for (let x = 0; x < 8; x++)
      b[u * 8 + x] = (u ? 0.5 : Math.SQRT1_2 / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
  return b;
})();

/** Canonical codes (Annex C): for each symbol, its code and length. */
function huffman(bits: number[], values: number[]): { code: Uint16Array; size: Uint8Array } {
  const code = new Uint16Array(256),
    size = new Uint8Array(256);
  let next = 0,
    k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < bits[len - 1]; i++, k++) {
      code[values[k]] = next++;
      size[values[k]] = len;
    }
    next <<= 1;
  }
  return { code, size };
}

class BitWriter {
  bytes: number[] = [];
  private acc = 0;
  private count = 0;
  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.count === 8) this.flushByte();
    }
  }
  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0); // byte stuffing
    this.acc = 0;
    this.count = 0;
  }
  /** Pads the last byte with ones (F.1.2.3). */
  end(): void {
    while (this.count) this.write(1, 1);
  }
}

/** The magnitude category of a coefficient and its bits (F.1.2.1). */
function category(v: number): [size: number, bits: number] {
  const a = Math.abs(v);
  const size = a ? 32 - Math.clz32(a) : 0;
  return [size, v < 0 ? v + (1 << size) - 1 : v];
}

function quantTable(quality: number): number[] {
  const q = Math.min(100, Math.max(1, quality));
  const scale = q < 50 ? 5000 / q : 200 - 2 * q;
  return LUMA_QUANT.map((t) => Math.min(255, Math.max(1, Math.floor((t * scale + 50) / 100))));
}

/** The 8×8 block at (bx, by), edges repeated, level-shifted, transformed and quantised, in zigzag order. */
function block(gray: Uint8Array, width: number, height: number, bx: number, by: number, quant: number[]): Int32Array {
  const pixels = new Float64Array(64);
  for (let y = 0; y < 8; y++) {
    const row = Math.min(height - 1, by + y) * width;
    for (let x = 0; x < 8; x++) pixels[y * 8 + x] = gray[row + Math.min(width - 1, bx + x)] - 128;
  }
  const rows = new Float64Array(64);
  for (let y = 0; y < 8; y++)
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let x = 0; x < 8; x++) s += BASIS[u * 8 + x] * pixels[y * 8 + x];
      rows[y * 8 + u] = s;
    }
  const out = new Int32Array(64);
  for (let k = 0; k < 64; k++) {
    const n = ZIGZAG[k],
      v = n >> 3,
      u = n & 7;
    let s = 0;
    for (let y = 0; y < 8; y++) s += BASIS[v * 8 + y] * rows[y * 8 + u];
    out[k] = Math.round(s / quant[n]);
  }
  return out;
}

function segment(marker: number, body: number[]): number[] {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 255, ...body];
}

/** A one-channel baseline JPEG of `gray` (row-major, 0 = black). */
export function greyJpeg(gray: Uint8Array, width: number, height: number, quality: number): Uint8Array {
  const quant = quantTable(quality);
  const dc = huffman(DC_BITS, DC_VALUES),
    ac = huffman(AC_BITS, AC_VALUES);
  const w = new BitWriter();
  let previousDc = 0;
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      const coef = block(gray, width, height, bx, by, quant);
      const [dcSize, dcBits] = category(coef[0] - previousDc);
      previousDc = coef[0];
      w.write(dc.code[dcSize], dc.size[dcSize]);
      if (dcSize) w.write(dcBits, dcSize);
      let run = 0;
      for (let k = 1; k < 64; k++) {
        if (!coef[k]) {
          run++;
          continue;
        }
        for (; run > 15; run -= 16) w.write(ac.code[0xf0], ac.size[0xf0]);
        const [size, bits] = category(coef[k]);
        const symbol = (run << 4) | size;
        w.write(ac.code[symbol], ac.size[symbol]);
        w.write(bits, size);
        run = 0;
      }
      if (run) w.write(ac.code[0], ac.size[0]);
    }
  }
  w.end();
  const header = [
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0, ...ZIGZAG.map((n) => quant[n])]),
    ...segment(0xc0, [8, height >> 8, height & 255, width >> 8, width & 255, 1, 1, 0x11, 0]),
    ...segment(0xc4, [0x00, ...DC_BITS, ...DC_VALUES, 0x10, ...AC_BITS, ...AC_VALUES]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
  ];
  return Uint8Array.from([...header, ...w.bytes, 0xff, 0xd9]);
}
