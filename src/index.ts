export { extractDocument, type ExtractOptions, type OcrMode } from "./pipeline.js";
export * from "../schemas/document.js";
