/**
 * A schema of the Kubernetes fields deploy/kubernetes/ uses (batch/v1 Job and CronJob, their pod template,
 * containers, resources, volumes), with the API server's own rules for them: what `kubectl apply --dry-run`
 * would check if it could reach a cluster (client dry-run still needs one for the resource types). Objects are
 * strict, so a misspelt or misplaced key fails instead of being ignored by a cluster. Written from the
 * Kubernetes API reference (v1.32): only what the manifests use; anything else is an error here.
 */
import { z } from "zod";

/** RFC 1123 label: container, volume and port names. */
const label = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
  .max(63);
/** RFC 1123 subdomain: object names. */
const subdomain = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/)
  .max(253);
/** A resource quantity: "2", "500m", "2Gi", "1.5G". A bare YAML number is accepted by the API too, but not here. */
const quantity = z.string().regex(/^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/);
const count = z.number().int().nonnegative();

const metadata = z.strictObject({
  name: subdomain.optional(),
  namespace: label.optional(),
  labels: z.record(z.string(), z.string().max(63)).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const resources = z.strictObject({
  requests: z.strictObject({ cpu: quantity.optional(), memory: quantity.optional() }).optional(),
  limits: z.strictObject({ cpu: quantity.optional(), memory: quantity.optional() }).optional(),
});

const securityContext = z.strictObject({
  runAsNonRoot: z.boolean().optional(),
  runAsUser: count.optional(),
  runAsGroup: count.optional(),
  fsGroup: count.optional(),
  readOnlyRootFilesystem: z.boolean().optional(),
  allowPrivilegeEscalation: z.boolean().optional(),
});

const container = z.strictObject({
  name: label,
  image: z.string().min(1),
  imagePullPolicy: z.enum(["Always", "IfNotPresent", "Never"]).optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  workingDir: z.string().optional(),
  env: z.array(z.strictObject({ name: z.string().min(1), value: z.string() })).optional(),
  resources: resources.optional(),
  volumeMounts: z
    .array(
      z.strictObject({
        name: label,
        mountPath: z.string().startsWith("/"),
        readOnly: z.boolean().optional(),
        subPath: z.string().optional(),
      }),
    )
    .optional(),
  securityContext: securityContext.omit({ fsGroup: true }).optional(),
});

const volume = z.strictObject({
  name: label,
  persistentVolumeClaim: z.strictObject({ claimName: subdomain, readOnly: z.boolean().optional() }).optional(),
  emptyDir: z.strictObject({}).optional(),
});

const podSpec = z
  .strictObject({
    // A Job's pods may not restart in place forever: Always is refused by the API for Jobs.
    restartPolicy: z.enum(["Never", "OnFailure"]),
    securityContext: securityContext.optional(),
    containers: z.array(container).min(1),
    volumes: z.array(volume).optional(),
    serviceAccountName: subdomain.optional(),
  })
  .superRefine((spec, ctx) => {
    const volumes = new Set((spec.volumes ?? []).map((v) => v.name));
    for (const c of spec.containers) {
      for (const m of c.volumeMounts ?? []) {
        if (!volumes.has(m.name))
          ctx.addIssue({ code: "custom", message: `container ${c.name} mounts undeclared volume ${m.name}` });
      }
      const req = c.resources?.requests,
        lim = c.resources?.limits;
      for (const kind of ["cpu", "memory"] as const) {
        if (req?.[kind] && lim?.[kind] && quantityValue(req[kind]!) > quantityValue(lim[kind]!)) {
          ctx.addIssue({ code: "custom", message: `container ${c.name}: ${kind} request above its limit` });
        }
      }
    }
  });

const jobSpec = z
  .strictObject({
    completionMode: z.enum(["NonIndexed", "Indexed"]).optional(),
    completions: z.number().int().positive().optional(),
    parallelism: count.optional(),
    backoffLimit: count.optional(),
    backoffLimitPerIndex: count.optional(),
    maxFailedIndexes: count.optional(),
    activeDeadlineSeconds: z.number().int().positive().optional(),
    ttlSecondsAfterFinished: count.optional(),
    template: z.strictObject({ metadata: metadata.optional(), spec: podSpec }),
  })
  .superRefine((spec, ctx) => {
    const indexed = spec.completionMode === "Indexed";
    if (indexed && spec.completions === undefined)
      ctx.addIssue({ code: "custom", message: "an Indexed Job needs completions" });
    if (spec.backoffLimitPerIndex !== undefined && !indexed) {
      ctx.addIssue({ code: "custom", message: "backoffLimitPerIndex needs completionMode Indexed" });
    }
    if (spec.maxFailedIndexes !== undefined) {
      if (spec.backoffLimitPerIndex === undefined)
        ctx.addIssue({ code: "custom", message: "maxFailedIndexes needs backoffLimitPerIndex" });
      if (spec.maxFailedIndexes > (spec.completions ?? 0))
        ctx.addIssue({ code: "custom", message: "maxFailedIndexes above completions" });
    }
    if (spec.backoffLimitPerIndex !== undefined && spec.template.spec.restartPolicy !== "Never") {
      ctx.addIssue({ code: "custom", message: "backoffLimitPerIndex needs restartPolicy Never" });
    }
  });

export const Job = z.strictObject({
  apiVersion: z.literal("batch/v1"),
  kind: z.literal("Job"),
  metadata,
  spec: jobSpec,
});

/** Five cron fields (minute hour day-of-month month day-of-week), numbers, ranges, lists, steps or *. */
const cronField = String.raw`(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*`;
const schedule = z.string().regex(new RegExp(`^${cronField}( ${cronField}){4}$`));

export const CronJob = z.strictObject({
  apiVersion: z.literal("batch/v1"),
  kind: z.literal("CronJob"),
  // The CronJob controller appends 11 characters to name its Jobs: the API refuses names over 52.
  metadata: metadata.extend({ name: subdomain.max(52) }),
  spec: z.strictObject({
    schedule,
    timeZone: z.string().optional(),
    concurrencyPolicy: z.enum(["Allow", "Forbid", "Replace"]).optional(),
    startingDeadlineSeconds: count.optional(),
    successfulJobsHistoryLimit: count.optional(),
    failedJobsHistoryLimit: count.optional(),
    suspend: z.boolean().optional(),
    jobTemplate: z.strictObject({ metadata: metadata.optional(), spec: jobSpec }),
  }),
});

const SUFFIX: Record<string, number> = {
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A quantity's value (cores or bytes). */
export function quantityValue(q: string): number {
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q)!;
  return Number(m[1]) * (m[2] ? SUFFIX[m[2]] : 1);
}
