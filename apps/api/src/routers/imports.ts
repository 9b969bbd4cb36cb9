import {
  type ImportCommitResult,
  type ImportExportResult,
  type ImportPreviewResult,
  importCommitCountyInput,
  importCommitInput,
  importExportCountyInput,
  importExportInput,
  importPreviewCountyInput,
  importPreviewInput,
} from "@pingan/contracts";
import { AppError } from "../errors";
import { countyAdminProcedure, router, townshipAdminProcedure, townshipReadProcedure } from "../trpc";

const notImplemented = (): never => {
  throw new AppError("RECORD.STATE", "导入功能尚未完成");
};

/**
 * Records in and out by workbook (shared/spec/import.md). The admin app reads the file with
 * @pingan/workbook, sends its rows in batches (≤ MAX_IMPORT_BATCH) and writes exports with its writer.
 *
 * - `preview` / `commit`: the township admin's own township (`townshipId`); a row of another 乡镇代码 is an
 *   error, and with any error nothing of the batch is written.
 * - `previewCounty` / `commitCounty`: the county admin, rows for any township of the county (by 乡镇代码).
 * - `export` / `exportCounty`: records as import rows, paged per kind; export → import changes nothing.
 */
export const importsRouter = router({
  preview: townshipAdminProcedure
    .input(importPreviewInput)
    .mutation((): Promise<ImportPreviewResult> => notImplemented()),
  commit: townshipAdminProcedure
    .input(importCommitInput)
    .mutation((): Promise<ImportCommitResult> => notImplemented()),
  previewCounty: countyAdminProcedure
    .input(importPreviewCountyInput)
    .mutation((): Promise<ImportPreviewResult> => notImplemented()),
  commitCounty: countyAdminProcedure
    .input(importCommitCountyInput)
    .mutation((): Promise<ImportCommitResult> => notImplemented()),
  export: townshipReadProcedure
    .input(importExportInput)
    .query((): Promise<ImportExportResult> => notImplemented()),
  exportCounty: countyAdminProcedure
    .input(importExportCountyInput)
    .query((): Promise<ImportExportResult> => notImplemented()),
});
