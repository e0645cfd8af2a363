import type { Cell, Row } from "../schemas/document.js";
import {
  emptyPerformance,
  Performance,
  type BudgetExecution,
  type Indicator,
  type Measure,
} from "../schemas/performance.js";
import type { Grid, GridCell } from "../src/layout/grid.js";
import { parseAmount, TO_WAN, toWan, type PrintedUnit } from "../src/normalize/amount.js";
import { DEFAULT_OCR } from "../src/ocr/settings.js";
import { cleanLabel, foldText } from "../src/normalize/text.js";
import { centredInColumn } from "../src/pdf/geometry.js";
import { UNREAD_MARK, type Box, type PageSize } from "../src/pdf/model.js";
import { cellBox, figureCell, leastSure, SURE, sureness, unionBox, type Sureness } from "./cell.js";
import type { ExtractContext, ExtractedTable, TablePart } from "./types.js";

/**
 * Reads a performance table (绩效自评表, 绩效目标表) from its grid, row by row
 * over all its pages. Rows are classified as: header rows (a block of label
 * rows; an indicator header names 一级/二级/三级指标), indicator rows (cells
 * mapped to the header's columns by x position, so a continuation page
 * without its own header uses the previous page's), key-value rows (项目名称,
 * 基本支出总额 …), 总分, data rows of small amount tables (预算执行情况,
 * 资金来源) and free text.
 */

type Role =
  | "level1"
  | "level2"
  | "level3"
  | "goal"
  | "target"
  | "actual"
  | "other"
  | "score"
  | "weight"
  | "note"
  | "label"
  | "value"
  | "qualifier"
  | "unit"
  | "project"
  | "amount"
  | "annual_goal";

interface HeaderColumn {
  x0: number;
  x1: number;
  path: string[];
  role: Role;
}
interface Header {
  columns: HeaderColumn[];
  indicator: boolean;
  firstRow: number;
  page: number;
  cells: GridCell[];
}

interface RowCells {
  r: number;
  cells: { cell: GridCell; own: boolean }[];
}

const KEY_RE =
  /^(单位名称|部门名称|(专项[（(]项目[)）]|专项|项目)名称|项目编码|(项目)?主管部门|(项目)?(实施|执行)单位|项目类别|项目属性|项目类型|支出项目类别|填报人|填报日期|联系电话|项目负责人|单位地址|邮政编码|起始年度|终止年度|基本支出总额|项目支出总额|项目总预算|项目当年预算|项目资金|职能概述|年度工作任务|年度(总体)?目标|总体目标|项目申请理由|项目主要内容|项目前两年|偏差|改进措施|绩效目标|实施进度)/;
/** Keys whose numbers are not amounts (phone numbers, postcodes, years, codes). */
const NOT_FACT_KEY = /电话|邮编|邮政|年度|年份|日期|编码|代码|负责人|填报人/;
/** The project's name as a key (项目名称, 专项（项目）名称). */
export const PROJECT_KEY = /^(专项[（(]项目[)）]|专项|项目)名称[:：]?$/;
/** The key and the name in one cell, where the grid lost the rule between them (专项（项目）名称伯乐奖). */
export const PROJECT_IN_CELL = /^((?:专项[（(]项目[)）]|专项|项目)名称)[:：]?(.+)$/;
/**
 * Keys of the year's funds, the project's amount: 年度资金总额, 资金总额, 实施期资金总额, 当年预算, 预算金额 …
 * (never 其中：财政拨款, a part of it).
 */
const AMOUNT_KEY =
  /^(年度资金总额|资金总额|实施期资金总额|项目资金总额|资金金额|当年预算|(当年|年度)?预算金额|项目总预算|项目当年预算|年度预算数?|金额合计|合计金额)(\d|[:：（(]|$)/;
/** A cell naming the goal text beside it: 年度目标, 总体目标, 当年绩效目标, 年度总体目标完成情况 (self-evaluations). */
const GOAL_CELL = /^((年度|当年)?(绩效|总体|整体)*目标(完成情况)?|年度总体目标)$/;
/** Labels over goal texts: 实施期总目标, 年度目标, 预期目标（年初设定）, (目标)实际完成情况. */
const SUB_GOAL = /^(实施期总?目标|(年度|当年)(绩效|总体)?目标|预期目标.{0,8}|(目标)?实际完成情况|目标)$/;
/** Keys of the year's goal text, best first. */
const GOAL_KEYS = [/^(年度|当年)(绩效|总体|整体绩效)?目标$/, /^总体目标$/, /^(年度)?绩效目标$/, /^预期目标/];
/** A cell of an indicator header naming a level or the indicator (一级指标 … 指标名称). */
const LEVEL_WORD = /^(一级指标|二级指标|三级指标|指标名称|指标内容)$/;
/** What a 指标性质 cell holds: a comparison, or 定性/定量 (a text target). */
const QUALIFIER_CELL = /^([<>≤≥≦≧＜＞=＝]=?|不低于|不高于|不少于|不超过|大于|小于|等于|定性|定量)$/;
/** A figure behind one character that is no sign a target prints (之1本 for ≥1本): a comparison misread. */
const UNREAD_SIGN = /^[^\d\s.,<>≤≥≦≧＜＞=＝+±-]\s*\d/;
const WEIGHT_RE = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]?/;
/**
 * A label's end as OCR reads a printed weight it could not make out: (20分) as 《20分）, (2043), (20), 5分) with
 * its bracket lost. Only on scans: a text layer's label ending in (2个区) is as printed.
 */
const WEIGHT_SHAPED =
  /([（(《〈<[]\s*\d[\d\s]*[^\s\d()（）%年月]{0,2}\s*[)）》〉>\]]?|\d+(\.\d+)?\s*分\s*[)）》〉>\]])$/;
const LONG = 30;

export function readPerformance(parts: TablePart[], ctx: ExtractContext, kind: string): ExtractedTable {
  const reader = new PerformanceReader(kind, ctx, amountUnit(parts, ctx.unit));
  for (const part of parts) {
    const grid = part.structure.grid;
    reader.pageSize = part.size;
    reader.rowCount = grid.rowCount;
    for (const r of part.rows ?? Array.from({ length: grid.rowCount }, (_, i) => i)) reader.readRow(grid, r);
  }
  return reader.result();
}

/** Where a grid row sits: its page, its cells, the owned ones, and the table width. */
interface RowContext {
  grid: Grid;
  page: number;
  r: number;
  rowCells: RowCells;
  own: RowCells["cells"];
  first: RowCells["cells"][number];
  firstText: string;
}

/**
 * The reading state carried from row to row: the current header, the goal
 * (长期目标…) above the indicators, the last indicator (for wrapped lines) and
 * a 三级指标 label split off into a row of its own.
 */
class PerformanceReader {
  private readonly perf: Performance;
  private readonly rows: Row[] = [];
  private header: Header | null = null;
  private goal: string | null = null;
  private last: Indicator | null = null;
  private pendingLabel = "";
  private goalParts: string[] = [];
  private goalDone = false;
  private goalBelow = false;
  /** Where the goal's label sits, to follow its text onto the next page. */
  private goalKey: { x0: number; x1: number } | null = null;
  /** The column of the year's goal under sub-labels (年度目标 beside 实施期总目标). */
  private goalColumn: { x0: number; x1: number } | null = null;
  /** The project's name was read on the last row of a page: it may continue on the next. */
  private projectOpen = false;
  /** Indicators under an empty level cell that runs over the page break (see readLevel). */
  private pending: Record<"level1" | "level2", { cell: GridCell | null; page: number; indicators: Indicator[] }> = {
    level1: { cell: null, page: 0, indicators: [] },
    level2: { cell: null, page: 0, indicators: [] },
  };
  /** Rows of the grid being read. */
  rowCount = 0;
  /** The size of the page being read, for the cells' boxes. */
  pageSize: PageSize = { width: 1, height: 1 };

  constructor(
    kind: string,
    private readonly ctx: ExtractContext,
    private readonly unit: PrintedUnit,
  ) {
    this.perf = emptyPerformance(kind);
  }

  result(): ExtractedTable {
    const projectKey = Object.keys(this.perf.info).find((k) => PROJECT_KEY.test(k));
    this.perf.project ??= (projectKey && this.perf.info[projectKey]) || null;
    this.perf.annual_goal ??= this.goalParts.join("") || annualGoal(this.perf.texts);
    return { rows: this.rows, performance: Performance.parse(this.perf) };
  }

  private readonly addFact: AddFact = (page, label, column, raw, value, source, readable = true) => {
    let row = this.rows.find(
      (x) => x.page === page && x.row_label === label && !(column in x.values) && x === this.rows[this.rows.length - 1],
    );
    if (!row) {
      row = { page, row_code: null, row_label: label, values: {} };
      this.rows.push(row);
    }
    const cell = figureCell(
      this.ctx,
      raw,
      value,
      source.confidence,
      cellBox(source, this.pageSize),
      value !== null && readable,
    );
    row.values[column] = cell;
    return cell;
  };
  /** The cell each indicator's target or actual figure went out in: a later read of its row may doubt it. */
  private readonly measureCells = new WeakMap<Measure, Cell>();

  /** Classifies one grid row and reads it; the order of the tests matters. */
  readRow(grid: Grid, r: number): void {
    const rowCells = cellsOfRow(grid.cellAt[r], r);
    const own = rowCells.cells.filter((c) => c.own);
    if (own.every((c) => !text(c.cell))) return;
    const first = own.find((c) => text(c.cell))!;
    const row: RowContext = { grid, page: grid.page, r, rowCells, own, first, firstText: text(first.cell) };
    this.readAmount(row);
    this.readGoal(row);
    this.readProject(row);
    if (/^(总分|合计得分|总得分|综合得分)/.test(row.firstText) || this.misreadTotal(row)) return this.readTotal(row);
    if (this.readHeaderRow(row)) return;
    if (this.isIndicatorRow(row)) return this.readIndicatorRow(row);
    if (own.length === 1 && isFullWidth(first.cell, width(grid))) return this.readFullWidthLine(row);
    if (KEY_RE.test(row.firstText)) {
      this.readKeys(row);
      this.header = null;
      return;
    }
    if (this.readAmountTableRow(row)) return;
    // Anything else: key-value pairs if it reads as such, else text.
    this.readKeys(row);
  }

  private readKeys({ own, page }: RowContext): void {
    readKeyValues(
      own.map((c) => c.cell),
      page,
      this.perf,
      this.addFact,
      this.unit,
    );
  }

  /**
   * The year's funds: the figure after an AMOUNT_KEY cell, or in it (资金金额1620.98（万元）); where the
   * header above names 全年预算数（A） (self-evaluations), the figure in that column.
   */
  private readAmount({ own }: RowContext): void {
    if (this.perf.amount_wan !== null) return;
    // 实施期资金总额 | … | 年度资金总额 | …: the year's.
    const keys = own.flatMap((c, k) => (AMOUNT_KEY.test(text(c.cell)) ? [k] : []));
    const i = keys.find((k) => /^(年度|当年)/.test(text(own[k]!.cell))) ?? keys[0] ?? -1;
    if (i < 0) return;
    const key = text(own[i]!.cell);
    const inKey = /^[:：]?(\d[\d,]*(?:\.\d+)?)/.exec(key.replace(/^[^\d:：（(]*/, ""));
    const after = own
      .slice(i + 1)
      .map((c) => c.cell)
      .filter((c) => isNumber(text(c)) && !/%$/.test(text(c)));
    const budgetCol = this.header?.indicator
      ? undefined
      : this.header?.columns.find((h) => /全年预算数|预算数[（(]A/.test(h.path.join("/")));
    const cell = (budgetCol && after.find((c) => centredInColumn(c, budgetCol))) ?? after[0];
    const printed = inKey?.[1] ?? (cell ? text(cell) : null);
    if (printed === null) return;
    const value = parseAmount(printed).value;
    if (value === null) return;
    const unit = unitIn(own.map((c) => text(c.cell)).join("")) ?? this.unit;
    this.setAmount(toWan(value, unit), printed, inKey ? own[i]!.cell : cell!);
  }

  /**
   * The goal text: the first filled cell right of a GOAL_CELL (own or spanning from above), over the rows the
   * label spans; in a self-evaluation the left one (预期目标) of the 预期 | 实际 pair.
   */
  private readGoal({ rowCells, r }: RowContext): void {
    if (this.header?.indicator || this.goalDone) return;
    const k = rowCells.cells.findIndex((c) => GOAL_CELL.test(text(c.cell)));
    // 当年整体绩效目标 printed across the table, its text in the row below.
    if (k < 0 && this.goalBelow && rowCells.cells.length === 1) {
      this.goalParts.push(rowCells.cells[0]!.cell.text.replace(/\s+/g, ""));
      this.goalDone = true;
      return;
    }
    this.goalBelow = k >= 0 && rowCells.cells.length === 1;
    // The goal text running on at the top of the next page, beside an empty key cell (not the indicator header
    // that may head that page under the same empty cell).
    const key = this.goalKey;
    if (
      k < 0 &&
      key &&
      r === 0 &&
      rowCells.cells.length >= 2 &&
      !text(rowCells.cells[0]!.cell) &&
      centredInColumn(rowCells.cells[0]!.cell, key) &&
      !rowCells.cells.some((c) => LEVEL_WORD.test(text(c.cell)))
    ) {
      const more = rowCells.cells.slice(1).find((c) => c.own && text(c.cell));
      if (more) this.goalParts.push(more.cell.text.replace(/\s+/g, ""));
      return;
    }
    if (k >= 0) this.goalKey = { x0: rowCells.cells[k]!.cell.x0, x1: rowCells.cells[k]!.cell.x1 };
    if (k < 0) {
      this.goalDone = this.goalParts.length > 0;
      return;
    }
    const right = rowCells.cells.slice(k + 1).filter((c) => c.own && text(c.cell));
    // Sub-labels over the goal texts (实施期总目标 | 年度目标; 预期目标（年初设定） | 实际完成情况): the year's column.
    if (right.length && right.every((c) => SUB_GOAL.test(text(c.cell)))) {
      const pick =
        right.find((c) => /^(年度|当年)/.test(text(c.cell))) ?? right.find((c) => /^预期/.test(text(c.cell)));
      this.goalColumn = pick ? { x0: pick.cell.x0, x1: pick.cell.x1 } : this.goalColumn;
      return;
    }
    const col = this.goalColumn;
    const goal = col ? right.find((c) => centredInColumn(c.cell, col)) : right[0];
    if (goal) this.goalParts.push(goal.cell.text.replace(/\s+/g, ""));
  }

  /**
   * 项目名称 as the row's first cell: the name is every cell after it up to the next key (a name the grid split
   * at a gap, 2026 | 年医疗服务…, is joined; a long one is a name all the same, not a text block).
   */
  private readProject({ own, r }: RowContext): void {
    const filled = own.filter((c) => text(c.cell));
    // A name wrapped over the page break: its last characters head the next page, under an empty key cell.
    const open = this.projectOpen;
    this.projectOpen = false;
    if (open && r === 0 && filled.length === 1 && !text(own[0]!.cell)) {
      this.perf.project += filled[0]!.cell.text.replace(/\s+/g, "");
      return;
    }
    if (this.perf.project !== null) return;
    if (!filled.length || !PROJECT_KEY.test(text(filled[0]!.cell))) return;
    const rest = filled.slice(1);
    const end = rest.findIndex((c) => KEY_RE.test(text(c.cell)));
    const name = (end < 0 ? rest : rest.slice(0, end)).map((c) => c.cell.text.replace(/\s+/g, "")).join("");
    if (name) this.perf.project = name;
    this.projectOpen = Boolean(name) && r === this.rowCount - 1;
  }

  private setAmount(wan: number, printed: string, source: Source): void {
    this.perf.amount_wan = wan;
    this.perf.amount_text = printed;
    const sure = this.sureOf(source, printed);
    this.perf.amount_confidence = sure.confidence;
    this.perf.amount_flagged = sure.flagged;
  }

  /** How sure a figure read from this cell (or these, as one source) is. */
  private sureOf(source: Source, raw: string, readable = true): Sureness {
    return sureness(this.ctx, source.confidence, raw, readable);
  }

  /**
   * On a scan, 总分 with one character misread (所分 at 150 dpi JPEG q25): a two-character label of that shape whose
   * cell spans the indicator header's level columns, as only the 总分 row's does, beside a figure.
   */
  private misreadTotal({ own, first, firstText }: RowContext): boolean {
    if (this.ctx.extraction !== "ocr" || !this.header?.indicator || !/^(.分|总.)$/.test(firstText)) return false;
    const spanned = this.header.columns.filter((h) => h.x0 >= first.cell.x0 - 1 && h.x1 <= first.cell.x1 + 1);
    return spanned.length >= 2 && own.some((c) => c !== first && scoreOf(text(c.cell)) !== null);
  }

  /** 总分 and its figure, in the next cell or in the same one. */
  private readTotal({ own, first, firstText, page }: RowContext): void {
    // "总分 | 100 (分值) | 95 (得分)": under an indicator header, the figure in its score column.
    const under = (role: Role) =>
      own.find(
        (c) =>
          this.header?.indicator &&
          this.header.columns.some((h) => h.role === role && centredInColumn(c.cell, h)) &&
          scoreOf(text(c.cell)) !== null,
      );
    const weight = under("weight");
    if (weight) this.perf.total_weight = scoreOf(text(weight.cell));
    const scored = under("score");
    const num =
      (scored ? text(scored.cell) : undefined) ??
      own.map((c) => text(c.cell)).find((t, i) => i > 0 && scoreOf(t) !== null && own[i] !== weight) ??
      (scoreOf(firstText.replace(/^\D+/, "")) !== null ? firstText.replace(/^\D+/, "") : undefined);
    if (num !== undefined) {
      this.perf.total_score = scoreOf(num);
      this.perf.total_score_page = page;
      const holder = own.find((c) => text(c.cell).includes(num)) ?? first;
      const sure = this.sureOf(holder.cell, num);
      this.perf.total_score_confidence = sure.confidence;
      this.perf.total_score_flagged = sure.flagged;
      this.addFact(page, "总分", "", num, this.perf.total_score!, holder.cell);
    }
    if (this.header?.indicator) this.header = null;
    this.last = null;
  }

  /** A header row: its cells name 指标 levels, or it is a block of short labels over numbers. */
  private readHeaderRow({ grid, page, r, own: asRead, first, firstText }: RowContext): boolean {
    const own = this.ctx.extraction === "ocr" ? namedScore(namedLevels(asRead)) : asRead;
    const headerish = isHeaderish(own.map((c) => text(c.cell)));
    const header = this.header;
    if (
      header &&
      header.page === page &&
      headerish &&
      header.cells.some((c) => c.row < r && c.row + c.rowSpan > r && c.x0 > grid.x0 + 2 && c.rowSpan <= 4)
    ) {
      this.header = buildHeader([...header.cells, ...own.map((c) => c.cell)], header.firstRow, page);
      this.readTotalWeight();
      return true;
    }
    const indicatorHeader = own.some((c) => LEVEL_WORD.test(text(c.cell)));
    // "项目资金（万元） | 年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率 | 得分": a key heading an amount table.
    const amountHeader = own.some((c) => /预算数/.test(text(c.cell))) && own.some((c) => /执行数/.test(text(c.cell)));
    const keyed = KEY_RE.test(firstText) && !amountHeader;
    if (
      indicatorHeader ||
      (!header?.indicator && headerish && !keyed && own.length >= 2 && !isFullWidth(first.cell, width(grid)))
    ) {
      this.header = buildHeader(
        own.map((c) => c.cell),
        r,
        page,
      );
      this.last = null;
      this.pendingLabel = "";
      this.readTotalWeight();
      return true;
    }
    return false;
  }

  /** The total the weights make up where the indicator header prints it: 分值（90）, 权重（100分）. */
  private readTotalWeight(): void {
    if (!this.header?.indicator || this.perf.total_weight != null) return;
    for (const c of this.header.columns.filter((h) => h.role === "weight")) {
      const m = /[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[）)]$/.exec(foldText(c.path.at(-1) ?? ""));
      if (m) this.perf.total_weight = Number(m[1]);
    }
  }

  private isIndicatorRow({ grid, first, firstText }: RowContext): boolean {
    const header = this.header;
    if (!header?.indicator || isFullWidth(first.cell, width(grid))) return false;
    return !(KEY_RE.test(firstText) && first.cell.x0 <= grid.x0 + 2 && !isLevelCell(header, first.cell));
  }

  /** An indicator: its levels (carried down from the row above when spanned), target, actual, score. */
  private readIndicatorRow({ page, rowCells }: RowContext): void {
    const header = this.header!;
    const at = (role: Role) => header.columns.filter((c) => c.role === role);
    const textIn = (cols: HeaderColumn[], ownOnly: boolean) =>
      rowCells.cells
        .filter((c) => (!ownOnly || c.own) && cols.some((h) => centredInColumn(c.cell, h)))
        .map((c) => text(c.cell))
        .join("");
    // As printed (＝ stays full-width): the target's text is joined from these.
    const printedIn = (cols: HeaderColumn[]) =>
      rowCells.cells
        .filter((c) => c.own && cols.some((h) => centredInColumn(c.cell, h)))
        .map((c) => c.cell.text.replace(/\s+/g, ""))
        .join("");
    const valueCols = header.columns.filter((c) => ["target", "actual", "other", "score"].includes(c.role));
    this.readProjectColumns(rowCells, (role) => header.columns.filter((c) => c.role === role));
    if (!valueCols.some((h) => textIn([h], true)))
      return this.readWrappedIndicatorLine(textIn(at("level3"), true), (role) => textIn(at(role), true));
    const ind: Indicator = {
      page,
      goal: textIn(at("goal"), false) || this.goal,
      level1: null,
      level1_weight: null,
      level2: null,
      level2_weight: null,
      level3: "",
      level3_weight: null,
      label: "",
      target: null,
      actual: null,
      other: {},
      score: null,
      note: null,
      ...SURE,
    };
    for (const role of ["level1", "level2"] as const)
      this.readLevel(ind, role, textIn(at(role), false), levelCell(rowCells, at(role)));
    if (!ind.goal && this.last) ind.goal = this.last.goal;
    const label = this.pendingLabel + textIn(at("level3"), false);
    this.pendingLabel = "";
    ind.label = label;
    ind.level3 = stripWeight(label);
    ind.level3_weight = weightOf(label);
    // The name is read too, and its weight with it: a weight printed in it but not read is a figure lost.
    const weightLost =
      this.ctx.extraction === "ocr" && ind.level3_weight === null && WEIGHT_SHAPED.test(foldText(label));
    this.noteReading(ind, this.sureOf(sourceOf(rowCells, at("level3")), label, !weightLost));
    for (const h of valueCols) {
      const raw = textIn([h], true);
      if (raw) this.readIndicatorValue(ind, h, raw, page, sourceIn(rowCells, h));
    }
    // A 分值/权重 column beside the score: the indicator's weight, where its label prints none.
    const weightCols = ind.level3_weight === null ? at("weight").filter((h) => textIn([h], true)) : [];
    const weightCol = weightCols.find((h) => scoreOf(textIn([h], true)) !== null) ?? weightCols[0];
    if (weightCol) {
      const raw = textIn([weightCol], true);
      ind.level3_weight = scoreOf(raw);
      this.noteReading(ind, this.sureOf(sourceIn(rowCells, weightCol), raw, isFigure(raw)));
    }
    ind.note =
      at("note")
        .map((h) => textIn([h], true))
        .join("") || null;
    if (ind.target) this.readTargetParts(ind, rowCells, printedIn(at("qualifier")), printedIn(at("unit")), at);
    if (!ind.target && header.columns.some((c) => c.role === "other") && Object.keys(ind.other).length) {
      // 指标值 printed for several years: the current year's is the target.
      const cur = Object.keys(ind.other).find((k) => /当年|本年|预期|预计/.test(k)) ?? Object.keys(ind.other).at(-1)!;
      ind.target = ind.other[cur]!;
    }
    // A row printing only placeholders (经济效益指标 | / | /) names a level without indicators.
    if (isPlaceholder(ind.level3) && (!ind.target || isPlaceholder(ind.target.text))) return;
    this.perf.indicators.push(ind);
    this.last = ind;
  }

  /**
   * An indicator's 一级/二级 level: printed in its cell, or carried from the indicator above when the cell
   * spans both. A cell that starts on this page empty and runs to the page's foot prints its name on the
   * next page (the name is centred in the cell): its indicators wait for the name at the next page's top.
   */
  private readLevel(ind: Indicator, role: "level1" | "level2", t: string, cell: GridCell | null): void {
    const pending = this.pending[role];
    if (t) {
      setLevel(ind, role, t, false);
      if (cell && cell.row === 0 && pending.cell && pending.page < ind.page) {
        for (const p of pending.indicators) setLevel(p, role, t, false);
      }
      this.pending[role] = { cell: null, page: 0, indicators: [] };
      return;
    }
    // The same cell further down, or its part on the next page, still empty (the name is further on).
    const carried =
      cell && (cell === pending.cell || (pending.cell !== null && cell.row === 0 && pending.page < ind.page));
    if (cell && (carried || (cell.row > 0 && cell.row + cell.rowSpan >= this.rowCount))) {
      if (carried) this.pending[role] = { ...pending, cell, page: ind.page };
      else this.pending[role] = { cell, page: ind.page, indicators: [] };
      this.pending[role].indicators.push(ind);
      return;
    }
    if (this.last) {
      ind[role] = this.last[role];
      ind[`${role}_weight`] = this.last[`${role}_weight`];
    }
  }

  /**
   * A grid of many projects, one block of rows each (一般性项目绩效目标表): the block's 项目名称, amount
   * and 当年绩效目标 cells span its rows. The first filled cell of each is the table's (a table is one project).
   */
  private readProjectColumns(rowCells: RowCells, at: (role: Role) => HeaderColumn[]): void {
    const cellsIn = (role: Role) => rowCells.cells.filter((c) => at(role).some((h) => centredInColumn(c.cell, h)));
    const joined = (role: Role) =>
      cellsIn(role)
        .map((c) => c.cell.text.replace(/\s+/g, ""))
        .join("");
    if (this.perf.project === null && joined("project")) this.perf.project = joined("project");
    if (this.perf.annual_goal === null && joined("annual_goal")) this.perf.annual_goal = joined("annual_goal");
    const amount = cellsIn("amount")
      .map((c) => text(c.cell))
      .find((t) => isNumber(t));
    const value = amount === undefined ? null : parseAmount(amount).value;
    const cell = cellsIn("amount").find((c) => text(c.cell) === amount)?.cell;
    if (this.perf.amount_wan === null && value !== null && cell) this.setAmount(toWan(value, this.unit), amount!, cell);
  }

  /** A row with no values: a 三级指标 label split off above its row, or a wrapped line of the row above. */
  private readWrappedIndicatorLine(level3: string, levelText: (role: "level1" | "level2") => string): void {
    if (level3) {
      this.pendingLabel += level3;
      return;
    }
    if (!this.last) return;
    for (const role of ["level1", "level2"] as const) {
      const t = levelText(role);
      // A level name complete above (经济效益指标 under 成本指标) is a level without indicators, not a wrap.
      if (t && !/指标$/.test(this.last[role] ?? "")) setLevel(this.last, role, (this.last[role] ?? "") + t, true);
    }
  }

  /**
   * The target's 指标性质 (≥, ＝) and 计量单位 where printed in columns of their own: read too, so as sure as the
   * target. On a scan a 指标性质 that reads as no comparison (≥ read 全, 之, 过) is a sign that could not be read.
   */
  private readTargetParts(
    ind: Indicator,
    rowCells: RowCells,
    qualifier: string,
    unit: string,
    at: (role: Role) => HeaderColumn[],
  ): void {
    ind.target = withParts(ind.target!, qualifier, unit);
    const known = this.ctx.extraction !== "ocr" || QUALIFIER_CELL.test(foldText(qualifier));
    if (qualifier) this.noteReading(ind, this.sureOf(sourceOf(rowCells, at("qualifier")), qualifier, known));
    if (unit) this.noteReading(ind, this.sureOf(sourceOf(rowCells, at("unit")), unit));
  }

  /** An indicator is as sure as the least sure of its figures. */
  private noteReading(ind: Indicator, sure: Sureness): void {
    const both = leastSure(ind, sure);
    ind.confidence = both.confidence;
    ind.flagged = both.flagged;
  }

  private readIndicatorValue(ind: Indicator, h: HeaderColumn, raw: string, page: number, source: Source): void {
    const col = h.path.join("/");
    if (h.role === "score") {
      ind.score = scoreOf(raw);
      // A score cell with ink that reads as no number is a figure we could not read.
      this.noteReading(ind, this.sureOf(source, raw, isFigure(raw)));
      if (ind.score !== null) this.addFact(page, ind.label, col, raw, ind.score, source);
      // On a scan it keeps its row's score cell, blank and flagged (5 read 日 at 150 dpi q25): the score is said to
      // be unread, not left out as if none were printed. A placeholder (/, 无) is no score.
      else if (this.ctx.extraction === "ocr" && !isFigure(raw)) this.addFact(page, ind.label, col, raw, null, source);
      return;
    }
    // On a scan a target or actual figure behind one character that is no comparison (≥1本 read 之1本) holds a sign
    // that could not be read.
    const signRead = this.ctx.extraction !== "ocr" || !UNREAD_SIGN.test(foldText(cleanLabel(raw)));
    const m = measureOf(raw);
    // The misread rules below judge a scan's target or actual: another column's figure has no row partner to judge by.
    const scannedMeasure = this.ctx.extraction === "ocr" && h.role !== "other";
    // The digit model reads only digits: a target's ≥ before a percentage comes back a digit (≥85% read 285%).
    const signAsDigit = scannedMeasure && signReadAsDigit(m);
    this.noteReading(ind, this.sureOf(source, raw, signRead && !signAsDigit));
    if (h.role === "target" && !ind.target) ind.target = m;
    else if (h.role === "actual" && !ind.actual) ind.actual = m;
    else ind.other[col] = m;
    if (isFactMeasure(m))
      this.measureCells.set(m, this.addFact(page, ind.label, col, raw, m.value!, source, !signAsDigit));
    // A figure whose ink OCR could not read at all keeps its row, flagged and blank: it is not dropped, nor are the
    // rows after it taken a place up (Chongqing 规自 p31 中心城区规划体检报告 ≥ 1 套, its 1 read U+FFFD). So does an
    // amount whose unit's scale was misread (152万元 read 152广元 at 150 dpi q25, 1678648.28万元 read …方元 in a
    // gutter's shadow): which amount it is is not known.
    else if (scannedMeasure && (ALL_UNREAD.test(raw) || scaleUnread(m)))
      this.addFact(page, ind.label, col, raw, null, source);
    // So does a figure read with a unit its row's other measure does not print (152万元 read 162太匹 beside a target
    // of 152万元): a target and its actual are printed in one unit, so one of them is misread.
    else if (scannedMeasure && unitUnlikeRow(m, ind)) {
      this.noteReading(ind, this.sureOf(source, raw, false));
      this.addFact(page, ind.label, col, raw, null, source);
    }
    if (scannedMeasure) this.doubtPercentLost(ind, m);
  }

  /**
   * A target and its actual are printed in one unit: a figure read with no unit beside its row's other measure read
   * as a percentage (≥90% read 90 beside 100% at 150 dpi JPEG q25) lost glyphs, and its cell is flagged.
   */
  private doubtPercentLost(ind: Indicator, m: Measure): void {
    const other = [ind.target, ind.actual].find((o) => o && o !== m && o.value !== null);
    if (!other || m.value === null) return;
    const bare = (x: Measure) => x.unit === null && x.qualifier === null;
    const lost = bare(m) && other.unit === "%" ? m : bare(other) && m.unit === "%" ? other : null;
    const cell = lost && this.measureCells.get(lost);
    if (!cell) return;
    cell.flagged = true;
    this.noteReading(ind, { confidence: cell.confidence, flagged: true });
  }

  /** A full-width line: a goal (长期目标1：…), a project's name with its key, or a section title. */
  private readFullWidthLine({ firstText }: RowContext): void {
    const named = PROJECT_IN_CELL.exec(firstText);
    if (named) {
      this.perf.info[named[1]!] = named[2]!;
      return;
    }
    if (/目标/.test(firstText) && firstText.length > 6) {
      this.goal = firstText;
      this.perf.texts[firstText.split(/[:：]/)[0]!] = firstText.replace(/^[^:：]*[:：]/, "");
    }
  }

  /** Rows of a small amount table under the current header (预算执行情况, 资金来源), or its long text cells. */
  private readAmountTableRow({ page, rowCells, own }: RowContext): boolean {
    const header = this.header;
    if (!header || header.indicator) return false;
    if (own.some((c) => isNumber(text(c.cell)))) {
      readDataRow(rowCells, header, page, this.perf, this.addFact, this.unit, this.ctx);
      return true;
    }
    if (!own.some((c) => text(c.cell).length > LONG)) return false;
    own.forEach((c, i) => {
      const t = text(c.cell);
      if (t.length <= LONG) return;
      const left = i > 0 ? text(own[i - 1]!.cell) : "";
      const h = header.columns.find((x) => centredInColumn(c.cell, x));
      this.perf.texts[left && left.length <= LONG ? left.replace(/[:：]$/, "") : h?.path.join("/") || "text"] =
        c.cell.text.trim();
    });
    return true;
  }
}

/** The cell (own or spanning from above) under a level column in this row. */
function levelCell(rowCells: RowCells, cols: HeaderColumn[]): GridCell | null {
  return rowCells.cells.find((c) => cols.some((h) => centredInColumn(c.cell, h)))?.cell ?? null;
}

/** A score or weight cell as it should read: a number, or a placeholder (/, —, 无). */
function isFigure(t: string): boolean {
  return scoreOf(t) !== null || isPlaceholder(cleanLabel(t));
}

/** "/", "-", "—", "无": a cell filled only so it is not blank. */
function isPlaceholder(t: string): boolean {
  return /^([-—－/／\\]+|无)?$/.test(t);
}

function width(grid: Grid): number {
  return grid.x1 - grid.x0;
}

function cellsOfRow(cellsAt: GridCell[], r: number): RowCells {
  const out: RowCells = { r, cells: [] };
  for (const cell of cellsAt)
    if (cell && !out.cells.some((c) => c.cell === cell)) out.cells.push({ cell, own: cell.row === r });
  out.cells.sort((a, b) => a.cell.x0 - b.cell.x0);
  return out;
}

function text(c: GridCell): string {
  return cleanLabel(c.text);
}
function isFullWidth(c: GridCell, width: number): boolean {
  return c.x1 - c.x0 > 0.8 * width;
}
/** Where a value read from column h sits (the row's own cells there) and the lowest confidence of that column's cells. */
function sourceIn(rowCells: RowCells, h: HeaderColumn): Source {
  const inColumn = rowCells.cells.filter((c) => centredInColumn(c.cell, h));
  const own = inColumn.filter((c) => c.own);
  const confidences = inColumn.map((c) => c.cell.confidence);
  const box = unionBox((own.length ? own : inColumn).map((c) => c.cell));
  return { ...box, confidence: Math.max(0, Math.min(1, confidences.length ? Math.min(...confidences) : 1)) };
}
/** The row's own cells under any of these columns as one source (a label read from several cells). */
function sourceOf(rowCells: RowCells, cols: HeaderColumn[]): Source {
  const cells = rowCells.cells.filter((c) => cols.some((h) => centredInColumn(c.cell, h))).map((c) => c.cell);
  if (!cells.length) return { x0: 0, y0: 0, x1: 0, y1: 0, confidence: 1 };
  return { ...unionBox(cells), confidence: Math.min(...cells.map((c) => c.confidence)) };
}
function isLevelCell(h: Header, c: GridCell): boolean {
  return h.columns.some((x) => /level|goal/.test(x.role) && centredInColumn(c, x)) && c.x1 - c.x0 < 200;
}

/**
 * On a scan, a cell of a figure column that reads as no figure but holds a digit, or reads as junk (under
 * OcrSettings.junkRead: a 0 read 唱 at confidence 0 in a gutter's shadow), is a figure misread: kept blank and
 * flagged, not left out of its row as if none were printed.
 */
function misreadFigure(cell: GridCell, ctx: ExtractContext): boolean {
  if (ctx.extraction !== "ocr") return false;
  return /\d/.test(cell.text) || cell.confidence < (ctx.ocr ?? DEFAULT_OCR).junkRead;
}

function isNumber(t: string): boolean {
  const s = t.replace(/分$/, "");
  return s !== "" && /^[-\d.,%]+$/.test(s) && /\d/.test(s) && parseAmount(s.replace(/%$/, "")).numeric;
}

/** A header cell as OCR reads a 指标 level's name with its ordinal lost or misread: -级指标, ：级指标, 级指标, �指标. */
const LEVEL_SHAPED = /^(.级|级|.)指标$/;
const LEVEL_NAMES = ["一级指标", "二级指标", "三级指标"];

/**
 * A 自评表's indicator header prints its three levels side by side, in order: three adjacent header cells shaped so
 * (one of them misread: 二级 as -级, 三级 as ：级) are 一级, 二级, 三级 指标 from the left. Without this the header is
 * no indicator header and the rows under it are read as an amount table (their 分值 as figures, the 总分 as 100).
 */
function namedLevels(own: RowCells["cells"]): RowCells["cells"] {
  const shaped = own.map((c) => LEVEL_SHAPED.test(text(c.cell)));
  const start = shaped.findIndex((s, i) => s && shaped[i + 1] && shaped[i + 2]);
  if (start < 0 || shaped[start + 3] || shaped.filter(Boolean).length !== 3) return own;
  return own.map((c, i) => {
    const name = i >= start && i < start + 3 ? LEVEL_NAMES[i - start]! : null;
    return name && text(c.cell) !== name ? { ...c, cell: { ...c.cell, text: name } } : c;
  });
}

/**
 * A 自评表's budget header ends in its score column: 项目资金 | 年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 |
 * 执行率 | 得分. On a scan its last cell read one character off (得分 read 再分 at 150 dpi q25) is 得分: without it the
 * score column went under a header no other copy prints, and the budget row's score with it.
 */
function namedScore(own: RowCells["cells"]): RowCells["cells"] {
  const texts = own.map((c) => text(c.cell));
  const last = texts.reduce((at, t, i) => (t ? i : at), -1);
  const budgetHeader = texts.some((t) => /预算数/.test(t)) && texts.some((t) => /执行数/.test(t));
  if (!budgetHeader || texts.includes("得分") || !/^[^\d\s分]分$/.test(texts[last] ?? "")) return own;
  return own.map((c, i) => (i === last ? { ...c, cell: { ...c.cell, text: "得分" } } : c));
}

function isHeaderish(texts: string[]): boolean {
  const filled = texts.filter(Boolean);
  if (filled.length === 0) return false;
  if (filled.some((t) => isNumber(t) || t.length > 20)) return false;
  return filled.length >= 2 && filled.length > texts.length - filled.length;
}

function buildHeader(cells: GridCell[], firstRow: number, page: number): Header {
  const uniq = [...new Set(cells)].filter((c) => text(c));
  const xs = [...new Set(uniq.flatMap((c) => [c.x0, c.x1]))].sort((a, b) => a - b);
  const cols: HeaderColumn[] = [];
  for (let i = 0; i + 1 < xs.length; i++) {
    const a = xs[i]!,
      b = xs[i + 1]!;
    if (b - a < 1) continue;
    const mid = (a + b) / 2;
    const over = uniq.filter((c) => c.x0 <= mid && c.x1 >= mid).sort((p, q) => p.y0 - q.y0 || p.row - q.row);
    if (!over.length) continue;
    const path = over.map((c) => text(c));
    const prev = cols.at(-1);
    if (prev && prev.path.join("/") === path.join("/") && Math.abs(prev.x1 - a) < 1) {
      prev.x1 = b;
      continue;
    }
    cols.push({ x0: a, x1: b, path, role: "value" });
  }
  const indicator = cols.some((c) => c.path.some((p) => /^(三级指标|指标名称|指标内容)$/.test(p)));
  for (const c of cols) c.role = roleOf(c.path, indicator);
  // A cell spanning the left of the header over the whole block (年度绩效指标, 长期绩效指标) is no column.
  return { columns: cols, indicator, firstRow, page, cells: uniq.length ? [...new Set(cells)] : cells };
}

function roleOf(path: string[], indicator: boolean): Role {
  const p = path.join("/");
  const leaf = path.at(-1) ?? "";
  if (!indicator) return /名称|项目活动|来源项目|^项目$/.test(leaf) ? "label" : "value";
  if (/一级指标/.test(leaf)) return "level1";
  if (/二级指标/.test(leaf)) return "level2";
  if (/三级指标|指标名称|指标内容/.test(leaf)) return "level3";
  if (/目标名称|^绩效目标$/.test(leaf)) return "goal";
  if (/^(当年|年度)(绩效|总体)?目标$/.test(leaf)) return "annual_goal";
  if (/^项目名称$/.test(leaf)) return "project";
  if (/金额|资金|预算数/.test(leaf)) return "amount";
  if (/得分|^分数$/.test(leaf)) return "score";
  if (/权重|^分值/.test(leaf)) return "weight";
  if (/^指标性质$/.test(leaf)) return "qualifier";
  if (/^(计量)?单位$/.test(leaf)) return "unit";
  if (/依据|评分标准|备注|说明|原因/.test(p)) return "note";
  if (/实际|完成值|实现值/.test(leaf) && !/预期|预计/.test(leaf)) return "actual";
  if (path.length > 1 && /指标值|目标值/.test(path[0]!)) return /预期|预计|当年/.test(leaf) ? "target" : "other";
  if (/目标值|指标值|年度指标/.test(leaf)) return "target";
  return "note";
}

function setLevel(ind: Indicator, role: "level1" | "level2", raw: string, append: boolean): void {
  void append;
  ind[role] = stripWeight(raw);
  ind[`${role}_weight`] = weightOf(raw);
}

export function weightOf(s: string): number | null {
  const m = WEIGHT_RE.exec(foldText(s).replace(/\s+/g, ""));
  return m ? Number(m[1]) : null;
}
function stripWeight(s: string): string {
  return s.replace(/[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]?/g, "").trim();
}

export function scoreOf(raw: string): number | null {
  const s = foldText(raw).replace(/\s+/g, "").replace(/分$/, "").replace(/,/g, "");
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

/**
 * "10,300 人次" → 10300 人次; "100%" → 100 %; "≤7.2万元" → 7.2 万元 with ≤; "显著提升", "2026年12月底前" → text
 * only.
 */
export function measureOf(raw: string): Measure {
  const t = cleanLabel(raw);
  // A date or deadline (2026年12月底前, 2026年6月30日前) is text: its year is no quantity.
  if (/^\d{4}年/.test(foldText(t))) return { text: t, value: null, unit: null, qualifier: null };
  const m = /^([<>≤≥≦≧＜＞]=?|不低于|不高于|不少于|不超过|大于|小于)?(\d[\d,]*(?:\.\d+)?|\.\d+)(.*)$/.exec(foldText(t));
  if (!m) return { text: t, value: null, unit: null, qualifier: null };
  return { text: t, value: Number(m[2]!.replace(/,/g, "")), unit: m[3] || null, qualifier: m[1] ?? null };
}

/** A bare number, a percentage or an amount in 万元: the answer-key rule for indicator facts. */
/** A cell read as nothing but marks of what OCR could not read. */
const ALL_UNREAD = new RegExp(`^[${UNREAD_MARK}\\s]+$`);

/** An amount read with its unit's scale misread: a figure, no sign, and a unit of one character and 元 no unit is. */
function scaleUnread(m: Measure): boolean {
  return m.value !== null && m.qualifier === null && /^\S元$/.test(m.unit ?? "") && !(m.unit! in TO_WAN);
}

/** A figure with a unit, beside its indicator's other measure (target or actual) read with a figure and another unit. */
function unitUnlikeRow(m: Measure, ind: Indicator): boolean {
  const other = [ind.target, ind.actual].find((o) => o && o !== m && o.value !== null && o.unit);
  return m.value !== null && m.unit !== null && other !== undefined && foldText(other!.unit!) !== foldText(m.unit);
}

/**
 * A percentage over 100 that is one at most 100 behind one more digit, read with no sign (≥85% read 285%): the sign,
 * which the digit model cannot read as itself, read as a digit.
 */
function signReadAsDigit(m: Measure): boolean {
  const rest = /^\d(\d+(?:\.\d+)?)%$/.exec(foldText(m.text).replace(/\s+/g, ""));
  return m.unit === "%" && m.qualifier === null && m.value! > 100 && rest !== null && Number(rest[1]) <= 100;
}

export function isFactMeasure(m: Measure): boolean {
  return m.value !== null && m.qualifier === null && (m.unit === null || m.unit === "%" || m.unit === "万元");
}

/** A unit printed in a label: 资金金额（万元）, 金额(元). */
function unitIn(s: string): PrintedUnit | null {
  const m = /[（(](亿元|千元|万元|元)[)）]/.exec(s);
  return m ? (m[1] as PrintedUnit) : null;
}

/** The target cell read with its 指标性质 (≥, ＝) and 计量单位 columns, where the form prints them apart. */
function withParts(m: Measure, qualifier: string, unit: string): Measure {
  if (!qualifier && !unit) return m;
  const q = foldText(qualifier).replace(/^＝$/, "=") || null;
  const u = unit && !m.text.endsWith(unit) ? unit : "";
  return {
    text: (m.qualifier || !q ? "" : qualifier) + m.text + u,
    value: m.value,
    unit: m.unit ?? (unit || null),
    qualifier: m.qualifier ?? (m.value === null ? null : q),
  };
}

/** The year's goal text from the free-text blocks, by the keys forms print (年度目标 before 总体目标 …). */
function annualGoal(texts: Record<string, string>): string | null {
  for (const re of GOAL_KEYS) {
    const key = Object.keys(texts).find((k) => re.test(cleanLabel(k)));
    if (key && texts[key]!.trim()) return texts[key]!.replace(/\s+/g, "");
  }
  return null;
}

function amountUnit(parts: TablePart[], unit: PrintedUnit): PrintedUnit {
  if (unit === "万元") return unit;
  for (const p of parts) for (const c of p.structure.grid.cells) if (/[（(]万元[）)]/.test(c.text)) return "万元";
  return unit;
}

/** The printed cell(s) a figure was read from: their box and confidence (a GridCell is one). */
type Source = Box & { confidence: number };
/** Adds a figure's cell to its row (`readable` false: read, but flagged as not surely what is printed). */
type AddFact = (
  page: number,
  label: string,
  column: string,
  raw: string,
  value: number | null,
  source: Source,
  readable?: boolean,
) => Cell;

function readKeyValues(cells: GridCell[], page: number, perf: Performance, addFact: AddFact, unit: PrintedUnit): void {
  for (let i = 0; i < cells.length; i++) {
    const key = text(cells[i]!);
    if (!key || isNumber(key)) continue;
    const next = cells[i + 1];
    const val = next ? text(next) : "";
    if (!next || (KEY_RE.test(val) && !KEY_RE.test(key))) continue;
    const k = key.replace(/[:：]$/, "").replace(/[:：].*$/, "");
    if (val.length > LONG || (/目标|分析|措施|概述|任务|理由|内容|变动/.test(k) && !isNumber(val)))
      perf.texts[k] = next.text.trim();
    else perf.info[k] = val;
    if (isNumber(val) && !NOT_FACT_KEY.test(k) && !/^\d{4}$/.test(val)) {
      const p = parseAmount(val.replace(/%$/, ""));
      if (p.value !== null) addFact(page, k, "", val, /%$/.test(val) ? p.value : toWan(p.value, unit), next);
    }
    i++;
  }
}

function readDataRow(
  rowCells: RowCells,
  header: Header,
  page: number,
  perf: Performance,
  addFact: AddFact,
  unit: PrintedUnit,
  ctx: ExtractContext,
): void {
  const inCol = (c: GridCell) => header.columns.find((h) => centredInColumn(c, h));
  let label = "";
  const labelCol = header.columns.find((h) => h.role === "label");
  if (labelCol)
    label = rowCells.cells
      .filter((c) => inCol(c.cell) === labelCol)
      .map((c) => text(c.cell))
      .join("");
  const firstNum = rowCells.cells.findIndex((c) => c.own && isNumber(text(c.cell)));
  if (!label)
    for (let i = firstNum - 1; i >= 0; i--) {
      const t = text(rowCells.cells[i]!.cell);
      if (t && !isNumber(t)) {
        label = t;
        break;
      }
    }
  if (!label) return;
  const values: Record<string, number> = {};
  let sure = SURE;
  for (const c of rowCells.cells) {
    const t = text(c.cell);
    const h = c.own && t ? inCol(c.cell) : undefined;
    if (!h) continue;
    const col = h.path.join("/");
    if (!isNumber(t)) {
      if (h !== labelCol && misreadFigure(c.cell, ctx))
        addFact(page, label, col, c.cell.text.replace(/\s+/g, " ").trim(), null, c.cell);
      continue;
    }
    const pct = /%$/.test(t);
    const p = parseAmount(t.replace(/%$/, "").replace(/分$/, ""));
    if (p.value === null) continue;
    const v = pct || /得分|分值|权重|执行率|占比|比例/.test(col) ? p.value : toWan(p.value, unit);
    values[col] = v;
    sure = leastSure(sure, sureness(ctx, c.cell.confidence, t));
    addFact(page, label, col, c.cell.text.replace(/\s+/g, " ").trim(), v, c.cell);
  }
  const cols = Object.keys(values);
  const find = (re: RegExp) => {
    const k = cols.find((c) => re.test(c));
    return k === undefined ? null : values[k]!;
  };
  if (cols.some((c) => /预算数/.test(c)) && cols.some((c) => /执行数/.test(c))) {
    const rateText = rowCells.cells.map((c) => text(c.cell)).find((t) => /%$/.test(t)) ?? "";
    const scoreCol = header.columns.find((h) => /得分/.test(h.path.join("/")));
    const b: BudgetExecution = {
      // 执行率 is B/A: the 全年预算数（A） where a 年初预算数 is printed beside it.
      page,
      label,
      budget_wan: find(/[(（]A[)）]/) ?? find(/预算数/),
      executed_wan: find(/[(（]B[)）]/) ?? find(/执行数/),
      rate: find(/执行率/),
      rate_decimals: rateText ? (rateText.replace(/%$/, "").split(".")[1]?.length ?? 0) : null,
      score: find(/得分/),
      weight:
        find(/^(分值|权重)$|\/(分值|权重)$/) ??
        weightOf(scoreCol?.path.join("/") ?? "") ??
        weightOf(
          rowCells.cells
            .filter((c) => !c.own)
            .map((c) => text(c.cell))
            .join(""),
        ),
      ...sure,
    };
    perf.budget.push(b);
  }
}
