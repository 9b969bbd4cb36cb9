import { DAY_MS, monthOf, monthRange, parsePeriod } from "@pingan/domain";

export const DEFAULT_DEADLINE_DAY = 5;

/**
 * A township submits month m by the end of day `deadlineDay` (China Standard Time) of the month after m;
 * from that instant on, a submission never made is late and locked.
 */
export function submissionDeadline(month: string, deadlineDay = DEFAULT_DEADLINE_DAY): Date {
  return new Date(monthRange(month).end + deadlineDay * DAY_MS);
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
export function dueMonth(now: Date, deadlineDay = DEFAULT_DEADLINE_DAY): string {
  const previous = previousMonth(now);
  return now < submissionDeadline(previous, deadlineDay) ? previous : monthAt(now);
}

/** The month due, its deadline and the current month, as the API answers them (`submissions.cycle`). */
export function cycleView(now: Date, deadlineDay: number | undefined) {
  const day = deadlineDay ?? DEFAULT_DEADLINE_DAY;
  const month = dueMonth(now, day);
  const deadline = submissionDeadline(month, day);
  return {
    dueMonth: month,
    deadline: deadline.toISOString(),
    deadlineText: deadlineText(deadline),
    deadlineDay: day,
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
