/**
 * Every tolerance the layout stage and the table stitching use, in one place
 * (pdfplumber's TableSettings instead of numbers scattered through the code).
 * Each setting is documented with its default; `layoutSettings()` validates a
 * partial override (ExtractOptions.layout) and fills in the rest. Distances are
 * in PDF points unless a name says em (a share of the font size) or a share.
 */
import { z } from "zod";
import { count, parseSettings, share } from "../settings.js";

const points = () => z.number().nonnegative();

export const LayoutSettingsSchema = z.strictObject({
  // Rulings (lines.ts, grid.ts)
  /** Rulings closer than this along their cross axis are the same line. Default 2. */
  snapTolerance: points().default(2),
  /** Collinear segments with gaps up to this are joined. Default 3. */
  joinTolerance: points().default(3),
  /** A ruling reaches a cell edge if it covers it to within this. Default 2.5. */
  edgeTolerance: points().default(2.5),
  /** Horizontal rules of a table drawn without verticals belong together when at most this far apart… Default 40. */
  stackedRuleGap: points().default(40),
  /** …and overlapping by more than this share of the shorter one. Default 0.8. */
  stackedRuleOverlap: share().default(0.8),

  // Grid (grid.ts, page-tables.ts)
  /** Minimum gap between text blocks for a column gutter without a ruling… Default 5. */
  minGutter: points().default(5),
  /** …or, for small print, this share of the font size if smaller (a word space is about 0.25 em). Default 0.45. */
  minGutterEm: z.number().positive().default(0.45),
  /** …but never less than this. Default 2. */
  minGutterFloor: points().default(2),
  /** A ruled region needs at least this many rows and columns to be a table. Defaults 1 and 2. */
  minRows: count().default(1),
  minCols: count().default(2),
  /** Smallest ruled region taken for a table; smaller networks are underlines or boxes. Defaults 120 and 8. */
  minTableWidth: points().default(120),
  minTableHeight: points().default(8),
  /**
   * A line of words in a figure's cell that reaches more than this past the cell's top or bottom rule spilled over
   * from the cell across that rule (grid.ts returnSpilledLines). Default 1.
   */
  spillPastRule: points().default(1),
  /** Text above a table may reach this far up into the previous table's bottom edge… Default 1. */
  aboveTopSlack: points().default(1),
  /** …and this far down into the table's own top edge. Default 2. */
  aboveBottomSlack: points().default(2),

  // Lines of text (chars.ts)
  /**
   * Glyphs share a line when their vertical centres differ by less than this
   * share of the smaller of font size and line height. Default 0.45.
   */
  sameLineEm: z.number().positive().default(0.45),
  /** A gap wider than this share of the font size between glyphs is written as a space. Default 0.3. */
  wordGapEm: z.number().positive().default(0.3),

  // Tables printed without rulings (stream.ts)
  /** A rule-less table needs this many lines with figures in columns (unless a title heads it). Default 3. */
  minFigureLines: count().default(3),
  /** Lines belong to one rule-less table when the gap between them is under this many line heights. Default 2.5. */
  streamLineGap: z.number().positive().default(2.5),
  /** A line this short (characters) may be a header line even without column gaps. Default 12. */
  headerLineMaxChars: count().default(12),
  /** Header lines closer than this share of the line height are one wrapped header row. Default 0.5. */
  headerWrapGap: share().default(0.5),
  /** Within one line, a visible gap of this share of the font size separates segments. Default 0.33. */
  segmentGapEm: z.number().positive().default(0.33),
  /** The virtual rulings of a rule-less table stand this far outside its text. Default 2. */
  streamMargin: points().default(2),

  // Header and columns (structure.ts)
  /** A column is a code or a value column when this share of its body cells are codes / figures. Default 0.6. */
  columnRoleShare: share().default(0.6),
  /**
   * On a scan whose kind is known, a header cell is snapped to the words that kind prints (src/header-words.ts),
   * words of this many characters or more (合计, 收入: the kind and the header position vouch for short words,
   * which out of context are too near each other). Default 2.
   */
  headerWordMinLength: count().default(2),
  /** A row numbering the columns (1, 2, 3 …, a 栏次 row) needs at least this many cells. Default 3. */
  stubRowMinCells: count().default(3),
  /**
   * A 栏次 row read by OCR (some numbers misread) still counts when this share of its cells from the first column
   * number on hold their own number. Default 2/3.
   */
  stubRowInPlaceShare: share().default(2 / 3),
  /**
   * …or, for the row where the header ends (the first that would be body), this share when every cell is a mark of
   * one or two characters (at 150 dpi ** ** 1 2 3 4 5 6 7 8 9 10 11 came back � � 1 0 3 1 0 6 下 R 9 10 1 and went
   * out as data: five in place). Default 1/3.
   */
  stubRowHeaderEndShare: share().default(1 / 3),
  /**
   * …or, for that row, at least this many numbers (and `stubRowInPlaceShare` of them) numbering the grid column they
   * stand in, every other cell ** or a mark read unsure (at one bit ** ** 1 2 3 ** read 来来 素来 1 9 3 来末). Default 2.
   */
  stubRowColumnNumbers: count().default(2),
  /**
   * A figure of at most this many digits, alone in a header row whose figure columns hold words (预算数 read 2 beside
   * 搞算数 所算数), is a misread header word: the header does not end there (structure.ts). Default 2.
   */
  headerStrayFigureDigits: count().default(2),

  // Titles and stitching across pages (src/tables.ts)
  /** Lines at the foot of a page that may hold the title of the next page's first table. Default 4. */
  carriedLines: count().default(4),
  /** A title line this short (characters) continues the line above it (a wrapped title). Default 8. */
  wrappedTitleMaxChars: count().default(8),
  /** Longer lines are sentences, not titles. Default 60. */
  titleMaxChars: count().default(60),
  /** The first line of a wrapped title is set in the same type: font sizes within this. Default 0.6. */
  titleSizeTolerance: points().default(0.6),
  /** …just above: a gap under this many times the font size. Default 1.2. */
  titleLineGapEm: z.number().positive().default(1.2),
  /** …and centred alike: centres within this many times the font size. Default 3. */
  titleCentreEm: z.number().positive().default(3),
  /** A continuation page's column rules sit within this of the first page's… Default 4. */
  continuationTolerance: points().default(4),
  /** …for at least this share of them. Default 0.6. */
  continuationShare: share().default(0.6),

  // Scanned tables (src/unread-tables.ts)
  /**
   * A scanned table page with more than this share of its columns under headers OCR could not read (or read as no
   * word of its form) is not known column by column: every cell of it is flagged and a check fails. Default 0.5.
   */
  unreadHeaderShare: share().default(0.5),
  /**
   * …or with at least this many row labels holding an amount (296,030.91 read into 一、一般公共预算财政拨款's label): a
   * column of figures was taken for labels, so figures are missing from the columns. Default 2.
   */
  amountLabels: count().default(2),
  /**
   * …or with at least `doubtfulCodes` coded rows, and more than `doubtfulCodeShare` of them, whose code cannot be as
   * printed: not 3, 5 or 7 digits of a classification, or under a 类 or 款 the table prints but not above it. Such codes
   * were misread (held-out 3 Jiangsu 检察院 at one bit: 204 read 20, 20404 read 20101), so rows may be missing or
   * stand under other codes. Defaults 2 and 0.25.
   */
  doubtfulCodes: count().default(2),
  doubtfulCodeShare: share().default(0.25),
  /**
   * …or with at least this many row codes of no classification's shape left after extractors/code-mend.ts (a code it
   * could not mend from its neighbours or its label), in a table whose other codes are a classification's: the row
   * printed there went out under a code the form does not print, so the printed code has no cells (held-out 3 Jiangsu
   * 检察院 p12 at one bit: 30101 read 0; Xi'an 安监 p17: 21011 read 1). Also the least number of rows read with figures
   * and no code between two coded rows in order (a body row's code lost; held-out 4 Shenzhen p28). Default 1.
   */
  unshapedCodes: count().default(1),
  /**
   * A scanned table of amounts with no unit found: a line read below the flag threshold (or a 单位 label with no unit
   * after it) whose bottom is within this of the grid's top is its unit misread, and its figures are flagged. The
   * unit line sits just above the grid (2-5 pt on the scans); the page number and the title are further up. Default 8.
   */
  unitLineReach: points().default(8),
  /**
   * A 单位 line OCR misread gives its unit when the word after the colon is within this many edits of one unit and
   * nearer it than any other (src/normalize/amount.ts snapMisreadUnit: 单位：邢 is 元); 0: only a unit read exactly
   * (得位： 万元). Default 1.
   */
  unitEdits: z.number().int().min(0).default(1),
  /**
   * A scanned page giving no table, on which OCR read at least this many figures standing alone with their decimals
   * (a table's cells; prose prints its figures in sentences), is said to have lost its table (a warning and a failed
   * check naming the page; src/unread-tables.ts flagLostTables). Default 6.
   */
  lostTableFigures: count().default(6),
});

export type LayoutSettings = z.output<typeof LayoutSettingsSchema>;
/** Overrides: any subset of the settings. */
export type LayoutSettingsInput = z.input<typeof LayoutSettingsSchema>;

export const DEFAULT_LAYOUT: LayoutSettings = LayoutSettingsSchema.parse({});

/** The defaults with `overrides` applied; throws a one-line error naming a bad or unknown setting. */
export function layoutSettings(overrides: LayoutSettingsInput = {}): LayoutSettings {
  return parseSettings(LayoutSettingsSchema, overrides, "layout");
}

/** The gutter width for text of this size. */
export function gutterFor(s: LayoutSettings, size: number): number {
  return Math.min(s.minGutter, Math.max(s.minGutterFloor, s.minGutterEm * size));
}
