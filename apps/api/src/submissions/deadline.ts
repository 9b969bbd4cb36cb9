import { coverage, endOfChinaDay, nthWorkingDayOfMonth } from "@pingan/calendar";
import type { DEADLINE_MODES } from "@pingan/data";
import { DAY_MS, monthOf, monthRange, parsePeriod } from "@pingan/domain";

export const DEFAULT_DEADLINE_DAY = 5;
/** 「每月第 N 个工作日」: N at most this (the shortest month, February with the Spring Festival, has 16). */
export const MAX_WORKING_DAY_DEADLINE = 15;

/** How a county counts its deadline: day N of the month, or the N-th working day (PRC calendar). */
export type DeadlineMode = (typeof DEADLINE_MODES)[number];

/** A county's deadline rule as stored on the county (both fields optional: day 5 of the month). */
export type DeadlineRule = {
  submissionDeadlineDay?: number | null | undefined;
  submissionDeadlineMode?: DeadlineMode | null | undefined;
};

/** The rule a county (or a bare day, or nothing: the default) stands for. */
export function deadlineRule(rule: DeadlineRule | number | null | undefined): {
  day: number;
  mode: DeadlineMode;
} {
  if (typeof rule === "number") return { day: rule, mode: "day" };
  return {
    day: rule?.submissionDeadlineDay ?? DEFAULT_DEADLINE_DAY,
    mode: rule?.submissionDeadlineMode ?? "day",
  };
}

/** The month after `month` (YYYY-MM). */
const nextMonth = (month: string): string => monthOf(new Date(monthRange(month).end).toISOString());

/**
 * A township submits month m by the end (China Standard Time) of day N of the month after m, or, when the
 * county counts in working days, of that month's N-th working day on the PRC calendar (holidays off,
 * 调休 weekends worked; a year the calendar does not cover counts Monday–Friday). From that instant on, a
 * submission never made is late and locked.
 */
export function submissionDeadline(
  month: string,
  rule: DeadlineRule | number | null | undefined = DEFAULT_DEADLINE_DAY,
): Date {
  const { day, mode } = deadlineRule(rule);
  if (mode === "working-day") return new Date(endOfChinaDay(nthWorkingDayOfMonth(nextMonth(month), day)));
  return new Date(monthRange(month).end + day * DAY_MS);
}

/**
 * The deadline as people say it: the last day that still counts, in China Standard Time
 * (an exclusive deadline of 2026-12-06T00:00+08:00 reads 「2026年12月5日24时」).
 */
export function deadlineText(deadline: Date): string {
  const lastDay = new Date(deadline.getTime() + 8 * 3_600_000 - 1);
  return `${lastDay.getUTCFullYear()}年${lastDay.getUTCMonth() + 1}月${lastDay.getUTCDate()}日24时`;
}

/** The month (CST) an instant falls in. */
export const monthAt = (now: Date): string => monthOf(now.toISOString());

/** The month before the one `now` falls in: the month a close on the first days of a month closes. */
export function previousMonth(now: Date): string {
  const start = monthRange(monthAt(now)).start;
  return monthOf(new Date(start - 1).toISOString());
}

/**
 * The month due (「每月5日前提交上个月」): until the previous month's deadline has passed (China time),
 * townships are still submitting the previous month, so that is the month due; from then on the current
 * month is (it is due by the deadline day of the next month). On 3 December with the default day 5 the due
 * month is November; on 6 December it is December. Township pages, the submit button and the county's
 * review queue all open on this month by default.
 */
export function dueMonth(
  now: Date,
  rule: DeadlineRule | number | null | undefined = DEFAULT_DEADLINE_DAY,
): string {
  const previous = previousMonth(now);
  return now < submissionDeadline(previous, rule) ? previous : monthAt(now);
}

/** The month due, its deadline and the current month, as the API answers them (`submissions.cycle`). */
export function cycleView(now: Date, rule: DeadlineRule | number | null | undefined) {
  const { day, mode } = deadlineRule(rule);
  const month = dueMonth(now, { submissionDeadlineDay: day, submissionDeadlineMode: mode });
  const deadline = submissionDeadline(month, { submissionDeadlineDay: day, submissionDeadlineMode: mode });
  return {
    dueMonth: month,
    deadline: deadline.toISOString(),
    deadlineText: deadlineText(deadline),
    deadlineDay: day,
    deadlineMode: mode,
    /** False when the deadline's year is past the PRC calendar's data: it was counted Monday–Friday. */
    deadlineOfficial: mode === "day" || coverage(deadline.getUTCFullYear()).covered,
    currentMonth: monthAt(now),
    now: now.toISOString(),
  };
}

/** Whether every month of a period has ended by `now` (only finished periods are published). */
export function periodEnded(period: string, now: Date): boolean {
  const p = parsePeriod(period);
  if (!p) return false;
  const last = p.months[p.months.length - 1] as string;
  return monthRange(last).end <= now.getTime();
}

/** Whether a township has handed in its month: a draft or a returned month still waits for it. */
export const hasSubmitted = (s: { status: string } | undefined): boolean =>
  s !== undefined && s.status !== "draft" && s.status !== "returned";
