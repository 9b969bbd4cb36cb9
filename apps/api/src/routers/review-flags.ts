import {
  recordFlagActionInput,
  reviewFlagsInput,
  reviewFlagsQueueInput,
  yearOnYearCountyInput,
  yearOnYearInput,
} from "@pingan/contracts";
import { liveCounty } from "../league/live-scores";
import { recordFlagAction, reviewFlagCounts, reviewFlags } from "../review-flags/flags";
import { yearOnYear } from "../review-flags/year-on-year";
import { countyProcedure, countyTownshipProcedure, router, townshipReadProcedure } from "../trpc";

/**
 * 报喜不报忧 flags during review (county users only: a township never sees them) and the 同比 counts
 * (review-flags/). A flag never changes a score; the reviewer records what was done about it.
 */
export const reviewFlagsRouter = router({
  /** A township-month's flags, each with its evidence and the action recorded about it. */
  list: countyTownshipProcedure
    .input(reviewFlagsInput)
    .query(({ ctx, input }) => reviewFlags(ctx, input.month)),

  /** The review queue's flag count per township for a month. */
  queue: countyProcedure
    .input(reviewFlagsQueueInput)
    .query(({ ctx, input }) => reviewFlagCounts(ctx, input.month)),

  /** A reviewer records what was done about a flag (note + outcome), version-checked and audited. */
  record: countyTownshipProcedure
    .input(recordFlagActionInput)
    .mutation(({ ctx, input }) => recordFlagAction(ctx, input)),
});

/** 同比: disputes, petitions, incidents this year to date against the same months last year. */
export const yearOnYearRouter = router({
  /** One township (its own staff, or its county's users). */
  township: townshipReadProcedure.input(yearOnYearInput).query(async ({ ctx, input }) => {
    const { rows, ...range } = await yearOnYear(ctx.tenantServices.db, [ctx.township], input.month);
    return { ...range, row: rows[0] ?? null };
  }),

  /** Every active township of the county (the printed 通报). */
  county: countyProcedure.input(yearOnYearCountyInput).query(async ({ ctx, input }) => {
    const live = await liveCounty(ctx.tenantServices.db, ctx.county.id);
    return yearOnYear(ctx.tenantServices.db, live.townships, input.month);
  }),
});
