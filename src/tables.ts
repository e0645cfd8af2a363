import type { Extraction, Table, TableKind } from "../schemas/document.js";
import { KINDS, type KindRegistry } from "../extractors/index.js";
import type { TablePart } from "../extractors/types.js";
import type { TextLine } from "./layout/chars.js";
import type { PageLayout, PageTable } from "./layout/page-tables.js";
import { DEFAULT_LAYOUT, type LayoutSettings } from "./layout/settings.js";
import { isFigureToken } from "./layout/grid.js";
import { readStructure, type Column, type TableStructure } from "./layout/structure.js";
import { snapMisreadUnit, unitFromText, type PrintedUnit } from "./normalize/amount.js";
import { cleanLabel } from "./normalize/text.js";
import { orgFromLine } from "./metadata.js";
import { isUnreadColumn, misreadHeaders, snapHeader, type HeaderSnap } from "./header-words.js";
import { centreX } from "./pdf/geometry.js";
import { LOW_CONFIDENCE, UNREAD_MARK } from "./pdf/model.js";
import { DEFAULT_OCR, type OcrSettings } from "./ocr/settings.js";

/** A table being assembled from one or more pages. */
interface OpenTable {
  kind: TableKind;
  title: string;
  pages: number[];
  unit: PrintedUnit | null;
  org: string | null;
  /** A table that is not standard, followed over its pages only to be left out. */
  dropped?: boolean;
  /** The form number printed with the title (表5, 公开01表), when there is one. */
  form: string | null;
  extraction: Extraction;
  /** The first page's columns and their x-ranges: a continuation without a header takes them. */
  template: { columns: Column[]; xs: number[] };
  parts: TablePart[];
}

export interface RecogniseOptions {
  /** The table kinds (default: the tool's registry; a test passes its own). */
  kinds?: KindRegistry;
  /** Tolerances for titles and stitching (default: DEFAULT_LAYOUT). */
  settings?: LayoutSettings;
  /** The OCR tolerances the document was read with (default: DEFAULT_OCR): the extractors' code mend uses them. */
  ocr?: OcrSettings;
}

export interface RecognisedTables {
  tables: Table[];
  /** Organisation names printed on the tables' 单位/编制部门 lines. */
  orgs: string[];
  /** Header cells of scans snapped to a word of their table's kind, with what OCR read. */
  headerSnaps: HeaderSnap[];
  /** The extractors' warnings about cells (a figure on a scan no row can take), each naming its page. */
  warnings: string[];
}

/**
 * Recognises each page table by its title and stitches a table that runs
 * over several pages (with or without a repeated header) into one. The kinds
 * come from the registry (a test passes its own).
 */
export function recogniseTables(
  layouts: PageLayout[],
  extractionOf: (page: number) => Extraction,
  options: RecogniseOptions = {},
): RecognisedTables {
  const { kinds = KINDS, settings = DEFAULT_LAYOUT, ocr = DEFAULT_OCR } = options;
  const done: OpenTable[] = [];
  const headerSnaps: HeaderSnap[] = [];
  let open: OpenTable | null = null;
  let carried: TextLine[] = [];
  for (const layout of layouts) {
    for (const [i, pageTable] of layout.tables.entries()) {
      let structure = readStructure(pageTable.grid, undefined, settings);
      let heading = readHeading([...pageTable.above, ...structure.caption.map(captionLine)], settings);
      // A title left alone at the foot of the previous page heads the first table of this one.
      if (i === 0 && !heading.title && carried.length)
        heading = readHeading([...carried, ...pageTable.above], settings);
      const extraction = extractionOf(pageTable.page);
      // OCR misreads a character now and then: its titles are matched leniently.
      const recognise = extraction === "ocr" ? kinds.recogniseFuzzy : kinds.recognise;
      const titled = heading.title ? recognise(heading.title) : null;
      // A scanned grid of figures whose title was misread is told by its header (and the title read leniently).
      const byHeader =
        !titled &&
        extraction === "ocr" &&
        !(open && continues(open, pageTable, heading, kinds, settings)) &&
        holdsFigures(structure)
          ? kinds.recogniseByHeader(
              heading.title,
              structure.columns.map((c) => c.path.join("/")),
              rowCodeClass(structure),
            )
          : null;
      if (byHeader && !heading.title) heading = { ...heading, title: nearestText(pageTable.above) };
      const found = titled ?? byHeader;
      const kind = found && refineByRowCodes(found, structure, kinds);
      if (kind && extraction === "ocr") {
        // Once the kind is known, a scan's header is read against the words that kind prints (合计, 预算数).
        const snapped = snapHeader(structure, kind, heading.title ?? "", kinds, settings);
        structure = snapped.structure;
        headerSnaps.push(...snapped.snaps);
      }
      if (kind && open && repeatsTitle(open, kind, heading, pageTable.page, kinds)) {
        appendPage(open, pageTable, structure, settings); // 收入决算表（续）, or the title printed again on the next page
      } else if (kind) {
        if (open) done.push(open);
        open = startTable(kind, heading, structure, extraction);
        appendPage(open, pageTable, structure, settings);
      } else if (open && continues(open, pageTable, heading, kinds, settings)) {
        // A continuation that repeats the header under no title is read against its table's words too.
        if (extraction === "ocr" && structure.headerRowCount > 0) {
          const snapped = snapHeader(structure, open.kind, open.title, kinds, settings);
          structure = snapped.structure;
          headerSnaps.push(...snapped.snaps);
        }
        appendPage(open, pageTable, structure, settings);
      } else if (holdsFigures(structure) || (heading.title && kinds.notStandard(heading.title))) {
        // No figure lost: a ruled grid of figures that no kind claims is kept as `other`; a table that is
        // not standard (政府采购, 结转) is followed over its pages too, and left out.
        if (open) done.push(open);
        open = startTable(
          "other",
          { ...heading, title: heading.title ?? nearestText(pageTable.above) },
          structure,
          extraction,
        );
        open.dropped = Boolean(heading.title && kinds.notStandard(heading.title));
        appendPage(open, pageTable, structure, settings);
      } else if (open && heading.title) {
        // A titled table that is not standard ends the current one.
        done.push(open);
        open = null;
      }
    }
    carried = linesBelowTables(layout, settings);
  }
  if (open) done.push(open);
  const kept = done.filter((t) => !t.dropped);
  for (const t of kept) if (t.extraction === "ocr") shareHeaderReads(t, headerSnaps, settings);
  confirmDoubtfulLeaves(kept, headerSnaps);
  const warnings: string[] = [];
  return {
    tables: kept.flatMap((t) => toTables(t, kinds, ocr, warnings)),
    orgs: kept.map((t) => t.org).filter((o): o is string => Boolean(o)),
    headerSnaps,
    warnings,
  };
}

/**
 * A grid of amounts: figures with decimals or thousands separators in at least two of
 * its body rows, or three in its one row. Not a box around prose, a numbered list (序号 1, 2, 3) or a chart's axis.
 */
function holdsFigures(structure: TableStructure): boolean {
  const values = structure.columns.filter((c) => c.role === "value");
  const isAmount = (t: string) => isFigureToken(t) && /\d[.,]\d/.test(t);
  const amountsIn = (r: number) =>
    values.filter((c) => isAmount(cleanLabel(structure.grid.cellAt[r][c.index]?.text ?? ""))).length;
  const counts = structure.bodyRows.map(amountsIn).filter((n) => n > 0);
  // One row can be the whole table: a 三公 table prints one row of five amounts.
  return counts.length >= 2 || counts.some((n) => n >= ONE_ROW_AMOUNTS);
}

/** Amounts a grid's single row must hold to be a table of figures. */
const ONE_ROW_AMOUNTS = 3;

/** The printed line just above an untitled grid, as its title (never a 单位 line or a page number). */
function nearestText(above: TextLine[]): string {
  const texts = above.map((l) => cleanLabel(l.text)).filter((t) => t && !/单位[:：]|^[-\d第页()（）]+$/.test(t));
  return texts[texts.length - 1] ?? "";
}

/**
 * Some titles do not say which classification heads the rows (一般公共预算基本支出表
 * is printed by economic class in one region, by function class in another): where
 * the rows clearly carry the other class of codes, the kind follows the rows.
 */
function refineByRowCodes(kind: TableKind, structure: TableStructure, kinds: KindRegistry): TableKind {
  const entry = kinds.entry(kind);
  if (!entry?.rowCodes || !entry.otherCodes) return kind;
  const seen = rowCodeClass(structure);
  return seen && seen !== entry.rowCodes ? entry.otherCodes : kind;
}

/** function (2xx) or economic (3xx, 5xx) when at least three row codes agree, four in five of them. */
export function rowCodeClass(structure: TableStructure): "function" | "economic" | null {
  const codes: string[] = [];
  for (const r of structure.bodyRows) {
    const cells = structure.columns
      .filter((c) => c.role === "code" || c.role === "label")
      .map((c) => structure.grid.cellAt[r][c.index]);
    const text = cleanLabel(cells.find((c) => c && /^[[【]?\d{3}/.test(cleanLabel(c.text)))?.text ?? "");
    const m = /^[[【]?(\d{3})(\d{2}){0,2}(?!\d)/.exec(text);
    if (m) codes.push(m[1]);
  }
  const functionCodes = codes.filter((c) => c.startsWith("2")).length,
    economicCodes = codes.filter((c) => /^[35]/.test(c)).length;
  if (codes.length < 3) return null;
  if (functionCodes >= 0.8 * codes.length) return "function";
  if (economicCodes >= 0.8 * codes.length) return "economic";
  return null;
}

/** The text under a page's last table (the whole page's text when it has none). */
function linesBelowTables(layout: PageLayout, settings: LayoutSettings): TextLine[] {
  const bottom = Math.max(-Infinity, ...layout.tables.map((t) => t.grid.y1));
  return layout.lines.filter((l) => l.y0 > bottom).slice(-settings.carriedLines);
}

/** A title or 单位 line printed inside the grid, read like one printed above it. */
function captionLine(text: string): TextLine {
  return { text, x0: 0, x1: 0, y0: 0, y1: 0, size: 0, confidence: 1, chars: [] };
}

interface Heading {
  title: string | null;
  unit: PrintedUnit | null;
  org: string | null;
  form: string | null;
}

/** Notes and sentences mention 表 too: 注：本表反映…。 A title names a table; it is not a sentence. */
const NOT_A_HEADING = /^(注|说明|备注|本表|此表)|[。；，,]/;
/**
 * Form numbers printed above, below or beside a title: 表一, 表1-2, 公开01表, 部门公开表1,
 * 附表2, 预算表11, 决算公开01表, 附件2.
 */
const FORM_NUMBER =
  "(?:(?:部门)?(?:预算|决算)?(?:公开|附|预算)?表[一二三四五六七八九十\\d]+(?:[-－—]\\d+)?|(?:部门)?(?:预算|决算)?公开\\d+表|附件\\d+)";
const FORM_NUMBER_ONLY = new RegExp(`^${FORM_NUMBER}$`);
const LEADING_FORM_NUMBER = new RegExp(`^${FORM_NUMBER}[-－—:：]?`);
const TRAILING_FORM_NUMBER = new RegExp(`[（(]?${FORM_NUMBER}[)）]?$`);
const NOT_TITLE =
  /^(单位|编制部门|编制单位|部门|部门名称|单位名称|预算单位|金额单位)[:：]|^(-\d+-|\d+|第\d+页.*|页\(\d+\))$/;

/** Title, unit and organisation from the lines above a table. */
export function readHeading(lines: TextLine[], settings: LayoutSettings = DEFAULT_LAYOUT): Heading {
  let title: string | null = null,
    unit: PrintedUnit | null = null,
    org: string | null = null;
  let form: string | null = null;
  for (const [i, line] of lines.entries()) {
    let text = cleanLabel(line.text);
    // A long title wraps: the line above holds its start (2021年…“三公”经费及 / 会议费、培训费支出预算表).
    if (i > 0 && /表/.test(text) && startsTitle(lines[i - 1], line, settings))
      text = cleanLabel(lines[i - 1].text) + text;
    // An OCR'd line (confidence under 1) may hold a unit misread: snapped when it is sure (snapMisreadUnit).
    const misread = line.confidence < 1 ? snapMisreadUnit(line.text, settings.unitEdits) : null;
    unit = unitFromText(line.text) ?? misread ?? unit;
    org = orgFromLine(line.text) ?? org;
    form = formNumber(text) ?? form;
    if (isTitle(text, settings)) title = stripTableNumber(text);
  }
  return { title, unit, org, form };
}

function isTitle(text: string, settings: LayoutSettings): boolean {
  return (
    /表/.test(text) &&
    !FORM_NUMBER_ONLY.test(text) &&
    !NOT_TITLE.test(text) &&
    !NOT_A_HEADING.test(text) &&
    text.length <= settings.titleMaxChars
  );
}

/**
 * The line above is the first line of a wrapped title: words without 表, not a
 * label or sentence, set in the same type just above and centred alike (a
 * caption read from inside a grid has no position and only its length to go by).
 */
function startsTitle(above: TextLine, line: TextLine, settings: LayoutSettings): boolean {
  const text = cleanLabel(above.text),
    joined = text + cleanLabel(line.text);
  if (!text || /表/.test(text) || NOT_TITLE.test(text) || NOT_A_HEADING.test(text)) return false;
  if (joined.length > settings.titleMaxChars) return false;
  const shortTail = cleanLabel(line.text).length <= settings.wrappedTitleMaxChars;
  if (!line.size || !above.size) return shortTail;
  const sameType = Math.abs(above.size - line.size) < settings.titleSizeTolerance;
  const adjacent = line.y0 - above.y1 < settings.titleLineGapEm * line.size;
  const centredAlike = Math.abs(centreX(above) - centreX(line)) < settings.titleCentreEm * line.size;
  return sameType && adjacent && (centredAlike || shortTail);
}

/** The form number on a line of its own, or before or after the title. */
function formNumber(text: string): string | null {
  if (FORM_NUMBER_ONLY.test(text)) return text;
  const m = LEADING_FORM_NUMBER.exec(text) ?? TRAILING_FORM_NUMBER.exec(text);
  return m && /表/.test(text.replace(m[0], "")) ? m[0].replace(/[-－—:：（()）]/g, "") : null;
}

function stripTableNumber(t: string): string {
  return t
    .replace(LEADING_FORM_NUMBER, "")
    .replace(/^[一二三四五六七八九十]+、/, "")
    .replace(TRAILING_FORM_NUMBER, "");
}

function startTable(kind: TableKind, h: Heading, structure: TableStructure, extraction: Extraction): OpenTable {
  return {
    kind,
    title: h.title ?? "",
    pages: [],
    unit: h.unit ?? unitInHeader(structure),
    org: h.org,
    form: h.form,
    extraction,
    template: { columns: structure.columns, xs: structure.grid.xs },
    parts: [],
  };
}

/** The same table carried on: its title marked 续, or printed again on the very next page. */
function repeatsTitle(open: OpenTable, kind: TableKind, h: Heading, page: number, kinds: KindRegistry): boolean {
  const title = h.title ?? "";
  // Two forms under one title (表5, 表6 both 一般公共预算支出明细表) are two tables.
  if (open.kind !== kind || (open.form && h.form && open.form !== h.form)) return false;
  if (/续/.test(title)) return true;
  // One performance table a project: two projects may share a name (综合工作经费 on three pages).
  if (kinds.performanceKinds.has(kind)) return false;
  return title === open.title && page === open.pages[open.pages.length - 1] + 1;
}

/** A unit printed in a column header instead of a 单位 line: 金额（元）, 预算数(万元). */
function unitInHeader(structure: TableStructure): PrintedUnit | null {
  for (const c of structure.columns)
    for (const p of c.path) {
      const m = /[（(](亿元|千元|万元|元)[)）]/.exec(p);
      if (m) return m[1] as PrintedUnit;
    }
  return null;
}

/** A table without its own title continues the open one if it sits on the next page with a compatible grid. */
function continues(
  open: OpenTable,
  pageTable: PageTable,
  h: Heading,
  kinds: KindRegistry,
  settings: LayoutSettings,
): boolean {
  const last = open.pages[open.pages.length - 1];
  if (h.title) return false;
  if (pageTable.page !== last && pageTable.page !== last + 1) return false;
  // Performance tables change their grid from block to block; coded tables keep their columns.
  return kinds.performanceKinds.has(open.kind) || columnShift(pageTable.grid.xs, open.template.xs, settings) !== null;
}

/**
 * A continuation shares the table's column rules: most of its x boundaries sit on
 * the first page's, maybe all moved by one offset (odd and even pages printed with
 * different margins). Returns that offset, or null when the grids do not align.
 */
function columnShift(xs: number[], template: number[], settings: LayoutSettings): number | null {
  let best: number | null = null,
    bestNear = 0;
  for (const shift of new Set([0, ...xs.flatMap((x) => template.map((t) => Math.round(x - t)))])) {
    const near = xs.filter((x) =>
      template.some((t) => Math.abs(t + shift - x) <= settings.continuationTolerance),
    ).length;
    if (near > bestNear || (near === bestNear && Math.abs(shift) < Math.abs(best ?? Infinity))) {
      best = shift;
      bestNear = near;
    }
  }
  return bestNear >= Math.ceil(xs.length * settings.continuationShare) && xs.length >= 2 ? best : null;
}

function appendPage(t: OpenTable, pageTable: PageTable, structure: TableStructure, settings: LayoutSettings): void {
  const continuation = t.parts.length > 0;
  if (!t.pages.includes(pageTable.page)) t.pages.push(pageTable.page);
  if (continuation && !repeatsHeader(structure, t.template.columns)) {
    structure = readStructure(structure.grid, 0, settings);
    inheritColumns(structure, t.template, settings);
  }
  t.parts.push({ page: pageTable.page, size: pageTable.size, structure: structure, above: pageTable.above });
}

/** A continuation page repeats the header when its header rows print the first page's header words. */
function repeatsHeader(structure: TableStructure, template: Column[]): boolean {
  if (structure.headerRowCount === 0) return false;
  const words = new Set(template.flatMap((c) => c.path));
  return structure.columns.some((c) => c.path.some((p) => words.has(p)));
}

/**
 * A continuation page that repeats no header takes roles, paths and blocks
 * from the first page's column at the same horizontal position.
 */
function inheritColumns(structure: TableStructure, template: OpenTable["template"], settings: LayoutSettings): void {
  const xs = structure.grid.xs;
  const shift = columnShift(xs, template.xs, settings) ?? 0;
  structure.columns = structure.columns.map((col, i) => {
    const mid = (xs[i] + xs[i + 1]) / 2 - shift;
    const j = template.xs.findIndex((x, k) => k + 1 < template.xs.length && mid >= x && mid < template.xs[k + 1]);
    const source = template.columns[j];
    return source ? { ...source, index: i } : col;
  });
}

/**
 * A table continued over pages that repeat its header prints the same header on each, so a column's header is read
 * once a page. Where a page's read is no word of the form (misread and not snapped, or unread) and another page's
 * read of the column at the same place is, that page's column takes the good read: its figures then stand under
 * the column they are printed under, not under a column of their own, flagged (Guangzhou 气象 p22-24 项目支出: its
 * 一般公共预算 read '般公共预7 on one page, -般公共预5 on the next, right on the third). A header read as nothing on
 * a page is taken from the others too, and pages that read different words take the most pages' word. Only pages
 * whose grids have the same number of columns, and columns of the same role, are joined; a read no page has right
 * stays as it is, flagged.
 */
function shareHeaderReads(t: OpenTable, snaps: readonly HeaderSnap[], settings: LayoutSettings): void {
  const parts = t.parts.filter((p) => p.structure.headerRowCount > 0 && !p.lent);
  if (parts.length < 2) return;
  const width = parts[0].structure.columns.length;
  if (parts.some((p) => !sameRules(p.structure.grid.xs, parts[0].structure.grid.xs, settings))) return;
  const misread = new Map(parts.map((p) => [p, misreadHeaders(snaps, [p.page])]));
  const bad = (p: TablePart, c: Column) => !c.path.join("") || isUnreadColumn(c.path.join("/"), misread.get(p)!);
  for (let i = 0; i < width; i++) {
    const good = parts.map((p) => p.structure.columns[i]).filter((c, k) => !bad(parts[k], c));
    if (!good.length) continue;
    // Pages that read the column as different words of the form (总计 and 合计): the read most pages agree on,
    // the first page's on a tie. The header is one print; a read of it that differs from the others is a misread.
    const votes = (c: Column) => good.filter((g) => g.path.join("/") === c.path.join("/")).length;
    const chosen = good.reduce((best, c) => (votes(c) > votes(best) ? c : best));
    for (const p of parts) {
      const col = p.structure.columns[i];
      if (col.path.join("/") === chosen.path.join("/") || col.role !== chosen.role) continue;
      p.structure = {
        ...p.structure,
        columns: p.structure.columns.map((c, k) => (k === i ? { ...c, path: chosen.path } : c)),
      };
    }
  }
}

/**
 * A column's own header read doubtfully on one page (a second look's read, src/ocr/bold.ts) and surely on another
 * page of the document, in a table of the same kind under the same header path, is the same print read twice: the
 * doubtful read is confirmed, and flags nothing (Guangzhou 气象 p22-24 项目支出: 国有资本经营预算 read at 0.79 on p24
 * alone flagged the column's 28 figures on all three pages). The sure read must be the leaf word itself, read on its
 * own page (not a continuation's inherited header) at or above the flag threshold.
 */
function confirmDoubtfulLeaves(tables: OpenTable[], snaps: HeaderSnap[]): void {
  const ocr = tables.filter((t) => t.extraction === "ocr");
  const headed = (t: OpenTable) => t.parts.filter((p) => p.structure.headerRowCount > 0 && !p.lent);
  // kind|path -> the pages that read the column's own header surely
  const sure = new Map<string, number[]>();
  for (const t of ocr)
    for (const part of headed(t))
      for (const path of surelyReadLeaves(part.structure)) {
        const key = `${t.kind}|${path}`;
        sure.set(key, [...(sure.get(key) ?? []), part.page]);
      }
  for (const snap of snaps.filter((d) => d.doubtfulLeaf && d.columns?.length)) {
    const heads = (t: OpenTable) =>
      headed(t).some(
        (p) => p.page === snap.page && p.structure.columns.some((c) => snap.columns!.includes(c.path.join("/"))),
      );
    const kind = ocr.find(heads)?.kind;
    const elsewhere = snap.columns!.map((c) => (sure.get(`${kind}|${c}`) ?? []).find((page) => page !== snap.page));
    if (kind && elsewhere.every((page) => page !== undefined)) snap.confirmedOn = elsewhere[0];
  }
}

/** The header paths of a page's columns whose own (bottom) header cell reads the path's last word surely. */
function surelyReadLeaves(structure: TableStructure): string[] {
  const last = structure.headerRowCount - 1;
  return structure.columns
    .filter((c) => {
      const leaf = structure.grid.cellAt[last]?.[c.index];
      const word = c.path[c.path.length - 1];
      return leaf && word && leaf.confidence >= LOW_CONFIDENCE && cleanLabel(leaf.text) === word;
    })
    .map((c) => c.path.join("/"));
}

/** Two pages' grids with the same column rules, every one in line once the pages' offset is taken out. */
function sameRules(xs: number[], template: number[], settings: LayoutSettings): boolean {
  const shift = columnShift(xs, template, settings);
  return (
    shift !== null &&
    xs.length === template.length &&
    xs.every((x, i) => Math.abs(template[i] + shift - x) <= settings.continuationTolerance)
  );
}

/** A recognised table as one Table, or one a unit where the kind splits it (a performance table a project). */
function toTables(t: OpenTable, kinds: KindRegistry, ocr: OcrSettings, warnings: string[] = []): Table[] {
  const groups = kinds.entry(t.kind)?.split?.(t.parts) ?? [t.parts];
  if (groups.length === 1) return [toTable(t, kinds, ocr, warnings)];
  const pagesOf = (parts: TablePart[]) => [...new Set(parts.filter((p) => !p.lent).map((p) => p.page))];
  return groups.map((parts) => toTable({ ...t, parts, pages: pagesOf(parts) }, kinds, ocr, warnings));
}

function toTable(t: OpenTable, kinds: KindRegistry, ocr: OcrSettings, warnings: string[] = []): Table {
  const ctx = { unit: t.unit ?? "万元", extraction: t.extraction, minConfidence: LOW_CONFIDENCE, ocr } as const;
  const extracted = kinds.extractorFor(t.kind).extract(t.parts, ctx);
  const { rows, performance } = extracted;
  warnings.push(...(extracted.warnings ?? []));
  const columns: string[] = [];
  for (const row of rows) for (const k of Object.keys(row.values)) if (!columns.includes(k)) columns.push(k);
  const hasValue = rows.some((r) => Object.values(r.values).some((c) => c.value_wan !== null || c.flagged));
  return {
    table_kind: t.kind,
    title: t.title,
    pages: t.pages,
    unit_printed: t.unit,
    empty: !hasValue,
    columns,
    rows,
    extraction: t.extraction,
    ...(performance === undefined ? {} : { performance }),
  };
}

/**
 * A figure under a column header OCR could not read (支出/\uFFFD) is not known to be what its column holds: it may be
 * an amount, a 行次 row number or a 栏次 column number (Xi'an 卫健委 p153 at 150 dpi: its 行次 column, header unread,
 * gave 38, 50, 56 as sure amounts). Each such cell is flagged, and a warning names the table's page and column. So is
 * a figure under a header read doubtfully that no word of its table's kind is near (`doubtful`: snapHeader's reads
 * left as they were, src/header-words.ts), and one in the column a word of the kind read doubtfully heads
 * (doubtfulLeaf), unless another page read that header surely.
 */
export function flagUnreadColumns(tables: Table[], doubtful: readonly HeaderSnap[] = []): string[] {
  const warnings: string[] = [];
  for (const table of tables) {
    const misread = misreadHeaders(doubtful, table.pages);
    const leaves = doubtful.filter((d) => d.doubtfulLeaf && !d.snapped && table.pages.includes(d.page));
    // A leaf read surely on another page of the same header is confirmed (confirmDoubtfulLeaves): it flags nothing.
    const doubtfulLeaves = leaves.filter((d) => d.confirmedOn === undefined);
    // A doubtful leaf names the columns it heads; one recorded without them (a test's) flags every column it ends.
    const doubtfulColumn = (column: string) =>
      doubtfulLeaves.some((d) => (d.columns ? d.columns.includes(column) : column.split("/").pop() === d.read));
    const unread = (column: string) => isUnreadColumn(column, misread) || doubtfulColumn(column);
    const columns = new Map<string, number>();
    for (const row of table.rows)
      for (const [column, cell] of Object.entries(row.values)) {
        if (!unread(column) || (cell.value_wan === null && !cell.raw_text)) continue;
        cell.flagged = true;
        columns.set(column, (columns.get(column) ?? 0) + 1);
      }
    for (const [column, count] of columns) {
      const how = column.includes(UNREAD_MARK)
        ? "unread"
        : isUnreadColumn(column, misread)
          ? "not a word of its form"
          : "read doubtfully";
      warnings.push(
        `page ${table.pages[0]}: column header ${how} (${column}), ${count} figure${count > 1 ? "s" : ""} flagged`,
      );
    }
  }
  return warnings;
}
