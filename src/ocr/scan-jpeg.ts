import { inflateSync } from "node:zlib";
import type { PdfDocument } from "../pdf/load.js";

/**
 * The JPEG of a scanned page, read from the file itself. pdf.js decodes a page's images while it builds the
 * operator list and hands them over as RGB: on a 300 dpi page (3508×2480) turning its decoded YCbCr planes into
 * that RGB buffer cost about as much as the decoding itself (0.11 of 0.24 CPU-s), and the grey was then made
 * from the RGB again. A page that is nothing but one DCT-encoded RGB image is read here instead, without pdf.js
 * seeing its image (raster.ts makes the grey from the decoded planes directly).
 *
 * Only the plain case is read: an unencrypted file, a page object that occurs once in it (not in an object
 * stream, no incremental update of it), its own resources, no annotations, no rotation, a content stream of
 * q, Q, cm and exactly one Do of an image XObject, and that image DCT-encoded DeviceRGB at 8 bits with no
 * Decode, DecodeParms, SMask or Mask. Anything else is null, and the page goes the pdf.js way as before.
 */
export interface PageJpeg {
  /** The JPEG stream from its SOI marker (as pdf.js takes it). */
  bytes: Uint8Array;
  /** The image's size as its dictionary gives it. */
  width: number;
  height: number;
}

interface Ref {
  num: number;
  gen: number;
}
interface Name {
  name: string;
}
type PdfValue = number | boolean | null | string | Name | Ref | PdfValue[] | Dict | { op: string };
type Dict = Map<string, PdfValue>;

const files = new WeakMap<PdfDocument, Promise<Buffer | null>>();

/** The document's bytes, once a document; null for an encrypted file (its streams would need decrypting). */
function fileOf(pdf: PdfDocument): Promise<Buffer | null> {
  let file = files.get(pdf);
  if (!file) {
    file = pdf.getData().then(
      (data) => {
        const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
        return b.includes("/Encrypt") ? null : b;
      },
      () => null,
    );
    files.set(pdf, file);
  }
  return file;
}

/** The page's JPEG when the page is one DCT-encoded RGB image and nothing else (see above); otherwise null. */
export async function pageJpeg(pdf: PdfDocument, page: { ref: Ref | null }): Promise<PageJpeg | null> {
  const file = page.ref ? await fileOf(pdf) : null;
  if (!file || !page.ref) return null;
  try {
    return readPageJpeg(new PdfFile(file), page.ref);
  } catch {
    return null;
  }
}

function readPageJpeg(f: PdfFile, pageRef: Ref): PageJpeg | null {
  const pageDict = f.object(pageRef);
  if (!isDict(pageDict) || nameOf(pageDict.get("Type")) !== "Page") return null;
  if (pageDict.has("Annots") || ((f.resolve(pageDict.get("Rotate")) as number) ?? 0) % 360 !== 0) return null;
  const resources = f.resolve(pageDict.get("Resources"));
  const xobjects = isDict(resources) ? f.resolve(resources.get("XObject")) : null;
  if (!isDict(xobjects)) return null;
  const content = contentOf(f, pageDict.get("Contents"));
  const painted = content && onlyImagePaint(content);
  const imageRef = painted ? xobjects.get(painted) : undefined;
  if (!isRef(imageRef)) return null;
  const image = f.stream(imageRef);
  return image && jpegOf(image.dict, image.data);
}

function jpegOf(dict: Dict, data: Buffer): PageJpeg | null {
  const filter = dict.get("Filter");
  const filters = Array.isArray(filter) ? filter : [filter];
  if (filters.length !== 1 || nameOf(filters[0]) !== "DCTDecode") return null;
  if (nameOf(dict.get("Subtype")) !== "Image" || nameOf(dict.get("ColorSpace")) !== "DeviceRGB") return null;
  if (dict.get("BitsPerComponent") !== 8 || dict.get("ImageMask") === true) return null;
  if (["Decode", "DecodeParms", "SMask", "Mask"].some((k) => dict.has(k))) return null;
  const width = dict.get("Width"),
    height = dict.get("Height");
  if (typeof width !== "number" || typeof height !== "number") return null;
  // pdf.js skips anything before the SOI marker: so do we.
  const soi = data.indexOf(Buffer.from([0xff, 0xd8]));
  if (soi < 0) return null;
  return { bytes: new Uint8Array(data.buffer, data.byteOffset + soi, data.length - soi), width, height };
}

/** The page's content, its streams joined; null when one cannot be read here. */
function contentOf(f: PdfFile, contents: PdfValue | undefined): Buffer | null {
  const refs = Array.isArray(contents) ? contents : [contents];
  const parts: Buffer[] = [];
  for (const ref of refs) {
    if (!isRef(ref)) return null;
    const s = f.stream(ref);
    if (!s) return null;
    const filter = s.dict.get("Filter");
    const filters = filter === undefined ? [] : Array.isArray(filter) ? filter : [filter];
    if (filters.length > 1 || s.dict.has("DecodeParms")) return null;
    if (filters.length === 1 && nameOf(filters[0]) !== "FlateDecode") return null;
    parts.push(filters.length ? inflateSync(s.data) : s.data, Buffer.from(" "));
  }
  return Buffer.concat(parts);
}

/** The name of the one XObject a content stream of only q, Q, cm and one Do paints; null for anything else. */
export function onlyImagePaint(content: Buffer): string | null {
  const lex = new Lexer(content, 0);
  let painted: string | null = null;
  const operands: PdfValue[] = [];
  for (;;) {
    const v = lex.value();
    if (v === undefined) return painted;
    if (!isOp(v)) {
      operands.push(v);
      continue;
    }
    if (v.op === "Do") {
      if (painted !== null || operands.length !== 1) return null;
      painted = nameOf(operands[0]);
      if (painted === null) return null;
    } else if (!((v.op === "q" || v.op === "Q") && operands.length === 0) && !(v.op === "cm" && operands.length === 6))
      return null;
    operands.length = 0;
  }
}

/** Objects of an uncompressed PDF file found by their "num gen obj" header. */
class PdfFile {
  constructor(readonly file: Buffer) {}

  /** Where object `ref`'s value starts: its header must occur exactly once in the file. */
  private start(ref: Ref): number | null {
    const key = `${ref.num} ${ref.gen} obj`;
    let found: number | null = null;
    for (let at = this.file.indexOf(key); at >= 0; at = this.file.indexOf(key, at + 1)) {
      if (at > 0 && !WHITE.has(this.file[at - 1])) continue;
      if (found !== null) return null;
      found = at + key.length;
    }
    return found;
  }

  object(ref: Ref): PdfValue | undefined {
    const at = this.start(ref);
    return at === null ? undefined : new Lexer(this.file, at).value();
  }

  resolve(v: PdfValue | undefined): PdfValue | undefined {
    return isRef(v) ? this.object(v) : v;
  }

  /** A stream object: its dictionary and its raw (still encoded) data; null when it is not one. */
  stream(ref: Ref): { dict: Dict; data: Buffer } | null {
    const at = this.start(ref);
    if (at === null) return null;
    const lex = new Lexer(this.file, at);
    const dict = lex.value();
    if (!isDict(dict)) return null;
    const keyword = lex.value();
    if (!isOp(keyword) || keyword.op !== "stream") return null;
    let from = lex.pos;
    // The keyword is followed by CR LF or LF (a lone CR is tolerated).
    if (this.file[from] === 0x0d) from++;
    if (this.file[from] === 0x0a) from++;
    const length = this.resolve(dict.get("Length"));
    if (typeof length !== "number" || length < 0 || from + length > this.file.length) return null;
    const end = new Lexer(this.file, from + length).value();
    if (!isOp(end) || end.op !== "endstream") return null;
    return { dict, data: this.file.subarray(from, from + length) };
  }
}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITER = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** Reads PDF values (and content-stream operators) one after another. */
class Lexer {
  constructor(
    readonly b: Buffer,
    public pos: number,
  ) {}

  /** The next value; undefined at the end of the data (or at a closing >> or ], which the caller checks). */
  value(): PdfValue | undefined {
    const t = this.token();
    if (t === null || t === ">>" || t === "]") return undefined;
    if (t === "<<") return this.dict();
    if (t === "[") return this.array();
    if (t.startsWith("/")) return { name: t.slice(1) };
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return this.numberOrRef(Number(t), /^\d+$/.test(t));
    if (t.startsWith("(") || t.startsWith("<")) return t;
    if (t === "true" || t === "false") return t === "true";
    if (t === "null") return null;
    return { op: t };
  }

  private numberOrRef(n: number, whole: boolean): PdfValue {
    if (!whole) return n;
    const back = this.pos;
    const gen = this.token();
    if (gen !== null && /^\d+$/.test(gen) && this.token() === "R") return { num: n, gen: Number(gen) };
    this.pos = back;
    return n;
  }

  private dict(): Dict {
    const d: Dict = new Map();
    for (;;) {
      const back = this.pos;
      const t = this.token();
      if (t === null) throw new Error("unterminated dictionary");
      if (t === ">>") return d;
      if (!t.startsWith("/")) throw new Error("dictionary key is not a name");
      const v = this.value();
      if (v === undefined) {
        this.pos = back;
        throw new Error("dictionary value missing");
      }
      d.set(t.slice(1), v);
    }
  }

  private array(): PdfValue[] {
    const a: PdfValue[] = [];
    for (;;) {
      const back = this.pos;
      const t = this.token();
      if (t === null) throw new Error("unterminated array");
      if (t === "]") return a;
      this.pos = back;
      a.push(this.value() as PdfValue);
    }
  }

  /** The next token as text: <<, >>, [, ], a name, a string (kept whole), a number or a keyword. */
  private token(): string | null {
    const b = this.b;
    for (;;) {
      while (this.pos < b.length && WHITE.has(b[this.pos])) this.pos++;
      if (b[this.pos] !== 0x25) break;
      while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
    }
    if (this.pos >= b.length) return null;
    const start = this.pos,
      c = b[this.pos];
    if ((c === 0x3c || c === 0x3e) && b[this.pos + 1] === c) {
      this.pos += 2;
      return c === 0x3c ? "<<" : ">>";
    }
    if (c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) {
      this.pos++;
      return String.fromCharCode(c);
    }
    if (c === 0x28) return this.literalString();
    if (c === 0x3c) {
      const end = b.indexOf(0x3e, this.pos);
      if (end < 0) throw new Error("unterminated hex string");
      this.pos = end + 1;
      return b.toString("latin1", start, this.pos);
    }
    this.pos++;
    while (this.pos < b.length && !WHITE.has(b[this.pos]) && !DELIMITER.has(b[this.pos])) this.pos++;
    return b.toString("latin1", start, this.pos);
  }

  private literalString(): string {
    const b = this.b,
      start = this.pos;
    let depth = 0;
    for (; this.pos < b.length; this.pos++) {
      const c = b[this.pos];
      if (c === 0x5c) this.pos++;
      else if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) return b.toString("latin1", start, ++this.pos);
    }
    throw new Error("unterminated string");
  }
}

function isRef(v: PdfValue | undefined): v is Ref {
  return typeof v === "object" && v !== null && "num" in v && "gen" in v;
}

function isDict(v: PdfValue | undefined): v is Dict {
  return v instanceof Map;
}

function isOp(v: PdfValue | undefined): v is { op: string } {
  return typeof v === "object" && v !== null && "op" in v;
}

function nameOf(v: PdfValue | undefined): string | null {
  return typeof v === "object" && v !== null && "name" in v ? v.name : null;
}
