// Test helper (kill.test.ts): writes the given document.json files into a database
// over and over, printing "writing" as each write starts, until it is killed.
// With PAUSE_AT_WRITE=k the k-th write stops half-way through its transaction (after
// some rows are inserted), prints "inside" and waits there, so a kill is certain to
// land inside an open transaction whatever the machine's load.
import { readFileSync } from "node:fs";
import { openForWriting, writeDocument } from "../../dist/src/dataset/index.js";

const [file, ...docs] = process.argv.slice(2);
const pauseAt = process.env.PAUSE_AT_WRITE === undefined ? -1 : Number(process.env.PAUSE_AT_WRITE);
const documents = docs.map((d) => JSON.parse(readFileSync(d, "utf8")));
const db = openForWriting(file);
let write = 0;
let rows = 0;
/** Counts rows written in the current write; in the paused write, blocks after 50 of them. */
function counted() {
  rows++;
  if (write === pauseAt && rows === 50) {
    process.stdout.write("inside\n");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  }
}
const paused = new Proxy(db, {
  get(target, key) {
    const value = Reflect.get(target, key);
    if (typeof value !== "function") return value;
    if (key === "run") return (...args) => (counted(), value.apply(target, args));
    if (key === "prepare") {
      return (...args) => {
        const statement = value.apply(target, args);
        return { ...statement, run: (...a) => (counted(), statement.run(...a)), finalize: () => statement.finalize() };
      };
    }
    return value.bind(target);
  },
});
for (; ; write++) {
  rows = 0;
  const doc = documents[write % documents.length];
  process.stdout.write(`writing ${write}\n`);
  writeDocument(paused, doc, { input: `input-${write % documents.length}`, output: null, runId: null });
}
