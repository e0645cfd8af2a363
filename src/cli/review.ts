/** `yujue review <out>`: rebuilds <out>/review/ from the document folders already there. */
import { stat } from "node:fs/promises";
import path from "node:path";
import { writeReview } from "../review/index.js";
import { CliUsageError } from "./args.js";
import { displayPath } from "./inputs.js";
import { lockOutputFolder } from "./lock.js";

/** Exit status: 0 written, 2 usage error (no such folder, or in use by a run). */
export async function reviewCommand(argv: string[]): Promise<number> {
  if (argv.length !== 1 || argv[0].startsWith("-")) throw new CliUsageError("usage: yujue review <out>");
  const out = path.resolve(argv[0]);
  if (!(await stat(out).catch(() => null))?.isDirectory()) throw new CliUsageError(`${argv[0]}: no such output folder`);
  const release = await lockOutputFolder(out);
  try {
    const stats = await writeReview(out, { onWarning: (message) => process.stderr.write(`warning: ${message}\n`) });
    process.stdout.write(
      `review: ${stats.documents} documents, ${stats.pagesRendered} page images rendered, ` +
        `${stats.pagesReused} reused: ` +
        `${displayPath(stats.index, process.cwd())}\n`,
    );
    return 0;
  } finally {
    await release();
  }
}
