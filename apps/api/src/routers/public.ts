import { input as fields, id, int, period } from "@pingan/contracts";
import { getItem, listPublished } from "@pingan/data";
import { AppError } from "../errors";
import { readPublicTable } from "../league/publication";
import { publicProcedure, router } from "../trpc";

/**
 * What anyone may read without signing in: published league tables and nothing else. Everything here
 * reads the leagueTable items, and of the scheme a table names only its name and its indicators' names
 * and full marks, so drafts, previews and records cannot leak through it.
 */
export const publicRouter = router({
  /** The periods a county has published. */
  periods: publicProcedure.input(fields({ countyId: id("县") })).query(async ({ ctx, input }) => {
    const county = await getItem(ctx.services.db, "county", { id: input.countyId });
    if (!county) throw new AppError("NOT_FOUND", "县不存在");
    const versions = await listPublished(ctx.services.db, county.id);
    return { county: { id: county.id, name: county.name }, published: versions };
  }),

  /** A published table (the period's newest version, or the version asked for), with its indicators' names. */
  leagueTable: publicProcedure
    .input(fields({ countyId: id("县"), period: period(), version: int("版本号", 1, 9999).optional() }))
    .query(({ ctx, input }) => readPublicTable(ctx.services.db, input.countyId, input.period, input.version)),
});
