/**
 * Every tolerance the OCR stage uses, in one place (as src/layout/settings.ts does for the layout stage).
 * Each setting is documented with its default; `ocrSettings()` validates a partial override
 * (ExtractOptions.ocrSettings) and fills in the rest. Pixel sizes are at 200 dpi and scaled to the page's
 * resolution where they are used.
 *
 * Not settings (they stay where they are): regexes and character sets (what a code, an amount or a stray
 * character looks like, the digit model's whitelist), the flag threshold LOW_CONFIDENCE (shared with the
 * normalizer, src/pdf/model.ts), and the sizes of the recogniser's shared pools and queues (workers,
 * pages in flight, jobs per worker set, lines per strip, idle time): they are shared by every page and
 * document in the process, so one call's override could not apply to its own pages only.
 */
import { z } from "zod";
import { count, parseSettings, share } from "../settings.js";

const pixels = () => z.number().int().positive();
const greyLevels = () => z.number().int().min(0).max(255);

export const OcrSettingsSchema = z.strictObject({
  // Whether a page needs OCR (detect.ts)
  /** Fewer visible characters than this: no real text layer (a scan, maybe with a page number). Default 20. */
  minTextChars: count().default(20),
  /** More junk than this share of the characters: fonts without a usable ToUnicode map. Default 0.15. */
  maxJunkShare: share().default(0.15),

  // Pixels (raster.ts, image.ts)
  /** Resolution a page is rendered at when it is not one page-sized image (read natively). Default 200. */
  renderDpi: z.number().positive().default(200),
  /**
   * A scan finer than this is reduced to renderDpi before anything else: each step costs by the pixel, and
   * 200 dpi print reads as well (300 dpi Fuzhou: 2.6 -> 1.9 CPU-s a page, same cells). Default 250.
   */
  maxScanDpi: z.number().positive().default(250),
  /**
   * Channel spread (max - min) above which a light pixel is coloured ink (a seal's red): paper. Black print
   * has none, a JPEG'd seal's faded strokes still well over this. Default 60.
   */
  colouredSpread: greyLevels().default(60),
  /**
   * The deskew's interpolation: null, bilinear; a number, Keys' cubic with that parameter (-0.5 is Catmull-Rom).
   * Opt-in: on 150 dpi small print the cubic reads far more figures exactly (bench/small-print.ts --cells
   * --rotated, -0.5: Xi'an p153 24 -> 41 of 93, held-out pages 427 -> 460 of 571), but the tables built from the
   * reads moved both ways on the corpus (src/ocr/README.md), so the default stays bilinear. Default null.
   */
  deskewCubic: z.number().min(-1).max(0).nullable().default(null),
  /**
   * The deskew's search, in degrees either way. Sheets lie 2.5-3° askew on the glass in archives (held-out 3:
   * Guangzhou p20-21, Chongqing 气象 p12-13, Xi'an 民政 p44); searched to ±2 they stayed 0.6-1° askew and lost their
   * grid, unflagged. Beyond about 5° a 2 px rule's runs on one pixel row are shorter than the 12 px the search takes
   * its points from. Default 4.
   */
  maxSkew: z.number().positive().max(5).default(4),
  /**
   * A point of a long horizontal stroke whose column of ink is this tall (px at 200 dpi; gaps of a pixel or two
   * bridged), or runs into the image's edge, lies inside solid ink and does not vote on the skew. A photocopy's dark
   * band along an edge, a black border or a book's gutter shadow is rows of ink as straight as the image whatever the
   * sheet's skew: held-out 3 Xi'an 民政 p44, -2.5° with a band along the bottom, was read at 0° and lost its table.
   * A rule or a text line's stroke is a few pixels tall; only where a vertical rule crosses it is its column taller
   * (one point of a rule's hundreds). Default 40.
   */
  solidInkHeight: pixels().default(40),
  /**
   * …and so is the ink this far either side of it (px at 200 dpi): where a vertical rule crosses a horizontal one
   * only the rule's own column is tall (counted as solid, it moved 安监 p18 bilevel 0.39 -> 0.40°). Default 6.
   */
  solidInkSide: pixels().default(6),
  /**
   * A landscape page scanned sideways (src/ocr/orientation.ts) is known by its grid: at least this many cells…
   * Default 12.
   */
  sidewaysMinCells: count().default(12),
  /** …of which at least this share are taller than wide (upright budget tables have short rows). Default 0.75. */
  sidewaysTallShare: share().default(0.75),
  /** Its longest lines of print read both ways to find which turn puts it upright: this many. Default 6. */
  sidewaysSampleLines: count().default(6),
  /**
   * A page fed upside down (src/ocr/orientation.ts liesUpsideDown) is known by its punctuation: marks of ink alone
   * between blank columns, no wider than this share of their line's height (a point, a comma, 、)… Default 0.35.
   */
  upsideDownMarkWidth: share().default(0.35),
  /**
   * …at least this share of the line's height high (smaller specks are noise) and this many times as high as wide
   * (stroke ends of characters standing apart are flat)… Defaults 0.2 and 0.6.
   */
  upsideDownMarkMinSize: share().default(0.2),
  upsideDownMarkMinShape: z.number().positive().default(0.6),
  /** …lying within this share of the line's height from its top (print turned over) or foot (upright)… Default 0.4. */
  upsideDownMarkDepth: share().default(0.4),
  /**
   * …this many times as many at the top as at the foot (and at least one) lean the page upside down, and at least
   * this many of them turn it; fewer, its longest lines are read both ways. Held-out 4: the upside-down pages hold
   * 16-37 at the top and none at the foot, the last (a table's tail of 13 figures) 2 and none; of the 145 upright
   * pages of the other sets (of the long scans, their first six) none leans (at most 3 at the top against 1 at the
   * foot: bilevel Xi'an 安监 p17), so none is read twice. The count costs 1-9 ms a page. Defaults 6 and 4.
   */
  upsideDownMinMarks: count().default(6),
  upsideDownMarkRatio: z.number().positive().default(4),
  /**
   * A page cut short by the scan's edge (src/ocr/edges.ts): at least this many of its table's rules run to within
   * `cutEdgeShare` of one edge of the image (held-out 4: 7 column rules at the cut foot of Xi'an 人社 p32, 38 row rules
   * at the cut right of Fuzhou 医保 p13; no page of the other sets has one)… Defaults 2 and 0.015.
   */
  cutEdgeRules: count().default(2),
  cutEdgeShare: share().default(0.015),
  /** …rules lying within this share of the page from its sides not counted (a shadow or band along them)… 0.1. */
  cutEdgeInside: share().default(0.1),
  /**
   * …and the edge's strip in the scan as it came no darker than this share (a gutter's shadow is 0.84 dark along the
   * edge it darkens, which its rules run into; a cut edge 0.04-0.14, its print cut through). Default 0.4.
   */
  cutEdgeDark: share().default(0.4),
  /** Lines shorter than this (pixels) are specks, not print, for that count. Default 6. */
  upsideDownMinLinePx: count().default(6),
  /**
   * Small print: on a page whose CJK lines in the cells are under this many pixels high (90th percentile of
   * one-line cells, in the page's own pixels), a row of word cells holding an unread or unsure one is read again
   * as one line (src/ocr/row-reread.ts). Default 15: the corpus's 150 dpi Xi'an 卫健委 p153 prints 6 pt (13 px
   * lines); the other scans' print is 16 px and over, but held-out 200 dpi 生态环境 p27 (14 px: as before) and
   * held-out 2 安监 p32 (13 px: 96 -> 98 of 108 cells). src/ocr/README.md. 0: never.
   */
  smallPrintPx: z.number().int().min(0).default(15),
  /**
   * …and the digit model's crops of its lines are cut from the page deskewed onto a grid this many times finer by
   * one cubic interpolation (rotateEnlarged), not from the deskewed page enlarged bilinearly (1: never). Default 2.
   */
  smallPrintEnlarge: z.number().int().min(1).max(4).default(2),
  /** Keys' cubic parameter of that deskew (-0.5 is Catmull-Rom). Default -0.5. */
  smallPrintCubic: z.number().min(-1).max(0).default(-0.5),
  /**
   * Small print's figures read again by the page's own glyphs (glyphs.ts): a read differing from the models' is
   * taken (flagged) only when each of its digits is at least this many times nearer one template than any other
   * (squared distance). Default 1.1.
   */
  glyphMargin: z.number().min(1).default(1.1),
  /** …and its glyphs are at most this many times as far from their templates as the page's median figure. 2. */
  glyphFit: z.number().min(1).default(2),
  /** …on a page whose well-formed figure reads hold at least this many glyphs of every digit. Default 3. */
  glyphSamples: count().default(3),
  /**
   * …and whose well-formed figure reads the templates read back as read, at least this share of them: the page's
   * font prints every character of a figure at one pitch. Default 0.5.
   */
  glyphAgreement: share().default(0.5),
  /**
   * Figures of print that is not small read again by the page's own glyphs too, on a page of poor print
   * (glyphUnsureShare; page.ts rereadFiguresByGlyphs): only those unsure reads may be replaced, and the page's font may
   * lack a template for a digit its reads never hold surely (a one-bit scan's 4, always read 1), when at least this
   * many digits have one. 10: as small print (every digit). Default 8.
   */
  glyphPartialDigits: z.number().int().min(1).max(10).default(8),
  /**
   * …on a page where at least this share of the amounts were read unsurely (Xi'an 安监 p16-18 at one bit 0.28-0.41;
   * the corpus's Fuzhou p12 at 300 dpi 2 of 56, which would pay 0.2-0.35 CPU-s for the pass). Default 0.1.
   */
  glyphUnsureShare: share().default(0.1),
  /**
   * …there a read is taken only when each digit is this many times nearer one template than any other (Xi'an 安监
   * p16-18 at one bit: the right reads 1.5-7.2, the 4s with no template read 3 at 1.37-1.51). Default 1.5.
   */
  glyphUnsureMargin: z.number().min(1).default(1.5),
  /**
   * …and each digit's glyph at most this many times as far from its template (per pixel) as the page's median
   * figure: a 4 with no template was 4.4-10.5 times, the right reads 0.7-3.3. Default 3.5.
   */
  glyphWorst: z.number().min(1).default(3.5),
  /** Paper brightness varying by more than this across the page is uneven light, evened out. Default 30. */
  unevenLight: greyLevels().default(30),

  // Rules and cells (lines.ts, cells.ts, overlap.ts)
  /** Share of a followed faint rule's length that must hold ink: a rule is nearly continuous, glyphs are not. 0.85. */
  faintCoverage: share().default(0.85),
  /**
   * Share of a vertical rule's length that must hold ink in a band a pixel either side of its line (the lighter
   * cut): a rule is straight. Strokes of neighbouring glyphs that line up down a column (事, 老, 会, 和 at 150 dpi)
   * chain into a long crooked "rule" stepping between pixel columns, with ink there over 0.72-0.91 of it; the
   * rules of the scans hold 0.98 or more. Default 0.95.
   */
  straightCoverage: share().default(0.95),
  /**
   * A vertical rule crossing fewer rows than this must run into the horizontal rules at both its ends (lines.ts
   * touchesEndRules); a longer one need only end near them. Strokes of a glyph printed at one place in rows that
   * follow each other (机 of 1、机关… over 2、机关…, under Xi'an 安监 p6's seal) chain across the rule between them
   * and start 4-6 px short of the rule above: at 2 they were kept as rules of two rows and cut the label column,
   * its pieces read as rows of labels of their own. Real rules of a scan reach their end rules. Default 3.
   */
  endTouchRows: count().default(3),
  /** Cells are found at 1/this resolution (labelling every pixel is the slow part), less where rules lie close. 4. */
  cellReduce: count().default(4),
  /** Free reduced pixels a row between two rules must keep (a rule is drawn 3 reduced pixels thick). Default 4. */
  minFreeRow: count().default(4),
  /** How much darker than a rule's own profile a pixel must be to be a glyph printed over it. Default 40. */
  darkerThanRule: greyLevels().default(40),
  /**
   * Dark pixels a group in a rule's fringe (the 2 px of blur either side, at any resolution: not scaled) needs to
   * be a glyph, such as the 1 of a figure flush on its rule at 150 dpi, rather than a speck. Default 4.
   */
  minFringeGlyph: count().default(4),
  /**
   * How near (px, not scaled, like the fringe) that group must come to ink outside the band: the gap between two
   * digits of a figure. A drifting rule's pieces beside a header word were read as a comma (决算数，). Default 3.
   */
  fringeGlyphGap: pixels().default(3),

  // Cells and lines of text (page.ts)
  /** Ink pixels (at 200 dpi) a cell needs to hold anything: below it is noise. Default 20. */
  minCellInk: pixels().default(20),
  /** Ink pixels in a row (at 200 dpi) for it to be part of a text line outside the grid, not noise. Default 3. */
  minRowInk: pixels().default(3),
  /** Text lines read on a page without a grid when prose is "head": a heading or title is in them. Default 3. */
  proseHeadLines: count().default(3),
  /**
   * A page without a grid is read whole when at least gridlessTableRows of its text lines are each cut into at least
   * gridlessTableColumns phrases at wide gaps (page.ts phraseRows): a table whose rules were not found. Defaults 4, 3.
   */
  gridlessTableRows: count().default(4),
  gridlessTableColumns: count().default(3),
  /**
   * A page without a grid holding print at least this share of the page tall (and wide) that does not part into
   * lines looks like a table askew (page.ts tangledPrint): not read, but named if it gives no table
   * (src/unread-tables.ts flagLostTables). A line of print is about 2% of a page's height. Default 0.25.
   */
  tangledPrintShare: share().default(0.25),
  /** Figures shorter than this (px at 200 dpi) are enlarged to it for the digit model (13.95 read 13195 at 23). 34. */
  digitLineHeight: pixels().default(34),
  /**
   * The blank after a decimal point is narrowed to this share of the line's height in the digit model's image,
   * on scans finer than maxScanDpi (reduced to renderDpi). Some fonts print the point as wide as a digit (Fuzhou
   * 1073. 21): the digit model reads such a figure right with a confidence near 0, so the Chinese model had to
   * read every figure too (Fuzhou 300 dpi: 47.5 such reads a page, 0.43 CPU-s). Not on scans read at their own
   * 150-200 dpi, which meet the time aim without it and whose reads it moved on the held-out scans. Default 0.15.
   */
  pointGap: share().default(0.15),
  /**
   * Sure reads of the digit model on such a page that the Chinese model reads too, as a sample, before the
   * others are taken alone (read.ts FigureCheck: the digit model reads some fonts' 4 as 1, surely). 0: every
   * sure read taken alone. Default 16.
   */
  figureSample: z.number().int().min(0).default(16),
  /**
   * A line's crop takes in the pale edges of its glyphs (grey ink the binary cut left out) up to this share of its
   * height before its ink (crop.ts widenToGreyInk), on figures and codes of pages read below greyInkDpi. 0: never.
   * Default 0.5.
   */
  greyInkReach: share().default(0.5),
  /**
   * …pages read at fewer dots an inch than this: at 120 dpi a pale glyph's grey edge is a third of it (Jiangsu 政协
   * 2017 p9: 30102 read 0102); at 200 dpi the one column it added turned the corpus's Xi'an 人社 p30 482.46 (read
   * unsurely either way: that font's 4 is read 1) into 182.46. 150 dpi scans (p153) left as they were. Default 140.
   */
  greyInkDpi: z.number().positive().default(140),
  /** CJK lines shorter than this (px at 200 dpi, about 9 pt) are enlarged to textLineHeight. Default 24. */
  smallTextLine: pixels().default(24),
  /** …the height small CJK print is enlarged to (a wrapped 元 of 609.95万元 is read right at it). Default 32. */
  textLineHeight: pixels().default(32),
  /**
   * A text line the Chinese model reads as nothing is read again with its strokes thinned by this many pixels of
   * the enlarged line (bold 5.4 pt 预算数 headers on a 300 dpi scan); 0: never. Default 1.
   */
  unreadThinning: z.number().int().min(0).default(1),
  /**
   * A text line read with a confidence under this is junk and is read again enlarged junkRereadScale times
   * (bold.ts rereadJunk; Chongqing 气象 p7's 科 目 read "8" at 0.02). Default 0.1.
   */
  junkRead: share().default(0.1),
  /** …the enlargement of that second look (科 目: 0.85 at 1.5, 0.92 at 2); 1 or less: never. Default 2. */
  junkRereadScale: z.number().positive().default(2),
  /**
   * On small print, a header cell's line read unsurely as no header word is read again, cut from the finer page, at
   * each of these line heights (px of the image read; src/ocr/header-reread.ts): which size reads such a line is
   * erratic. On Xi'an 卫健委 p153 (150 dpi 6 pt, 13 px lines, 26 px on the finer page) read at 20 to 28 px,
   * 一般公共预算财政拨款 came within the vocabulary's edits of its word at most sizes, 政府性基金预算财政拨款 at one or
   * two, and never at the same one as 国有资本经营预算财政拨款; these four reach all three. []: never.
   * Default [21, 23, 25, 27].
   */
  headerRereadHeights: z.array(pixels()).default([21, 23, 25, 27]),

  // Two models on one figure (read.ts)
  /** Digit-model confidence at which a digits-first read is taken without asking the Chinese model. 0.85. */
  digitsFirstAccept: share().default(0.85),
  /** Below this a model's read does not count against the other's (noise, not a dissenting vote). Default 0.3. */
  ignoredReadConfidence: share().default(0.3),
  /** Confidence given to an amount the two models read differently: below the flag threshold (0.8). Default 0.5. */
  disagreementConfidence: share().default(0.5),
  /**
   * A sure amount whose "1" is inked at least this share as wide as the median of its line's other digits is given
   * disagreementConfidence (flagged): a thin 4 read 1 (wide-ones.ts). Measured on the digit model's crops of the
   * corpus and held-out 3 Xi'an 人社 scans: printed 1s 0.26-0.72, 4s read 1 0.79-0.91. Default 0.76; above 1: never.
   */
  wideOne: z.number().positive().default(0.76),
  /** …a 1 with no other digit on its line: at least this share of its own height wide. Default 0.47. */
  wideLoneOne: z.number().positive().default(0.47),
  /**
   * …and only when its bottom fifth's ink spans less than this share of its width: a footed sans 1 (held-out 4
   * spread p61-62's 785.31, 1185.36) spans 0.87-1.0, a 4 read 1 its stem, 0.41-0.67. Default 0.8.
   */
  oneFoot: share().default(0.8),
  /** …a glyph of the line is a digit when at least this share as tall as its tallest (not a point or comma). 0.6. */
  digitGlyphHeight: share().default(0.6),
  /**
   * A figure read under the flag threshold is confirmed, and unflagged, by an identity of its table that holds to the
   * printed precision with at least this many other non-zero figures in it, each read surely (src/checks/confirm.ts).
   * One is not enough: 合计 = the one column printed is the same print read twice. Default 2.
   */
  checkConfirmTerms: count().default(2),

  // The vocabulary (vocabulary.ts, page.ts)
  /** Reads at or above this confidence, with no stray character, are not corrected. Default 0.9. */
  sureRead: share().default(0.9),
  /** Terms shorter than this are matched exactly, never snapped to (总分 is one character from 总计). Default 4. */
  minSnappedLength: count().default(4),
  /**
   * A label beside its code may be this share of its characters off a name of that code (at least as many edits
   * as a header word): the code vouches for the name (性会保障和就业文出 is 2 of 9 off 社会保障和就业支出). Default 0.25.
   */
  labelEditShare: share().default(0.25),
  /**
   * A label without a code may be this share of its characters off the function class's name it is nearest,
   * when that name is clearly the nearest (classNameMargin): 文化用落体育与优娟支出 is 4 of 11 off 文化旅游体育与传媒支出.
   * Default 0.4.
   */
  classNameEditShare: share().default(0.4),
  /** …and the second nearest class name must be at least this many times as far (8 edits against 4). Default 2. */
  classNameMargin: z.number().min(1).default(2),
  /**
   * A 类 code read a digit off its label's class (221 beside 灾宙防治及庆忆生理文出, 5 of 11 off 224's
   * 灾害防治及应急管理支出; extractors/code-mend.ts) is that class's code when the label is within this share of the
   * name's characters and classNameMargin times nearer it than any name of the code as read: the digit and the label
   * both vouch. Default 0.5.
   */
  codeLabelEditShare: share().default(0.5),
  /**
   * A printed name (schemas/classification-names.json) vouches for a code in that mend only when at least this many
   * documents print it: 54 of its 407 pairs were seen only on the pages a held-out scan is made from, 53 of them in
   * one document (Jiangsu 检察院 2017 p12's 2040402 一般行政管理事务, Xi'an 卫健委 p147's 20104 发展与改革事务; the
   * 54th, 311 对企业补助（基本建设）, in two Fuzhou ones). 30312 提租补贴 is printed by 2 (Jiangsu 政协 and 检察院
   * 2017), 2210201 住房公积金 by 19. The national list's names always count. A label is snapped to every printed
   * name of its code (vocabulary.ts snapLabel: the read must be near it too). Default 2.
   */
  codeNameDocuments: count().default(2),
  /**
   * Documents (file names without extension: xian-hrss-2020-budget) whose printing of a name does not count towards
   * codeNameDocuments: the eval passes a scan's own original, so the scan is read with the vocabulary of a document
   * never seen (bench/eval-run.ts). Default none.
   */
  unseenDocuments: z.array(z.string()).default([]),
  /**
   * A doubtful read may differ in this many characters from another read of the same name elsewhere in the document
   * (one more when that name is a word of the forms: 部门须入 → 部门预算), each a character the forms never print beside
   * its neighbours where the other read's is (document-reads.ts: 西安市低收入家诡经济状况核对中心 on p42, 家庭 on p43).
   * Two would take sibling names for each other (工伤保险金… for 养老保险金…, 部门（单位）代码 for …名称). Default 1.
   */
  repeatedReadEdits: count().default(1),
});

export type OcrSettings = z.output<typeof OcrSettingsSchema>;
/** Overrides: any subset of the settings. */
export type OcrSettingsInput = z.input<typeof OcrSettingsSchema>;

export const DEFAULT_OCR: OcrSettings = OcrSettingsSchema.parse({});

/** The defaults with `overrides` applied; throws a one-line error naming a bad or unknown setting. */
export function ocrSettings(overrides: OcrSettingsInput = {}): OcrSettings {
  return parseSettings(OcrSettingsSchema, overrides, "OCR");
}
