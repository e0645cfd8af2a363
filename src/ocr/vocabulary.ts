/**
 * The vocabulary of the forms, for correcting OCR reads of headers and row labels: a read within a small
 * edit distance of exactly one known term is snapped to it (-般公共预算 → 一般公共预算, 用事业基金哆补收支差额 →
 * 用事业基金弥补收支差额). A classification label is snapped only to a name of its own code (the code agrees).
 * src/normalize/dimensions.ts maps these header words to dimensions by pattern; the terms here are the
 * words as printed, which a pattern cannot list. Names are the 政府收支分类科目: the function classes and the
 * economic classes of departmental expenditure down to 款 (below), and every code -> name pair printed in the
 * text samples (schemas/classification-names.json, made by `npm run make-vocabulary`).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { sameLine } from "../pdf/geometry.js";
import type { TextRun } from "../pdf/model.js";
import { LOW_CONFIDENCE } from "../pdf/model.js";
import { findPackageJson } from "../version.js";
import { DEFAULT_OCR, type OcrSettings } from "./settings.js";

/** Column header words and the labels of the statement rows, as printed. */
export const HEADER_TERMS: readonly string[] = [
  "合计",
  "小计",
  "总计",
  "收入",
  "支出",
  "项目",
  "金额",
  "预算数",
  "决算数",
  "科目编码",
  "科目名称",
  "功能分类科目编码",
  "功能分类科目名称",
  "经济分类科目编码",
  "经济分类科目名称",
  "单位编码",
  "单位名称",
  "预算单位",
  "项目名称",
  "部门预算",
  "一般公共预算",
  "一般公共预算拨款",
  "公共预算拨款",
  "一般公共预算拨款收入",
  "一般公共预算财政拨款",
  "政府性基金预算",
  "政府性基金拨款",
  "政府性基金预算拨款",
  "政府性基金预算拨款收入",
  "政府性基金预算财政拨款",
  "国有资本经营预算",
  "国有资本经营预算拨款",
  "国有资本经营预算拨款收入",
  "国有资本经营预算财政拨款",
  "财政拨款",
  "财政拨款收入",
  "财政拨款（补助）",
  "财政专户管理资金",
  "财政专户拨款收入",
  "事业收入",
  "事业单位经营收入",
  "上级补助收入",
  "附属单位上缴收入",
  "对附属单位上缴收入",
  "用事业基金弥补收支差额",
  "上年实户资金余额",
  "其中：专项资金列入部门预算项目",
  "其中：专项资金列入部门预算的项目",
  "其他收入",
  "上年结转",
  "上年结转结余",
  "上年结余",
  "年初结转和结余",
  "本年收入合计",
  "本年支出合计",
  "收入总计",
  "支出总计",
  "基本支出",
  "项目支出",
  "人员经费",
  "公用经费",
  "上缴上级支出",
  "事业单位经营支出",
  "对附属单位补助支出",
  "一般公共预算支出",
  "政府性基金预算支出",
  "国有资本经营预算支出",
  "财政拨款支出",
  "收入预算",
  "支出预算",
  "本年收入",
  "本年支出",
  "结转下年",
  "年末结转和结余",
  "因公出国（境）费",
  // The economic class's name (30212), which 基本支出 tables print as a row label (Shenzhen 民政 2026 表4): as near a
  // read of it as the 三公 header word is, so it must be a term for a right read to stand.
  "因公出国（境）费用",
  "公务接待费",
  "公务用车购置及运行费",
  // The 三公 item as the national forms name it (Jiangsu 政协 2017 p10, Xi'an 安监 2019 表13).
  "公务用车购置及运行维护费",
  "公务用车购置费",
  "公务用车运行费",
  "公务用车运行维护费",
  "会议费",
  "培训费",
  "机关运行经费",
  // The national 绩效自评表 forms' figure columns (项目支出绩效自评表: 年初预算数, 全年预算数, 全年执行数; its indicators'
  // 年度指标值 and 实际完成值). 实际完成数 is a word of the forms too (a 决算's 完成数): listed so a read of it is not
  // taken for 实际完成值, one character away.
  "年初预算数",
  "全年预算数",
  "全年执行数",
  "年度指标值",
  "实际完成值",
  "实际完成数",
];

/**
 * A classification code as printed: 3, 5 or 7 digits (类, 款, 项) of revenue (1xx), function (2xx) or economic class
 * (3xx, 5xx). Only the family: not every 类 is in CLASSIFICATION_NAMES (old economic ones, 304-308).
 */
export const CLASSIFICATION_CODE = /^[1235]\d{2}(?:\d{2}){0,2}$/;

/** A row's code when it has a classification's shape (CLASSIFICATION_CODE), else null: none, or one misread. */
export function shapedCode(row: { row_code: string | null } | undefined): string | null {
  return row?.row_code && CLASSIFICATION_CODE.test(row.row_code) ? row.row_code : null;
}

/**
 * 政府收支分类科目 names by code: function classes (类) and economic classes of departmental expenditure, as
 * the national list names them (the printed names of every level are in schemas/classification-names.json).
 */
export const CLASSIFICATION_NAMES: ReadonlyMap<string, string> = new Map([
  ["201", "一般公共服务支出"],
  ["202", "外交支出"],
  ["203", "国防支出"],
  ["204", "公共安全支出"],
  ["205", "教育支出"],
  ["206", "科学技术支出"],
  ["207", "文化旅游体育与传媒支出"],
  ["208", "社会保障和就业支出"],
  ["209", "社会保险基金支出"],
  ["210", "卫生健康支出"],
  ["211", "节能环保支出"],
  ["212", "城乡社区支出"],
  ["213", "农林水支出"],
  ["214", "交通运输支出"],
  ["215", "资源勘探工业信息等支出"],
  ["216", "商业服务业等支出"],
  ["217", "金融支出"],
  ["219", "援助其他地区支出"],
  ["220", "自然资源海洋气象等支出"],
  ["221", "住房保障支出"],
  ["222", "粮油物资储备支出"],
  ["223", "国有资本经营预算支出"],
  ["224", "灾害防治及应急管理支出"],
  ["227", "预备费"],
  ["229", "其他支出"],
  ["230", "转移性支出"],
  ["231", "债务还本支出"],
  ["232", "债务付息支出"],
  ["233", "债务发行费用支出"],
  ["301", "工资福利支出"],
  ["30101", "基本工资"],
  ["30102", "津贴补贴"],
  ["30103", "奖金"],
  ["30106", "伙食补助费"],
  ["30107", "绩效工资"],
  ["30108", "机关事业单位基本养老保险缴费"],
  ["30109", "职业年金缴费"],
  ["30110", "职工基本医疗保险缴费"],
  ["30111", "公务员医疗补助缴费"],
  ["30112", "其他社会保障缴费"],
  ["30113", "住房公积金"],
  ["30114", "医疗费"],
  ["30199", "其他工资福利支出"],
  ["302", "商品和服务支出"],
  ["30201", "办公费"],
  ["30202", "印刷费"],
  ["30203", "咨询费"],
  ["30204", "手续费"],
  ["30205", "水费"],
  ["30206", "电费"],
  ["30207", "邮电费"],
  ["30208", "取暖费"],
  ["30209", "物业管理费"],
  ["30211", "差旅费"],
  ["30212", "因公出国（境）费用"],
  ["30213", "维修（护）费"],
  ["30214", "租赁费"],
  ["30215", "会议费"],
  ["30216", "培训费"],
  ["30217", "公务接待费"],
  ["30218", "专用材料费"],
  ["30224", "被装购置费"],
  ["30225", "专用燃料费"],
  ["30226", "劳务费"],
  ["30227", "委托业务费"],
  ["30228", "工会经费"],
  ["30229", "福利费"],
  ["30231", "公务用车运行维护费"],
  ["30239", "其他交通费用"],
  ["30240", "税金及附加费用"],
  ["30299", "其他商品和服务支出"],
  ["303", "对个人和家庭的补助"],
  ["30301", "离休费"],
  ["30302", "退休费"],
  ["30303", "退职（役）费"],
  ["30304", "抚恤金"],
  ["30305", "生活补助"],
  ["30306", "救济费"],
  ["30307", "医疗费补助"],
  ["30308", "助学金"],
  ["30309", "奖励金"],
  ["30310", "个人农业生产补贴"],
  ["30399", "其他对个人和家庭的补助"],
  ["307", "债务利息及费用支出"],
  ["309", "资本性支出（基本建设）"],
  ["310", "资本性支出"],
  ["31002", "办公设备购置"],
  ["31003", "专用设备购置"],
  ["31007", "信息网络及软件购置更新"],
  ["31013", "公务用车购置"],
  ["31099", "其他资本性支出"],
  ["311", "对企业补助（基本建设）"],
  ["312", "对企业补助"],
  ["313", "对社会保障基金补助"],
  ["399", "其他支出"],
  // 政府预算支出经济分类科目, 类 (summary tables print them by name, without the code).
  ["501", "机关工资福利支出"],
  ["502", "机关商品和服务支出"],
  ["503", "机关资本性支出（一）"],
  ["504", "机关资本性支出（二）"],
  ["505", "对事业单位经常性补助"],
  ["506", "对事业单位资本性补助"],
  ["507", "对企业补助"],
  ["508", "对企业资本性支出"],
  ["509", "对个人和家庭的补助"],
  ["510", "对社会保障基金补助"],
  ["511", "债务利息及费用支出"],
  ["512", "债务还本支出"],
  ["513", "转移性支出"],
  ["514", "预备费及预留"],
  ["599", "其他支出"],
]);

/**
 * The 项 the national list gives most 款 of function expenditure, by the last two digits of the code: 行政运行 is
 * printed as 2010101, 2040201, 2240101, … (14 款 in 21 of the samples), 一般行政管理事务 under 17 款, 机关服务 and
 * 事业运行 likewise. Not every 款 has them (2080501 is 行政单位离退休, 2210201 住房公积金): they are names a 项 code
 * may have, which a read must still be near (snapLabel), so a form never seen is read by them too.
 */
const COMMON_ITEMS: ReadonlyMap<string, string> = new Map([
  ["01", "行政运行"],
  ["02", "一般行政管理事务"],
  ["03", "机关服务"],
  ["50", "事业运行"],
]);

/** The common 项 name of a 项 code (7 digits) of a function class the national list has, or none. */
function commonItemName(code: string): string[] {
  const name =
    /^2\d{6}$/.test(code) && CLASSIFICATION_NAMES.has(code.slice(0, 3)) ? COMMON_ITEMS.get(code.slice(5)) : undefined;
  return name ? [name] : [];
}

/** Edits allowed between a read and a term: one, two for words of ten characters or more. */
function allowedEdits(term: string): number {
  return Array.from(term).length >= 10 ? 2 : 1;
}

/** Edits allowed between a read and a name of its own code: the code vouches for more (labelEditShare). */
function labelEdits(name: string, s: OcrSettings): number {
  return Math.max(allowedEdits(name), Math.floor(Array.from(name).length * s.labelEditShare));
}

/** Levenshtein distance by characters, stopping early past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const x = Array.from(a),
    y = Array.from(b);
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[y.length];
}

/** The one term a read is near (itself when known); null when none, or when two terms are equally near. */
export function snapTerm(
  read: string,
  terms: readonly string[] = HEADER_TERMS,
  s: OcrSettings = DEFAULT_OCR,
): string | null {
  const text = read.replace(/\s+/g, "");
  if (!/[\u4e00-\u9fff]/.test(text)) return null;
  if (terms.includes(text)) return text;
  let best: string | null = null,
    bestDistance = Infinity,
    tie = false;
  for (const term of terms) {
    // Short words are too near each other to guess between (总分 is one character from 总计, 预算数 from 决算数):
    // only words of four characters or more are snapped to.
    if (Array.from(term).length < s.minSnappedLength) continue;
    const limit = allowedEdits(term);
    const d = editDistance(text, term, limit);
    if (d > limit) continue;
    if (d < bestDistance) {
      best = term;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return tie ? null : best;
}

/**
 * A header cell's read snapped to one of the words its table's kind prints (`terms`: src/header-words.ts). Here
 * short words are snapped to as well (支出引 → 支出, 所算数 → 预算数, 文入 → 收入), down to `minLength`
 * characters, with one edit (two from ten characters): the kind and the header position vouch for them. A read
 * of fewer than `minLength` characters (类, 款, 项) stands. When several terms are equally near, `prefer` picks
 * one of them or none (a 台计 is as near 合计 as 小计; 据算数 as near 预算数 as 决算数).
 */
export function snapHeaderWord(
  read: string,
  terms: readonly string[],
  prefer: (tied: string[]) => string | null,
  minLength: number,
): string | null {
  const text = read.replace(/\s+/g, "");
  if (Array.from(text).length < minLength || !/[\u4e00-\u9fff]/.test(text)) return null;
  if (terms.includes(text)) return text;
  let tied: string[] = [],
    bestDistance = Infinity;
  for (const term of terms) {
    if (Array.from(term).length < minLength) continue;
    const limit = allowedEdits(term);
    const d = editDistance(text, term, limit);
    if (d > limit || d > bestDistance) continue;
    if (d < bestDistance) [tied, bestDistance] = [[], d];
    tied.push(term);
  }
  if (tied.length <= 1) return tied[0] ?? null;
  return prefer(tied);
}

/** The data file of printed names, relative to the package root. */
export const CLASSIFICATION_NAMES_FILE = "schemas/classification-names.json";

export interface ClassificationNamesFile {
  note: string;
  /** The samples and dumps the pairs were read from. */
  sources: string[];
  /** Documents that are one: a text dump's name -> the name of the sample PDF rebuilt from it. */
  same_document: Record<string, string>;
  /** Every code -> name pair printed, sorted by code then name, with where it was seen (file#page, dump:line). */
  pairs: { code: string; name: string; seen: string[] }[];
}

/** Every name known for a code: the national list's and every printed one, however few documents print it. */
export function classificationNames(code: string): readonly string[] {
  return namesOf(DEFAULT_OCR, 1).get(code) ?? [];
}

/** The printed names that count: the pairs seen in at least `minDocuments` documents, not counting `unseen` ones. */
function loadNames(minDocuments = 1, unseen: ReadonlySet<string> = new Set()): Map<string, readonly string[]> {
  const names = new Map<string, Set<string>>([...CLASSIFICATION_NAMES].map(([code, name]) => [code, new Set([name])]));
  for (const { code, name, seen } of printedNamesFile().pairs) {
    const documents = documentsOf(seen).filter((d) => !unseen.has(d));
    if (documents.length >= minDocuments) names.set(code, (names.get(code) ?? new Set()).add(name));
  }
  return new Map([...names].map(([code, set]) => [code, [...set]]));
}

let namesFile: ClassificationNamesFile | null = null;

function printedNamesFile(): ClassificationNamesFile {
  const file = path.join(path.dirname(findPackageJson()), CLASSIFICATION_NAMES_FILE);
  return (namesFile ??= JSON.parse(readFileSync(file, "utf8")) as ClassificationNamesFile);
}

/** A document as `seen` and OcrSettings.unseenDocuments name it: a file's copies (x.pdf, x.radicals.pdf) are one. */
export function documentName(file: string): string {
  return path.basename(file.split(/[#:]/)[0]).split(".")[0];
}

/** The documents a pair was seen in, each once (its pages and copies are one, so are a dump and its rebuild). */
function documentsOf(seen: string[]): string[] {
  const same = printedNamesFile().same_document ?? {};
  return [...new Set(seen.map(documentName).map((d) => same[d] ?? d))];
}

const counted = new Map<string, Map<string, readonly string[]>>();

/**
 * The names by code the national list gives and those printed by at least `minDocuments` documents other than
 * OcrSettings.unseenDocuments (built once for each such pair).
 */
function namesOf(s: OcrSettings, minDocuments: number): Map<string, readonly string[]> {
  const key = `${minDocuments} ${s.unseenDocuments.join(" ")}`;
  let names = counted.get(key);
  if (!names) counted.set(key, (names = loadNames(minDocuments, new Set(s.unseenDocuments))));
  return names;
}

/**
 * The names of a code the national list gives (CLASSIFICATION_NAMES) and the printed ones seen in at least
 * `codeNameDocuments` documents other than `unseenDocuments`: a name one document prints alone does not vouch for a
 * code in extractors/code-mend.ts (on a scan of that document it would be the answer rather than the vocabulary).
 */
export function widelyPrintedNames(code: string, s: OcrSettings = DEFAULT_OCR): readonly string[] {
  return namesOf(s, s.codeNameDocuments).get(code) ?? [];
}

/** Every code that has a name as widelyPrintedNames counts them. */
export function widelyPrintedCodes(s: OcrSettings = DEFAULT_OCR): readonly string[] {
  return [...namesOf(s, s.codeNameDocuments).keys()];
}

/** The names a label beside `code` is snapped to: every one printed, but by `unseenDocuments`, and the common 项. */
function labelNames(code: string, s: OcrSettings): readonly string[] {
  return [...new Set([...(namesOf(s, 1).get(code) ?? []), ...commonItemName(code)])];
}

/**
 * The name of a classification code nearest the read, when it is near enough (the code must agree); null when
 * no name of the code is near, or when two of its names are equally near (the read cannot tell them apart). The
 * names are every printed one (a name another document prints is the forms' vocabulary; the eval leaves out the
 * scan's own document, OcrSettings.unseenDocuments) and the common 项 names (行政运行 for any 2xxxx01).
 */
export function snapLabel(code: string, read: string, s: OcrSettings = DEFAULT_OCR): string | null {
  const text = read.replace(/\s+/g, "");
  let best: string | null = null,
    bestDistance = Infinity,
    tie = false;
  for (const name of labelNames(code, s)) {
    const limit = labelEdits(name, s);
    const d = editDistance(text, name, limit);
    if (d > limit || d > bestDistance) continue;
    tie = d === bestDistance;
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return tie ? null : best;
}

const bigrams = new Map<Map<string, readonly string[]>, ReadonlySet<string>>();

const printedNames = new WeakMap<Map<string, readonly string[]>, ReadonlySet<string>>();

/** Whether a text is a classification name some document prints (but OcrSettings.unseenDocuments). */
function isPrintedName(read: string, s: OcrSettings): boolean {
  const names = namesOf(s, 1);
  let set = printedNames.get(names);
  if (!set) printedNames.set(names, (set = new Set([...names.values()].flat())));
  return set.has(read);
}

/**
 * Every pair of neighbouring characters the forms' vocabulary prints (社会, 福利, 预算: header words, statement
 * lines and every printed classification name, but those of OcrSettings.unseenDocuments): a character that makes
 * no such pair with either neighbour is one the forms never print there.
 */
export function vocabularyBigrams(s: OcrSettings = DEFAULT_OCR): ReadonlySet<string> {
  const names = namesOf(s, 1);
  const known = bigrams.get(names);
  if (known) return known;
  const words = [...termsWithoutCode(), ...[...names.values()].flat()];
  const pairs = new Set<string>();
  for (const word of words) {
    const chars = Array.from(word);
    for (let i = 1; i < chars.length; i++) pairs.add(chars[i - 1] + chars[i]);
  }
  bigrams.set(names, pairs);
  return pairs;
}

/**
 * A code printed in front of its label, in one cell: 30101基本工资, 208 社会保障和就业支出. A number followed by 、 or
 * a point is an ordinal, not a code (24、预备费 read 241、冉备费).
 */
const CODE_AND_LABEL = /^(\d{3}(?:\d{2}){0,2})(\s*)([^\d、.．,，].*)$/;

/**
 * The ordinal in front of a summary table's row label (一、 四、 （一） (三)): kept as read, the rest is snapped.
 * Up to three characters and their closing 、 or bracket, so a misread ordinal (由、) is still split off.
 */
const ORDINAL = /^([（(《]?[^、（）()]{1,3}[、）)])(.+)$/;

let uncodedTerms: readonly string[] | null = null;

/**
 * The classes' names (类: 住房保障支出, 工资福利支出, 机关资本性支出（一）), which summary tables print without their
 * code: function classes, and the economic classes of 部门 and 政府 expenditure (a 收支总表 lists its expenditure by
 * each, side by side).
 */
const CLASSES: readonly string[] = [
  ...new Set([...CLASSIFICATION_NAMES].filter(([code]) => /^[235]\d\d$/.test(code)).map(([, name]) => name)),
];

/**
 * Function classes renamed by the 2019 edition of the 政府收支分类科目, by their name until 2018: a 2017 form prints
 * 文化体育与传媒支出 where a 2019 one prints 文化旅游体育与传媒支出 (Jiangsu 检察院 2017 p10). Each edition's read is as
 * printed; a misread is snapped to the edition of the page's year when the page prints one (EDITION_YEAR).
 */
const FORMER_CLASSES: ReadonlyMap<string, string> = new Map([
  ["文化体育与传媒支出", "文化旅游体育与传媒支出"],
  ["医疗卫生与计划生育支出", "卫生健康支出"],
  ["资源勘探信息等支出", "资源勘探工业信息等支出"],
  ["国土海洋气象等支出", "自然资源海洋气象等支出"],
]);

/** The first year of the edition that renamed FORMER_CLASSES. */
const EDITION_YEAR = 2019;

/** The class names in force in `year` (both editions' when the year is not known). */
function classesOf(year: number | null): readonly string[] {
  if (year === null) return [...CLASSES, ...FORMER_CLASSES.keys()];
  if (year >= EDITION_YEAR) return CLASSES;
  const renamed = new Set(FORMER_CLASSES.values());
  return [...CLASSES.filter((name) => !renamed.has(name)), ...FORMER_CLASSES.keys()];
}

/** The year a page's title prints (2017年部门预算…), which dates the names of its classes; null when none. */
export function printedYear(texts: readonly string[]): number | null {
  for (const text of texts) {
    const year = /((?:19|20)\d\d)\s*年/.exec(text);
    if (year) return Number(year[1]);
  }
  return null;
}

/**
 * Lines of the summary statements printed without a code (Xi'an 收支总表: 部门预算支出经济分类 by 人员经费和公用经费支出
 * and 专项业务经费支出; 未安排支出的实户资金 below 本年支出合计).
 */
const STATEMENT_LINES: readonly string[] = [
  "人员经费和公用经费支出",
  "专项业务经费支出",
  "未安排支出的实户资金",
  "非财政拨款资金结余",
  "其中：财政拨款资金结转",
  "其中：纳入财政专户管理的收费",
  // 307 as Xi'an prints it (生态环境 p45), where the national list says 债务利息及费用支出: read right, it stays.
  "债务付息及费用支出",
];

/**
 * The 款 of the economic classification of departmental expenditure (30108 机关事业单位基本养老保险缴费, 30212
 * 因公出国（境）费用): a 基本支出 table may print them by name alone, without their code (Shenzhen 民政 2026 表4).
 */
const ECONOMIC_ITEMS: readonly string[] = [...CLASSIFICATION_NAMES]
  .filter(([code]) => /^3\d{4}$/.test(code))
  .map(([, name]) => name);

/**
 * Terms for a label without a code: the header words, statement lines, the classes' names (住房保障支出) and the
 * economic 款 names (ECONOMIC_ITEMS).
 */
export function termsWithoutCode(): readonly string[] {
  return (uncodedTerms ??= termsOf(null));
}

const termsByEdition = new Map<boolean, readonly string[]>();

/** termsWithoutCode with the class names in force in `year` (both editions' when it is not known). */
function termsOf(year: number | null): readonly string[] {
  const of = (classes: readonly string[]) => [
    ...new Set([...HEADER_TERMS, ...STATEMENT_LINES, ...classes, ...ECONOMIC_ITEMS]),
  ];
  if (year === null) return of(classesOf(null));
  const edition = year >= EDITION_YEAR;
  let terms = termsByEdition.get(edition);
  if (!terms) termsByEdition.set(edition, (terms = of(classesOf(year))));
  return terms;
}

/**
 * Forms print a class without its 支出 (Xi'an 安监 p4: 10、卫生健康, 23、灾害防治及应急管理): each class's name
 * both ways, the read snapped to the way it is nearest.
 */
function isClassWithoutItsSuffix(read: string): boolean {
  return FUNCTION_CLASSES.has(`${read.replace(/\s+/g, "")}支出`);
}

/** The function classes' names (类 of codes 2xx, both editions): the ones printed without their 支出. */
const FUNCTION_CLASSES: ReadonlySet<string> = new Set([
  ...[...CLASSIFICATION_NAMES].filter(([code]) => /^2\d\d$/.test(code)).map(([, name]) => name),
  ...FORMER_CLASSES.keys(),
]);

/** A class's name as printed nearest the read, with or without its 支出, and how far the read is from it. */
function nearestForm(text: string, name: string): { name: string; d: number } {
  const whole = { name, d: editDistance(text, name) };
  if (!FUNCTION_CLASSES.has(name) || !name.endsWith("支出")) return whole;
  const bare = { name: name.slice(0, -2), d: editDistance(text, name.slice(0, -2)) };
  return bare.d < whole.d ? bare : whole;
}

/**
 * A label without a code, after its ordinal (a summary table's class row: 九、), snapped to the function class's
 * name it is clearly nearest: within classNameEditShare
 * of that name's characters, and the second nearest name at least classNameMargin times as far. No code vouches
 * for it, so the other names must: 文化用落体育与优娟支出 is 4 of 11 off 文化旅游体育与传媒支出 and 8 or more off
 * every other class; 忆生授态支出 is 3 off 卫生健康支出 but 4 off 教育支出, and is left as read.
 */
export function snapClassName(read: string, s: OcrSettings = DEFAULT_OCR, year: number | null = null): string | null {
  const text = read.replace(/\s+/g, "");
  if (!/[\u4e00-\u9fff]/.test(text)) return null;
  // Each class once, by its form nearest the read: the margin is to the other classes, not to its own other form.
  const ranked = classesOf(year)
    .map((name) => nearestForm(text, name))
    .sort((a, b) => a.d - b.d);
  const [first, second] = ranked;
  if (first.d === 0) return first.name;
  const near = first.d <= Math.floor(Array.from(first.name).length * s.classNameEditShare);
  return near && second.d >= s.classNameMargin * first.d ? first.name : null;
}

/**
 * A cell's OCR read corrected against the vocabulary: a code and label in one cell by the code's names, a
 * label beside a code cell (`code`) by that code's names, anything else by the header words and class names
 * (after an ordinal, which stays as read). Returns the corrected text, or null when nothing is near enough
 * (the read stands as it is).
 */
export function snapCell(
  read: string,
  code: string | null = null,
  s: OcrSettings = DEFAULT_OCR,
  year: number | null = null,
): string | null {
  const joined = CODE_AND_LABEL.exec(read.trim());
  if (joined) {
    const name = snapLabel(joined[1], joined[3], s);
    return name ? `${joined[1]}${joined[2]}${name}` : null;
  }
  if (code) {
    const name = snapLabel(code, read, s);
    if (name) return name;
  }
  // A read that is exactly a name the forms print stands, however near a shorter term it is: putuo finance p10's
  // 机关事业单位基本养老保险缴费支出 (2080505), its code not found beside its two-line cell, is 2 edits from the
  // economic 款 机关事业单位基本养老保险缴费 (30108).
  const whole = read.replace(/\s+/g, "");
  if (isPrintedName(whole, s)) return whole;
  const ordinal = ORDINAL.exec(read.trim());
  // A class without its 支出, read right, is as printed: not the whole name (2 edits from it).
  if (ordinal && isClassWithoutItsSuffix(ordinal[2])) return null;
  // After an ordinal first: the whole read of 十、文化旅游体育与传媒支出 is within 2 edits of the name without 十、.
  const terms = year === null ? termsWithoutCode() : termsOf(year);
  const rest = ordinal ? (snapTerm(ordinal[2], terms, s) ?? snapClassName(ordinal[2], s, year)) : null;
  return rest ? ordinal![1] + rest : snapTerm(read, terms, s);
}

/** A character no header word or label prints among CJK (-般, 预7, 拨\uFFFD): a misread, however confident. */
const STRAY_CHARACTER = /[\u4e00-\u9fff][^\u4e00-\u9fff（）()、：:\s]|[^\u4e00-\u9fff（）()、：:\s\d][\u4e00-\u9fff]/;

/**
 * A confident, clean read stands: the forms print words the vocabulary does not list (一般公共预算支出 is two
 * characters from 一般公共预算拨款), and a regional name may differ from the standard one.
 */
export function isSureRead(text: string, confidence: number, s: OcrSettings = DEFAULT_OCR): boolean {
  return confidence >= s.sureRead && !STRAY_CHARACTER.test(text);
}

/** A code cell: 208, 20805, 2080505 (a label beside it is snapped only to that code's name). */
const CODE_CELL = /^\d{3}(?:\d{2}){0,2}$/;

/**
 * Header words and classification labels corrected against the forms' vocabulary (vocabulary.ts). A
 * corrected run keeps the OCR read in `raw` and is trusted (not flagged: the vocabulary vouches for it);
 * a run nothing is near stays as read, with its own confidence.
 */
export function snapToVocabulary(runs: TextRun[], s: OcrSettings = DEFAULT_OCR, year: number | null = null): TextRun[] {
  return runs.map((original) => {
    const run = balancedBrackets(original);
    if (isSureRead(run.text, run.confidence, s)) return run;
    const snapped = snapCell(run.text, codeBeside(run, runs), s, year);
    if (!snapped || snapped === run.text) return run;
    return { ...run, text: snapped, raw: run.text, confidence: Math.max(run.confidence, LOW_CONFIDENCE) };
  });
}

/**
 * Brackets as the forms print them: one pair, full width. OCR reads a full-width bracket twice, as a book-title mark
 * and itself (深圳市民政局（《本级）, Shenzhen p19; 支出功能分类科目《（按大类）, Xi'an 人社 p41) or as two brackets
 * (政务信息化项目（（软件开发服务）, Shenzhen p25 photographed), or reads it as a book-title mark alone
 * (深圳市民政局《本级）). The forms print no 《 》 in a label or header: a mark beside a bracket goes; a 《 closed by ）
 * (no 》 after it) is that bracket; a bracket doubled where the text opens more than it closes is one. `raw` keeps
 * the read.
 */
function balancedBrackets(run: TextRun): TextRun {
  let text = run.text.replace(/《(?=[（(])|(?<=[（(])《/g, "").replace(/》(?=[）)])|(?<=[）)])》/g, "");
  if (!/》/.test(text)) text = text.replace(/《(?=[^《）)]*[）)])/g, "（");
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  if (count(/[（(]/g) > count(/[）)]/g)) text = text.replace(/（（|\(\(/g, "（");
  if (count(/[）)]/g) > count(/[（(]/g)) text = text.replace(/））|\)\)/g, "）");
  return text === run.text ? run : { ...run, text, raw: run.raw ?? run.text };
}

/** The code printed in the cell left of a run, on the same line: the nearest one. */
function codeBeside(run: TextRun, runs: TextRun[]): string | null {
  let best: TextRun | null = null;
  for (const r of runs) {
    if (r === run || r.x1 > run.x0 || !CODE_CELL.test(r.text)) continue;
    if (!sameLine(r, run)) continue;
    if (!best || r.x1 > best.x1) best = r;
  }
  return best?.text ?? null;
}
