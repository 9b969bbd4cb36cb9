import { input as fields, int, optionalText, period } from "@pingan/contracts";
import { listPublished, rankHistory } from "@pingan/data";
import { liveTable } from "../league/county-scoring";
import { publishedView, publishLeagueTable, readPublished } from "../league/publication";
import { countyAdminProcedure, countyProcedure, router, townshipReadProcedure } from "../trpc";
import { writeContext } from "../write-context";

/** League tables (排名): computed live for the county, published as immutable versions. */
export const leagueRouter = router({
  /** The county's table for a month, quarter or year from current records, with each row's gaps. */
  compute: countyProcedure
    .input(fields({ period: period() }))
    .query(({ ctx, input }) =>
      liveTable(ctx.tenantServices.db, ctx.county.id, input.period, ctx.services.now()),
    ),

  /** Publishes a finished period; publishing it again is a correction and needs a reason. */
  publish: countyAdminProcedure
    .input(fields({ period: period(), reason: optionalText("更正理由") }))
    .mutation(async ({ ctx, input }) =>
      publishedView(
        await publishLeagueTable(ctx.tenantServices.db, writeContext(ctx), {
          countyId: ctx.county.id,
          period: input.period,
          reason: input.reason || undefined,
          bundles: ctx.services.bundleStore,
        }),
      ),
    ),

  /** Every published version of the county's tables. */
  published: countyProcedure.query(({ ctx }) => listPublished(ctx.tenantServices.db, ctx.county.id)),

  /** One published table: the newest version of a period, or the version asked for. */
  get: countyProcedure
    .input(fields({ period: period(), version: int("版本号", 1, 9999).optional() }))
    .query(({ ctx, input }) =>
      readPublished(ctx.tenantServices.db, ctx.county.id, input.period, input.version),
    ),

  /** A township's published ranks over time. */
  rankHistory: townshipReadProcedure.query(({ ctx }) => rankHistory(ctx.tenantServices.db, ctx.township.id)),
});
