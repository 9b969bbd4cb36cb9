import { getItem, type ItemOf, updateRecord } from "@pingan/data";
import { AppError, recordState } from "../errors";
import { lateReportId } from "../monthly-close/close-month";
import { writeContext } from "../write-context";
import type { ReviewCtx } from "./review";

/**
 * Waiving an automatic 迟报漏报 (a month the monthly close locked as not submitted, for a reason the county
 * accepts, e.g. a system outage): one reviewer asks with a reason, a second, different county user
 * confirms, which deletes the event (its deduction goes). Each step is one versioned write of the event
 * with its entry in the county's trail.
 */

async function lateEvent(ctx: ReviewCtx, month: string): Promise<ItemOf<"event">> {
  const event = await getItem(ctx.services.db, "event", {
    townshipId: ctx.township.id,
    id: lateReportId(month),
  });
  if (!event || event.deletedAt) throw new AppError("NOT_FOUND", "该月没有系统自动记录的迟报漏报");
  return event;
}

function write(
  ctx: ReviewCtx,
  input: { expectedVersion: number; reason?: string },
  action: string,
  change: (e: ItemOf<"event">) => ItemOf<"event">,
  month: string,
) {
  return updateRecord(ctx.services.db, writeContext(ctx), {
    entity: "event",
    key: { townshipId: ctx.township.id, id: lateReportId(month) },
    entityId: `${ctx.township.id}/${lateReportId(month)}`,
    scope: `C#${ctx.county.id}`,
    expectedVersion: input.expectedVersion,
    action,
    ...(input.reason ? { reason: input.reason } : {}),
    change,
  });
}

const waiverView = (e: ItemOf<"event">) => ({
  occurredAt: e.occurredAt,
  version: e.version,
  waived: e.deletedAt !== undefined,
  waiver: e.waiver ?? null,
});

/** The automatic 迟报漏报 of a township-month, if any, with its waiver request. */
export async function lateReportOf(ctx: ReviewCtx, month: string) {
  const event = await getItem(ctx.services.db, "event", {
    townshipId: ctx.township.id,
    id: lateReportId(month),
  });
  return event ? waiverView(event) : null;
}

/** A reviewer asks to waive the month's automatic 迟报漏报, with a reason; it counts until confirmed. */
export async function requestLateWaiver(
  ctx: ReviewCtx,
  input: { month: string; expectedVersion: number; reason: string },
) {
  await lateEvent(ctx, input.month);
  const now = ctx.services.now();
  const updated = await write(
    ctx,
    input,
    "event.requestLateWaiver",
    (e) => {
      if (e.deletedAt) throw recordState("该迟报漏报已免除");
      if (e.waiver) throw recordState("已有免除申请待第二名审核人员复核");
      return {
        ...e,
        waiver: { reason: input.reason, requestedBy: ctx.user.id, requestedAt: now.toISOString() },
      };
    },
    input.month,
  );
  return waiverView(updated);
}

/** A second, different county user confirms the waiver: the event is deleted and no longer deducts. */
export async function confirmLateWaiver(ctx: ReviewCtx, input: { month: string; expectedVersion: number }) {
  await lateEvent(ctx, input.month);
  const now = ctx.services.now();
  const updated = await write(
    ctx,
    input,
    "event.confirmLateWaiver",
    (e) => {
      if (e.deletedAt) throw recordState("该迟报漏报已免除");
      if (!e.waiver) throw recordState("该迟报漏报没有待复核的免除申请");
      if (e.waiver.requestedBy === ctx.user.id)
        throw new AppError(
          "REVIEW.SAME_REVIEWER",
          "免除迟报漏报须由另一名审核人员复核确认，申请人不能自行确认",
        );
      return { ...e, deletedAt: now.toISOString(), deletedBy: ctx.user.id };
    },
    input.month,
  );
  return waiverView(updated);
}
