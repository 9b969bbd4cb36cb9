/**
 * The 综治例会 reminder: a county may set the day of the month its townships hold the meeting. In the two
 * days before it, the admins of every township that has not yet recorded a `monthly_meeting` event this
 * month are reminded, once per township and month (the notification's key), however often the daily
 * reminder schedule runs.
 */
import { chinaDayOf } from "@pingan/calendar";
import { checkItems, type Db, type ItemOf } from "@pingan/data";
import { monthRange } from "@pingan/domain";
import { type CountySettingsCtx, updateCountySettings } from "../onboarding/counties";
import type { Services } from "../services";
import { monthAt } from "../submissions/deadline";
import { type Draft, send, townshipAdmins } from "./notifications";

/** The event kind a township records for its monthly meeting (scheme vocabulary, labels.ts: 综治例会). */
export const MEETING_EVENT_KIND = "monthly_meeting";
/** Reminded this many days before the meeting day (and not on the day itself). */
export const MEETING_REMINDER_DAYS = 2;

/** Whether China day `day` (YYYY-MM-DD) falls in the reminder window before meeting day `meetingDay`. */
export function inMeetingReminderWindow(day: string, meetingDay: number): boolean {
  const dom = Number(day.slice(8, 10));
  const from = Math.max(1, meetingDay - MEETING_REMINDER_DAYS);
  const to = Math.max(1, meetingDay - 1);
  return dom >= from && dom <= to;
}

async function activeTownships(db: Db, countyId: string) {
  const { data } = await db.entities.township.query.byCounty({ countyId }).go({ pages: "all" });
  return checkItems(db, "township", data).filter((t) => t.countyId === countyId && t.status === "active");
}

/** Whether a township has a (not deleted) monthly meeting recorded in month `month`. */
async function hasMeeting(db: Db, townshipId: string, month: string): Promise<boolean> {
  const { start, end } = monthRange(month);
  const { data } = await db.entities.event.query
    .byOccurred({ townshipId })
    .between({ occurredAt: new Date(start).toISOString() }, { occurredAt: new Date(end - 1).toISOString() })
    .go({ pages: "all" });
  return checkItems(db, "event", data).some(
    (e) => e.townshipId === townshipId && e.kind === MEETING_EVENT_KIND && !e.deletedAt && e.count > 0,
  );
}

/** Reminds townships without this month's meeting, in the days before the county's meeting day. */
export async function remindMeeting(
  services: Services,
  county: ItemOf<"county">,
  now: Date,
): Promise<number> {
  const meetingDay = county.meetingDay;
  if (!meetingDay || !inMeetingReminderWindow(chinaDayOf(now), meetingDay)) return 0;
  const { db } = services;
  const month = monthAt(now);
  const drafts: Draft[] = [];
  for (const township of await activeTownships(db, county.id)) {
    if (await hasMeeting(db, township.id, month)) continue;
    for (const userId of await townshipAdmins(services, township.id)) {
      drafts.push({
        userId,
        key: `meeting-due:${township.id}:${month}`,
        kind: "meeting_due",
        text: `本月综治例会定于 ${meetingDay} 日，本乡镇尚未登记 ${month} 的例会，请按时召开并登记`,
        link: "/records/events",
        townshipId: township.id,
      });
    }
  }
  return send(services, drafts, now);
}

/** The county admin sets (or with `null` clears) the county's 例会 day of the month. */
export async function setMeetingDay(
  ctx: CountySettingsCtx,
  input: { day: number | null; expectedVersion: number },
) {
  const updated = await updateCountySettings(ctx, input.expectedVersion, "county.setMeetingDay", (c) => {
    const { meetingDay: _, ...rest } = c;
    return input.day === null ? rest : { ...rest, meetingDay: input.day };
  });
  return { day: updated.meetingDay ?? null, version: updated.version };
}
