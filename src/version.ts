import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The nearest package.json above this module: the same from src/ (tests) and dist/src/ (built). */
export function findPackageJson(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error("package.json not found above " + fileURLToPath(import.meta.url));
    dir = up;
  }
  return path.join(dir, "package.json");
}

/** The package version; part of the incremental-run key, so a new version redoes old work. */
export const TOOL_VERSION: string = (JSON.parse(readFileSync(findPackageJson(), "utf8")) as { version: string })
  .version;
