import { describe, expect, it } from "vitest";
import { openPdf, PdfLoadError } from "../../src/pdf/load.js";
import { breakXref, encryptedPdf, imageOnlyPdf, rc4, textPdf } from "./pdf-fixtures.js";

async function pageTexts(bytes: Uint8Array, password?: string): Promise<string[]> {
  const pdf = await openPdf(bytes, password);
  try {
    const texts: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      texts.push(content.items.map((item) => ("str" in item ? item.str : "")).join(""));
    }
    return texts;
  } finally {
    await pdf.destroy();
  }
}

describe("hand-written PDF fixtures", () => {
  it("text PDF: one page per string, text readable", async () => {
    expect(await pageTexts(textPdf(["Hello world", "Page (two)"]))).toEqual(["Hello world", "Page (two)"]);
  });

  it("RC4 matches the published test vector", () => {
    // RFC 6229-style classic vector: key "Key", plaintext "Plaintext".
    expect(rc4(Buffer.from("Key"), Buffer.from("Plaintext")).toString("hex")).toBe("bbf316e8d940af0ad3");
  });

  it("encrypted PDF: refused without password, wrong password named, readable with it", async () => {
    const pdf = encryptedPdf(["Hello secret"], "secret");
    expect(pdf.toString("latin1")).not.toContain("Hello secret");
    await expect(openPdf(pdf)).rejects.toThrow(/password is required/);
    await expect(openPdf(pdf, "nope")).rejects.toThrow(/wrong password/);
    await expect(openPdf(pdf)).rejects.toBeInstanceOf(PdfLoadError);
    expect(await pageTexts(pdf, "secret")).toEqual(["Hello secret"]);
  });

  it("image-only PDF has no text", async () => {
    expect(await pageTexts(imageOnlyPdf())).toEqual([""]);
  });

  it("broken xref: the table is garbage but pdf.js rebuilds it from the objects", async () => {
    const broken = breakXref(textPdf(["Broken xref"]));
    expect(broken.toString("latin1")).toContain("startxref\n123456789");
    expect(await pageTexts(broken)).toEqual(["Broken xref"]);
  });
});
