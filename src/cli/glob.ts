import { readdir } from "node:fs/promises";
import path from "node:path";

/** True when the argument holds glob syntax (*, ?, [..], {..}). */
export function hasGlobSyntax(arg: string): boolean {
  return /[*?[\]{}]/.test(arg);
}

/**
 * A glob pattern (with "/" separators) as a RegExp over "/"-separated paths:
 * "*" and "?" stay within one path segment, "**" spans segments, "[...]"
 * is a character class, "{a,b}" an alternation.
 */
export function globToRegExp(pattern: string): RegExp {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "*" && pattern[i + 1] === "*") {
      const slash = pattern[i + 2] === "/";
      out += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (ch === "*") out += "[^/]*";
    else if (ch === "?") out += "[^/]";
    else if (ch === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end < 0) out += "\\[";
      else {
        out += "[" + pattern.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\") + "]";
        i = end;
      }
    } else if (ch === "{") {
      const end = pattern.indexOf("}", i + 1);
      if (end < 0) out += "\\{";
      else {
        out += "(?:" + pattern.slice(i + 1, end).split(",").map(escapeRegExp).join("|") + ")";
        i = end;
      }
    } else out += escapeRegExp(ch);
  }
  return new RegExp(`^${out}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
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

/** Files matching a glob pattern, relative to `cwd` unless the pattern is absolute; sorted. */
export async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const posix = pattern.split(path.sep).join("/");
  const absolute = path.posix.isAbsolute(posix) ? posix : path.posix.join(cwd.split(path.sep).join("/"), posix);
  const regex = globToRegExp(path.posix.normalize(absolute));
  const base = globBase(absolute);
  const files = await walkFiles(base);
  return files.filter((file) => regex.test(file.split(path.sep).join("/"))).sort();
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
