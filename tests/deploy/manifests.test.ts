// The deployment files (deploy/, Dockerfile) parsed and checked for the fields the engines rely on: an Indexed Job
// whose completions match the N its command shards by, per-index retries, a merge Job, a nightly CronJob.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { containerBuilder } from "./container.js";
import { CronJob, Job } from "./k8s-schema.js";

const root = path.resolve(import.meta.dirname, "../..");
const k8s = path.join(root, "deploy/kubernetes");
const manifests = ["extract-job.yaml", "merge-job.yaml", "cronjob.yaml"];

type Obj = Record<string, any>;

function load(file: string): Obj[] {
  const docs = parseAllDocuments(readFileSync(path.join(k8s, file), "utf8"));
  for (const doc of docs) expect(doc.errors, file).toEqual([]);
  return docs.map((d) => d.toJS() as Obj);
}

function containers(jobSpec: Obj): Obj[] {
  return jobSpec.template.spec.containers as Obj[];
}

function commandLine(container: Obj): string {
  return [...(container.command ?? []), ...(container.args ?? [])].join(" ");
}

/** The Indexed Job's invariants, shared by extract-job.yaml and the CronJob's extract template. */
function checkIndexedExtract(spec: Obj): void {
  expect(spec.completionMode).toBe("Indexed");
  expect(spec.backoffLimitPerIndex).toBeGreaterThanOrEqual(1);
  expect(spec.parallelism).toBeGreaterThanOrEqual(1);
  expect(spec.template.spec.restartPolicy).toBe("Never");
  const [c] = containers(spec);
  const cmd = commandLine(c);
  const shard = /--shard env\/(\d+)\b/.exec(cmd);
  expect(shard, cmd).not.toBeNull();
  expect(spec.completions).toBe(Number(shard![1]));
  expect(cmd).toMatch(/\bextract\b/);
  expect(cmd).toContain("--out /data/out/shard-$(JOB_COMPLETION_INDEX)");
  expect(c.resources.requests.cpu).toBe("2");
  expect(c.resources.requests.memory).toBe("2Gi");
  expect(c.resources.limits.memory).toBe("4Gi");
  const claim = spec.template.spec.volumes.find((v: Obj) => v.persistentVolumeClaim);
  expect(claim?.persistentVolumeClaim.claimName).toBeTruthy();
  expect(c.volumeMounts.map((m: Obj) => m.mountPath)).toContain("/data");
}

describe("Kubernetes manifests", () => {
  it("extract-job.yaml is an Indexed Job sharded by its completion index", () => {
    const [job, ...rest] = load("extract-job.yaml");
    expect(rest).toEqual([]);
    expect(job.apiVersion).toBe("batch/v1");
    expect(job.kind).toBe("Job");
    checkIndexedExtract(job.spec);
  });

  it("merge-job.yaml runs merge over the shard folders", () => {
    const [job] = load("merge-job.yaml");
    expect(job.apiVersion).toBe("batch/v1");
    expect(job.kind).toBe("Job");
    expect(job.spec.completionMode).toBeUndefined();
    const cmd = commandLine(containers(job.spec)[0]);
    expect(cmd).toMatch(/main\.js merge \/data\/out\/shard-\* --out \S+/);
  });

  it("cronjob.yaml runs the sharded extract and the merge nightly", () => {
    const docs = load("cronjob.yaml");
    expect(docs.map((d) => d.kind)).toEqual(["CronJob", "CronJob"]);
    for (const cron of docs) {
      expect(cron.apiVersion).toBe("batch/v1");
      expect(cron.spec.schedule).toMatch(/^\S+ \S+ \* \* \*$/); // once a day
      expect(cron.spec.jobTemplate.spec.template.spec.containers.length).toBe(1);
    }
    const [extract, merge] = docs;
    checkIndexedExtract(extract.spec.jobTemplate.spec);
    expect(commandLine(containers(merge.spec.jobTemplate.spec)[0])).toMatch(/ merge /);
  });

  it("every manifest passes the schema of the Kubernetes fields it uses (k8s-schema.ts)", () => {
    for (const file of manifests) {
      for (const doc of load(file)) {
        const result = (doc.kind === "CronJob" ? CronJob : Job).safeParse(doc);
        expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`), file).toEqual(
          [],
        );
      }
    }
  });

  it("the schema refuses the mistakes a cluster would refuse or silently ignore", () => {
    const [job] = load("extract-job.yaml");
    const spoiled = (change: (j: Obj) => void) => {
      const copy = structuredClone(job);
      change(copy);
      return Job.safeParse(copy).success;
    };
    expect(spoiled(() => {})).toBe(true);
    expect(
      spoiled((j) => {
        j.spec.backofLimitPerIndex = 2;
      }),
    ).toBe(false); // misspelt: a cluster ignores it
    expect(
      spoiled((j) => {
        delete j.spec.completionMode;
      }),
    ).toBe(false); // per-index retries need Indexed
    expect(
      spoiled((j) => {
        j.spec.template.spec.restartPolicy = "Always";
      }),
    ).toBe(false);
    expect(
      spoiled((j) => {
        j.spec.template.spec.containers[0].volumeMounts[0].name = "other";
      }),
    ).toBe(false);
    expect(
      spoiled((j) => {
        j.spec.template.spec.containers[0].resources.requests.memory = "8Gi";
      }),
    ).toBe(false);
    expect(
      spoiled((j) => {
        j.spec.template.spec.containers[0].resources.requests.cpu = 2;
      }),
    ).toBe(false);
    expect(
      spoiled((j) => {
        j.spec.template.spec.containers[0].resource = j.spec.template.spec.containers[0].resources;
      }),
    ).toBe(false);
    expect(
      spoiled((j) => {
        j.spec.maxFailedIndexes = 9;
      }),
    ).toBe(false);
    const [cron] = load("cronjob.yaml");
    expect(CronJob.safeParse({ ...cron, spec: { ...cron.spec, schedule: "nightly" } }).success).toBe(false);
    expect(CronJob.safeParse({ ...cron, metadata: { name: "x".repeat(53) } }).success).toBe(false);
  });

  it("passes kubectl apply --dry-run=client when kubectl can reach an API server", (ctx) => {
    if (spawnSync("kubectl", ["version", "--client"]).status !== 0) return ctx.skip("no kubectl on PATH");
    for (const file of manifests) {
      const run = spawnSync("kubectl", ["apply", "--dry-run=client", "-f", path.join(k8s, file)], {
        encoding: "utf8",
        timeout: 60_000,
      });
      // Client dry-run still asks the API server for the resource types; without a cluster it cannot run.
      if (/connection refused|unable to connect|failed to download openapi|no such host/i.test(run.stderr)) {
        return ctx.skip("kubectl has no reachable API server (client dry-run needs one): checked by the schema above");
      }
      expect(run.status, `${file}: ${run.stderr}`).toBe(0);
    }
  });
});

describe("Slurm array script", () => {
  it("shards by the array index and its --array range matches N", () => {
    const script = readFileSync(path.join(root, "deploy/slurm/extract-array.sh"), "utf8");
    const range = /^#SBATCH --array=0-(\d+)$/m.exec(script);
    const n = /^N=(\d+)$/m.exec(script);
    expect(range && n).toBeTruthy();
    expect(Number(range![1])).toBe(Number(n![1]) - 1);
    expect(script).toContain('--shard "env/$N"');
    expect(script).toMatch(/--dependency="afterany:\$\{array_id\}"/);
    expect(script).toMatch(/ merge /);
    expect(spawnSync("bash", ["-n", path.join(root, "deploy/slurm/extract-array.sh")]).status).toBe(0);
  });
});

describe("Dockerfile", () => {
  const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");

  it("builds in a node:20-slim stage and runs as a non-root user from a slim production stage", () => {
    const stages = [...dockerfile.matchAll(/^FROM (\S+)(?: AS (\S+))?$/gm)].map((m) => [m[1], m[2]]);
    expect(stages).toEqual([
      ["node:20-slim", "builder"],
      ["node:20-slim", "runtime"],
    ]);
    const [builder, runtime] = dockerfile.split(/^FROM .*$/m).slice(1);
    expect(builder).toMatch(/^RUN npm ci\b/m);
    expect(builder).toContain("npx tsc -p tsconfig.json");
    expect(runtime).toMatch(/^RUN npm ci --omit=dev --ignore-scripts\b/m);
    expect(runtime).toContain("COPY --from=builder /app/dist ./dist");
    const user = /^USER (\S+)$/m.exec(runtime);
    expect(user?.[1]).toBeDefined();
    expect(["root", "0"]).not.toContain(user![1]);
    expect(runtime).toContain('ENTRYPOINT ["node", "dist/src/cli/main.js"]');
  });

  it("takes the OCR data and pdf.js cmaps from runtime dependencies (nothing downloaded at run time)", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as Obj;
    for (const name of ["@tesseract.js-data/chi_sim", "@tesseract.js-data/eng", "pdfjs-dist", "tesseract.js"]) {
      expect(pkg.dependencies[name], name).toBeDefined();
    }
  });

  it("builds and runs yujue extract on a sample when a container builder is present", (ctx) => {
    const entrypoint = JSON.parse(/^ENTRYPOINT (\[.*\])$/m.exec(dockerfile)![1]) as string[];
    const bases = [...new Set([...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]))];
    const found = containerBuilder(entrypoint, bases);
    if ("skip" in found) return ctx.skip(`${found.skip}: Dockerfile not built`);
    const { builder } = found;
    const build = builder.build("yujue-test", root);
    expect(build.status, `${builder.name} build: ${build.stderr.slice(-2000)}`).toBe(0);
    const version = builder.run("yujue-test", ["--version"], []);
    expect(version.stdout.trim(), version.stderr).toMatch(/\d+\.\d+\.\d+/);
    // An extraction inside the image: CMaps, fonts and the database driver come with it (no network needed).
    const run = builder.run(
      "yujue-test",
      ["extract", "/in/putuo-wanli-street-2025-budget.pdf", "--out", "/tmp/out", "--ocr", "never", "--no-review"],
      [[path.join(root, "samples/real"), "/in"]],
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/1 document/);
  }, 1_800_000);
});
