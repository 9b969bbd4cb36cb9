import { randomUUID } from "node:crypto";
import { checkItems, getItem, type ItemOf, townshipsWithRecords } from "@pingan/data";
import { isMember, type Scheme } from "@pingan/domain";
import { AppError, recordState } from "../errors";
import { notifySubmissionReturned } from "../notifications/notifications";
import { requireScheme } from "../schemes/scheme-store";
import type { Services } from "../services";
import type { SessionUser } from "../session-user";
import { writeContext } from "../write-context";
import { blankSubmission, changeSubmission, type Submission } from "./submission-store";
import { deadlineFor, view } from "./view";

/**
 * The county's review of a township's month, and 双人复核: a reviewer's manual score or adjustment is
 * pending until a second, different county user confirms it (REVIEW.SAME_REVIEWER otherwise); a newly
 * confirmed manual score supersedes the indicator's earlier one; an unconfirmed entry can be discarded
 * with a reason; approval waits until no entry is pending. Every transition below is one versioned write.
 */

type Entry = Submission["manualScores"][number];

type Versioned = { month: string; expectedVersion: number };

function indicatorOf(scheme: Scheme, code: string) {
  const indicator = scheme.indicators.find((i) => i.code === code);
  if (!indicator) throw new AppError("INPUT.INVALID", `「指标」${code} 不在 ${scheme.year} 年度考核细则中`);
  return indicator;
}

const mustBeUnderReview = (s: Submission) => {
  if (s.status !== "submitted") throw recordState("只有已提交、待审核的月度填报才能审核");
};

/**
 * A submission is one DynamoDB item (400 KB at most), so what reviewers can add to it is capped: at most
 * MAX_PENDING_ENTRIES entries awaiting their second reviewer and MAX_ENTRIES in all, each reason at most
 * REASON_MAX characters (the router's input). Worst case (every entry with a 500-character Chinese reason)
 * is about 100 × 2 KB = 200 KB, and the audit entries store only what changed (data's tx.audit), so
 * confirming, returning and approving still fit at the cap (submissions-caps.test.ts).
 */
export const MAX_ENTRIES = 100;
export const MAX_PENDING_ENTRIES = 50;
const roomForEntry = (s: Submission) => {
  const all = [...s.manualScores, ...s.adjustments];
  if (all.filter((e) => !e.confirmedBy).length >= MAX_PENDING_ENTRIES) {
    throw recordState(
      `「待复核条目」已达 ${MAX_PENDING_ENTRIES} 条上限，请先复核或撤销已录入的人工评分和调整`,
    );
  }
  if (all.length >= MAX_ENTRIES) {
    throw recordState(`「人工评分和调整」每月最多 ${MAX_ENTRIES} 条，已达上限`);
  }
};

/** `tenantServices` reaches the county's partitions (its townships' included); `services` the accounts. */
export type ReviewCtx = {
  services: Services;
  tenantServices: Services;
  user: SessionUser;
  county: ItemOf<"county">;
  township: ItemOf<"township">;
};

/**
 * One county decision on a month under review, every transition below goes through it: a versioned
 * write of the submission (refused unless it is under review) recorded in the county's trail, answered
 * as the submission's view. `decide` gets the current submission and the server's time.
 */
async function decide(
  ctx: ReviewCtx,
  input: Versioned & { reason?: string },
  action: string,
  decide: (s: Submission, now: Date) => Submission,
) {
  const now = ctx.services.now();
  const saved = await changeSubmission(ctx.tenantServices.db, writeContext(ctx), {
    township: ctx.township,
    month: input.month,
    expectedVersion: input.expectedVersion,
    action,
    ...(input.reason === undefined ? {} : { reason: input.reason }),
    countyTrail: true,
    change: (s) => {
      mustBeUnderReview(s);
      return decide(s, now);
    },
  });
  return view(saved, deadlineFor(ctx.county, input.month), now);
}

/** An entry (manual score or adjustment) of the submission, by id. */
function entryOf(s: Submission, entryId: string): Entry {
  const entry = [...s.manualScores, ...s.adjustments].find((e) => e.id === entryId);
  if (!entry) throw new AppError("NOT_FOUND", "待复核条目不存在");
  return entry;
}

/** The scheme indicator a reviewer's entry is about, from the scheme of the month's year. */
async function reviewedIndicator(ctx: ReviewCtx, month: string, code: string) {
  const { scheme } = await requireScheme(ctx.tenantServices.db, ctx.county.id, Number(month.slice(0, 4)));
  return indicatorOf(scheme, code);
}

/**
 * Saves a reviewer's pending entry (a manual score or an adjustment) into a submission under review;
 * `place` puts it where it belongs. It counts only once a second reviewer confirms it.
 */
async function saveReviewerEntry(
  ctx: ReviewCtx,
  input: Versioned & { reason: string },
  action: string,
  entry: Pick<Entry, "indicator" | "value" | "event">,
  place: (s: Submission, entry: Entry) => Submission,
) {
  return decide(ctx, input, action, (s, now) => {
    roomForEntry(s);
    return place(s, {
      id: randomUUID(),
      ...entry,
      reason: input.reason,
      enteredBy: ctx.user.id,
      enteredAt: now.toISOString(),
    });
  });
}

/** The county's review queue for a month: every active township with its submission status. */
export async function reviewQueue(
  ctx: { services: Services; tenantServices: Services; county: ItemOf<"county"> },
  month: string,
) {
  const { db } = ctx.tenantServices;
  const now = ctx.services.now();
  const deadline = deadlineFor(ctx.county, month);
  const [{ data: townshipItems }, { data: subItems }] = await Promise.all([
    db.entities.township.query.byCounty({ countyId: ctx.county.id }).go({ pages: "all" }),
    db.entities.submission.query
      .byCountyMonth({ countyId: ctx.county.id, month: month })
      .go({ pages: "all" }),
  ]);
  const subs = new Map(
    checkItems(db, "submission", subItems)
      .filter((s) => s.countyId === ctx.county.id)
      .map((s) => [s.townshipId, s]),
  );
  const townships = checkItems(db, "township", townshipItems)
    // §11: a township is not due anything for a month before it belongs to the assessment.
    .filter((t) => t.status === "active" && t.countyId === ctx.county.id && isMember(t, month));
  const recorded = await townshipsWithRecords(
    db,
    townships.map((t) => t.id),
    month,
  );
  return townships.map((t) => {
    const s = subs.get(t.id);
    return {
      name: t.name,
      code: t.code,
      ...view(s ?? blankSubmission(t, month), deadline, now),
      pendingEntries: s ? [...s.manualScores, ...s.adjustments].filter((e) => !e.confirmedBy).length : 0,
      /** 本月无任何记录: nothing of the township's own dated in the month (reviewers see it as such). */
      noRecords: !recorded.has(t.id),
    };
  });
}

/** Returns a submitted month to the township with a reason. */
export async function returnToTownship(ctx: ReviewCtx, input: Versioned & { reason: string }) {
  const returned = await decide(ctx, input, "submission.return", (s, now) => ({
    ...s,
    status: "returned",
    returnReason: input.reason,
    reviewedAt: now.toISOString(),
    reviewedBy: ctx.user.id,
  }));
  await notifySubmissionReturned(ctx.services, ctx.township.id, input.month, returned.version);
  return returned;
}

/** Approves a submitted month; refused while an entry still waits for its second reviewer. */
export async function approve(ctx: ReviewCtx, input: Versioned) {
  return decide(ctx, input, "submission.approve", (s, now) => {
    if ([...s.manualScores, ...s.adjustments].some((e) => !e.confirmedBy)) {
      throw recordState("尚有人工评分或调整未经第二名审核人员复核，不能审核通过");
    }
    return { ...s, status: "approved", reviewedAt: now.toISOString(), reviewedBy: ctx.user.id };
  });
}

/**
 * A reviewer's score for a manual indicator (0..maxScore) with a reason. It replaces any earlier
 * pending score of the indicator, and counts only once a second reviewer confirms it.
 */
export async function enterManualScore(
  ctx: ReviewCtx,
  input: Versioned & { indicator: string; score: number; reason: string },
) {
  const indicator = await reviewedIndicator(ctx, input.month, input.indicator);
  if (indicator.base.kind !== "manual")
    throw new AppError("INPUT.INVALID", `「指标」${indicator.code} 不是人工评分指标`);
  if (input.score > indicator.maxScore) {
    throw new AppError("INPUT.INVALID", `「分数」不能大于该指标满分 ${indicator.maxScore}`);
  }
  return saveReviewerEntry(
    ctx,
    input,
    "submission.enterManualScore",
    { indicator: indicator.code, value: input.score },
    // A new score replaces the indicator's earlier pending one; confirmed ones stay on record.
    (s, entry) => ({
      ...s,
      manualScores: [...s.manualScores.filter((e) => e.indicator !== indicator.code || e.confirmedBy), entry],
    }),
  );
}

/**
 * A reviewer's adjustment: `count` events of a kind that one of the indicator's bonus or deduction
 * rules scores (e.g. a commendation the records lack), with a reason; counts once confirmed.
 */
export async function enterAdjustment(
  ctx: ReviewCtx,
  input: Versioned & { indicator: string; event: string; count: number; reason: string },
) {
  const indicator = await reviewedIndicator(ctx, input.month, input.indicator);
  const kinds = [...(indicator.bonuses ?? []), ...(indicator.deductions ?? [])].map((r) => r.event);
  if (!kinds.includes(input.event)) {
    throw new AppError(
      "INPUT.INVALID",
      `「加减分事项」应为该指标的加分或扣分事项之一：${kinds.join("、") || "（该指标没有加减分规则）"}`,
    );
  }
  return saveReviewerEntry(
    ctx,
    input,
    "submission.enterAdjustment",
    { indicator: indicator.code, event: input.event, value: input.count },
    (s, entry) => ({ ...s, adjustments: [...s.adjustments, entry] }),
  );
}

/**
 * 双人复核: a second, different reviewer confirms an entry, and only then does it count. The second
 * reviewer must already have been a county user when the entry was made (its account no newer than the
 * entry): otherwise a county admin could enter a score, create a reviewer account and confirm it alone.
 * New county users are announced in the county's trail (county.addReviewer) for the others to see.
 */
export async function confirmEntry(ctx: ReviewCtx, input: Versioned & { entryId: string }) {
  // County users never change role, so the account's creation is when it became a reviewer.
  const confirmer = await getItem(ctx.services.db, "user", { id: ctx.user.id });
  return decide(ctx, input, "submission.confirmEntry", (s, now) => {
    const entry = entryOf(s, input.entryId);
    if (entry.confirmedBy) throw recordState("该条目已复核");
    if (entry.enteredBy === ctx.user.id) {
      throw new AppError("REVIEW.SAME_REVIEWER", "人工评分须由另一名审核人员复核，录入人不能复核自己的录入");
    }
    if (!confirmer || confirmer.createdAt > entry.enteredAt) {
      throw new AppError(
        "REVIEW.REVIEWER_TOO_NEW",
        "该条目录入时您尚未成为本县审核人员，须由录入前已在岗的另一名审核人员复核",
      );
    }
    const confirm = (e: Entry): Entry =>
      e.id === entry.id ? { ...e, confirmedBy: ctx.user.id, confirmedAt: now.toISOString() } : e;
    return {
      ...s,
      // A newly confirmed manual score supersedes the indicator's earlier one.
      manualScores: s.manualScores
        .filter((e) => e.id === entry.id || !(e.indicator === entry.indicator && e.confirmedBy))
        .map(confirm),
      adjustments: s.adjustments.map(confirm),
    };
  });
}

/**
 * Discards an entry still awaiting its second reviewer (the second reviewer disagrees, or it was a
 * mistake), with a reason; a confirmed entry stays, and a new confirmed score supersedes it.
 */
export async function discardEntry(ctx: ReviewCtx, input: Versioned & { entryId: string; reason: string }) {
  return decide(ctx, input, "submission.discardEntry", (s) => {
    const entry = entryOf(s, input.entryId);
    if (entry.confirmedBy) throw recordState("该条目已经复核生效，不能撤销；如需更正请重新录入并复核");
    return {
      ...s,
      manualScores: s.manualScores.filter((e) => e.id !== entry.id),
      adjustments: s.adjustments.filter((e) => e.id !== entry.id),
    };
  });
}
