import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
/** The package version; part of the incremental-run key, so a new version redoes old work. */
export const TOOL_VERSION: string = (require("../../package.json") as { version: string }).version;
