import type { Extraction, Table, TableKind } from "../schemas/document.js";
import { KINDS, type KindRegistry } from "../extractors/index.js";
import type { TablePart } from "../extractors/types.js";
import type { TextLine } from "./layout/chars.js";
import type { PageLayout, PageTable } from "./layout/page-tables.js";
import { readStructure, type Column, type TableStructure } from "./layout/structure.js";
import { unitFromText, type PrintedUnit } from "./normalize/amount.js";
import { cleanLabel } from "./normalize/text.js";
import { LOW_CONFIDENCE } from "./pdf/model.js";


/** A table being assembled from one or more pages. */
interface OpenTable {
  kind: TableKind;
  title: string;
  pages: number[];
  unit: PrintedUnit | null;
  org: string | null;
  extraction: Extraction;
  /** The first page's columns and their x-ranges: a continuation without a header takes them. */
  template: { columns: Column[]; xs: number[] };
  parts: TablePart[];
}

export interface RecognisedTables {
  tables: Table[];
  /** Organisation names printed on the tables' 单位/编制部门 lines. */
  orgs: string[];
}

/**
 * Recognises each page table by its title and stitches a table that runs
 * over several pages (with or without a repeated header) into one. The kinds
 * come from the registry (a test passes its own).
 */
export function recogniseTables(
  layouts: PageLayout[], extractionOf: (page: number) => Extraction, kinds: KindRegistry = KINDS,
): RecognisedTables {
  const done: OpenTable[] = [];
  let open: OpenTable | null = null;
  let carried: TextLine[] = [];
  for (const layout of layouts) {
    for (const [i, pt] of layout.tables.entries()) {
      const st = readStructure(pt.grid);
      let heading = readHeading([...pt.above, ...st.caption.map(captionLine)]);
      // A title left alone at the foot of the previous page heads the first table of this one.
      if (i === 0 && !heading.title && carried.length) heading = readHeading([...carried, ...pt.above]);
      const extraction = extractionOf(pt.page);
      // OCR misreads a character now and then: its titles are matched leniently.
      const recognise = extraction === "ocr" ? kinds.recogniseFuzzy : kinds.recognise;
      const kind = heading.title ? recognise(heading.title) : null;
      if (kind && open && repeatsTitle(open, kind, heading.title ?? "", pt.page)) {
        appendPage(open, pt, st); // 收入决算表（续）, or the title printed again on the next page
      } else if (kind) {
        if (open) done.push(open);
        open = startTable(kind, heading, st, extraction);
        appendPage(open, pt, st);
      } else if (open && continues(open, pt, heading, kinds)) {
        appendPage(open, pt, st);
      } else if (open && heading.title) {
        // A titled table that is not standard ends the current one.
        done.push(open);
        open = null;
      }
    }
    carried = linesBelowTables(layout);
  }
  if (open) done.push(open);
  return {
    tables: done.map((t) => toTable(t, kinds)),
    orgs: done.map((t) => t.org).filter((o): o is string => Boolean(o)),
  };
}

/** The text under a page's last table (the whole page's text when it has none). */
function linesBelowTables(layout: PageLayout): TextLine[] {
  const bottom = Math.max(-Infinity, ...layout.tables.map((t) => t.grid.y1));
  return layout.lines.filter((l) => l.y0 > bottom).slice(-4);
}

/** A title or 单位 line printed inside the grid, read like one printed above it. */
function captionLine(text: string): TextLine {
  return { text, x0: 0, x1: 0, y0: 0, y1: 0, size: 0, confidence: 1, chars: [] };
}

interface Heading {
  title: string | null;
  unit: PrintedUnit | null;
  org: string | null;
}

/** Notes and sentences mention 表 too: 注：本表反映…。 */
const NOT_A_HEADING = /^(注|说明|备注)|[。；]/;
const NOT_TITLE = /^(单位|编制部门|编制单位|部门|金额单位)[:：]|^(公开\d+表|表[一二三四五六七八九十\d]+(-\d+)?|-\d+-|\d+)$/;

/** Title, unit and organisation from the lines above a table. */
export function readHeading(lines: TextLine[]): Heading {
  let title: string | null = null, unit: PrintedUnit | null = null, org: string | null = null;
  for (const [i, line] of lines.entries()) {
    let text = cleanLabel(line.text);
    const prev = i > 0 ? cleanLabel(lines[i - 1].text) : "";
    // A long title wraps: its last line is short ("算表") and the line above holds the rest.
    if (/表/.test(text) && text.length <= 8 && prev && !NOT_TITLE.test(prev) && !/表/.test(prev)) text = prev + text;
    unit = unitFromText(line.text) ?? unit;
    org = orgFromLine(line.text) ?? org;
    if (/表/.test(text) && !NOT_TITLE.test(text) && !NOT_A_HEADING.test(text) && text.length <= 60) title = stripTableNumber(text);
  }
  return { title, unit, org };
}

function stripTableNumber(t: string): string {
  return t.replace(/^(公开\d+表|表[一二三四五六七八九十\d]+(-\d+)?|[一二三四五六七八九十]+、)/, "").replace(/[（(]?(公开\d+表|表\d+(-\d+)?)[)）]?$/, "");
}

const ORG_LINE = /(?:单位名称|编制部门|编制单位|预算单位|部门|单位)\s*[:：]\s*([^\s:：]+(?:\s[^\s:：单]+)*)/;

function orgFromLine(text: string): string | null {
  for (const part of text.split(/\s{2,}|(?=单位[:：])/)) {
    const m = ORG_LINE.exec(part);
    if (!m) continue;
    const name = cleanLabel(m[1]);
    if (/^(亿元|千元|万元|元)$/.test(name) || name.length < 3) continue;
    return name;
  }
  return null;
}

function startTable(kind: TableKind, h: Heading, st: TableStructure, extraction: Extraction): OpenTable {
  return {
    kind, title: h.title ?? "", pages: [], unit: h.unit ?? unitInHeader(st), org: h.org, extraction,
    template: { columns: st.columns, xs: st.grid.xs }, parts: [],
  };
}

/** The same table carried on: its title marked 续, or printed again on the very next page. */
function repeatsTitle(open: OpenTable, kind: TableKind, title: string, page: number): boolean {
  if (open.kind !== kind) return false;
  if (/续/.test(title)) return true;
  return title === open.title && page === open.pages[open.pages.length - 1] + 1;
}

/** A unit printed in a column header instead of a 单位 line: 金额（元）, 预算数(万元). */
function unitInHeader(st: TableStructure): PrintedUnit | null {
  for (const c of st.columns) for (const p of c.path) {
    const m = /[（(](亿元|千元|万元|元)[)）]/.exec(p);
    if (m) return m[1] as PrintedUnit;
  }
  return null;
}

/** A table without its own title continues the open one if it sits on the next page with a compatible grid. */
function continues(open: OpenTable, pt: PageTable, h: Heading, kinds: KindRegistry): boolean {
  const last = open.pages[open.pages.length - 1];
  if (h.title) return false;
  if (pt.page !== last && pt.page !== last + 1) return false;
  // Performance tables change their grid from block to block; coded tables keep their columns.
  return kinds.performanceKinds.has(open.kind) || alignsWith(pt.grid.xs, open.template.xs);
}

/** A continuation shares the table's column rules: most of its x boundaries sit on the first page's. */
function alignsWith(xs: number[], template: number[]): boolean {
  const near = xs.filter((x) => template.some((t) => Math.abs(t - x) <= 4)).length;
  return near >= Math.ceil(xs.length * 0.6);
}

function appendPage(t: OpenTable, pt: PageTable, st: TableStructure): void {
  const continuation = t.parts.length > 0;
  if (!t.pages.includes(pt.page)) t.pages.push(pt.page);
  if (continuation && !repeatsHeader(st, t.template.columns)) {
    st = readStructure(st.grid, 0);
    inheritColumns(st, t.template);
  }
  t.parts.push({ page: pt.page, size: pt.size, structure: st, above: pt.above });
}

/** A continuation page repeats the header when its header rows print the first page's header words. */
function repeatsHeader(st: TableStructure, template: Column[]): boolean {
  if (st.headerRowCount === 0) return false;
  const words = new Set(template.flatMap((c) => c.path));
  return st.columns.some((c) => c.path.some((p) => words.has(p)));
}

/**
 * A continuation page that repeats no header takes roles, paths and blocks
 * from the first page's column at the same horizontal position.
 */
function inheritColumns(st: TableStructure, template: OpenTable["template"]): void {
  const xs = st.grid.xs;
  st.columns = st.columns.map((col, i) => {
    const mid = (xs[i] + xs[i + 1]) / 2;
    const j = template.xs.findIndex((x, k) => k + 1 < template.xs.length && mid >= x && mid < template.xs[k + 1]);
    const source = template.columns[j];
    return source ? { ...source, index: i } : col;
  });
}

function toTable(t: OpenTable, kinds: KindRegistry): Table {
  const ctx = { unit: t.unit ?? "万元", extraction: t.extraction, minConfidence: LOW_CONFIDENCE } as const;
  const { rows, performance } = kinds.extractorFor(t.kind).extract(t.parts, ctx);
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

