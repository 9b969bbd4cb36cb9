import { input as fields, id, int, optionalText, period } from "@pingan/contracts";
import { listPublished, rankHistory } from "@pingan/data";
import { monthsOf } from "@pingan/domain";
import * as z from "zod";
import { appealForCorrection } from "../appeals/appeals";
import { liveTable } from "../league/county-scoring";
import { publishedView, publishLeagueTable, readPublished } from "../league/publication";
import { makePublic } from "../league/visibility";
import { countyAdminProcedure, countyProcedure, router, townshipReadProcedure } from "../trpc";
import { writeContext } from "../write-context";

/** League tables (排名): computed live for the county, published as immutable versions. */
export const leagueRouter = router({
  /** The county's table for a month, quarter or year from current records, with each row's gaps. */
  compute: countyProcedure
    .input(fields({ period: period() }))
    .query(({ ctx, input }) =>
      liveTable(ctx.tenantServices.db, ctx.county.id, input.period, ctx.services.now(), ctx.county),
    ),

  /**
   * Publishes a finished period; publishing it again is a correction and needs a reason. A correction
   * for an upheld or amended appeal names it; `internal` publishes to the county's officials only.
   */
  publish: countyAdminProcedure
    .input(
      fields({
        period: period(),
        reason: optionalText("更正理由"),
        internal: z.boolean({ error: "「仅内部发布」应为是或否" }).optional(),
        appeal: z
          .object({ townshipId: id("申诉乡镇"), appealId: id("申诉") }, { error: "「申诉」格式不正确" })
          .optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const appeal = input.appeal
        ? await appealForCorrection(
            ctx.tenantServices.db,
            ctx.county.id,
            input.appeal,
            monthsOf(input.period),
          )
        : undefined;
      return publishedView(
        await publishLeagueTable(ctx.tenantServices.db, writeContext(ctx), {
          countyId: ctx.county.id,
          period: input.period,
          reason: input.reason || (appeal ? `根据申诉更正：${appeal.decision?.reason ?? ""}` : undefined),
          ...(appeal ? { appealId: appeal.id } : {}),
          ...(input.internal ? { visibility: "internal" as const } : {}),
          bundles: ctx.services.bundleStore,
        }),
      );
    }),

  /** Makes a version published to the county's officials only public. */
  makePublic: countyAdminProcedure
    .input(fields({ period: period(), version: int("版本号", 1, 9999) }))
    .mutation(({ ctx, input }) =>
      makePublic(ctx.tenantServices.db, writeContext(ctx), {
        countyId: ctx.county.id,
        period: input.period,
        version: input.version,
      }),
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
