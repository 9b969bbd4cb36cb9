/**
 * The daily reminders (run by the scheduled daily job, monthly-close/handler.ts): 督办单 nearing their
 * deadline, disputes that have turned yellow (a third of their time left) and again when they turn red, townships whose month is due within two days (by the county's
 * deadline rule, calendar or working days) and not yet submitted, and townships that have not recorded
 * this month's 例会 in the days before the county's meeting day (meeting.ts). Each reminder has a fixed key, so a retried or repeated run sends nothing twice.
 */

import { getItem } from "@pingan/data";
import { DAY_MS } from "@pingan/domain";
import type { Services } from "../services";
import { previousMonth } from "../submissions/deadline";
import { countyDisputeLights, lateSubmissions } from "../supervision/lights";
import { remindNoticesDueSoon, sweepOverdueNotices } from "../supervision/notices";
import { remindMeeting } from "./meeting";
import { type Draft, send, townshipAdmins } from "./notifications";

/** A month's submission is reminded of this long before its deadline. */
const SUBMISSION_REMINDER_MS = 2 * DAY_MS;

/** Township admins of a set of townships, each asked once. */
async function adminsOf(services: Services, townshipIds: Iterable<string>) {
  const out = new Map<string, string[]>();
  for (const id of new Set(townshipIds)) out.set(id, await townshipAdmins(services, id));
  return out;
}

export async function sendReminders(services: Services, countyId: string, now: Date) {
  const county = await getItem(services.db, "county", { id: countyId });
  if (!county) return { countyId, sent: 0 };
  const at = { ...services, now: () => now };
  let sent = await remindNoticesDueSoon(services, countyId, now);

  const { disputes } = await countyDisputeLights(at, county, { includeGreen: false });
  // Yellow and red (the lights asked for without green): each light is told once per dispute.
  const lit = disputes.filter((d) => d.light !== "green");
  const month = previousMonth(now);
  const late = await lateSubmissions(at, county, month);
  const dueIn = Date.parse(late.deadline) - now.getTime();
  const remindMonth = dueIn > 0 && dueIn <= SUBMISSION_REMINDER_MS ? late.townships : [];
  const admins = await adminsOf(services, [
    ...lit.map((d) => d.townshipId),
    ...remindMonth.map((t) => t.townshipId),
  ]);
  const drafts: Draft[] = [
    ...lit.flatMap((d) =>
      (admins.get(d.townshipId) ?? []).map(
        (userId): Draft => ({
          userId,
          key: `dispute-${d.light}:${d.id}`,
          kind: d.light === "red" ? "dispute_red" : "dispute_yellow",
          text:
            d.light === "red"
              ? `有一件矛盾纠纷已超过办结期限（${d.category}），请尽快办结`
              : `有一件矛盾纠纷的办理时限已不足三分之一（${d.category}），请抓紧调处`,
          link: "/records/disputes",
          townshipId: d.townshipId,
        }),
      ),
    ),
    ...remindMonth.flatMap((t) =>
      (admins.get(t.townshipId) ?? []).map(
        (userId): Draft => ({
          userId,
          key: `submission-due:${t.townshipId}:${month}`,
          kind: "submission_due",
          text: `${month} 月度填报尚未提交，截止时间临近，请及时提交`,
          link: "/my/score",
          townshipId: t.townshipId,
        }),
      ),
    ),
  ];
  sent += await send(services, drafts, now);
  sent += await remindMeeting(services, county, now);
  return { countyId, sent };
}

/** Everything the daily job does for supervision in one county: overdue 督办单, then the reminders. */
export async function dailySupervision(services: Services, countyId: string, now: Date) {
  const overdue = await sweepOverdueNotices(services, countyId, now);
  const reminders = await sendReminders(services, countyId, now);
  return { noticesOverdue: overdue.marked.length, remindersSent: reminders.sent };
}
