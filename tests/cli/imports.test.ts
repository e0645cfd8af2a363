// What the run's parent process loads. Every shard is a fresh `yujue extract` process, so what its parent loads
// is paid once per shard: pdf.js, canvas and the OCR engine belong to the workers (and to the review stage, which
// is imported when the review is written); Parquet's writer to --parquet.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

/** Packages reached by static imports (not `import type`, not `await import()`) from a source file. */
function staticPackages(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm)) {
      const spec = m[1];
      if (spec.startsWith(".")) {
        const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, ".ts");
        if (existsSync(target)) visit(target);
      } else if (!spec.startsWith("node:") && !packages.has(spec)) {
        packages.set(spec, path.relative(ROOT, file));
      }
    }
  };
  visit(entry);
  return packages;
}

describe("the run's parent process", () => {
  it("loads neither pdf.js, canvas, the OCR engine nor the Parquet writer until it needs them", () => {
    const packages = staticPackages(path.join(ROOT, "src/cli/main.ts"));
    // The walk sees the parent's own packages (a walk that found nothing would prove nothing).
    expect([...packages.keys()]).toEqual(expect.arrayContaining(["zod", "node-sqlite3-wasm", "p-limit"]));
    const heavy = [...packages].filter(([name]) => /^(pdfjs-dist|@napi-rs\/canvas|tesseract\.js|hyparquet)/.test(name));
    expect(heavy.map(([name, from]) => `${name} (imported by ${from})`)).toEqual([]);
  });

  it("the workers do load pdf.js (the walk finds what is there)", () => {
    expect([...staticPackages(path.join(ROOT, "src/cli/worker.ts")).keys()]).toEqual(
      expect.arrayContaining(["pdfjs-dist/legacy/build/pdf.mjs"]),
    );
  });
});
