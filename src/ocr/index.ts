/**
 * The image path for scanned pages. It yields the same PageModel as the
 * text layer (runs with boxes in PDF points, top-left origin, and ruling
 * lines), so layout and extractors serve both.
 *
 * Runs from OCR carry the recogniser's confidence (0..1). A cell that holds
 * ink but could not be read gets the text UNREAD_MARK (U+FFFD) with
 * confidence 0: it is unread, not blank. A blank cell gets no run.
 */
import { LOW_CONFIDENCE, type PageModel } from "../pdf/model.js";
import { textLayerUsable } from "./detect.js";
import { DEFAULT_OCR, type OcrSettings } from "./settings.js";

export { textLayerUsable } from "./detect.js";
export { ocrPage, ocrPages, preparePage, type OcrOptions } from "./page.js";
export { shutdownOcr } from "./tesseract.js";
export { DEFAULT_OCR, ocrSettings, type OcrSettings, type OcrSettingsInput } from "./settings.js";
export { UNREAD_MARK, isAmount } from "./read.js";

/** Runs read with a confidence below this must be flagged by the normalizer (Cell.flagged). */
export const OCR_LOW_CONFIDENCE = LOW_CONFIDENCE;

export type OcrMode = "auto" | "always" | "never";

/** Whether a page read from the text layer should be read by OCR instead. */
export function shouldOcr(textPage: PageModel, mode: OcrMode, settings: OcrSettings = DEFAULT_OCR): boolean {
  if (mode === "always") return true;
  if (mode === "never") return false;
  return !textLayerUsable(textPage, settings);
}
