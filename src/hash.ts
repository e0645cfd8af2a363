import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** sha256 of a file, read as a stream (inputs can be large), in hex. */
export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

/** sha256 of a string, in hex. */
export function sha256Text(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
