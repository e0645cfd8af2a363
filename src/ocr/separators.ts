import { sameColumn } from "../pdf/geometry.js";
import { LOW_CONFIDENCE, type TextRun } from "../pdf/model.js";

/**
 * A figure read with thousands groups and three decimals (9,364.732): the forms print amounts with 0, 2 or 4
 * decimals, never 3, so one of its separators is misread — at 150 dpi a comma's tail is a pixel or two, and
 * 9,364,732 came back as 9,364.732. (A bare 364.732 is the same misread with its only comma taken for a point.)
 */
const THREE_DECIMALS = /^-?\d{1,3}(?:,\d{3})*\.\d{3}$/;

/** An amount printed as a whole number with thousands groups (9,364,732; 250,000). */
const GROUPED_WHOLE = /^-?\d{1,3}(?:,\d{3})+$/;

/** A plain number of any form: what counts as a figure of a column. */
const FIGURE = /^-?[\d,]+(?:\.\d+)?$/;

/** Other figures a column needs before its form (whole numbers) is trusted. */
const MIN_COLUMN_FIGURES = 2;

/**
 * Reads of impossible figures (see THREE_DECIMALS), cell by cell on one page. Such a read is never sure: it
 * is kept below LOW_CONFIDENCE, so it is flagged. Where every other sure figure of its column is a whole
 * number (the large ones printed with thousands groups), the point can only be a misread comma, and it is
 * read so (the OCR read is kept in `raw`). Elsewhere (a column of decimals, or too few figures to tell) it
 * stays as read.
 */
export function repairImpossibleDecimals(runs: TextRun[]): TextRun[] {
  return runs.map((run) => {
    if (!THREE_DECIMALS.test(run.text)) return run;
    const flagged = Math.min(run.confidence, LOW_CONFIDENCE / 2);
    if (!inColumnOfWholeNumbers(run, runs)) return { ...run, confidence: flagged };
    return { ...run, text: run.text.replace(".", ","), raw: run.raw ?? run.text, confidence: flagged };
  });
}

function inColumnOfWholeNumbers(run: TextRun, runs: TextRun[]): boolean {
  const column = runs.filter(
    (r) => r !== run && FIGURE.test(r.text) && r.confidence >= LOW_CONFIDENCE && sameColumn(r, run),
  );
  // Whole numbers all, and grouped where large: a column of decimals never lends its form.
  return (
    column.length >= MIN_COLUMN_FIGURES &&
    column.every((r) => !r.text.includes(".")) &&
    column.some((r) => GROUPED_WHOLE.test(r.text))
  );
}
