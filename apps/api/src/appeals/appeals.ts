import { randomUUID } from "node:crypto";
import { addWorkingDays, chinaDayOf, endOfChinaDay } from "@pingan/calendar";
import {
  checkItems,
  createRecord,
  type Db,
  getItem,
  type ItemOf,
  publishedVersion,
  tx,
  updateRecord,
} from "@pingan/data";
import { isMember, type Scheme } from "@pingan/domain";
import { AppError, recordState } from "../errors";
import { type Draft, send, townshipAdmins } from "../notifications/notifications";
import { updateCountySettings } from "../onboarding/counties";
import { getScheme, requireScheme } from "../schemes/scheme-store";
import type { Services } from "../services";
import type { SessionUser } from "../session-user";
import { monthAt } from "../submissions/deadline";
import { changeSubmission, readSubmission, type Submission } from "../submissions/submission-store";
import { writeContext } from "../write-context";

/**
 * Appeals (申诉): a township admin appeals one indicator's score of a month, with a reason and evidence
 * (its own records), from the month's preview until the county's number of working days after the
 * month's first publication (default 5, PRC working days). Reviewers decide: upheld, rejected, or
 * amended with a new score; an amendment counts only once a second, different reviewer, in post before
 * the decision, confirms it (as 双人复核 in submissions/review.ts), which writes the amended score into
 * the month's submission as a confirmed entry in the same transaction. A correction published because of
 * an upheld or amended appeal names it (league/publication.ts). Every step is audited in the township's
 * and the county's trails.
 */

export type Appeal = ItemOf<"appeal">;

export const DEFAULT_APPEAL_WINDOW_DAYS = 5;

/** The kinds of township records an appeal may cite as evidence, by their entity. */
export const EVIDENCE_TYPES = ["dispute", "petition", "incident", "event", "keyPerson", "visit"] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

type Ctx = { services: Services; user: SessionUser };
type TownshipCtx = Ctx & {
  tenantServices: Services;
  countyServices: Services;
  township: ItemOf<"township">;
};
type CountyCtx = Ctx & { tenantServices: Services; county: ItemOf<"county"> };
type ReviewCtx = CountyCtx & { township: ItemOf<"township"> };

export const appealView = (a: Appeal) => ({
  id: a.id,
  townshipId: a.townshipId,
  month: a.month,
  indicator: a.indicator,
  reason: a.reason,
  evidence: a.evidence,
  status: a.status,
  /** An amendment decided but not yet confirmed by a second reviewer. */
  awaitingConfirmation: a.decision?.outcome === "amended" && !a.decision.confirmedBy,
  decision: a.decision ?? null,
  filedBy: a.filedBy,
  filedAt: a.filedAt,
  version: a.version,
});

/**
 * When a month's appeals close: the end (China time) of the county's N-th working day after the month's
 * first publication; null while the month is unpublished (appeals stay open).
 */
export async function appealDeadline(
  db: Db,
  county: ItemOf<"county">,
  month: string,
): Promise<string | null> {
  const first = await publishedVersion(db, county.id, month, 1);
  if (!first) return null;
  const days = county.appealWindowDays ?? DEFAULT_APPEAL_WINDOW_DAYS;
  return endOfChinaDay(addWorkingDays(chinaDayOf(first.createdAt), days));
}

async function countyOf(ctx: Ctx, countyId: string) {
  const county = await getItem(ctx.services.db, "county", { id: countyId });
  if (!county) throw new AppError("NOT_FOUND", "县不存在");
  return county;
}

function indicatorOf(scheme: Scheme, code: string) {
  const indicator = scheme.indicators.find((i) => i.code === code);
  if (!indicator) throw new AppError("INPUT.INVALID", `「指标」${code} 不在 ${scheme.year} 年度考核细则中`);
  return indicator;
}

/** The appeal window of a township's month: when it closes, and whether it is open now. */
export async function appealWindow(ctx: TownshipCtx, month: string) {
  const county = await countyOf(ctx, ctx.township.countyId);
  const now = ctx.services.now();
  const deadline = await appealDeadline(ctx.countyServices.db, county, month);
  const started = month <= monthAt(now);
  const stored = await getScheme(ctx.countyServices.db, county.id, Number(month.slice(0, 4)));
  return {
    month,
    /** The indicators of the month's scheme, to choose the one appealed. */
    indicators: (stored?.scheme.indicators ?? []).map((i) => ({ code: i.code, name: i.name })),
    workingDays: county.appealWindowDays ?? DEFAULT_APPEAL_WINDOW_DAYS,
    closesAt: deadline,
    open: started && (deadline === null || now.toISOString() <= deadline),
  };
}

async function townshipAppeals(db: Db, townshipId: string): Promise<Appeal[]> {
  const { data } = await db.entities.appeal.query.byId({ townshipId }).go({ pages: "all" });
  return checkItems(db, "appeal", data).filter((a) => a.townshipId === townshipId);
}

/** A township admin appeals one indicator's score of a month, with a reason and linked records. */
export async function fileAppeal(
  ctx: TownshipCtx,
  input: { month: string; indicator: string; reason: string; evidence: { type: EvidenceType; id: string }[] },
) {
  const { township } = ctx;
  if (!isMember(township, input.month))
    throw new AppError("INPUT.INVALID", `「月份」${input.month} 本乡镇尚未参加考核，不能申诉`);
  const window = await appealWindow(ctx, input.month);
  if (!window.open) {
    throw recordState(
      window.closesAt
        ? `「月份」${input.month} 的申诉期已于排名发布后第 ${window.workingDays} 个工作日结束`
        : `「月份」${input.month} 尚未开始，不能申诉`,
    );
  }
  const { scheme } = await requireScheme(
    ctx.countyServices.db,
    township.countyId,
    Number(input.month.slice(0, 4)),
  );
  const indicator = indicatorOf(scheme, input.indicator);
  const db = ctx.tenantServices.db;
  for (const [i, e] of input.evidence.entries()) {
    const record = await getItem(db, e.type, { townshipId: township.id, id: e.id } as never);
    if (!record || (record as { deletedAt?: string }).deletedAt)
      throw new AppError("INPUT.INVALID", `「证据」第 ${i + 1} 项：本乡镇没有该记录`);
  }
  const open = (await townshipAppeals(db, township.id)).find(
    (a) => a.month === input.month && a.indicator === indicator.code && a.status === "pending",
  );
  if (open) throw recordState(`该月「${indicator.name}」已有待处理的申诉`);
  const now = ctx.services.now().toISOString();
  const id = randomUUID();
  const fields = {
    townshipId: township.id,
    countyId: township.countyId,
    id,
    month: input.month,
    indicator: indicator.code,
    reason: input.reason,
    evidence: input.evidence,
    status: "pending" as const,
    filedBy: ctx.user.id,
    filedAt: now,
  };
  const wctx = writeContext(ctx);
  const { item } = await createRecord(db, wctx, {
    entity: "appeal",
    item: fields,
    key: (x) => ({ townshipId: x.townshipId, id: x.id }),
    entityId: `${township.id}/${id}`,
    scope: `T#${township.id}`,
    // The township's trail only: a township's credentials cannot write the county's partition; the
    // county sees the appeal in its queue, and its own decisions in its trail.
    action: "appeal.file",
  });
  return appealView(item);
}

function countyTrail(
  db: Db,
  wctx: ReturnType<typeof writeContext>,
  countyId: string,
  action: string,
  entityId: string,
  after: object,
  reason?: string,
) {
  return tx.audit(db, wctx, {
    scope: `C#${countyId}`,
    action,
    entityType: "appeal",
    entityId,
    after,
    reason,
  });
}

/** A township's appeals, newest first (its own people and its county's users). */
export async function listTownshipAppeals(ctx: { tenantServices: Services; township: ItemOf<"township"> }) {
  const appeals = await townshipAppeals(ctx.tenantServices.db, ctx.township.id);
  return appeals.sort((a, b) => (a.filedAt < b.filedAt ? 1 : -1)).map(appealView);
}

/** The county's appeals, newest first, optionally only those still to decide or confirm. */
export async function listCountyAppeals(ctx: CountyCtx, input: { pendingOnly?: boolean }) {
  const db = ctx.tenantServices.db;
  const { data } = await db.entities.appeal.query
    .byCounty({ countyId: ctx.county.id })
    .go({ pages: "all", order: "desc" });
  return checkItems(db, "appeal", data)
    .filter((a) => a.countyId === ctx.county.id && (!input.pendingOnly || a.status === "pending"))
    .map(appealView);
}

async function readAppeal(ctx: ReviewCtx, appealId: string) {
  const appeal = await getItem(ctx.tenantServices.db, "appeal", {
    townshipId: ctx.township.id,
    id: appealId,
  });
  if (!appeal || appeal.countyId !== ctx.county.id) throw new AppError("NOT_FOUND", "申诉不存在");
  return appeal;
}

function changeAppeal(
  ctx: ReviewCtx,
  input: { appealId: string; expectedVersion: number; reason?: string },
  action: string,
  change: (a: Appeal) => Appeal,
) {
  const db = ctx.tenantServices.db;
  const wctx = writeContext(ctx);
  const entityId = `${ctx.township.id}/${input.appealId}`;
  return updateRecord(db, wctx, {
    entity: "appeal",
    key: { townshipId: ctx.township.id, id: input.appealId },
    entityId,
    scope: `T#${ctx.township.id}`,
    expectedVersion: input.expectedVersion,
    action,
    ...(input.reason ? { reason: input.reason } : {}),
    change,
    extra: [countyTrail(db, wctx, ctx.county.id, action, entityId, { action }, input.reason)],
  });
}

const mustBePending = (a: Appeal) => {
  if (a.status !== "pending") throw recordState("该申诉已处理");
  if (a.decision) throw recordState("该申诉的更正待第二名审核人员复核");
};

const OUTCOME_WORDS = { upheld: "维持申诉", amended: "更正得分", rejected: "驳回" } as const;

/** Tells the township's admins their appeal was decided (once per appeal: the key is the appeal's). */
async function notifyDecided(services: Services, appeal: Appeal) {
  const outcome = appeal.status;
  if (outcome === "pending") return;
  const drafts = (await townshipAdmins(services, appeal.townshipId)).map(
    (userId): Draft => ({
      userId,
      key: `appeal-decided:${appeal.townshipId}:${appeal.id}`,
      kind: "appeal_decided",
      text: `${appeal.month} 指标 ${appeal.indicator} 的申诉已处理：${OUTCOME_WORDS[outcome]}`,
      link: "/appeals",
      townshipId: appeal.townshipId,
    }),
  );
  await send(services, drafts, services.now());
}

export type Decision =
  | { outcome: "upheld" | "rejected" }
  | { outcome: "amended"; score?: number; event?: string; count?: number };

/**
 * A reviewer decides an appeal with a reason. Upheld and rejected are final; amended carries the new
 * score (a manual indicator's score, or `count` events of a kind one of the indicator's rules scores) and
 * waits for a second reviewer's confirmation.
 */
export async function decideAppeal(
  ctx: ReviewCtx,
  input: { appealId: string; expectedVersion: number; reason: string } & Decision,
) {
  const appeal = await readAppeal(ctx, input.appealId);
  const now = ctx.services.now().toISOString();
  let amendment: { score?: number; event?: string; count?: number } = {};
  if (input.outcome === "amended") {
    const { scheme } = await requireScheme(
      ctx.tenantServices.db,
      ctx.county.id,
      Number(appeal.month.slice(0, 4)),
    );
    const indicator = indicatorOf(scheme, appeal.indicator);
    if (indicator.base.kind === "manual") {
      if (input.score === undefined) throw new AppError("INPUT.INVALID", "「更正分数」为必填项");
      if (input.score > indicator.maxScore)
        throw new AppError("INPUT.INVALID", `「更正分数」不能大于该指标满分 ${indicator.maxScore}`);
      amendment = { score: input.score };
    } else {
      const kinds = [...(indicator.bonuses ?? []), ...(indicator.deductions ?? [])].map((r) => r.event);
      if (!input.event || !kinds.includes(input.event))
        throw new AppError(
          "INPUT.INVALID",
          `「加减分事项」应为该指标的加分或扣分事项之一：${kinds.join("、") || "（该指标没有加减分规则，只能维持或驳回）"}`,
        );
      if (input.count === undefined) throw new AppError("INPUT.INVALID", "「次数」为必填项");
      amendment = { event: input.event, count: input.count };
    }
  }
  const saved = await changeAppeal(ctx, input, `appeal.${input.outcome}`, (a) => {
    mustBePending(a);
    const decision = {
      outcome: input.outcome,
      reason: input.reason,
      decidedBy: ctx.user.id,
      decidedAt: now,
      ...amendment,
    };
    return { ...a, status: input.outcome === "amended" ? "pending" : input.outcome, decision };
  });
  await notifyDecided(ctx.services, saved);
  return appealView(saved);
}

/** A reviewer withdraws an amendment not yet confirmed (the second reviewer disagrees), with a reason. */
export async function withdrawAmendment(
  ctx: ReviewCtx,
  input: { appealId: string; expectedVersion: number; reason: string },
) {
  await readAppeal(ctx, input.appealId);
  const saved = await changeAppeal(ctx, input, "appeal.withdrawAmendment", (a) => {
    if (a.status !== "pending" || !a.decision) throw recordState("该申诉没有待复核的更正");
    const { decision: _d, ...rest } = a;
    return rest as Appeal;
  });
  return appealView(saved);
}

type Entry = Submission["manualScores"][number];

/**
 * The second reviewer confirms an amendment: a different county user, already in post when it was
 * decided. In one transaction the appeal becomes amended and the month's submission gets the amended
 * score as a confirmed entry (a manual score supersedes the indicator's earlier confirmed one).
 */
export async function confirmAmendment(ctx: ReviewCtx, input: { appealId: string; expectedVersion: number }) {
  const appeal = await readAppeal(ctx, input.appealId);
  if (appeal.version !== input.expectedVersion)
    throw new AppError("CONFLICT", "该申诉已被他人修改，请刷新后重试");
  const decision = appeal.decision;
  if (appeal.status !== "pending" || !decision || decision.outcome !== "amended")
    throw recordState("该申诉没有待复核的更正");
  if (decision.decidedBy === ctx.user.id)
    throw new AppError("REVIEW.SAME_REVIEWER", "申诉更正须由另一名审核人员复核，决定人不能复核自己的决定");
  const confirmer = await getItem(ctx.services.db, "user", { id: ctx.user.id });
  if (!confirmer || confirmer.createdAt > decision.decidedAt)
    throw new AppError(
      "REVIEW.REVIEWER_TOO_NEW",
      "该更正决定时您尚未成为本县审核人员，须由决定前已在岗的另一名审核人员复核",
    );
  const db = ctx.tenantServices.db;
  const wctx = writeContext(ctx);
  const now = wctx.now.toISOString();
  const next: Appeal = {
    ...appeal,
    status: "amended",
    decision: { ...decision, confirmedBy: ctx.user.id, confirmedAt: now },
    version: appeal.version + 1,
    updatedAt: now,
    updatedBy: ctx.user.id,
  };
  const entry: Entry = {
    id: randomUUID(),
    indicator: appeal.indicator,
    value: decision.score ?? decision.count ?? 0,
    ...(decision.event ? { event: decision.event } : {}),
    reason: `申诉更正（申诉 ${appeal.id}）：${decision.reason}`,
    enteredBy: decision.decidedBy,
    enteredAt: decision.decidedAt,
    confirmedBy: ctx.user.id,
    confirmedAt: now,
  };
  const submission = await readSubmission(db, ctx.township, appeal.month);
  const entityId = `${ctx.township.id}/${appeal.id}`;
  await changeSubmission(db, wctx, {
    township: ctx.township,
    month: appeal.month,
    expectedVersion: submission.version,
    action: "submission.appealAmendment",
    reason: entry.reason,
    countyTrail: true,
    change: (s) =>
      decision.event
        ? { ...s, adjustments: [...s.adjustments, entry] }
        : {
            ...s,
            manualScores: [
              ...s.manualScores.filter((e) => !(e.indicator === entry.indicator && e.confirmedBy)),
              entry,
            ],
          },
    extra: [
      tx.replace(db, "appeal", next, appeal.version),
      tx.audit(db, wctx, {
        scope: `T#${ctx.township.id}`,
        action: "appeal.confirmAmendment",
        entityType: "appeal",
        entityId,
        before: { status: appeal.status },
        after: { status: next.status, decision: next.decision },
      }),
      countyTrail(db, wctx, ctx.county.id, "appeal.confirmAmendment", entityId, { status: next.status }),
    ],
  });
  await notifyDecided(ctx.services, next);
  return appealView(next);
}

/** An upheld or amended appeal of the county, for a correction that names it. */
export async function appealForCorrection(
  db: Db,
  countyId: string,
  ref: { townshipId: string; appealId: string },
  months: string[],
) {
  const appeal = await getItem(db, "appeal", { townshipId: ref.townshipId, id: ref.appealId });
  if (!appeal || appeal.countyId !== countyId) throw new AppError("NOT_FOUND", "申诉不存在");
  if (appeal.status !== "upheld" && appeal.status !== "amended")
    throw recordState("只有已维持或已更正的申诉才能作为更正依据");
  if (!months.includes(appeal.month)) throw new AppError("INPUT.INVALID", "「申诉」不属于该考核期");
  return appeal;
}

/** The county admin sets how many working days after publication townships may appeal (default 5). */
export async function setAppealWindow(ctx: CountyCtx, input: { days: number; expectedVersion: number }) {
  const county = await updateCountySettings(ctx, input.expectedVersion, "county.setAppealWindow", (c) => ({
    ...c,
    appealWindowDays: input.days,
  }));
  return { workingDays: county.appealWindowDays ?? DEFAULT_APPEAL_WINDOW_DAYS, version: county.version };
}
