import { randomUUID } from "node:crypto";
import { input as fields, id, int, month, text } from "@pingan/contracts";
import { checkItems, getItem, type ItemOf, updateRecord } from "@pingan/data";
import { computeLeagueTable, type Data, explainGaps, type Scheme } from "@pingan/domain";
import * as z from "zod";
import { loadCountyData, scoreCounty, scoringStored } from "../county-scoring";
import { AppError, recordState } from "../errors";
import { requireScheme } from "../scheme-store";
import type { Services } from "../services";
import { deadlineText, monthAt, submissionDeadline } from "../submission-deadline";
import { blankSubmission, changeSubmission, readSubmission, type Submission } from "../submission-store";
import {
  countyAdminProcedure,
  countyProcedure,
  countyTownshipProcedure,
  router,
  type SessionUser,
  townshipAdminProcedure,
  townshipReadProcedure,
} from "../trpc";
import { writeContext } from "../write-context";

type Entry = Submission["manualScores"][number];

const deadlineFor = (county: ItemOf<"county"> | undefined, m: string) =>
  submissionDeadline(m, county?.submissionDeadlineDay ?? undefined);

function view(s: Submission, deadline: Date, now: Date) {
  const entry = (e: Entry) => ({ ...e, effective: e.confirmedBy !== undefined });
  return {
    townshipId: s.townshipId,
    month: s.month,
    status: s.status,
    version: s.version,
    returnReason: s.returnReason ?? null,
    submittedAt: s.submittedAt ?? null,
    reviewedAt: s.reviewedAt ?? null,
    deadline: deadline.toISOString(),
    locked: s.lockedAt !== undefined || (now >= deadline && s.status === "draft"),
    manualScores: s.manualScores.map(entry),
    adjustments: s.adjustments.map(entry),
  };
}

const monthInput = fields({ month: month() });
const versioned = { month: month(), expectedVersion: int("版本号", 0, Number.MAX_SAFE_INTEGER) };
const reason = () => text("理由", 500);

function indicatorOf(scheme: Scheme, code: string) {
  const indicator = scheme.indicators.find((i) => i.code === code);
  if (!indicator) throw new AppError("INPUT.INVALID", `「指标」${code} 不在 ${scheme.year} 年度考核细则中`);
  return indicator;
}

const mustBeUnderReview = (s: Submission) => {
  if (s.status !== "submitted") throw recordState("只有已提交、待审核的月度填报才能审核");
};

/** A submission is one item (400 KB at most); no real month needs more reviewer entries than this. */
const MAX_ENTRIES = 200;
const roomForEntry = (s: Submission) => {
  if (s.manualScores.length + s.adjustments.length >= MAX_ENTRIES) {
    throw recordState(`该月人工评分和调整已达 ${MAX_ENTRIES} 条上限`);
  }
};

/** County reviewers' procedures act on one of the county's townships (`townshipId`). */
const reviewProcedure = countyTownshipProcedure;

type ReviewCtx = {
  services: Services;
  user: SessionUser;
  county: ItemOf<"county">;
  township: ItemOf<"township">;
};

/** The scheme indicator a reviewer's entry is about, from the scheme of the month's year. */
async function reviewedIndicator(ctx: ReviewCtx, month: string, code: string) {
  const { scheme } = await requireScheme(ctx.services.db, ctx.county.id, Number(month.slice(0, 4)));
  return indicatorOf(scheme, code);
}

/**
 * Saves a reviewer's pending entry (a manual score or an adjustment) into a submission under review;
 * `place` puts it where it belongs. It counts only once a second reviewer confirms it.
 */
async function saveReviewerEntry(
  ctx: ReviewCtx,
  input: { month: string; expectedVersion: number; reason: string },
  now: Date,
  action: string,
  entry: Pick<Entry, "indicator" | "value" | "event">,
  place: (s: Submission, entry: Entry) => Submission,
) {
  const full: Entry = {
    id: randomUUID(),
    ...entry,
    reason: input.reason,
    enteredBy: ctx.user.id,
    enteredAt: now.toISOString(),
  };
  const saved = await changeSubmission(ctx.services.db, writeContext(ctx), {
    township: ctx.township,
    month: input.month,
    expectedVersion: input.expectedVersion,
    action,
    reason: input.reason,
    countyTrail: true,
    change: (s) => {
      mustBeUnderReview(s);
      roomForEntry(s);
      return place(s, full);
    },
  });
  return view(saved, deadlineFor(ctx.county, input.month), now);
}

/** Monthly submissions (月度填报): live preview, submit, review with 双人复核, trend. */
/**
 * The first month (CST) a township counts in its own trend: the month it registered, or an earlier one
 * if records of that month were entered afterwards.
 */
function firstMonth(data: Data, townshipId: string, registeredAt: string): string {
  const recorded = [
    ...(data.disputes ?? []).map((d) => [d.townshipId, d.reportedAt] as const),
    ...(data.petitions ?? []).map((p) => [p.townshipId, p.receivedAt] as const),
    ...(data.incidents ?? []).map((i) => [i.townshipId, i.occurredAt] as const),
    ...(data.keyPersons ?? []).map((k) => [k.townshipId, k.registeredAt] as const),
    ...(data.visits ?? []).map((v) => [v.townshipId, v.at] as const),
    ...(data.events ?? []).map((e) => [e.townshipId, e.occurredAt] as const),
  ];
  let first = Date.parse(registeredAt);
  for (const [t, at] of recorded) if (t === townshipId) first = Math.min(first, Date.parse(at));
  return monthAt(new Date(first));
}

export const submissionsRouter = router({
  /** The month as recorded so far: its status and the reviewers' entries. */
  get: townshipReadProcedure.input(monthInput).query(async ({ ctx, input }) => {
    const county = await getItem(ctx.services.db, "county", { id: ctx.township.countyId });
    const s = await readSubmission(ctx.services.db, ctx.township, input.month);
    return view(s, deadlineFor(county, input.month), ctx.services.now());
  }),

  /**
   * The live score of the township's month from its current records: total, grade, the rank it would
   * have among the county's townships, points to the next rank and grade, and every indicator's notes
   * with the records behind them.
   */
  preview: townshipReadProcedure.input(monthInput).query(async ({ ctx, input }) => {
    const { db } = ctx.services;
    const now = ctx.services.now();
    const scored = await scoreCounty(db, ctx.township.countyId, input.month, {
      asOf: now.getTime(),
      evidence: true,
      explainMonths: [input.month],
    });
    const { table, stored } = scored;
    const row = table.rows.find((r) => r.townshipId === ctx.township.id);
    if (!row) throw recordState("该乡镇未参加本县排名");
    const gap = explainGaps(table, stored.scheme).find((g) => g.townshipId === ctx.township.id);
    const monthScore = table.details.get(ctx.township.id)?.[0];
    const evidence = new Map((monthScore?.evidence ?? []).map((e) => [e.code, e.records]));
    return {
      month: input.month,
      asOf: now.toISOString(),
      schemeVersion: stored.scheme.version,
      total: row.total,
      bonus: row.bonus,
      grade: row.grade,
      vetoed: row.vetoed,
      rank: row.rank,
      townships: table.rows.length,
      rankChange: row.rankChange,
      toNextRank: gap?.toNextRank ?? null,
      nextGrade: gap?.nextGrade ?? null,
      toNextGrade: gap?.toNextGrade ?? null,
      notes: monthScore?.notes ?? [],
      indicators: row.indicators.map((ind) => {
        const def = stored.scheme.indicators.find((i) => i.code === ind.code);
        return {
          ...ind,
          name: def?.name ?? ind.code,
          maxScore: def?.maxScore ?? 0,
          /** The records behind this indicator, each with its kind (which router reads it). */
          records: evidence.get(ind.code) ?? [],
        };
      }),
    };
  }),

  /** Score and rank month by month through a year (up to the current month). */
  trend: townshipReadProcedure
    .input(fields({ year: int("年度", 2000, 2099) }))
    .query(async ({ ctx, input }) => {
      const { db } = ctx.services;
      const now = ctx.services.now();
      const { scheme } = await requireScheme(db, ctx.township.countyId, input.year);
      const data = await loadCountyData(db, ctx.township.countyId, String(input.year), scheme);
      const current = monthAt(now);
      const months = Array.from(
        { length: 12 },
        (_, i) => `${input.year}-${String(i + 1).padStart(2, "0")}`,
      ).filter((m) => m <= current);
      const first = firstMonth(data, ctx.township.id, ctx.township.createdAt);
      return months.map((m) => {
        if (m < first) {
          // Before the township joined (and recorded anything) there is nothing to score it on.
          return {
            month: m,
            total: null,
            rank: null,
            grade: null,
            vetoed: false,
            townships: data.townships.length,
          };
        }
        const table = scoringStored(() =>
          computeLeagueTable(scheme, data, m, { asOf: now.getTime(), explainMonths: [] }),
        );
        const row = table.rows.find((r) => r.townshipId === ctx.township.id);
        return {
          month: m,
          total: row?.total ?? null,
          rank: row?.rank ?? null,
          grade: row?.grade ?? null,
          vetoed: row?.vetoed ?? false,
          townships: table.rows.length,
        };
      });
    }),

  /** The township admin submits the month (draft or returned → submitted) before the deadline. */
  submit: townshipAdminProcedure.input(fields(versioned)).mutation(async ({ ctx, input }) => {
    const { db } = ctx.services;
    const now = ctx.services.now();
    const county = await getItem(db, "county", { id: ctx.township.countyId });
    const deadline = deadlineFor(county, input.month);
    if (input.month > monthAt(now)) throw new AppError("INPUT.INVALID", "「月份」尚未开始，不能提交");
    const saved = await changeSubmission(db, writeContext(ctx), {
      township: ctx.township,
      month: input.month,
      expectedVersion: input.expectedVersion,
      action: "submission.submit",
      change: (s) => {
        // A month the county returned may be corrected and resubmitted; a draft locks at the deadline.
        if (s.status !== "returned" && (s.lockedAt || now >= deadline)) {
          throw new AppError(
            "SUBMISSION.LOCKED",
            `已超过报送截止时间（${deadlineText(deadline)}），该月填报已锁定`,
          );
        }
        if (s.status !== "draft" && s.status !== "returned") throw recordState("该月已提交，无需重复提交");
        return {
          ...s,
          status: "submitted",
          returnReason: undefined,
          submittedAt: now.toISOString(),
          submittedBy: ctx.user.id,
        };
      },
    });
    return view(saved, deadline, now);
  }),

  /** The county's review queue for a month: every active township with its submission status. */
  list: countyProcedure.input(monthInput).query(async ({ ctx, input }) => {
    const { db } = ctx.services;
    const now = ctx.services.now();
    const deadline = deadlineFor(ctx.county, input.month);
    const [{ data: townshipItems }, { data: subItems }] = await Promise.all([
      db.entities.township.query.byCounty({ countyId: ctx.county.id }).go({ pages: "all" }),
      db.entities.submission.query
        .byCountyMonth({ countyId: ctx.county.id, month: input.month })
        .go({ pages: "all" }),
    ]);
    const subs = new Map(
      checkItems(db, "submission", subItems)
        .filter((s) => s.countyId === ctx.county.id)
        .map((s) => [s.townshipId, s]),
    );
    return checkItems(db, "township", townshipItems)
      .filter((t) => t.status === "active" && t.countyId === ctx.county.id)
      .map((t) => {
        const s = subs.get(t.id);
        return {
          name: t.name,
          code: t.code,
          ...view(s ?? blankSubmission(t, input.month), deadline, now),
          pendingEntries: s ? [...s.manualScores, ...s.adjustments].filter((e) => !e.confirmedBy).length : 0,
        };
      });
  }),

  returnToTownship: reviewProcedure
    .input(fields({ ...versioned, reason: reason() }))
    .mutation(async ({ ctx, input }) => {
      const now = ctx.services.now();
      const saved = await changeSubmission(ctx.services.db, writeContext(ctx), {
        township: ctx.township,
        month: input.month,
        expectedVersion: input.expectedVersion,
        action: "submission.return",
        reason: input.reason,
        countyTrail: true,
        change: (s) => {
          mustBeUnderReview(s);
          return {
            ...s,
            status: "returned",
            returnReason: input.reason,
            reviewedAt: now.toISOString(),
            reviewedBy: ctx.user.id,
          };
        },
      });
      return view(saved, deadlineFor(ctx.county, input.month), now);
    }),

  approve: reviewProcedure.input(fields(versioned)).mutation(async ({ ctx, input }) => {
    const now = ctx.services.now();
    const saved = await changeSubmission(ctx.services.db, writeContext(ctx), {
      township: ctx.township,
      month: input.month,
      expectedVersion: input.expectedVersion,
      action: "submission.approve",
      countyTrail: true,
      change: (s) => {
        mustBeUnderReview(s);
        if ([...s.manualScores, ...s.adjustments].some((e) => !e.confirmedBy)) {
          throw recordState("尚有人工评分或调整未经第二名审核人员复核，不能审核通过");
        }
        return { ...s, status: "approved", reviewedAt: now.toISOString(), reviewedBy: ctx.user.id };
      },
    });
    return view(saved, deadlineFor(ctx.county, input.month), now);
  }),

  /**
   * A reviewer's score for a manual indicator (0..maxScore) with a reason. It replaces any earlier
   * pending score of the indicator, and counts only once a second reviewer confirms it.
   */
  enterManualScore: reviewProcedure
    .input(
      fields({
        ...versioned,
        indicator: text("指标", 32),
        score: z.number({ error: "「分数」应为数字" }).min(0, { error: "「分数」不能小于 0" }),
        reason: reason(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const now = ctx.services.now();
      const indicator = await reviewedIndicator(ctx, input.month, input.indicator);
      if (indicator.base.kind !== "manual")
        throw new AppError("INPUT.INVALID", `「指标」${indicator.code} 不是人工评分指标`);
      if (input.score > indicator.maxScore) {
        throw new AppError("INPUT.INVALID", `「分数」不能大于该指标满分 ${indicator.maxScore}`);
      }
      return saveReviewerEntry(
        ctx,
        input,
        now,
        "submission.enterManualScore",
        { indicator: indicator.code, value: input.score },
        // A new score replaces the indicator's earlier pending one; confirmed ones stay on record.
        (s, entry) => ({
          ...s,
          manualScores: [
            ...s.manualScores.filter((e) => e.indicator !== indicator.code || e.confirmedBy),
            entry,
          ],
        }),
      );
    }),

  /**
   * A reviewer's adjustment: `count` events of a kind that one of the indicator's bonus or deduction
   * rules scores (e.g. a commendation the records lack), with a reason; counts once confirmed.
   */
  enterAdjustment: reviewProcedure
    .input(
      fields({
        ...versioned,
        indicator: text("指标", 32),
        event: text("加减分事项", 64),
        count: int("次数", 1, 100),
        reason: reason(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const now = ctx.services.now();
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
        now,
        "submission.enterAdjustment",
        { indicator: indicator.code, event: input.event, value: input.count },
        (s, entry) => ({ ...s, adjustments: [...s.adjustments, entry] }),
      );
    }),

  /** 双人复核: a second, different reviewer confirms an entry, and only then does it count. */
  confirmEntry: reviewProcedure
    .input(fields({ ...versioned, entryId: id("复核条目") }))
    .mutation(async ({ ctx, input }) => {
      const now = ctx.services.now();
      const saved = await changeSubmission(ctx.services.db, writeContext(ctx), {
        township: ctx.township,
        month: input.month,
        expectedVersion: input.expectedVersion,
        action: "submission.confirmEntry",
        countyTrail: true,
        change: (s) => {
          mustBeUnderReview(s);
          const entry = [...s.manualScores, ...s.adjustments].find((e) => e.id === input.entryId);
          if (!entry) throw new AppError("NOT_FOUND", "待复核条目不存在");
          if (entry.confirmedBy) throw recordState("该条目已复核");
          if (entry.enteredBy === ctx.user.id) {
            throw new AppError(
              "REVIEW.SAME_REVIEWER",
              "人工评分须由另一名审核人员复核，录入人不能复核自己的录入",
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
        },
      });
      return view(saved, deadlineFor(ctx.county, input.month), now);
    }),

  /**
   * Discards an entry still awaiting its second reviewer (the second reviewer disagrees, or it was a
   * mistake), with a reason; a confirmed entry stays, and a new confirmed score supersedes it.
   */
  discardEntry: reviewProcedure
    .input(fields({ ...versioned, entryId: id("复核条目"), reason: reason() }))
    .mutation(async ({ ctx, input }) => {
      const now = ctx.services.now();
      const saved = await changeSubmission(ctx.services.db, writeContext(ctx), {
        township: ctx.township,
        month: input.month,
        expectedVersion: input.expectedVersion,
        action: "submission.discardEntry",
        reason: input.reason,
        countyTrail: true,
        change: (s) => {
          mustBeUnderReview(s);
          const entry = [...s.manualScores, ...s.adjustments].find((e) => e.id === input.entryId);
          if (!entry) throw new AppError("NOT_FOUND", "待复核条目不存在");
          if (entry.confirmedBy) throw recordState("该条目已经复核生效，不能撤销；如需更正请重新录入并复核");
          return {
            ...s,
            manualScores: s.manualScores.filter((e) => e.id !== entry.id),
            adjustments: s.adjustments.filter((e) => e.id !== entry.id),
          };
        },
      });
      return view(saved, deadlineFor(ctx.county, input.month), now);
    }),

  /** The county admin sets the day of the following month by which townships submit (default 5). */
  setDeadlineDay: countyAdminProcedure
    .input(fields({ day: int("截止日", 1, 28), expectedVersion: int("版本号", 1, Number.MAX_SAFE_INTEGER) }))
    .mutation(async ({ ctx, input }) => {
      const updated = await updateRecord(ctx.services.db, writeContext(ctx), {
        entity: "county",
        key: { id: ctx.county.id },
        entityId: ctx.county.id,
        scope: `C#${ctx.county.id}`,
        expectedVersion: input.expectedVersion,
        action: "county.setSubmissionDeadline",
        change: (c) => ({ ...c, submissionDeadlineDay: input.day }),
      });
      return { day: updated.submissionDeadlineDay ?? null, version: updated.version };
    }),
});
