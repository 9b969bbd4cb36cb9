import { checkItems, type ItemOf } from "@pingan/data";
import { monthRange } from "@pingan/domain";
import type { Services } from "../services";
import { monthAt } from "../submissions/deadline";
import { townshipDisputeLights } from "../supervision/lights";
import { loadOrganisation, type OrgReadCtx } from "./structure";

/**
 * A grid worker's home view (issue 14/15): the live grids of the caller's township whose 网格员 is the
 * signed-in person, each with its open disputes and their lights (the board's rule, lights.ts), its key
 * persons still to be visited and its open petitions. Someone who holds no grid gets an empty list.
 *
 * Still to be visited: a key person on the register this month (registered before its end, not
 * deregistered before its start) with fewer visits than their schedule asks (§10.3: `visitsPerMonth`,
 * default 1, counted in this month; `visitsPerQuarter` counted over this month's quarter).
 */
export type MyGridsCtx = OrgReadCtx & { countyServices: Services; user: { id: string } };

/** The first and last months of the quarter `month` lies in. */
function quarterOf(month: string): [string, string] {
  const first = Math.floor((Number(month.slice(5, 7)) - 1) / 3) * 3 + 1;
  const m = (n: number) => `${month.slice(0, 4)}-${String(n).padStart(2, "0")}`;
  return [m(first), m(first + 2)];
}

export async function myGrids(ctx: MyGridsCtx) {
  const { db } = ctx.tenantServices;
  const townshipId = ctx.township.id;
  const org = await loadOrganisation(ctx);
  const mine = org.grids.filter((g) => g.workerId === ctx.user.id && !g.archivedAt);
  if (mine.length === 0) return { month: monthAt(ctx.tenantServices.now()), grids: [] };

  const now = ctx.tenantServices.now();
  const month = monthAt(now);
  const quarter = quarterOf(month);
  const { start, end } = monthRange(month);
  const quarterStart = new Date(monthRange(quarter[0]).start).toISOString();
  const quarterEnd = new Date(monthRange(quarter[1]).end).toISOString();
  const startIso = new Date(start).toISOString();
  const endIso = new Date(end).toISOString();

  const [lights, petitions, keyPersons, visits] = await Promise.all([
    townshipDisputeLights(ctx.countyServices, ctx.township, { includeGreen: true }),
    db.entities.petition.query
      .byClosed({ townshipId, closedKey: "OPEN" })
      .go({ pages: "all" })
      .then((r) => checkItems(db, "petition", r.data)),
    db.entities.keyPerson.query
      .byId({ townshipId })
      .go({ pages: "all" })
      .then((r) => checkItems(db, "keyPerson", r.data)),
    db.entities.visit.query
      .byAt({ townshipId })
      .between({ at: quarterStart }, { at: quarterEnd })
      .go({ pages: "all" })
      .then((r) => checkItems(db, "visit", r.data)),
  ]);

  const monthVisits = new Map<string, number>();
  const quarterVisits = new Map<string, number>();
  for (const v of visits) {
    if (v.deletedAt || v.townshipId !== townshipId) continue;
    quarterVisits.set(v.keyPersonId, (quarterVisits.get(v.keyPersonId) ?? 0) + 1);
    if (v.at >= startIso && v.at < endIso)
      monthVisits.set(v.keyPersonId, (monthVisits.get(v.keyPersonId) ?? 0) + 1);
  }
  const stillToVisit = (k: ItemOf<"keyPerson">) => {
    const listed =
      k.registeredAt < endIso && (k.deregisteredAt === undefined || k.deregisteredAt >= startIso);
    if (!listed) return null;
    const perQuarter = k.visitsPerQuarter;
    const required = perQuarter ?? k.visitsPerMonth ?? 1;
    const done = (perQuarter !== undefined ? quarterVisits : monthVisits).get(k.id) ?? 0;
    return done < required
      ? { per: perQuarter !== undefined ? ("quarter" as const) : ("month" as const), required, done }
      : null;
  };

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
          keyPersonsDue: keyPersons
            .filter((k) => !k.deletedAt && k.gridId === g.id)
            .flatMap((k) => {
              const due = stillToVisit(k);
              return due ? [{ id: k.id, alias: k.alias, category: k.category, ...due }] : [];
            })
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
