import { readdir } from "node:fs/promises";
import path from "node:path";
import { glob } from "tinyglobby";

/** True when the argument holds glob syntax (*, ?, [..], {..}). */
export function hasGlobSyntax(arg: string): boolean {
  return /[*?[\]{}]/.test(arg);
}

/** The leading part of a pattern without glob syntax: where the walk starts. */
export function globBase(pattern: string): string {
  const parts = pattern.split("/");
  const fixed: string[] = [];
  for (const part of parts) {
    if (hasGlobSyntax(part)) break;
    fixed.push(part);
  }
  if (fixed.length === parts.length) fixed.pop();
  const base = fixed.join("/");
  return base === "" ? (pattern.startsWith("/") ? "/" : ".") : base;
}

/**
 * Files matching a glob pattern, relative to `cwd` unless the pattern is absolute; sorted.
 * Matching is tinyglobby's (picomatch): nested braces, ranges, negated classes, escapes, as a shell does;
 * names starting with a dot are matched only by a pattern that says so. The fixed leading folders are
 * the walk's root.
 */
export async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const posix = pattern.split(path.sep).join("/");
  const absolute = path.posix.isAbsolute(posix) ? posix : path.posix.join(cwd.split(path.sep).join("/"), posix);
  const normal = path.posix.normalize(absolute);
  const base = globBase(normal);
  const rest = path.posix.relative(base, normal);
  const files = await glob(rest, {
    cwd: base,
    absolute: true,
    onlyFiles: true,
    expandDirectories: false,
    followSymbolicLinks: false,
  });
  return files.map((f) => path.resolve(f)).sort();
}

/** Every regular file under `dir`, recursively; unreadable folders are skipped. Symlinked folders are not followed. */
export async function walkFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walkFiles(full)));
    else if (entry.isFile() || entry.isSymbolicLink()) files.push(full);
  }
  return files;
}
