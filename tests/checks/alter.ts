import type { Check } from "../../schemas/document.js";

/**
 * After one figure is raised: some check involving it now fails with error severity, every identity (a sum, not a
 * 其中 bound) involving it does, and no check that does not involve it changes its verdict.
 */
export function alterationProblems(
  baseline: Map<string, Check>,
  changed: Check[],
  involves: (ref: Check["cells"][number]) => boolean,
  where: string,
): string[] {
  const problems: string[] = [];
  let caught = false;
  const sums = (c: Check) => !c.id.includes(":subset:") && c.kind !== "narrative" && c.status !== "skipped";
  // A figure that is only ever a 其中 part may grow and stay below its whole: it must then change nothing.
  const inSum = changed.some((c) => sums(c) && c.cells.some(involves));
  for (const c of changed) {
    const before = baseline.get(c.id);
    const mine = c.cells.some(involves);
    const newError =
      c.status === "fail" && c.severity === "error" && !(before?.status === "fail" && before.severity === "error");
    if (newError && mine) caught = true;
    if (!mine && before && (before.status !== c.status || before.severity !== c.severity))
      problems.push(`${where}: ${c.id} changed without involving it`);
    if (mine && sums(c) && !(c.status === "fail" && c.severity === "error"))
      problems.push(`${where}: ${c.id} involves it but did not fail as an error`);
  }
  if (inSum && !caught) problems.push(`${where}: not caught`);
  return problems;
}
