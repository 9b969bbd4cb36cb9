import {
  importCommitCountyInput,
  importCommitInput,
  importExportCountyInput,
  importExportInput,
  importPreviewCountyInput,
  importPreviewInput,
} from "@pingan/contracts";
import { commitRows, countyScope, exportRows, previewRows, townshipScope } from "../imports";
import { countyAdminProcedure, router, townshipAdminProcedure, townshipReadProcedure } from "../trpc";
import { writeContext } from "../write-context";

/**
 * Records in and out by workbook (shared/spec/import.md). The admin app reads the file with
 * @pingan/workbook, sends its rows in batches (≤ MAX_IMPORT_BATCH, contracts' `importRowsOf`) and writes
 * exports with its writer (`workbookRecordsOf`). The server checks every row again.
 *
 * - `preview` / `commit`: the township admin's own township (`townshipId`); a row of another 乡镇代码 is an
 *   error, and with any error nothing of the batch is written.
 * - `previewCounty` / `commitCounty`: the county admin, rows for any active township of the county (by 乡镇代码).
 * - `export` / `exportCounty`: records as import rows, paged per kind; export → import changes nothing.
 */
export const importsRouter = router({
  preview: townshipAdminProcedure
    .input(importPreviewInput)
    .mutation(({ ctx, input }) =>
      previewRows(
        ctx.tenantServices.db,
        townshipScope(ctx.township),
        input.rows,
        ctx.user.id,
        input.pendingKeyPersons,
      ),
    ),
  commit: townshipAdminProcedure
    .input(importCommitInput)
    .mutation(({ ctx, input }) =>
      commitRows(ctx.tenantServices.db, writeContext(ctx), townshipScope(ctx.township), input),
    ),
  previewCounty: countyAdminProcedure.input(importPreviewCountyInput).mutation(async ({ ctx, input }) => {
    const scope = await countyScope(ctx.tenantServices.db, ctx.county.id);
    return previewRows(ctx.tenantServices.db, scope, input.rows, ctx.user.id, input.pendingKeyPersons);
  }),
  commitCounty: countyAdminProcedure.input(importCommitCountyInput).mutation(async ({ ctx, input }) => {
    const scope = await countyScope(ctx.tenantServices.db, ctx.county.id);
    return commitRows(ctx.tenantServices.db, writeContext(ctx), scope, input);
  }),
  export: townshipReadProcedure
    .input(importExportInput)
    .query(({ ctx, input }) => exportRows(ctx.tenantServices.db, [ctx.township], input)),
  exportCounty: countyAdminProcedure.input(importExportCountyInput).query(async ({ ctx, input }) => {
    const scope = await countyScope(ctx.tenantServices.db, ctx.county.id);
    return exportRows(ctx.tenantServices.db, scope.townships, input);
  }),
});
