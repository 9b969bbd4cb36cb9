import { fieldError, input as fields, id, month } from "@pingan/contracts";
import { checkItems, type Db, type ItemOf } from "@pingan/data";
import type { Scheme } from "@pingan/domain";
import * as z from "zod";
import { getScheme } from "../scheme-store";
import { monthAt, submissionDeadline } from "../submission-deadline";
import { countyProcedure, router, townshipReadProcedure } from "../trpc";

const DAY_MS = 86_400_000;
const DEFAULT_DEADLINES = { blue: 7, yellow: 15, red: 30 };

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
  const deadlines = scheme?.deadlines ?? DEFAULT_DEADLINES;
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
        dueAt: new Date(due).toISOString(),
        hoursLeft: Math.floor(left / 3_600_000),
        light: lightFor(left, allowed),
      };
    });
}

type Watched = Awaited<ReturnType<typeof openDisputes>>[number];
const byUrgency = (a: Watched, b: Watched) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0);

function summarise(all: Watched[], includeGreen: boolean) {
  return {
    counts: {
      red: all.filter((d) => d.light === "red").length,
      yellow: all.filter((d) => d.light === "yellow").length,
      green: all.filter((d) => d.light === "green").length,
    },
    disputes: all.filter((d) => includeGreen || d.light !== "green").sort(byUrgency),
  };
}

const includeGreen = () => z.boolean({ error: fieldError("含正常件") }).default(false);

async function countyTownships(db: Db, countyId: string) {
  const { data } = await db.entities.township.query.byCounty({ countyId }).go({ pages: "all" });
  return checkItems(db, "township", data).filter((t) => t.countyId === countyId && t.status === "active");
}

async function currentScheme(db: Db, countyId: string, now: Date) {
  return (await getScheme(db, countyId, Number(monthAt(now).slice(0, 4))))?.scheme;
}

/** Supervision (督办): overdue and soon-due disputes, and townships late with their month. */
export const supervisionRouter = router({
  /** The county's open disputes with their lights, most urgent first (green ones on request). */
  disputes: countyProcedure
    .input(fields({ townshipId: id("乡镇").optional(), includeGreen: includeGreen() }))
    .query(async ({ ctx, input }) => {
      const { db } = ctx.services;
      const now = ctx.services.now();
      const [townships, scheme] = await Promise.all([
        countyTownships(db, ctx.county.id),
        currentScheme(db, ctx.county.id, now),
      ]);
      const chosen = townships.filter((t) => !input.townshipId || t.id === input.townshipId);
      const lists = await Promise.all(chosen.map((t) => openDisputes(db, t, scheme, now.getTime())));
      return summarise(lists.flat(), input.includeGreen);
    }),

  /** One township's open disputes with their lights (its own people and its county). */
  townshipDisputes: townshipReadProcedure
    .input(fields({ includeGreen: includeGreen() }))
    .query(async ({ ctx, input }) => {
      const { db } = ctx.services;
      const now = ctx.services.now();
      const scheme = await currentScheme(db, ctx.township.countyId, now);
      return summarise(await openDisputes(db, ctx.township, scheme, now.getTime()), input.includeGreen);
    }),

  /** Townships that have not submitted a month: late once the county's deadline has passed. */
  lateSubmissions: countyProcedure.input(fields({ month: month() })).query(async ({ ctx, input }) => {
    const { db } = ctx.services;
    const now = ctx.services.now();
    const deadline = submissionDeadline(input.month, ctx.county.submissionDeadlineDay ?? undefined);
    const [townships, { data }] = await Promise.all([
      countyTownships(db, ctx.county.id),
      db.entities.submission.query
        .byCountyMonth({ countyId: ctx.county.id, month: input.month })
        .go({ pages: "all" }),
    ]);
    const status = new Map(
      checkItems(db, "submission", data)
        .filter((s) => s.countyId === ctx.county.id)
        .map((s) => [s.townshipId, s]),
    );
    const missing = townships.filter((t) => {
      const s = status.get(t.id);
      return !s || s.status === "draft" || s.status === "returned";
    });
    return {
      month: input.month,
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
  }),
});
