// Test helper (kill.test.ts): writes the given document.json files into a database
// over and over, printing "writing" as each write starts, until it is killed.
import { readFileSync } from "node:fs";
import { openForWriting, writeDocument } from "../../dist/src/dataset/index.js";

const [file, ...docs] = process.argv.slice(2);
const documents = docs.map((d) => JSON.parse(readFileSync(d, "utf8")));
const db = openForWriting(file);
for (let i = 0; ; i++) {
  const doc = documents[i % documents.length];
  process.stdout.write(`writing ${i}\n`);
  writeDocument(db, doc, { input: `input-${i % documents.length}`, output: null, runId: null });
}
