import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { isUrl, looksLikeUrl, unsupportedUrl } from "../download.js";
import { expandGlob, hasGlobSyntax, walkFiles } from "./glob.js";

/** One document to process: a local file or a URL to download. */
export type Input =
  | { kind: "file"; key: string; path: string }
  | { kind: "url"; key: string; url: string }
  /** Named but not there: becomes a failed manifest entry, not a usage error. */
  | { kind: "missing"; key: string; reason: string };

export interface ResolvedInputs {
  inputs: Input[];
  /** Arguments that matched nothing (a folder with no PDF, a glob with no match). */
  warnings: string[];
}

/**
 * Expands the command-line arguments into documents: folders recursively
 * (only *.pdf, any case), globs, URLs, plain files (whatever the
 * extension: a non-PDF named explicitly is reported, not ignored).
 * Duplicates (the same file named twice) are dropped.
 */
export async function resolveInputs(args: string[], cwd: string, excludeFolder?: string): Promise<ResolvedInputs> {
  const inputs: Input[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  // Walking "." with --out ./output must not pick up the downloads cached there.
  const excluded = (file: string) => !!excludeFolder && !path.relative(excludeFolder, file).startsWith("..");
  const add = (input: Input) => {
    if (seen.has(input.key)) return;
    seen.add(input.key);
    inputs.push(input);
  };
  for (const arg of args) {
    if (isUrl(arg)) {
      add({ kind: "url", key: arg, url: arg });
      continue;
    }
    const full = path.resolve(cwd, arg);
    const info = await stat(full).catch(() => null);
    if (info?.isDirectory()) {
      const pdfs = (await walkFiles(full)).filter((f) => isPdfName(f) && !excluded(f)).sort();
      if (pdfs.length === 0) warnings.push(`${arg}: no PDF files in this folder`);
      for (const file of pdfs) add(fileInput(file, cwd));
    } else if (info) {
      add(fileInput(full, cwd));
    } else if (looksLikeUrl(arg)) {
      // Shown as given: path.resolve would fold "ftp://host" into "ftp:/host".
      add({ kind: "missing", key: arg, reason: unsupportedUrl(arg)! });
    } else if (hasGlobSyntax(arg)) {
      const matches = (await expandGlob(arg, cwd)).filter((f) => !excluded(f));
      if (matches.length === 0) warnings.push(`${arg}: no files match`);
      for (const file of matches) add(fileInput(file, cwd));
    } else {
      add({ kind: "missing", key: displayPath(full, cwd), reason: "file not found" });
    }
  }
  return { inputs, warnings };
}

function isPdfName(file: string): boolean {
  return /\.pdf$/i.test(file);
}

function fileInput(full: string, cwd: string): Input {
  return { kind: "file", key: displayPath(full, cwd), path: full };
}

/** Paths under the working folder are shown relative to it, others absolute. */
export function displayPath(full: string, cwd: string): string {
  const relative = path.relative(cwd, full);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? full : relative;
}

export class InputListError extends Error {}

/** Reads input arguments from a list file, or stdin for "-": one a line, blank lines and # comments ignored. */
export async function readInputList(source: string, cwd: string): Promise<string[]> {
  const text =
    source === "-"
      ? await readStdin()
      : await readFile(path.resolve(cwd, source), "utf8").catch((err) => {
          const code = (err as NodeJS.ErrnoException).code;
          const why =
            code === "ENOENT"
              ? "file not found"
              : code === "EISDIR"
                ? "is a folder, not a list file"
                : `cannot read (${code})`;
          throw new InputListError(`--from ${source}: ${why}`);
        });
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
