import { open, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

export class LockError extends Error {}

const LOCK_NAME = ".yujue.lock";

/**
 * Takes <out>/.yujue.lock so two runs cannot write one output folder at
 * once. A lock left by a killed run (its process is gone) is taken over.
 * Returns the release function.
 */
export async function lockOutputFolder(outDir: string): Promise<() => Promise<void>> {
  const file = path.join(outDir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => unlink(file).catch(() => {});
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number((await readFile(file, "utf8").catch(() => "")).trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new LockError(`${outDir}: output folder in use by another run (process ${pid})`);
      }
      await unlink(file).catch(() => {});
    }
  }
  // Lost a race for a stale lock twice: write it anyway, we checked its owner is gone.
  await writeFile(file, String(process.pid));
  return () => unlink(file).catch(() => {});
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
