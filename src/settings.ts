/**
 * What the stages' settings objects (src/layout/settings.ts, src/ocr/settings.ts) share: the kinds of value a
 * tolerance takes, and the reading of a caller's partial override into a full, checked settings object.
 */
import { z } from "zod";

export const share = () => z.number().min(0).max(1);
export const count = () => z.number().int().positive();

/** The defaults with `overrides` applied; throws a one-line error naming a bad or unknown setting. */
export function parseSettings<S extends z.ZodType>(schema: S, overrides: z.input<S>, stage: string): z.output<S> {
  const parsed = schema.safeParse(overrides);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = issue.path.join(".") || (issue.code === "unrecognized_keys" ? issue.keys.join(", ") : "settings");
  throw new Error(`invalid ${stage} setting ${name}: ${issue.message}`);
}
