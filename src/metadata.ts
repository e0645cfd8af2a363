import type { Document, Table } from "../schemas/document.js";
import type { PageLayout } from "./layout/page-tables.js";
import { cleanLabel, foldText } from "./normalize/text.js";

/** The document's type, fiscal year and organisation, read from its own words. */
export function readMetadata(
  layouts: PageLayout[],
  tables: Table[],
  orgs: string[],
): Pick<Document, "doc_type" | "fiscal_year" | "org_name"> {
  const front = layouts.slice(0, 3).flatMap((l) => l.lines.map((x) => cleanLabel(x.text)));
  const titles = tables.map((t) => t.title);
  const everywhere = () => layouts.flatMap((l) => l.lines.map((x) => cleanLabel(x.text)));
  return {
    doc_type: docType(titles, front),
    fiscal_year: fiscalYear([...front, ...titles]) ?? fiscalYear(everywhere()),
    org_name: mostCommon(orgs) ?? orgFromCover(front) ?? orgFromTitles(titles) ?? orgFromDuties(everywhere()),
  };
}

/**
 * Final-account tables say 决算 in their titles (一般公共预算财政拨款支出决算表
 * says both), budget tables never do; the cover decides when titles say neither.
 */
function docType(titles: string[], front: string[]): Document["doc_type"] {
  if (titles.some((t) => t.includes("决算"))) return "final_account";
  if (titles.some((t) => t.includes("预算"))) return "budget";
  // A stand-alone performance attachment: self-evaluations report on a closed year, targets plan the next.
  if (titles.some((t) => t.includes("自评"))) return "final_account";
  if (titles.some((t) => t.includes("绩效目标"))) return "budget";
  const cover = front.join("");
  if (cover.includes("决算")) return "final_account";
  if (cover.includes("预算")) return "budget";
  return null;
}

function fiscalYear(texts: string[]): number | null {
  const years = texts.flatMap((t) =>
    [...t.matchAll(/((?:19|20)\d\d)年(?:度)?(?:[^\d]{0,20})(?:决算|预算|绩效|自评)/g)].map((m) => Number(m[1])),
  );
  return mostCommon(years);
}

const ORG_SUFFIX =
  /(局|委员会|办公室|办公厅|中心|处|院|厅|所|站|街道办事处|政府|协会|委|馆|队|会|部|署|社|园|团|校|学)([（(][^）)]{1,8}[）)])?$/;

/** The labels that introduce an organisation's name on a table's heading lines or the cover. */
const ORG_LABEL =
  /(?:单位名称|部门名称|预算主管部门|主管部门|编制部门|编制单位|预算单位|填报单位|部门|单位)\s*[:：]\s*/g;
/** What may follow the name on the same line: the next label, never part of it. */
const AFTER_NAME =
  /(金额单位|单位[:：]|填报日期|编制日期|日期[:：]|金额[:：]?|保密审查|公开\d+表|(?:部门)?公开表|表[一二三四五六七八九十\d]+$|[（(]?(亿元|千元|万元|元)[)）]?$)/;

/**
 * The organisation named on a labelled line (部门：/单位：/编制部门：/部门名称：…), exactly as
 * printed: up to the next label on the line (单位：万元, 金额单位, 填报日期), never with it.
 */
export function orgFromLine(text: string): string | null {
  for (const m of foldText(text).matchAll(ORG_LABEL)) {
    const rest = foldText(text).slice((m.index ?? 0) + m[0].length);
    const cut = AFTER_NAME.exec(rest);
    const name = cleanLabel(cut ? rest.slice(0, cut.index) : rest);
    if (name.length < 3 || /^(亿元|千元|万元|元)/.test(name) || /^\d/.test(name)) continue;
    return name;
  }
  return null;
}

/**
 * The cover names the organisation: on a labelled line (部门名称：…), or on a line
 * of its own, maybe with the year and the document's name (国家信访局2026年度部门预算,
 * 2026年深圳市民政局（本级）部门预算, 广州市气象局部门预算).
 */
function orgFromCover(front: string[]): string | null {
  const lines = front.slice(0, 8);
  for (const line of lines) {
    const named = orgFromLine(line);
    if (named) return named;
  }
  for (const line of lines) {
    const name = line
      .replace(/^第[一二三四五六七八九十]+部分/, "")
      .replace(/^(19|20)\d\d年度?/, "")
      .replace(/((19|20)\d\d年度?)?(区级|市级|省级)?(部门|单位)?(综合)?(预算|决算).*$/, "");
    if (name.length >= 4 && name.length <= 40 && !/\d/.test(name) && ORG_SUFFIX.test(name)) return name;
  }
  return null;
}

/** An organisation's name starts with where it is: 福州市…, 上海市普陀区…, 国家信访局, 中共…; never mid-word (会保障局). */
const PLACE_FIRST = /^(.{1,8}?(省|市|区|县|州|盟|旗|镇|乡)|国家|中国|中共|中央|全国)/;

function isOrgName(name: string): boolean {
  return name.length >= 4 && name.length <= 40 && !/\d/.test(name) && ORG_SUFFIX.test(name) && PLACE_FIRST.test(name);
}

/** A table title led by the organisation: 福州市医疗保障局2026年部门预算收支总表. */
function orgFromTitles(titles: string[]): string | null {
  const names = titles.map((t) => cleanLabel(t).replace(/(19|20)\d\d年.*$/, "")).filter(isOrgName);
  return mostCommon(names);
}

/**
 * The text pages name the organisation where they give its duties: 福州市医疗保障局的主要职责是：,
 * 第三条 上海市普陀区财政局的主要职责是： (a line that starts with the name, not one wrapped into it).
 */
function orgFromDuties(lines: string[]): string | null {
  const names = lines.flatMap((line) => {
    const m = /^(?:第[一二三四五六七八九十]+条)?(.+?)的?(主要职责|主要职能|职能职责)/.exec(line);
    return m && isOrgName(m[1]) ? [m[1]] : [];
  });
  return mostCommon(names);
}

function mostCommon<T>(xs: T[]): T | null {
  const counts = new Map<T, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: T | null = null,
    n = 0;
  for (const [x, c] of counts)
    if (c > n) {
      best = x;
      n = c;
    }
  return best;
}
