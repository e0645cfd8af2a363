/**
 * Where the review lives in an output folder. Its own module, free of the drawing code: the run's parent
 * process passes these paths to its workers without loading pdf.js (the review stage itself is loaded only
 * when the review is written).
 */

/** <out>/review/: the HTML pages. */
export const REVIEW_DIR = "review";
/** <out>/review/pages/: the page images, named by content. */
export const PAGES_DIR = "pages";
