import { unlinkSync } from "node:fs";
import { open, readFile, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export class LockError extends Error {}

const LOCK_NAME = ".yujue.lock";

/**
 * Takes <out>/.yujue.lock ("<pid> <host>") so two runs cannot write one
 * output folder at once; returns the release function. A lock whose process
 * is gone (killed run, crash) is taken over and `onNote` told; a lock from another host is respected, since
 * its process cannot be looked up from here. The lock is also removed if
 * the process exits without releasing it (process.exit on a second Ctrl-C).
 *
 * Not proper-lockfile: its staleness is judged by the lock's age, so the
 * owner must touch it every few seconds and a run whose event loop stalls
 * past the limit loses its lock while still writing; the owner's pid is
 * exact on one machine.
 */
export async function lockOutputFolder(outDir: string, onNote?: (note: string) => void): Promise<() => Promise<void>> {
  const file = path.join(outDir, LOCK_NAME);
  const me = `${process.pid} ${os.hostname()}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(me);
      await handle.close();
      return held(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const [pidText, host] = (await readFile(file, "utf8").catch(() => "")).trim().split(/\s+/);
      const pid = Number(pidText);
      if (host && host !== os.hostname()) {
        throw new LockError(
          `${outDir}: output folder in use by a run on ${host} (process ${pid}); remove ${file} if that run is gone`,
        );
      }
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new LockError(`${outDir}: output folder in use by another run (process ${pid})`);
      }
      const holder = pid ? `process ${pid}, which is no longer running` : "an earlier run";
      onNote?.(`${outDir}: took over the lock left by ${holder}`);
      await unlink(file).catch(() => {});
    }
  }
  // Lost a race for a stale lock twice: write it anyway, we checked its owner is gone.
  await writeFile(file, me);
  return held(file);
}

/** The release function of a held lock, plus an exit hook in case the process ends first. */
function held(file: string): () => Promise<void> {
  const onExit = () => {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.once("exit", onExit);
  return async () => {
    process.off("exit", onExit);
    await unlink(file).catch(() => {});
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
