/** Supervision (督办): the lights of open disputes (超时亮灯) and the townships late with their month. */
import { checkItems, type Db, type ItemOf } from "@pingan/data";
import { DAY_MS, DEFAULT_DISPUTE_DEADLINES, type Scheme } from "@pingan/domain";
import { AppError } from "../errors";
import { getScheme } from "../schemes/scheme-store";
import type { Services } from "../services";
import { hasSubmitted, monthAt, submissionDeadline } from "../submissions/deadline";

export type Light = "green" | "yellow" | "red";

/**
 * 超时亮灯: red once a dispute is past its level's deadline in the scheme, yellow when a third or less
 * of the allowed time is left, green otherwise.
 */
export function lightFor(leftMs: number, allowedMs: number): Light {
  if (leftMs < 0) return "red";
  return leftMs * 3 <= allowedMs ? "yellow" : "green";
}

type TownshipRef = Pick<ItemOf<"township">, "id" | "name" | "code">;

async function openDisputes(db: Db, township: TownshipRef, scheme: Scheme | undefined, now: number) {
  // Open disputes carry closedKey "OPEN" on the per-township closed index: one query, no filter on closed.
  const { data } = await db.entities.dispute.query
    .byClosed({ townshipId: township.id, closedKey: "OPEN" })
    .go({ pages: "all" });
  const deadlines = scheme?.deadlines ?? DEFAULT_DISPUTE_DEADLINES;
  return checkItems(db, "dispute", data)
    .filter((d) => d.townshipId === township.id && !d.closedAt && !d.deletedAt)
    .map((d) => {
      const allowed = deadlines[d.level] * DAY_MS;
      const due = Date.parse(d.reportedAt) + allowed;
      const left = due - now;
      return {
        id: d.id,
        townshipId: township.id,
        townshipName: township.name,
        level: d.level,
        category: d.category,
        partiesBrief: d.partiesBrief,
        reportedAt: d.reportedAt,
        attempts: d.attempts.length,
        villageId: d.villageId ?? null,
        gridId: d.gridId ?? null,
        responsibleId: d.responsibleId ?? null,
        dueAt: new Date(due).toISOString(),
        hoursLeft: Math.floor(left / 3_600_000),
        light: lightFor(left, allowed),
      };
    });
}

type Watched = Awaited<ReturnType<typeof openDisputes>>[number];
const byUrgency = (a: Watched, b: Watched) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0);

export function summarise(all: Watched[], includeGreen: boolean) {
  return {
    counts: {
      red: all.filter((d) => d.light === "red").length,
      yellow: all.filter((d) => d.light === "yellow").length,
      green: all.filter((d) => d.light === "green").length,
    },
    disputes: all.filter((d) => includeGreen || d.light !== "green").sort(byUrgency),
  };
}

export async function countyTownships(db: Db, countyId: string) {
  const { data } = await db.entities.township.query.byCounty({ countyId }).go({ pages: "all" });
  return checkItems(db, "township", data).filter((t) => t.countyId === countyId && t.status === "active");
}

async function currentScheme(db: Db, countyId: string, now: Date) {
  return (await getScheme(db, countyId, Number(monthAt(now).slice(0, 4))))?.scheme;
}

/** Where a light's dispute is filed (issue 14): each given id must match; only within one township. */
export type FiledFilter = { villageId?: string; gridId?: string; responsibleId?: string };

/**
 * The county's open disputes with their lights, most urgent first (green ones on request). Filtered by
 * village, grid or 责任人 only together with one of the county's townships, whose structure they name.
 */
export async function countyDisputeLights(
  services: Services,
  county: ItemOf<"county">,
  input: { townshipId?: string; includeGreen: boolean } & FiledFilter,
) {
  const filed = input.villageId ?? input.gridId ?? input.responsibleId;
  if (filed !== undefined && !input.townshipId)
    throw new AppError("INPUT.INVALID", "按村（社区）、网格或责任人筛选时须先选择「乡镇」", {
      field: "townshipId",
    });
  const { db } = services;
  const now = services.now();
  const [townships, scheme] = await Promise.all([
    countyTownships(db, county.id),
    currentScheme(db, county.id, now),
  ]);
  const chosen = townships.filter((t) => !input.townshipId || t.id === input.townshipId);
  const lists = await Promise.all(chosen.map((t) => openDisputes(db, t, scheme, now.getTime())));
  const matches = (d: Watched) =>
    (!input.villageId || d.villageId === input.villageId) &&
    (!input.gridId || d.gridId === input.gridId) &&
    (!input.responsibleId || d.responsibleId === input.responsibleId);
  return summarise(lists.flat().filter(matches), input.includeGreen);
}

/** One township's open disputes with their lights. */
export async function townshipDisputeLights(
  services: Services,
  township: ItemOf<"township">,
  input: { includeGreen: boolean },
) {
  const { db } = services;
  const now = services.now();
  const scheme = await currentScheme(db, township.countyId, now);
  return summarise(await openDisputes(db, township, scheme, now.getTime()), input.includeGreen);
}

/** Townships that have not submitted a month: late once the county's deadline has passed. */
export async function lateSubmissions(services: Services, county: ItemOf<"county">, month: string) {
  const { db } = services;
  const now = services.now();
  const deadline = submissionDeadline(month, county);
  const [townships, { data }] = await Promise.all([
    countyTownships(db, county.id),
    db.entities.submission.query.byCountyMonth({ countyId: county.id, month }).go({ pages: "all" }),
  ]);
  const status = new Map(
    checkItems(db, "submission", data)
      .filter((s) => s.countyId === county.id)
      .map((s) => [s.townshipId, s]),
  );
  const missing = townships.filter((t) => !hasSubmitted(status.get(t.id)));
  return {
    month,
    deadline: deadline.toISOString(),
    deadlinePassed: now >= deadline,
    townships: missing.map((t) => ({
      townshipId: t.id,
      name: t.name,
      code: t.code,
      status: status.get(t.id)?.status ?? "draft",
      locked: status.get(t.id)?.lockedAt !== undefined,
    })),
  };
}
