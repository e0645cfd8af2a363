/**
 * Hand-written PDFs for the bad-input corpus: no PDF library, so every
 * byte (and every defect) is under the test's control.
 */
import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";

/** Object bodies (object i+1 is bodies[i]) joined into a PDF with a correct xref table. */
export function assemblePdf(bodies: Buffer[], trailerExtra = ""): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  const offsets: number[] = [];
  let length = parts[0].length;
  bodies.forEach((body, i) => {
    offsets.push(length);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, "latin1"), body, Buffer.from("\nendobj\n", "latin1")]);
    parts.push(obj);
    length += obj.length;
  });
  const xref =
    `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("") +
    `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref, "latin1"));
  return Buffer.concat(parts);
}

function streamObject(data: Buffer, dict = ""): Buffer {
  return Buffer.concat([
    Buffer.from(`<< /Length ${data.length} ${dict}>>\nstream\n`, "latin1"),
    data,
    Buffer.from("\nendstream", "latin1"),
  ]);
}

/** Content stream drawing one line of Helvetica text. */
function textContent(text: string): Buffer {
  const escaped = text.replace(/[\\()]/g, "\\$&");
  return Buffer.from(`BT /F1 12 Tf 72 720 Td (${escaped}) Tj ET`, "latin1");
}

/**
 * A text PDF with one page per string. `encrypt` turns each content stream
 * into its stored (encrypted) form; object numbers are passed so the
 * per-object key can be derived.
 */
export function textPdf(
  pages: string[],
  encrypt?: (data: Buffer, objectNumber: number) => Buffer,
  trailerExtra = "",
  extraBodies: Buffer[] = [],
): Buffer {
  const pageIds = pages.map((_, i) => 4 + i * 2);
  const bodies: Buffer[] = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>", "latin1"),
    Buffer.from(
      `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`,
      "latin1",
    ),
    Buffer.from("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", "latin1"),
  ];
  pages.forEach((text, i) => {
    const pageId = pageIds[i];
    bodies.push(
      Buffer.from(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageId + 1} 0 R >>`,
        "latin1",
      ),
    );
    const content = textContent(text);
    bodies.push(streamObject(encrypt ? encrypt(content, pageId + 1) : content));
  });
  return assemblePdf([...bodies, ...extraBodies], trailerExtra);
}

/** One page showing only a grey image: what a scan looks like to a text extractor. */
export function imageOnlyPdf(): Buffer {
  const size = 64;
  const pixels = Buffer.alloc(size * size, 0x80);
  const bodies = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>", "latin1"),
    Buffer.from("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "latin1"),
    Buffer.from(
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
      "latin1",
    ),
    streamObject(Buffer.from("q 500 0 0 700 47 71 cm /Im1 Do Q", "latin1")),
    streamObject(
      deflateSync(pixels),
      `/Type /XObject /Subtype /Image /Width ${size} /Height ${size} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode `,
    ),
  ];
  return assemblePdf(bodies);
}

/** Replaces the xref table and startxref offset with garbage, as a damaged transfer or bad editor leaves them. */
export function breakXref(pdf: Buffer): Buffer {
  const text = pdf.toString("latin1");
  const at = text.lastIndexOf("xref\n0 ");
  const tail = text
    .slice(at)
    .replace(/\d{10} \d{5} [nf] /g, "9999999999 99999 n ")
    .replace(/startxref\n\d+/, "startxref\n123456789");
  return Buffer.from(text.slice(0, at) + tail, "latin1");
}

// --- Standard security handler, revision 2 (40-bit RC4), PDF 1.4 spec algorithms 3.1-3.4 ---

const PASSWORD_PAD = Buffer.from("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a", "hex");

export function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
    out[n] = data[n] ^ s[(s[i] + s[j]) & 255];
  }
  return out;
}

const md5 = (...parts: Buffer[]) => createHash("md5").update(Buffer.concat(parts)).digest();
const padded = (password: string) => Buffer.concat([Buffer.from(password, "latin1"), PASSWORD_PAD]).subarray(0, 32);

/** A text PDF encrypted with RC4-40 under a user password (pdf.js asks for it). */
export function encryptedPdf(pages: string[], userPassword: string, ownerPassword = "owner"): Buffer {
  const id = md5(Buffer.from("yujue-test-id"));
  const permissions = -44;
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const o = rc4(md5(padded(ownerPassword)).subarray(0, 5), padded(userPassword));
  const fileKey = md5(padded(userPassword), o, p, id).subarray(0, 5);
  const u = rc4(fileKey, PASSWORD_PAD);
  const encrypt = (data: Buffer, objectNumber: number) => {
    const objectKey = Buffer.concat([
      fileKey,
      Buffer.from([objectNumber & 255, (objectNumber >> 8) & 255, (objectNumber >> 16) & 255, 0, 0]),
    ]);
    return rc4(md5(objectKey).subarray(0, 10), data);
  };
  const encryptObjectNumber = 3 + pages.length * 2 + 1;
  const encryptDict = Buffer.from(
    `<< /Filter /Standard /V 1 /R 2 /O <${o.toString("hex")}> /U <${u.toString("hex")}> /P ${permissions} >>`,
    "latin1",
  );
  const trailer = `/Encrypt ${encryptObjectNumber} 0 R /ID [<${id.toString("hex")}> <${id.toString("hex")}>] `;
  return textPdf(pages, encrypt, trailer, [encryptDict]);
}

/**
 * A decompression bomb: a small file whose one content stream inflates to
 * `lines` stroked paths. Parsing it costs memory the per-document limit
 * must catch.
 */
export function pathBombPdf(lines = 4_000_000): Buffer {
  const content = deflateSync(Buffer.from("0 0 m 100 100 l S\n".repeat(lines), "latin1"), { level: 9 });
  const bodies = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>", "latin1"),
    Buffer.from("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "latin1"),
    Buffer.from("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", "latin1"),
    streamObject(content, "/Filter /FlateDecode "),
  ];
  return assemblePdf(bodies);
}
