import { fieldError, input as fields, id, month } from "@pingan/contracts";
import * as z from "zod";
import { countyKeyPersonLights } from "../supervision/key-person-lights";
import { countyDisputeLights, lateSubmissions, townshipDisputeLights } from "../supervision/lights";
import { countyTownshipLights, townshipLights } from "../supervision/township-lights";
import { countyProcedure, router, townshipReadProcedure } from "../trpc";

const includeGreen = () => z.boolean({ error: fieldError("含正常件") }).default(false);

/** Supervision (督办): overdue and soon-due disputes, and townships late with their month. */
export const supervisionRouter = router({
  /**
   * The county's open disputes with their lights, most urgent first (green ones on request); within one
   * township, by village, grid or 责任人 (the county reads its townships' structures via organisation.get).
   */
  disputes: countyProcedure
    .input(
      fields({
        townshipId: id("乡镇").optional(),
        villageId: id("村（社区）").optional(),
        gridId: id("网格").optional(),
        responsibleId: id("责任人").optional(),
        includeGreen: includeGreen(),
      }),
    )
    .query(({ ctx, input }) => countyDisputeLights(ctx.tenantServices, ctx.county, input)),

  /** One township's open disputes with their lights (its own people and its county). */
  townshipDisputes: townshipReadProcedure
    .input(fields({ includeGreen: includeGreen() }))
    .query(({ ctx, input }) => townshipDisputeLights(ctx.tenantServices, ctx.township, input)),

  /** A township's own lights on everything with a deadline (disputes, petitions, its month, 督办单). */
  townshipLights: townshipReadProcedure.query(({ ctx }) => townshipLights(ctx.countyServices, ctx.township)),

  /**
   * Every township's lights on everything with a deadline (disputes, petitions, its month, 督办单, key
   * persons), as each township sees them on its home page: counts by kind, and one township's items.
   */
  townships: countyProcedure
    .input(fields({ townshipId: id("乡镇").optional() }))
    .query(({ ctx, input }) => countyTownshipLights(ctx.tenantServices, ctx.county, input)),

  /** The county's key persons due a visit this month or quarter, with their lights (issue 15). */
  keyPersons: countyProcedure
    .input(fields({ townshipId: id("乡镇").optional(), includeGreen: includeGreen() }))
    .query(({ ctx, input }) => countyKeyPersonLights(ctx.tenantServices, ctx.county, input)),

  /** Townships that have not submitted a month: late once the county's deadline has passed. */
  lateSubmissions: countyProcedure
    .input(fields({ month: month() }))
    .query(({ ctx, input }) => lateSubmissions(ctx.tenantServices, ctx.county, input.month)),
});
