import { expectedVersion, input as fields, id, text } from "@pingan/contracts";
import { exportCounty, offboardCounty, purgeCounty } from "../ops/offboarding";
import { countyAdminProcedure, platformProcedure, router } from "../trpc";

/** Offboarding (ops/offboarding.ts): the county's own export, the platform's read-only step and purge. */
export const opsRouter = router({
  /** Everything of the caller's county as one zip (base64), also while it is read-only. */
  exportCounty: countyAdminProcedure.query(({ ctx }) => exportCounty(ctx.services, ctx.county)),

  offboardCounty: platformProcedure
    .input(fields({ countyId: id("县"), expectedVersion: expectedVersion(), reason: text("停用理由", 500) }))
    .mutation(({ ctx, input }) => offboardCounty(ctx, input)),

  purgeCounty: platformProcedure
    .input(fields({ countyId: id("县"), reason: text("删除理由", 500) }))
    .mutation(({ ctx, input }) => purgeCounty(ctx, input)),
});
