import { type CsvFile, csvTables } from "./csv";
import { type ReadOptions, type ReadResult, readTables } from "./read";
import { XlsxProblem, xlsxSources } from "./xlsx";
import type { InflateRaw } from "./zip";

export { type CsvFile, decodeCsv, formatCsv, parseCsv } from "./csv";
export { escapeSpreadsheetCell, unescapeSpreadsheetCell } from "./escape";
export {
  formatWorkbookError,
  type ReadOptions,
  type ReadReport,
  type ReadResult,
  readTables,
  type SheetTable,
  type WorkbookError,
} from "./read";
export { fromScoringData, type ScoringData, scoringDataOf, toScoringData } from "./scoring";
export * from "./sheets";
export { formatChinaTime, parseTime } from "./values";
export { type WritableRecords, type WriteOptions, writeCsvFiles, writeTemplate, writeXlsx } from "./write";
export type { InflateRaw } from "./zip";

const EMPTY_REPORT = { sheets: [], unknownSheets: [], unknownColumns: [] };

/**
 * An .xlsx workbook's bytes → typed records, or every error in it. `inflateRaw`: a raw inflater
 * (node's `zlib.inflateRawSync`, or `zlib.inflateRaw` as a promise) to use instead of the platform's
 * DecompressionStream.
 */
export async function readXlsx(
  bytes: Uint8Array,
  options: ReadOptions & { inflateRaw?: InflateRaw } = {},
): Promise<ReadResult> {
  const read = await xlsxSources(bytes, options.inflateRaw);
  const invalid = (problem: string): ReadResult => ({
    ok: false,
    errors: [{ sheet: "工作簿", message: problem }],
    report: EMPTY_REPORT,
  });
  if (!read.ok) return invalid(read.problem);
  try {
    return readTables(read.tables, options);
  } catch (e) {
    if (e instanceof XlsxProblem) return invalid(e.message);
    throw e;
  }
}

/** CSV files (one per sheet, named `矛盾纠纷.csv`, …) → typed records, or every error in them. */
export function readCsvFiles(files: readonly CsvFile[], options: ReadOptions = {}): ReadResult {
  const { tables, errors } = csvTables(files);
  const result = readTables(tables, options);
  if (errors.length === 0) return result;
  return { ok: false, errors: [...errors, ...(result.ok ? [] : result.errors)], report: result.report };
}
