// The review's page image encoder (src/pdf/png.ts) and the builtins pdf.js's polyfills replace (src/pdf/builtins.ts).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { grayPng, pngSize } from "../../src/pdf/png.js";

describe("grayPng", () => {
  it("writes a 4-bit grayscale PNG that a decoder reads back as the page's black, white and grays", async () => {
    // 5 x 2 (odd width: the last byte of a row holds one pixel): black, white, mid gray, red, white / all white.
    const canvas = createCanvas(5, 2);
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, 5, 2);
    for (const [x, colour] of [
      [0, "#000"],
      [2, "#808080"],
      [3, "#f00"],
    ] as const) {
      ctx.fillStyle = colour;
      ctx.fillRect(x, 0, 1, 1);
    }
    const png = await grayPng(canvas.data(), 5, 2);
    expect(pngSize(png)).toEqual({ width: 5, height: 2 });
    expect([png[24], png[25]]).toEqual([4, 0]); // bit depth 4, colour type 0

    const image = await loadImage(png);
    const back = createCanvas(5, 2).getContext("2d");
    back.drawImage(image, 0, 0);
    const red = back.getImageData(0, 0, 5, 2).data.filter((_, i) => i % 4 === 0);
    // 16 levels of 17: 0x80 = 128 -> level 8 -> 136; red's luminance 77/256 * 255 = 76 -> level 4 -> 68.
    expect([...red]).toEqual([0, 255, 136, 68, 255, 255, 255, 255, 255, 255]);
  });

  it("pngSize refuses what is not a PNG", () => {
    expect(pngSize(Buffer.from("RIFF....WEBPVP8 ........"))).toBeNull();
  });
});

describe("pdf.js's polyfills", () => {
  it("leave Array.prototype.push and JSON as the engine made them once src/pdf/load is imported", () => {
    const built = path.resolve(import.meta.dirname, "../../dist/src/pdf/load.js");
    if (!existsSync(built)) throw new Error(`${built} missing: run "npx tsc -p ." before these tests`);
    const load = pathToFileURL(built).href;
    // A fresh process: the test runner's own process may have loaded pdf.js already.
    const script = `const push = Array.prototype.push, parse = JSON.parse, stringify = JSON.stringify;
      await import(${JSON.stringify(load)});
      console.log(JSON.stringify([Array.prototype.push === push, JSON.parse === parse, JSON.stringify === stringify,
        typeof Promise.withResolvers, typeof Map.prototype.getOrInsertComputed]));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(JSON.parse(out.trim().split("\n").pop()!)).toEqual([true, true, true, "function", "function"]);
  });
});
