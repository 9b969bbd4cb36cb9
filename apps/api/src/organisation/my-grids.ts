import { checkItems, getItem } from "@pingan/data";
import { AppError } from "../errors";
import type { Services } from "../services";
import { monthAt } from "../submissions/deadline";
import { townshipKeyPersonLights } from "../supervision/key-person-lights";
import { townshipDisputeLights } from "../supervision/lights";
import { loadOrganisation, type OrgReadCtx } from "./structure";

/**
 * A grid worker's home view (issue 14/15): the live grids of the caller's township whose 网格员 is the
 * signed-in person, each with its open disputes and their lights (the board's rule, lights.ts), its key
 * persons still to be visited and its open petitions. Someone who holds no grid gets an empty list.
 *
 * Still to be visited: a key person of the grid with fewer visits than due in the current month or
 * quarter, with its light (key-person-lights.ts: the person's own or its county category's frequency, §10.3), so the grid
 * worker and the county's board judge a person by the same rule.
 */
export type MyGridsCtx = OrgReadCtx & { countyServices: Services; user: { id: string } };

export async function myGrids(ctx: MyGridsCtx) {
  const { db } = ctx.tenantServices;
  const townshipId = ctx.township.id;
  const org = await loadOrganisation(ctx);
  const mine = org.grids.filter((g) => g.workerId === ctx.user.id && !g.archivedAt);
  const now = ctx.tenantServices.now();
  const month = monthAt(now);
  if (mine.length === 0) return { month, grids: [] };

  const county = await getItem(ctx.countyServices.db, "county", { id: ctx.township.countyId });
  if (!county) throw new AppError("NOT_FOUND", "县不存在");
  const [lights, petitions, keyPersonLights] = await Promise.all([
    townshipDisputeLights(ctx.countyServices, ctx.township, { includeGreen: true }),
    db.entities.petition.query
      .byClosed({ townshipId, closedKey: "OPEN" })
      .go({ pages: "all" })
      .then((r) => checkItems(db, "petition", r.data)),
    townshipKeyPersonLights(db, county, ctx.township, now.getTime(), { includeGreen: true }),
  ]);
  // Those still short in this period (green while time is left); a period already ended short stays on
  // the county's board.
  const due = keyPersonLights.filter((l) => l.visits < l.required && Date.parse(l.dueAt) > now.getTime());

  const villages = new Map(org.villages.map((v) => [v.id, v.name]));
  return {
    month,
    grids: mine
      .map((g) => {
        const disputes = lights.disputes.filter((d) => d.gridId === g.id);
        return {
          id: g.id,
          name: g.name,
          villageId: g.villageId,
          villageName: villages.get(g.villageId) ?? null,
          counts: {
            red: disputes.filter((d) => d.light === "red").length,
            yellow: disputes.filter((d) => d.light === "yellow").length,
            green: disputes.filter((d) => d.light === "green").length,
          },
          disputes: disputes.map((d) => ({
            id: d.id,
            level: d.level,
            category: d.category,
            partiesBrief: d.partiesBrief,
            dueAt: d.dueAt,
            light: d.light,
          })),
          keyPersonsDue: due
            .filter((l) => l.gridId === g.id)
            .map((l) => ({
              id: l.keyPersonId,
              alias: l.alias,
              category: l.category,
              categoryName: l.categoryName,
              per: l.period.includes("Q") ? ("quarter" as const) : ("month" as const),
              required: l.required,
              done: l.visits,
              light: l.light,
            }))
            .sort((a, b) => a.alias.localeCompare(b.alias, "zh-CN")),
          petitions: petitions
            .filter((p) => !p.closedAt && !p.deletedAt && p.gridId === g.id)
            .map((p) => ({ id: p.id, subject: p.subject, receivedAt: p.receivedAt }))
            .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0)),
        };
      })
      .sort(
        (a, b) =>
          (a.villageName ?? "").localeCompare(b.villageName ?? "", "zh-CN") ||
          a.name.localeCompare(b.name, "zh-CN"),
      ),
  };
}
