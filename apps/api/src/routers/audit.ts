import { input as fields, page } from "@pingan/contracts";
import { trail } from "../audit/trail";
import { countyProcedure, router, townshipReadProcedure } from "../trpc";

const pageInput = fields({ cursor: page.cursor, limit: page.limit });

/** Audit trails (who changed what, when, before and after) of a township or of the county. */
export const auditRouter = router({
  /** A township's trail, for its own people and its county's users. */
  township: townshipReadProcedure
    .input(pageInput)
    .query(({ ctx, input }) =>
      trail(
        ctx.tenantServices.db,
        ctx.services.db,
        ctx.user,
        `T#${ctx.township.id}`,
        input.cursor,
        input.limit,
        ctx.township.countyId,
      ),
    ),

  /** The county's own trail: schemes, reviews, publications, onboarding. */
  county: countyProcedure
    .input(pageInput)
    .query(({ ctx, input }) =>
      trail(
        ctx.tenantServices.db,
        ctx.services.db,
        ctx.user,
        `C#${ctx.county.id}`,
        input.cursor,
        input.limit,
        ctx.county.id,
      ),
    ),
});
