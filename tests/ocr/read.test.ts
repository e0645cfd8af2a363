import { afterAll, expect, test } from "vitest";
import { recognize, shutdownOcr } from "../../src/ocr/tesseract.js";
import { fullWidthPunctuation, repairOrdinal } from "../../src/ocr/read.js";

afterAll(() => shutdownOcr());

test("an image tesseract cannot read comes back unread (empty, confidence 0) and the workers keep working", async () => {
  expect(await recognize(Buffer.from("not an image"), "text")).toEqual({ text: "", confidence: 0 });
  // A blank white line: nothing to read, and no crash either.
  const blank = Buffer.concat([Buffer.from("P5\n40 20\n255\n", "latin1"), Buffer.alloc(800, 255)]);
  expect((await recognize(blank, "digits")).text).toBe("");
});

test("label repairs: full-width brackets next to CJK, 上 for 十 in ordinals", () => {
  expect(fullWidthPunctuation("维修〈护)费")).toBe("维修（护）费");
  expect(fullWidthPunctuation("单位;元")).toBe("单位：元");
  expect(fullWidthPunctuation("(12.50)")).toBe("(12.50)");
  expect(repairOrdinal("上上四、金融支出")).toBe("十四、金融支出");
  expect(repairOrdinal("上级补助收入")).toBe("上级补助收入");
});
