import { randomUUID } from "node:crypto";
import type { decidePopulationInput, proposePopulationInput } from "@pingan/contracts";
import { type ItemOf, listPublished, tx, updateRecord } from "@pingan/data";
import { populationIn } from "@pingan/domain";
import type * as z from "zod";
import { AppError, recordState } from "../errors";
import type { Services } from "../services";
import type { SessionUser } from "../session-user";
import { writeContext } from "../write-context";
import { decideOnTownship } from "./township-decision";

/**
 * Population is a reviewed change (issue 16, scoring.md §11): 万人发案率 divides by it, so a township that
 * could edit it freely could raise its own score. The township admin proposes a value from a month on
 * (not earlier than the county's first unpublished month); the county admin approves or rejects; an
 * approved change enters `populationHistory`, which the scoring data load carries to the engine, so every
 * month scores with the value in force then. Each step is one versioned write of the township item with
 * its entries in the township's and the county's trails.
 */

type TownshipCtx = { services: Services; user: SessionUser; township: ItemOf<"township"> };
type CountyAdminCtx = TownshipCtx & { county: ItemOf<"county"> };
type Request = NonNullable<ItemOf<"township">["populationRequests"]>[number];

/** Decided requests kept on the item (the full history stays in the county's audit trail). */
const KEPT_DECIDED = 24;

const chinaMonth = (now: Date) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);

const nextMonth = (m: string) => {
  const [y, mo] = m.split("-").map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
};

/** The last month a published table covers (a month, or the last month of a quarter or year). */
function lastMonthOf(period: string): string {
  if (/^\d{4}-\d{2}$/.test(period)) return period;
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}-${String(Number(q[2]) * 3).padStart(2, "0")}`;
  return `${period}-12`;
}

/** The county's first month no published table covers: a change may not reach back before it. */
export async function firstUnpublishedMonth(services: Services, countyId: string): Promise<string | null> {
  const published = await listPublished(services.db, countyId);
  const last = published
    .map((p) => lastMonthOf(p.period))
    .sort()
    .at(-1);
  return last ? nextMonth(last) : null;
}

async function assertFromOpen(services: Services, countyId: string, from: string) {
  const first = await firstUnpublishedMonth(services, countyId);
  if (first && from < first)
    throw new AppError(
      "INPUT.INVALID",
      `「生效月份」不能早于尚未发布排名的第一个月（${first}）：已发布的排名不能被改变`,
      { field: "from" },
    );
}

export function populationView(t: ItemOf<"township">, now: Date) {
  return {
    townshipId: t.id,
    /** The population in force in the current month. */
    inForce: populationIn(t, chinaMonth(now)),
    population: t.population,
    history: t.populationHistory ?? [],
    requests: [...(t.populationRequests ?? [])].reverse(),
    version: t.version,
  };
}

/** The township admin proposes a new population from a month on; nothing changes until approved. */
export async function proposePopulation(ctx: TownshipCtx, input: z.infer<typeof proposePopulationInput>) {
  await assertFromOpen(ctx.services, ctx.township.countyId, input.from);
  const now = ctx.services.now();
  const request: Request = {
    id: randomUUID(),
    from: input.from,
    population: input.population,
    reason: input.reason,
    status: "pending",
    proposedBy: ctx.user.id,
    proposedAt: now.toISOString(),
  };
  const wctx = writeContext(ctx);
  const updated = await updateRecord(ctx.services.db, wctx, {
    entity: "township",
    key: { id: ctx.township.id },
    entityId: ctx.township.id,
    scope: `T#${ctx.township.id}`,
    expectedVersion: input.expectedVersion,
    action: "township.proposePopulation",
    reason: input.reason,
    change: (t) => {
      const requests = t.populationRequests ?? [];
      if (requests.some((r) => r.status === "pending"))
        throw recordState("「户籍人口」已有一项变更申请待县级审批，请等待审批后再申请");
      const decided = requests.filter((r) => r.status !== "pending").slice(-KEPT_DECIDED);
      return { ...t, populationRequests: [...decided, request] };
    },
    extra: [
      tx.audit(ctx.services.db, wctx, {
        scope: `C#${ctx.township.countyId}`,
        action: "township.proposePopulation",
        entityType: "township",
        entityId: ctx.township.id,
        after: { from: request.from, population: request.population, requestId: request.id },
        reason: input.reason,
      }),
    ],
  });
  return populationView(updated, now);
}

/** The county admin approves (the change takes effect from its month) or rejects a pending request. */
export async function decidePopulation(ctx: CountyAdminCtx, input: z.infer<typeof decidePopulationInput>) {
  const now = ctx.services.now();
  const pending = (ctx.township.populationRequests ?? []).find((r) => r.id === input.requestId);
  if (pending?.status !== "pending") throw recordState("该户籍人口变更申请不在待审批状态");
  if (input.approve) await assertFromOpen(ctx.services, ctx.county.id, pending.from);
  const updated = await decideOnTownship(ctx, {
    expectedVersion: input.expectedVersion,
    action: input.approve ? "township.approvePopulation" : "township.rejectPopulation",
    reason: input.reason,
    change: (t) => {
      const request = (t.populationRequests ?? []).find((r) => r.id === input.requestId);
      if (request?.status !== "pending") throw recordState("该户籍人口变更申请不在待审批状态");
      const decided: Request = {
        ...request,
        status: input.approve ? "approved" : "rejected",
        decidedBy: ctx.user.id,
        decidedAt: now.toISOString(),
        ...(input.reason ? { decisionReason: input.reason } : {}),
      };
      const populationHistory = input.approve
        ? [
            ...(t.populationHistory ?? []).filter((h) => h.from !== request.from),
            {
              from: request.from,
              population: request.population,
            },
          ].sort((a, b) => a.from.localeCompare(b.from))
        : t.populationHistory;
      return {
        ...t,
        populationHistory,
        populationRequests: (t.populationRequests ?? []).map((r) => (r.id === request.id ? decided : r)),
      };
    },
  });
  return populationView(updated, now);
}

/** The county's pending population requests, one row per request, for its townships page. */
export async function pendingPopulationRequests(ctx: { services: Services; county: ItemOf<"county"> }) {
  const { data } = await ctx.services.db.entities.township.query
    .byCounty({ countyId: ctx.county.id })
    .go({ pages: "all" });
  return data
    .filter((t) => t.countyId === ctx.county.id && t.status === "active")
    .flatMap((t) =>
      (t.populationRequests ?? [])
        .filter((r) => r.status === "pending")
        .map((r) => ({
          townshipId: t.id,
          townshipName: t.name,
          townshipVersion: t.version,
          current: populationIn(t, chinaMonth(ctx.services.now())),
          ...r,
        })),
    );
}
