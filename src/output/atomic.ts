import { randomBytes } from "node:crypto";
import { open, readdir, rename, unlink } from "node:fs/promises";
import path from "node:path";

/** Temp files are hidden, carry the writer's pid, and end in .tmp so a later run can sweep them. */
const TEMP_PATTERN = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

export function tempPathFor(target: string): string {
  const name = `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  return path.join(path.dirname(target), name);
}

/**
 * Writes a file so that readers (and a later run after a kill -9) see either
 * the old content or the new, never a part: temp file in the same folder,
 * flushed, then renamed over the target.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await writeStreamAtomic(target, async (write) => write(data));
}

/** Like writeFileAtomic, for content written piece by piece: `fill` gets a function that appends. */
export async function writeStreamAtomic(
  target: string,
  fill: (write: (chunk: string | Uint8Array) => Promise<void>) => Promise<void>,
): Promise<void> {
  const temp = tempPathFor(target);
  const handle = await open(temp, "w");
  try {
    await fill(async (chunk) => {
      await (typeof chunk === "string" ? handle.write(chunk) : handle.write(chunk));
    });
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(temp).catch(() => {});
    throw err;
  }
  await handle.close();
  await renameOrClean(temp, target);
}

/** Renames a finished temp file over its target, removing the temp file if that fails. */
export async function renameOrClean(temp: string, target: string): Promise<void> {
  try {
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
}

export function isTempFile(name: string): boolean {
  return TEMP_PATTERN.test(name);
}

/** Removes temp files left by a killed run in the given folders (not recursive). Returns how many. */
export async function sweepTempFiles(folders: string[]): Promise<number> {
  let removed = 0;
  for (const folder of folders) {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      if (!isTempFile(name)) continue;
      await unlink(path.join(folder, name)).catch(() => {});
      removed++;
    }
  }
  return removed;
}
