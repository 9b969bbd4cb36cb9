/**
 * 督办单 (supervision notices): the county issues a notice to one of its townships with a deadline and the
 * township person responsible; the township replies (text and linked records as evidence); the county
 * accepts the reply or returns it with a reason. A notice still awaiting a reply after its deadline is
 * marked overdue once, with an event of kind `supervision_overdue` for the township and the month of the
 * deadline (which a county's scheme may deduct for). Every change is one versioned write with its audit
 * entry; nothing is overwritten by a concurrent edit.
 */
import { createHash, randomUUID } from "node:crypto";
import { addWorkingDays, chinaDayOf, endOfChinaDay } from "@pingan/calendar";
import {
  checkItems,
  getItem,
  type ItemOf,
  isConflict,
  NOTICE_NOT_DUE,
  type NOTICE_RECORD_TYPES,
  stampNew,
  type TxItem,
  tx,
  updateRecord,
  type WriteContext,
  writeTransaction,
} from "@pingan/data";
import { AppError, forbidden, recordState } from "../errors";
import { type Draft, send } from "../notifications/notifications";
import type { Services } from "../services";
import type { SessionUser } from "../session-user";
import { writeContext } from "../write-context";
import { type Light, lightFor } from "./lights";

export type Notice = ItemOf<"notice">;
type RecordType = (typeof NOTICE_RECORD_TYPES)[number];
type RecordRef = { type: RecordType; id: string };

/** The event kind a notice past its deadline records (packages/domain labels it 督办逾期未回复). */
export const SUPERVISION_OVERDUE = "supervision_overdue";

/** A notice holds its replies in one item: at most this many rounds of reply and return. */
export const MAX_REPLIES = 20;
/** A deadline in working days is at most this far away. */
export const MAX_WORKING_DAYS = 60;

const SWEEP_ACTOR = { id: "system:supervision-sweep", role: "system" };

/**
 * `tenantServices` reaches the tenant's partitions (the notices, the township's records and people);
 * `services` (the function's own) the recipients' notifications, which live under the users.
 */
type CountyCtx = {
  services: Services;
  tenantServices: Services;
  user: SessionUser;
  county: ItemOf<"county">;
};
type TownshipCtx = {
  services: Services;
  tenantServices: Services;
  user: SessionUser;
  township: ItemOf<"township">;
};
type CountyTownshipCtx = CountyCtx & { township: ItemOf<"township"> };

export type IssueInput = {
  title: string;
  content: string;
  subject: "record" | "indicator" | "matter";
  record?: RecordRef | undefined;
  indicator?: string | undefined;
  month?: string | undefined;
  /** Exactly one of: working days from today (China), or the last China day (YYYY-MM-DD). */
  workingDays?: number | undefined;
  dueDate?: string | undefined;
  responsibleUserId: string;
  requestId?: string | undefined;
};

const scopeOf = (townshipId: string) => `T#${townshipId}`;

/** When a reply is due: the end of the China day `workingDays` working days after today, or of `dueDate`. */
export function dueAtOf(input: Pick<IssueInput, "workingDays" | "dueDate">, now: Date): string {
  const today = chinaDayOf(now);
  if ((input.workingDays === undefined) === (input.dueDate === undefined))
    throw new AppError("INPUT.INVALID", "「办理期限」请填写工作日天数或截止日期（二选一）", {
      field: "workingDays",
    });
  if (input.workingDays !== undefined) return endOfChinaDay(addWorkingDays(today, input.workingDays));
  const day = input.dueDate as string;
  if (day < today)
    throw new AppError("INPUT.INVALID", `「截止日期」不能早于今天（${today}）`, { field: "dueDate" });
  return endOfChinaDay(day);
}

/** The record must be the township's own and not deleted. */
async function requireRecord(services: Services, townshipId: string, ref: RecordRef, field: string) {
  const found = await getItem(services.db, ref.type, { townshipId, id: ref.id });
  if (!found || found.townshipId !== townshipId || ("deletedAt" in found && found.deletedAt))
    throw new AppError("INPUT.INVALID", `「${field}」所指的记录不存在或已删除`, { field });
}

/** The township person responsible: an active member of that township. */
async function responsibleOf(services: Services, townshipId: string, userId: string) {
  const member = await getItem(services.db, "membership", { scope: scopeOf(townshipId), userId });
  if (!member || member.status === "removed")
    throw new AppError("INPUT.INVALID", "「责任人」不是该乡镇的在岗人员", { field: "responsibleUserId" });
  return member;
}

/** The township's people a notice can name as responsible. */
export async function responsibleCandidates(ctx: CountyTownshipCtx) {
  const { db } = ctx.tenantServices;
  const { data } = await db.entities.membership.query
    .byScope({ scope: scopeOf(ctx.township.id) })
    .go({ pages: "all" });
  return checkItems(db, "membership", data)
    .filter((m) => m.status !== "removed")
    .map((m) => ({ userId: m.userId, name: m.name, role: m.role }));
}

/** A county admin or reviewer issues a notice to one of the county's townships. */
export async function issueNotice(ctx: CountyTownshipCtx, input: IssueInput) {
  const { township } = ctx;
  const services = ctx.tenantServices;
  if (township.status !== "active") throw recordState("乡镇尚未通过县级审核，不能下发督办单");
  if (input.subject === "record") {
    if (!input.record)
      throw new AppError("INPUT.INVALID", "「督办事项」请选择所督办的记录", { field: "record" });
    await requireRecord(services, township.id, input.record, "record");
  }
  if (input.subject === "indicator" && (!input.indicator || !input.month))
    throw new AppError("INPUT.INVALID", "「指标」请填写指标和月份", { field: "indicator" });
  const responsible = await responsibleOf(services, township.id, input.responsibleUserId);
  const wctx = writeContext(ctx);
  const issuedAt = wctx.now.toISOString();
  const dueAt = dueAtOf(input, wctx.now);
  const scope = scopeOf(township.id);
  if (input.requestId) {
    const earlier = await getItem(services.db, "idempotency", { scope, requestId: input.requestId });
    if (earlier) {
      const notice = await getItem(services.db, "notice", earlier.entityKey as Partial<Notice>);
      if (notice) return view(notice, wctx.now);
    }
  }
  const id = randomUUID();
  const notice = stampNew(wctx, {
    townshipId: township.id,
    id,
    countyId: township.countyId,
    title: input.title,
    content: input.content,
    subject: input.subject,
    ...(input.subject === "record" && input.record ? { record: input.record } : {}),
    ...(input.subject === "indicator" ? { indicator: input.indicator, month: input.month } : {}),
    issuedAt,
    issuedBy: ctx.user.id,
    issuedByName: ctx.user.name,
    dueAt,
    ...(input.workingDays !== undefined ? { workingDays: input.workingDays } : {}),
    responsibleUserId: responsible.userId,
    responsibleName: responsible.name,
    status: "open" as const,
    replies: [],
    dueKey: dueAt,
  }) as Notice;
  const items: TxItem[] = [
    tx.create(services.db, "notice", notice),
    tx.audit(services.db, wctx, {
      scope,
      action: "notice.issue",
      entityType: "notice",
      entityId: id,
      after: notice,
    }),
  ];
  if (input.requestId)
    items.push(
      tx.create(services.db, "idempotency", {
        scope,
        requestId: input.requestId,
        entityType: "notice",
        entityKey: { townshipId: township.id, id },
        actorId: wctx.actor.id,
        createdAt: issuedAt,
        expiresAt: Math.floor(wctx.now.getTime() / 1000) + 7 * 24 * 3600,
      }),
    );
  await writeTransaction(services.db, items);
  await send(ctx.services, [issuedDraft(notice)], wctx.now);
  return view(notice, wctx.now);
}

const noticeLink = (id: string) => `/notices?id=${id}`;
const dueDay = (dueAt: string) => chinaDayOf(new Date(Date.parse(dueAt) - 1));

/** The notification of a new notice, to the person responsible. */
function issuedDraft(n: Notice): Draft {
  return {
    userId: n.responsibleUserId,
    key: `notice-issued:${n.id}`,
    kind: "notice_issued",
    text: `收到县级督办单「${n.title}」，请于 ${dueDay(n.dueAt)} 前回复`,
    link: noticeLink(n.id),
    townshipId: n.townshipId,
  };
}

/**
 * Reminds the people responsible for the county's notices awaiting a reply once they turn yellow (a third
 * or less of the time left), once per notice. Returns how many reminders are new.
 */
export async function remindNoticesDueSoon(services: Services, countyId: string, now: Date) {
  const { db } = services;
  const { data } = await db.entities.notice.query
    .byDue({ countyId })
    .lt({ dueKey: NOTICE_NOT_DUE })
    .go({ pages: "all" });
  const drafts = checkItems(db, "notice", data)
    .filter((n) => n.countyId === countyId && noticeLight(n, now) === "yellow")
    .map(
      (n): Draft => ({
        userId: n.responsibleUserId,
        key: `notice-due-soon:${n.id}`,
        kind: "notice_due_soon",
        text: `督办单「${n.title}」将于 ${dueDay(n.dueAt)} 到期，请尽快回复`,
        link: noticeLink(n.id),
        townshipId: n.townshipId,
      }),
    );
  return send(services, drafts, now);
}

/** A deterministic UUID for the one overdue event of a notice, so a retried sweep cannot record two. */
export function overdueEventId(noticeId: string): string {
  const h = createHash("sha256").update(`${SUPERVISION_OVERDUE}:${noticeId}`).digest("hex");
  const variant = ((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const awaitingReply = (n: Notice) => n.status === "open" || n.status === "returned";
const isPastDue = (n: Notice, now: Date) => now.getTime() >= Date.parse(n.dueAt);

/**
 * Marks a notice overdue: its new fields and the event to record with it (created only if no event of that
 * id exists, so a retry records nothing twice).
 */
function markOverdue(db: Services["db"], wctx: WriteContext, notice: Notice) {
  const eventId = overdueEventId(notice.id);
  const event = stampNew(wctx, {
    townshipId: notice.townshipId,
    id: eventId,
    kind: SUPERVISION_OVERDUE,
    occurredAt: notice.dueAt,
    count: 1,
    note: `督办单「${notice.title}」逾期未回复`,
  }) as ItemOf<"event">;
  return {
    fields: { overdueAt: wctx.now.toISOString(), overdueEventId: eventId },
    items: [
      tx.create(db, "event", event),
      tx.audit(db, wctx, {
        scope: scopeOf(notice.townshipId),
        action: "event.create",
        entityType: "event",
        entityId: eventId,
        after: event,
        reason: `督办单「${notice.title}」逾期未回复`,
      }),
    ],
  };
}

async function requireNotice(services: Services, townshipId: string, id: string) {
  const notice = await getItem(services.db, "notice", { townshipId, id });
  if (!notice || notice.townshipId !== townshipId) throw new AppError("NOT_FOUND", "督办单不存在");
  return notice;
}

/** The township replies (again, after a return) with text and its own records as evidence. */
export async function replyToNotice(
  ctx: TownshipCtx,
  input: { id: string; expectedVersion: number; text: string; evidence: RecordRef[] },
) {
  const { township } = ctx;
  const services = ctx.tenantServices;
  const current = await requireNotice(services, township.id, input.id);
  if (!awaitingReply(current)) throw recordState("该督办单当前不需要回复");
  if (current.replies.length >= MAX_REPLIES)
    throw recordState(`「回复」每张督办单最多 ${MAX_REPLIES} 次，已达上限`);
  const seen = new Set<string>();
  for (const [i, ref] of input.evidence.entries()) {
    const key = `${ref.type}:${ref.id}`;
    if (seen.has(key)) throw new AppError("INPUT.INVALID", "「佐证记录」有重复", { field: `evidence.${i}` });
    seen.add(key);
    await requireRecord(services, township.id, ref, `evidence.${i}`);
  }
  const wctx = writeContext(ctx);
  // A reply after the deadline still records the notice as overdue, even if the sweep has not run yet.
  const late = !current.overdueAt && isPastDue(current, wctx.now);
  const overdue = late ? markOverdue(services.db, wctx, current) : undefined;
  const reply = {
    id: randomUUID(),
    text: input.text,
    evidence: input.evidence,
    at: wctx.now.toISOString(),
    by: ctx.user.id,
    byName: ctx.user.name,
  };
  const next = await updateRecord(services.db, wctx, {
    entity: "notice",
    key: { townshipId: township.id, id: input.id },
    entityId: input.id,
    scope: scopeOf(township.id),
    expectedVersion: input.expectedVersion,
    action: "notice.reply",
    change: (n) => ({
      ...n,
      ...(overdue?.fields ?? {}),
      status: "replied",
      replies: [...n.replies, reply],
      dueKey: NOTICE_NOT_DUE,
    }),
    extra: overdue?.items ?? [],
  });
  return view(next, wctx.now);
}

/** The county decides on the latest reply: accept (closes the notice) or return it with a reason. */
export async function decideNotice(
  ctx: CountyTownshipCtx,
  input: {
    id: string;
    expectedVersion: number;
    decision: "accepted" | "returned";
    reason?: string | undefined;
  },
) {
  const { township } = ctx;
  const services = ctx.tenantServices;
  const current = await requireNotice(services, township.id, input.id);
  if (current.countyId !== ctx.county.id) throw forbidden();
  if (current.status !== "replied") throw recordState("只有已回复、待审核的督办单才能办结或退回");
  if (input.decision === "returned" && !input.reason)
    throw new AppError("INPUT.INVALID", "「退回原因」不能为空", { field: "reason" });
  const wctx = writeContext(ctx);
  const at = wctx.now.toISOString();
  const lastReply = current.replies[current.replies.length - 1];
  const returned: Draft | undefined =
    input.decision === "returned" && lastReply
      ? {
          userId: current.responsibleUserId,
          key: `notice-returned:${current.id}:${lastReply.id}`,
          kind: "notice_returned",
          text: `督办单「${current.title}」的回复被县级退回，请按要求重新回复`,
          link: noticeLink(current.id),
          townshipId: current.townshipId,
        }
      : undefined;
  const next = await updateRecord(services.db, wctx, {
    entity: "notice",
    key: { townshipId: township.id, id: input.id },
    entityId: input.id,
    scope: scopeOf(township.id),
    expectedVersion: input.expectedVersion,
    action: input.decision === "accepted" ? "notice.accept" : "notice.return",
    reason: input.reason,
    change: (n) => {
      const replies = n.replies.map((r, i) =>
        i === n.replies.length - 1
          ? {
              ...r,
              decision: input.decision,
              decidedAt: at,
              decidedBy: ctx.user.id,
              ...(input.reason ? { decisionReason: input.reason } : {}),
            }
          : r,
      );
      if (input.decision === "accepted")
        return { ...n, status: "accepted", acceptedAt: at, replies, dueKey: NOTICE_NOT_DUE };
      // Returned: awaiting a reply again; the deadline stays, and the sweep watches it unless already overdue.
      return { ...n, status: "returned", replies, dueKey: n.overdueAt ? NOTICE_NOT_DUE : n.dueAt };
    },
  });
  if (returned) await send(ctx.services, [returned], wctx.now);
  return view(next, wctx.now);
}

/** The light of a notice awaiting a reply (undefined once replied or accepted). */
export function noticeLight(n: Pick<Notice, "status" | "issuedAt" | "dueAt">, now: Date): Light | undefined {
  if (n.status !== "open" && n.status !== "returned") return undefined;
  const due = Date.parse(n.dueAt);
  return lightFor(due - now.getTime(), due - Date.parse(n.issuedAt));
}

export function view(n: Notice, now: Date) {
  return {
    id: n.id,
    townshipId: n.townshipId,
    title: n.title,
    content: n.content,
    subject: n.subject,
    record: n.record,
    indicator: n.indicator,
    month: n.month,
    issuedAt: n.issuedAt,
    issuedByName: n.issuedByName,
    dueAt: n.dueAt,
    workingDays: n.workingDays,
    responsibleUserId: n.responsibleUserId,
    responsibleName: n.responsibleName,
    status: n.status,
    replies: n.replies,
    overdue: n.overdueAt !== undefined,
    overdueAt: n.overdueAt,
    acceptedAt: n.acceptedAt,
    light: noticeLight(n, now),
    version: n.version,
  };
}
export type NoticeView = ReturnType<typeof view>;

const newestFirst = (a: Notice, b: Notice) =>
  a.issuedAt < b.issuedAt ? 1 : a.issuedAt > b.issuedAt ? -1 : a.id < b.id ? 1 : -1;

function summary<N extends NoticeView>(list: N[]) {
  return {
    counts: {
      red: list.filter((n) => n.light === "red").length,
      yellow: list.filter((n) => n.light === "yellow").length,
      green: list.filter((n) => n.light === "green").length,
      replied: list.filter((n) => n.status === "replied").length,
    },
    notices: list,
  };
}

/** The county's notices, newest first, optionally of one township or status. */
export async function countyNotices(
  ctx: CountyCtx,
  input: { townshipId?: string | undefined; status?: Notice["status"] | undefined },
) {
  const { db } = ctx.tenantServices;
  const now = ctx.services.now();
  const { data } = await db.entities.notice.query.byCounty({ countyId: ctx.county.id }).go({ pages: "all" });
  const names = await townshipNames(ctx);
  const list = checkItems(db, "notice", data)
    .filter((n) => n.countyId === ctx.county.id)
    .filter((n) => !input.townshipId || n.townshipId === input.townshipId)
    .filter((n) => !input.status || n.status === input.status)
    .sort(newestFirst)
    .map((n) => ({ ...view(n, now), townshipName: names.get(n.townshipId) ?? "" }));
  return summary(list);
}

async function townshipNames(ctx: CountyCtx) {
  const { db } = ctx.tenantServices;
  const { data } = await db.entities.township.query
    .byCounty({ countyId: ctx.county.id })
    .go({ pages: "all" });
  return new Map(checkItems(db, "township", data).map((t) => [t.id, t.name]));
}

/** One township's notices, newest first (its own people, and its county). */
export async function townshipNotices(ctx: TownshipCtx) {
  const { db } = ctx.tenantServices;
  const now = ctx.services.now();
  const { data } = await db.entities.notice.query.byId({ townshipId: ctx.township.id }).go({ pages: "all" });
  const list = checkItems(db, "notice", data)
    .filter((n) => n.townshipId === ctx.township.id)
    .sort(newestFirst)
    .map((n) => ({ ...view(n, now), townshipName: ctx.township.name }));
  return summary(list);
}

export async function getNotice(ctx: TownshipCtx, id: string) {
  return view(await requireNotice(ctx.tenantServices, ctx.township.id, id), ctx.services.now());
}

/**
 * The daily sweep of one county: every notice still awaiting a reply past its deadline is marked overdue
 * once, with its `supervision_overdue` event. Running it again (a retried schedule) changes nothing: a
 * marked notice leaves the due index, a stale index entry is re-read and skipped, and the event's id is
 * fixed by the notice (a second create of it fails its condition).
 */
export async function sweepOverdueNotices(services: Services, countyId: string, now: Date) {
  const { db } = services;
  const { data } = await db.entities.notice.query
    .byDue({ countyId })
    .lt({ dueKey: now.toISOString() })
    .go({ pages: "all" });
  const wctx: WriteContext = { actor: SWEEP_ACTOR, now };
  const marked: string[] = [];
  for (const found of checkItems(db, "notice", data)) {
    const current = await getItem(db, "notice", { townshipId: found.townshipId, id: found.id });
    if (!current || current.overdueAt || !awaitingReply(current) || !isPastDue(current, now)) continue;
    const overdue = markOverdue(db, wctx, current);
    try {
      await updateRecord(db, wctx, {
        entity: "notice",
        key: { townshipId: current.townshipId, id: current.id },
        entityId: current.id,
        scope: scopeOf(current.townshipId),
        expectedVersion: current.version,
        action: "notice.overdue",
        change: (n) => ({ ...n, ...overdue.fields, dueKey: NOTICE_NOT_DUE }),
        extra: overdue.items,
      });
      marked.push(current.id);
    } catch (error) {
      // Changed meanwhile (a reply, another sweep): the next run looks again.
      if (!isConflict(error)) throw error;
    }
  }
  return { countyId, marked };
}
