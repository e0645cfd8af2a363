import type { Document, Table } from "../schemas/document.js";
import type { PageLayout } from "./layout/page-tables.js";
import { cleanLabel } from "./normalize/text.js";

/** The document's type, fiscal year and organisation, read from its own words. */
export function readMetadata(layouts: PageLayout[], tables: Table[], orgs: string[]): Pick<Document, "doc_type" | "fiscal_year" | "org_name"> {
  const front = layouts.slice(0, 3).flatMap((l) => l.lines.map((x) => cleanLabel(x.text)));
  const titles = tables.map((t) => t.title);
  const everywhere = () => layouts.flatMap((l) => l.lines.map((x) => cleanLabel(x.text)));
  return {
    doc_type: docType(titles, front),
    fiscal_year: fiscalYear([...front, ...titles]) ?? fiscalYear(everywhere()),
    org_name: mostCommon(orgs) ?? orgFromCover(front),
  };
}

/**
 * Final-account tables say 决算 in their titles (一般公共预算财政拨款支出决算表
 * says both), budget tables never do; the cover decides when titles say neither.
 */
function docType(titles: string[], front: string[]): Document["doc_type"] {
  if (titles.some((t) => t.includes("决算"))) return "final_account";
  if (titles.some((t) => t.includes("预算"))) return "budget";
  const cover = front.join("");
  if (cover.includes("决算")) return "final_account";
  if (cover.includes("预算")) return "budget";
  return null;
}

function fiscalYear(texts: string[]): number | null {
  const years = texts.flatMap((t) => [...t.matchAll(/((?:19|20)\d\d)年(?:度)?(?:[^\d]{0,20})(?:决算|预算)/g)].map((m) => Number(m[1])));
  return mostCommon(years);
}

const ORG_SUFFIX = /(局|委员会|办公室|办公厅|中心|处|院|厅|所|站|街道办事处|政府|协会|委|馆|队|会)$/;

/** The cover names the organisation: on a line of its own, before the year, or after 主管部门：. */
function orgFromCover(front: string[]): string | null {
  for (const line of front.slice(0, 8)) {
    const named = /(?:主管部门|编制部门|单位名称)[:：](.+)$/.exec(line);
    const name = named ? named[1] : line.replace(/\d{4}年.*$/, "");
    if (name.length >= 4 && name.length <= 40 && !/\d/.test(name) && ORG_SUFFIX.test(name)) return name;
  }
  return null;
}

function mostCommon<T>(xs: T[]): T | null {
  const counts = new Map<T, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: T | null = null, n = 0;
  for (const [x, c] of counts) if (c > n) { best = x; n = c; }
  return best;
}
