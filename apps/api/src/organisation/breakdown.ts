import { checkItems, type ItemOf } from "@pingan/data";
import { DAY_MS, monthRange } from "@pingan/domain";
import { schemeSettings } from "../records/three-three";
import type { Services } from "../services";
import { loadOrganisation, type OrgReadCtx } from "./structure";

/**
 * Who is behind a township-month's numbers (issue 14): its disputes, key persons and hard cases broken
 * down by village, grid, 责任人 and 包案领导, as they stood at the month's end (UTC+08:00).
 *
 * - open disputes: reported before the month's end and not closed by then; overdue ones are open past
 *   their level's deadline in the county's scheme for the month's year (its newest version; without one
 *   the defaults of scoring.md: blue 7, yellow 15, red 30 days) at the month's end, or now for the month
 *   under way;
 * - unvisited key persons: registered before the month's end, not deregistered before it began, and
 *   without a visit in the month;
 * - open red cases of a 包案领导: their red disputes and petitions open at the month's end.
 *
 * - 三三调处不足: the shortfalls the township confirmed in the month (an escalation, or a close as failed
 *   or escalated, with fewer than the scheme's minimum attempts at the level), with the disputes behind
 *   them, so the county sees them.
 *
 * Records filed nowhere are counted in a row with a null id, so the rows add up to the township's totals.
 */
type Counts = { openDisputes: number; overdueDisputes: number; unvisitedKeyPersons: number };
const zero = (): Counts => ({ openDisputes: 0, overdueDisputes: 0, unvisitedKeyPersons: 0 });

export async function monthBreakdown(ctx: OrgReadCtx & { countyServices: Services }, month: string) {
  const { db } = ctx.tenantServices;
  const townshipId = ctx.township.id;
  const { start, end } = monthRange(month);
  const endIso = new Date(end).toISOString();
  const asOf = Math.min(end, ctx.tenantServices.now().getTime());
  const startIso = new Date(start).toISOString();
  const [org, disputes, petitions, keyPersons, visits, settings] = await Promise.all([
    loadOrganisation(ctx),
    db.entities.dispute.query
      .byReported({ townshipId })
      .lt({ reportedAt: endIso })
      .go({ pages: "all" })
      .then((r) => checkItems(db, "dispute", r.data)),
    db.entities.petition.query
      .byReceived({ townshipId })
      .lt({ receivedAt: endIso })
      .go({ pages: "all" })
      .then((r) => checkItems(db, "petition", r.data)),
    db.entities.keyPerson.query
      .byId({ townshipId })
      .go({ pages: "all" })
      .then((r) => checkItems(db, "keyPerson", r.data)),
    db.entities.visit.query
      .byAt({ townshipId })
      .between({ at: startIso }, { at: endIso })
      .go({ pages: "all" })
      .then((r) => checkItems(db, "visit", r.data)),
    schemeSettings(ctx.countyServices.db, ctx.township.countyId, Number(month.slice(0, 4))),
  ]);
  const live = <T extends { deletedAt?: string }>(xs: T[]) => xs.filter((x) => !x.deletedAt);
  const openAtEnd = (closedAt: string | undefined) => closedAt === undefined || closedAt >= endIso;

  const names = new Map(org.members.map((m) => [m.userId, m.name]));
  const villageRows = new Map<string | null, Counts>();
  const gridRows = new Map<string | null, Counts>();
  const personRows = new Map<string | null, Counts>();
  const leaderRows = new Map<string | null, { openRedDisputes: number; openPetitions: number }>();
  const bump = (
    filed: { villageId?: string; gridId?: string; responsibleId?: string },
    key: keyof Counts,
  ) => {
    for (const [rows, id] of [
      [villageRows, filed.villageId ?? null],
      [gridRows, filed.gridId ?? null],
      [personRows, filed.responsibleId ?? null],
    ] as const) {
      const row = rows.get(id) ?? zero();
      row[key] += 1;
      rows.set(id, row);
    }
  };
  const caseLeader = (id: string | undefined, key: "openRedDisputes" | "openPetitions") => {
    const row = leaderRows.get(id ?? null) ?? { openRedDisputes: 0, openPetitions: 0 };
    row[key] += 1;
    leaderRows.set(id ?? null, row);
  };

  const shortfalls = live(disputes).flatMap((d) =>
    (d.shortfalls ?? [])
      .filter((s) => s.at >= startIso && s.at < endIso)
      .map((s) => ({
        disputeId: d.id,
        category: d.category,
        villageId: d.villageId ?? null,
        gridId: d.gridId ?? null,
        responsibleId: d.responsibleId ?? null,
        responsibleName: d.responsibleId ? (names.get(d.responsibleId) ?? null) : null,
        ...s,
      })),
  );
  for (const d of live(disputes)) {
    if (!openAtEnd(d.closedAt)) continue;
    bump(d, "openDisputes");
    const due = Date.parse(d.reportedAt) + settings.deadlineDays[d.level] * DAY_MS;
    if (due < asOf) bump(d, "overdueDisputes");
    if (d.level === "red") caseLeader(d.caseLeaderId, "openRedDisputes");
  }
  for (const p of live(petitions)) if (openAtEnd(p.closedAt)) caseLeader(p.caseLeaderId, "openPetitions");
  const visited = new Set(live(visits).map((v) => v.keyPersonId));
  for (const k of live(keyPersons)) {
    const listed =
      k.registeredAt < endIso && (k.deregisteredAt === undefined || k.deregisteredAt >= startIso);
    if (listed && !visited.has(k.id)) bump(k, "unvisitedKeyPersons");
  }

  const villages = new Map<string, ItemOf<"village">>(org.villages.map((v) => [v.id, v]));
  const grids = new Map<string, ItemOf<"grid">>(org.grids.map((g) => [g.id, g]));
  const rowsOf = <R>(rows: Map<string | null, R>, ids: Iterable<string>) => {
    const all = new Set<string | null>([...ids, ...rows.keys()]);
    return [...all].map((id) => ({ id, counts: rows.get(id) }));
  };
  const liveIds = <T extends { id: string; archivedAt?: string }>(xs: T[]) =>
    xs.filter((x) => !x.archivedAt).map((x) => x.id);

  return {
    month,
    /** 三三调处不足 confirmed in the month: how many, and each with its dispute. */
    threeThreeShortfalls: { count: shortfalls.length, records: shortfalls },
    byVillage: rowsOf(villageRows, liveIds(org.villages)).map(({ id, counts }) => ({
      villageId: id,
      name: id ? (villages.get(id)?.name ?? null) : null,
      archived: id ? Boolean(villages.get(id)?.archivedAt) : false,
      ...(counts ?? zero()),
    })),
    byGrid: rowsOf(gridRows, liveIds(org.grids)).map(({ id, counts }) => {
      const grid = id ? grids.get(id) : undefined;
      return {
        gridId: id,
        name: grid?.name ?? null,
        villageId: grid?.villageId ?? null,
        villageName: grid ? (villages.get(grid.villageId)?.name ?? null) : null,
        workerName: grid?.workerId ? (names.get(grid.workerId) ?? null) : null,
        archived: Boolean(grid?.archivedAt),
        ...(counts ?? zero()),
      };
    }),
    byResponsible: rowsOf(personRows, []).map(({ id, counts }) => ({
      userId: id,
      name: id ? (names.get(id) ?? null) : null,
      ...(counts ?? zero()),
    })),
    byCaseLeader: rowsOf(leaderRows, []).map(({ id, counts }) => ({
      userId: id,
      name: id ? (names.get(id) ?? null) : null,
      openRedDisputes: counts?.openRedDisputes ?? 0,
      openPetitions: counts?.openPetitions ?? 0,
    })),
  };
}
