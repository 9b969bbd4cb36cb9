import { endOfChinaDay, nthWorkingDayOfMonth, workingDayInfo } from "@pingan/calendar";
import { describe, expect, it } from "vitest";
import { inMeetingReminderWindow } from "../notifications/meeting";
import { sendReminders } from "../notifications/reminders";
import { dueMonth, submissionDeadline } from "../submissions/deadline";
import { countyWorld } from "../testing/county-world";
import { callerWith } from "../testing/harness";

const { services, tenants, tokens, as } = await countyWorld("county-settings", "2026-09-20T02:00:00Z");
const countyAdmin = as.admin;
const reviewer = as.reviewer;
const townshipAdmin = as.townshipAdmin;
const staff = as.staff;
const otherTownshipAdmin = callerWith(services, tokens.B.township_admin);
const otherCountyAdmin = callerWith(services, tokens.B.county_admin);
const townshipId = tenants.A.townshipId;
const countyId = tenants.A.countyId;

const workingDayRule = { submissionDeadlineDay: 5, submissionDeadlineMode: "working-day" } as const;

describe("the working-day deadline rule", () => {
  it("puts September 2026's deadline on October's 5th working day, 10/13, past the National Day holiday", () => {
    // The official calendar: 10/1–10/7 off, Saturday 10/10 worked, Sunday 10/11 off. The working days are
    // 10/8 (Thu), 10/9 (Fri), 10/10 (Sat, 调休), 10/12 (Mon), 10/13 (Tue): the 5th is 10/13, not 10/12.
    expect(workingDayInfo("2026-10-07")).toMatchObject({ working: false, kind: "holiday" });
    expect(workingDayInfo("2026-10-10")).toMatchObject({ working: true, kind: "adjusted-workday" });
    expect(workingDayInfo("2026-10-11")).toMatchObject({ working: false, kind: "weekend" });
    const fifth = nthWorkingDayOfMonth("2026-10", 5);
    expect(fifth).toBe("2026-10-13");
    expect(submissionDeadline("2026-09", workingDayRule).toISOString()).toBe(endOfChinaDay(fifth));
    // Day 5 of the month, as before, is the end of 5 October China time.
    expect(submissionDeadline("2026-09", 5).toISOString()).toBe("2026-10-05T16:00:00.000Z");
    expect(submissionDeadline("2026-09", { submissionDeadlineDay: 5 }).toISOString()).toBe(
      "2026-10-05T16:00:00.000Z",
    );
  });

  it("keeps September due through 10/13 when counted in working days, and moves on at its end", () => {
    const lastMinute = new Date("2026-10-13T15:59:59Z"); // 23:59:59 on 13 October in China
    expect(dueMonth(lastMinute, workingDayRule)).toBe("2026-09");
    expect(dueMonth(lastMinute, 5)).toBe("2026-10");
    expect(dueMonth(new Date("2026-10-13T16:00:00Z"), workingDayRule)).toBe("2026-10");
  });
});

describe("county settings", () => {
  it("lets the county count its deadline in working days: the cycle, the submit and the lock follow it", async () => {
    const before = await countyAdmin.counties.mine();
    expect(before).toMatchObject({
      submissionDeadlineDay: 5,
      submissionDeadlineMode: "day",
      meetingDay: null,
      appealWindowDays: 5,
    });
    expect(before.calendar.map((c) => c.year)).toEqual([2026, 2027]);
    expect(before.calendar[0]).toMatchObject({ year: 2026, covered: true });

    // More than 15 working days is refused, naming the field.
    await expect(
      countyAdmin.submissions.setDeadlineDay({
        day: 20,
        mode: "working-day",
        expectedVersion: before.version,
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining("「截止日」按工作日计时应为 1 到 15") });
    await expect(
      countyAdmin.submissions.setDeadlineDay({
        day: 5,
        mode: "weekly" as "day",
        expectedVersion: before.version,
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining("「截止日计法」") });
    // Only the county admin, and the version is checked.
    await expect(
      reviewer.submissions.setDeadlineDay({ day: 5, mode: "working-day", expectedVersion: before.version }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      countyAdmin.submissions.setDeadlineDay({
        day: 5,
        mode: "working-day",
        expectedVersion: before.version + 5,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    const set = await countyAdmin.submissions.setDeadlineDay({
      day: 5,
      mode: "working-day",
      expectedVersion: before.version,
    });
    expect(set).toEqual({ day: 5, mode: "working-day", version: before.version + 1 });
    expect(await reviewer.counties.mine()).toMatchObject({ submissionDeadlineMode: "working-day" });
    // The other county is untouched.
    expect(await otherCountyAdmin.counties.mine()).toMatchObject({ submissionDeadlineMode: "day" });

    // 10 October, a worked Saturday: under "day 5" September would be locked; here it is still due.
    services.setNow("2026-10-10T02:00:00Z");
    const cycle = await townshipAdmin.submissions.cycle();
    expect(cycle).toMatchObject({
      dueMonth: "2026-09",
      deadline: "2026-10-13T16:00:00.000Z",
      deadlineText: "2026年10月13日24时",
      deadlineMode: "working-day",
      deadlineOfficial: true,
    });
    const submitted = await townshipAdmin.submissions.submit({
      townshipId,
      month: "2026-09",
      expectedVersion: 0,
    });
    expect(submitted.status).toBe("submitted");
    // The other county still counts day 5: its September is past due on 10 October.
    expect((await otherTownshipAdmin.submissions.cycle()).dueMonth).toBe("2026-10");

    services.setNow("2026-10-13T16:00:00Z");
    expect((await townshipAdmin.submissions.cycle()).dueMonth).toBe("2026-10");
  });

  it("reminds of the month due two days before a working-day deadline, once", async () => {
    // October 2026 is due on November's 5th working day: 11/2–11/6 are Monday–Friday, so 11/6.
    expect(nthWorkingDayOfMonth("2026-11", 5)).toBe("2026-11-06");
    const due = async () =>
      (await townshipAdmin.notifications.mine()).items.filter(
        (n) => n.kind === "submission_due" && n.text.includes("2026-10"),
      );
    // 5 November, 10:00 China: under "day 5" the deadline would have passed; here it is a day away.
    const at = new Date("2026-11-05T02:00:00Z");
    const first = await sendReminders(services, countyId, at);
    const second = await sendReminders(services, countyId, at);
    expect(first.sent).toBeGreaterThanOrEqual(1);
    expect(second.sent).toBe(0);
    expect(await due()).toHaveLength(1);
  });

  it("sets the 例会 day (admin only, version-checked) and reminds townships without the meeting, once", async () => {
    services.setNow("2026-12-01T02:00:00Z");
    const county = await countyAdmin.counties.mine();
    await expect(
      countyAdmin.counties.setMeetingDay({ day: 31, expectedVersion: county.version }),
    ).rejects.toMatchObject({ message: expect.stringContaining("「例会日」不能大于 28") });
    await expect(
      reviewer.counties.setMeetingDay({ day: 15, expectedVersion: county.version }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const set = await countyAdmin.counties.setMeetingDay({ day: 15, expectedVersion: county.version });
    expect(set).toEqual({ day: 15, version: county.version + 1 });
    expect(await reviewer.counties.mine()).toMatchObject({ meetingDay: 15 });

    const meeting = async (caller: typeof townshipAdmin) =>
      (await caller.notifications.mine()).items.filter((n) => n.kind === "meeting_due");

    // 10 December: too early.
    await sendReminders(services, countyId, new Date("2026-12-10T02:00:00Z"));
    expect(await meeting(townshipAdmin)).toEqual([]);

    // 13 December: two days before, nothing recorded: one reminder, however often the schedule runs.
    const at = new Date("2026-12-13T01:00:00Z");
    await sendReminders(services, countyId, at);
    await sendReminders(services, countyId, at);
    await sendReminders(services, countyId, new Date("2026-12-14T01:00:00Z"));
    const reminded = await meeting(townshipAdmin);
    expect(reminded).toEqual([
      expect.objectContaining({ text: expect.stringContaining("15 日"), link: "/records/events" }),
    ]);
    // Not to staff, nor to the other county (which has no meeting day).
    expect(await meeting(staff)).toEqual([]);
    expect(await meeting(otherTownshipAdmin)).toEqual([]);

    // January: the township records its meeting before the window, and is not reminded.
    services.setNow("2027-01-05T02:00:00Z");
    await staff.events.create({
      townshipId,
      requestId: "meeting-2027-01",
      kind: "monthly_meeting",
      occurredAt: "2027-01-05T09:00:00+08:00",
    });
    await sendReminders(services, countyId, new Date("2027-01-13T01:00:00Z"));
    expect(await meeting(townshipAdmin)).toHaveLength(1);

    // Cleared: no reminder in February.
    const cleared = await countyAdmin.counties.setMeetingDay({ day: null, expectedVersion: set.version });
    expect(cleared.day).toBeNull();
    await sendReminders(services, countyId, new Date("2027-02-13T01:00:00Z"));
    expect(await meeting(townshipAdmin)).toHaveLength(1);
  });

  it("reminds in the two days before the meeting day and not on it", () => {
    expect(inMeetingReminderWindow("2026-12-12", 15)).toBe(false);
    expect(inMeetingReminderWindow("2026-12-13", 15)).toBe(true);
    expect(inMeetingReminderWindow("2026-12-14", 15)).toBe(true);
    expect(inMeetingReminderWindow("2026-12-15", 15)).toBe(false);
    expect(inMeetingReminderWindow("2026-12-01", 2)).toBe(true);
  });
});
