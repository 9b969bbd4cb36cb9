import { input as fields, id, int, month, oneOf, text } from "@pingan/contracts";
import { DEADLINE_MODES } from "@pingan/data";
import * as z from "zod";
import { monthCycle } from "../submissions/cycle";
import { confirmLateWaiver, lateReportOf, requestLateWaiver } from "../submissions/late-waiver";
import { getSubmission, previewMonth, yearTrend } from "../submissions/preview";
import {
  approve,
  confirmEntry,
  discardEntry,
  enterAdjustment,
  enterManualScore,
  returnToTownship,
  reviewQueue,
} from "../submissions/review";
import { setDeadlineDay, submitMonth } from "../submissions/submit";
import {
  authedProcedure,
  countyAdminProcedure,
  countyProcedure,
  countyTownshipProcedure,
  router,
  townshipAdminProcedure,
  townshipReadProcedure,
} from "../trpc";

const monthInput = fields({ month: month() });
const versioned = { month: month(), expectedVersion: int("版本号", 0, Number.MAX_SAFE_INTEGER) };
const reason = () => text("理由", 500);

/** County reviewers' procedures act on one of the county's townships (`townshipId`). */
const reviewProcedure = countyTownshipProcedure;

/**
 * Monthly submissions (月度填报): live preview, submit, review with 双人复核 (submissions/review.ts), trend.
 */
export const submissionsRouter = router({
  /** The month due now (「每月N日前提交上个月」, China time), its deadline and the current month. */
  cycle: authedProcedure.query(({ ctx }) => monthCycle(ctx.services, ctx.user)),

  /** The month as recorded so far: its status and the reviewers' entries. */
  get: townshipReadProcedure.input(monthInput).query(({ ctx, input }) => getSubmission(ctx, input.month)),

  /** The live score of the township's month, with its rank, gaps and every indicator's notes. */
  preview: townshipReadProcedure.input(monthInput).query(({ ctx, input }) => previewMonth(ctx, input)),

  /** Score and rank month by month through a year (up to the current month). */
  trend: townshipReadProcedure
    .input(fields({ year: int("年度", 2000, 2099) }))
    .query(({ ctx, input }) => yearTrend(ctx, input)),

  /** The township admin submits the month (draft or returned → submitted) before the deadline. */
  submit: townshipAdminProcedure
    .input(fields(versioned))
    .mutation(({ ctx, input }) => submitMonth(ctx, input)),

  /** The county's review queue for a month: every active township with its submission status. */
  list: countyProcedure.input(monthInput).query(({ ctx, input }) => reviewQueue(ctx, input.month)),

  returnToTownship: reviewProcedure
    .input(fields({ ...versioned, reason: reason() }))
    .mutation(({ ctx, input }) => returnToTownship(ctx, input)),

  approve: reviewProcedure.input(fields(versioned)).mutation(({ ctx, input }) => approve(ctx, input)),

  /** The month's automatic 迟报漏报 (the monthly close's), if any, with its waiver request. */
  lateReport: reviewProcedure.input(monthInput).query(({ ctx, input }) => lateReportOf(ctx, input.month)),

  /** A reviewer asks to waive the month's automatic 迟报漏报, with a reason (counts until confirmed). */
  requestLateWaiver: reviewProcedure
    .input(fields({ ...versioned, reason: reason() }))
    .mutation(({ ctx, input }) => requestLateWaiver(ctx, input)),

  /** A second, different county user confirms the waiver: the 迟报漏报 no longer deducts. */
  confirmLateWaiver: reviewProcedure
    .input(fields(versioned))
    .mutation(({ ctx, input }) => confirmLateWaiver(ctx, input)),

  /** A reviewer's score for a manual indicator; counts once a second reviewer confirms it. */
  enterManualScore: reviewProcedure
    .input(
      fields({
        ...versioned,
        indicator: text("指标", 32),
        score: z.number({ error: "「分数」应为数字" }).min(0, { error: "「分数」不能小于 0" }),
        reason: reason(),
      }),
    )
    .mutation(({ ctx, input }) => enterManualScore(ctx, input)),

  /** A reviewer's adjustment (`count` events of a kind the indicator scores); counts once confirmed. */
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
    .mutation(({ ctx, input }) => enterAdjustment(ctx, input)),

  /** 双人复核: a second, different reviewer confirms an entry, and only then does it count. */
  confirmEntry: reviewProcedure
    .input(fields({ ...versioned, entryId: id("复核条目") }))
    .mutation(({ ctx, input }) => confirmEntry(ctx, input)),

  /** Discards an entry still awaiting its second reviewer, with a reason. */
  discardEntry: reviewProcedure
    .input(fields({ ...versioned, entryId: id("复核条目"), reason: reason() }))
    .mutation(({ ctx, input }) => discardEntry(ctx, input)),

  /**
   * The county admin sets the day of the following month by which townships submit (default 5): day N of
   * the month, or (mode `working-day`) its N-th working day on the PRC calendar.
   */
  setDeadlineDay: countyAdminProcedure
    .input(
      fields({
        day: int("截止日", 1, 28),
        mode: oneOf("截止日计法", DEADLINE_MODES).optional(),
        expectedVersion: int("版本号", 1, Number.MAX_SAFE_INTEGER),
      }),
    )
    .mutation(({ ctx, input }) => setDeadlineDay(ctx, input)),
});
