import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { readCompleteMarker } from "../output/marker.js";
import { urlFileName } from "../download.js";
import type { Input } from "./inputs.js";

/** A file-system-safe folder name from the input's file name, without .pdf. */
export function baseStem(input: Input): string {
  const name = input.kind === "url" ? urlFileName(input.url) : path.basename(input.key);
  const stem = name
    .replace(/\.pdf$/i, "")
    .replace(/[\/\\:*?"<>|\x00-\x1f]/g, "_")
    .replace(/^\.+/, "")
    .trim();
  return stem.slice(0, 120) || "document";
}

function parentName(input: Input): string {
  if (input.kind === "url") {
    try {
      return new URL(input.url).hostname;
    } catch {
      return "url";
    }
  }
  return path.basename(path.dirname(input.key)) || "root";
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}

/** input key -> folder name, from the completion markers already in the output folder. */
export async function existingFolders(outDir: string): Promise<Map<string, string>> {
  const byInput = new Map<string, string>();
  const entries = await readdir(outDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const marker = await readCompleteMarker(path.join(outDir, entry.name));
    if (marker && !byInput.has(marker.input)) byInput.set(marker.input, entry.name);
  }
  return byInput;
}

/**
 * Gives every input its own output folder. An input keeps the folder an
 * earlier run gave it; otherwise the folder is the file's stem, with the
 * parent folder name added when two inputs share a stem ("x__2023"), and a
 * hash of the input when that is still not unique or the folder belongs to
 * another input. Names are compared without case (macOS, Windows).
 */
export function assignFolders(inputs: Input[], existing: Map<string, string>): Map<string, string> {
  const taken = new Set([...existing.values()].map((name) => name.toLowerCase()));
  const assigned = new Map<string, string>();
  for (const input of inputs) {
    const kept = existing.get(input.key);
    if (kept) assigned.set(input.key, kept);
  }
  const stemCount = new Map<string, number>();
  for (const input of inputs) {
    const stem = baseStem(input).toLowerCase();
    stemCount.set(stem, (stemCount.get(stem) ?? 0) + 1);
  }
  for (const input of inputs) {
    if (assigned.has(input.key)) continue;
    const stem = baseStem(input);
    const shared = (stemCount.get(stem.toLowerCase()) ?? 0) > 1;
    const candidates = [shared ? null : stem, `${stem}__${parentName(input)}`, `${stem}__${shortHash(input.key)}`];
    let name = candidates.find((c): c is string => c !== null && !taken.has(c.toLowerCase()));
    for (let n = 2; !name; n++) if (!taken.has(`${stem}__${n}`.toLowerCase())) name = `${stem}__${n}`;
    taken.add(name.toLowerCase());
    assigned.set(input.key, name);
  }
  return assigned;
}
