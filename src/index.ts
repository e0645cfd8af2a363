export { extractDocument, type ExtractOptions, type OcrMode, type PageProgress } from "./pipeline.js";
export { DEFAULT_LAYOUT, layoutSettings, type LayoutSettings, type LayoutSettingsInput } from "./layout/settings.js";
export { DEFAULT_OCR, ocrSettings, type OcrSettings, type OcrSettingsInput } from "./ocr/settings.js";
export * from "../schemas/document.js";
export * from "../schemas/output.js";
export { runBatch, type BatchOptions, type BatchResult, type BatchSummary } from "./cli/batch.js";
export { documentFacts } from "./output/facts.js";
export { shutdown } from "./shutdown.js";
