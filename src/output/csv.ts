import { writeToString } from "fast-csv";

/**
 * CSV text with a UTF-8 BOM (so spreadsheet programs read the Chinese
 * correctly), a header line, and CRLF-free "\n" row ends.
 */
export async function csvText(headers: readonly string[], records: string[][]): Promise<string> {
  const body = await writeToString([headers as string[], ...records], {
    rowDelimiter: "\n",
    includeEndRowDelimiter: true,
  });
  return "\uFEFF" + body;
}

/** CSV records without BOM or header, for appending to a file csvText began. */
export async function csvRecords(records: string[][]): Promise<string> {
  if (records.length === 0) return "";
  return writeToString(records, { rowDelimiter: "\n", includeEndRowDelimiter: true });
}
