/**
 * The package as another project gets it: `npm pack`, installed into an empty project, imported by name
 * (ESM and types) and run on a sample, and its `yujue` command started. Slow (an install): about a minute.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { requireBuild, ROOT, SMALL_SAMPLES } from "./helpers.js";

let tmp = "";
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    encoding: "utf8",
    timeout: 300_000,
  });

it("npm pack gives a package that installs and works in another project", async () => {
  requireBuild();
  tmp = await mkdtemp(path.join(os.tmpdir(), "yujue-pack-"));
  // The build is there already (requireBuild): no prepare script needed for packing.
  npm(["pack", "--ignore-scripts", "--pack-destination", tmp], ROOT);
  const tarball = (await readdir(tmp)).find((f) => f.endsWith(".tgz"))!;
  expect(tarball).toMatch(/^yujue-[\d.]+\.tgz$/);
  const listing = execFileSync("tar", ["-tzf", path.join(tmp, tarball)], { encoding: "utf8" }).split("\n");
  expect(listing).toContain("package/dist/src/index.js");
  expect(listing).toContain("package/dist/src/index.d.ts");
  expect(listing).toContain("package/dist/src/cli/worker.js");
  // Samples, sources and tests stay out of the package.
  expect(listing.filter((f) => /^package\/(samples|tests|src|bench)\//.test(f))).toEqual([]);

  const project = path.join(tmp, "project");
  execFileSync("mkdir", ["-p", project]);
  await writeFile(
    path.join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  npm(["install", "--prefer-offline", path.join(tmp, tarball)], project);

  await writeFile(
    path.join(project, "use.mjs"),
    `
import { extractDocument, shutdown } from "yujue";
const doc = await extractDocument(process.argv[2], { ocr: "never" });
const total = doc.tables.find((t) => t.table_kind === "income_expenditure_summary");
console.log(JSON.stringify({ tables: doc.tables.length, year: doc.fiscal_year, type: doc.doc_type, summary: !!total }));
await shutdown();
`,
  );
  const used = JSON.parse(
    execFileSync(process.execPath, ["use.mjs", SMALL_SAMPLES[0]], { cwd: project, encoding: "utf8", timeout: 120_000 }),
  );
  // putuo-gov-office-2025-dept-budget: a 2025 budget whose first table is the 收支总表.
  expect(used).toMatchObject({ year: 2025, type: "budget", summary: true });
  expect(used.tables).toBeGreaterThan(1);

  // The types resolve for a TypeScript consumer.
  await writeFile(
    path.join(project, "check.ts"),
    `import { extractDocument, type Document } from "yujue";
const doc: Promise<Document> = extractDocument("x.pdf");
void doc;
`,
  );
  await writeFile(
    path.join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
      },
      files: ["check.ts"],
    }),
  );
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "."], {
    cwd: project,
    encoding: "utf8",
  });

  // The command, through the bin link, with its own --version.
  const version = execFileSync(path.join(project, "node_modules/.bin/yujue"), ["--version"], { encoding: "utf8" });
  expect(version).toMatch(/^yujue \d+\.\d+\.\d+\n$/);
}, 400_000);
