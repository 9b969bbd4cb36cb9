import { getItem } from "@pingan/data";
import { describe, expect, it } from "vitest";
import { send } from "../notifications/notifications";
import { dailySupervision, sendReminders } from "../notifications/reminders";
import { SMS_PER_TOWNSHIP_PER_DAY, SMS_TEXT } from "../notifications/sms";
import { OutboxSms } from "../notifications/sms-provider";
import { countyWorld } from "../testing/county-world";
import { callerWith } from "../testing/harness";

const { services, tenants, tokens, as } = await countyWorld("notifications", "2026-10-20T02:00:00Z");
const countyAdmin = as.admin;
const reviewer = as.reviewer;
const townshipAdmin = as.townshipAdmin;
const staff = as.staff;
const otherTownshipAdmin = callerWith(services, tokens.B.township_admin);
const townshipId = tenants.A.townshipId;
const countyId = tenants.A.countyId;
const admin = (await countyAdmin.notices.responsibles({ townshipId })).find(
  (p) => p.role === "township_admin",
);
if (!admin) throw new Error("no township admin seeded");

const kinds = async (caller: typeof townshipAdmin) =>
  (await caller.notifications.mine()).items.map((n) => n.kind);

describe("notifications", () => {
  it("tells the person responsible when a 督办单 arrives and when its reply is returned, and no one else", async () => {
    services.setNow("2026-10-20T02:00:00Z");
    const notice = await reviewer.notices.issue({
      townshipId,
      title: "核查走访台账",
      content: "请核查",
      subject: "matter",
      dueDate: "2026-10-29",
      responsibleUserId: admin.userId,
    });
    const mine = await townshipAdmin.notifications.mine();
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({
      kind: "notice_issued",
      link: `/notices?id=${notice.id}`,
      read: false,
      text: "收到县级督办单「核查走访台账」，请于 2026-10-29 前回复",
    });
    expect(await kinds(staff)).toEqual([]);
    expect(await kinds(otherTownshipAdmin)).toEqual([]);
    expect(await kinds(reviewer)).toEqual([]);

    services.setNow("2026-10-21T02:00:00Z");
    const replied = await staff.notices.reply({
      townshipId,
      id: notice.id,
      expectedVersion: notice.version,
      text: "已核查",
      evidence: [],
    });
    await reviewer.notices.returnReply({
      townshipId,
      id: notice.id,
      expectedVersion: replied.version,
      reason: "请补充",
    });
    expect(await kinds(townshipAdmin)).toEqual(["notice_returned", "notice_issued"]);
  });

  it("reminds of a notice nearing its deadline once, however often the daily job runs", async () => {
    services.setNow("2026-10-20T02:00:00Z");
    const notice = await reviewer.notices.issue({
      townshipId,
      title: "临期提醒",
      content: "请办理",
      subject: "matter",
      dueDate: "2026-10-23",
      responsibleUserId: admin.userId,
    });
    const dueSoon = async () =>
      (await townshipAdmin.notifications.mine()).items.filter(
        (n) => n.kind === "notice_due_soon" && n.link.endsWith(notice.id),
      );
    const early = new Date("2026-10-21T02:00:00Z"); // green: more than a third of the time left
    await sendReminders(services, countyId, early);
    expect(await dueSoon()).toHaveLength(0);
    const yellow = new Date("2026-10-23T02:00:00Z");
    await dailySupervision(services, countyId, yellow);
    const again = await dailySupervision(services, countyId, yellow);
    expect(again.remindersSent).toBe(0);
    expect(await dueSoon()).toHaveLength(1);
  });

  it("tells the township's admins once when a dispute turns red and when the month is due soon", async () => {
    services.setNow("2026-10-20T02:00:00Z");
    const d = await staff.disputes.create({
      townshipId,
      requestId: "notif-red-1",
      level: "blue",
      category: "邻里纠纷",
      partiesBrief: "甲乙",
      reportedAt: "2026-10-01T09:00:00+08:00", // blue: 7 days, long overdue
    });
    // 2026-11-04 10:00 China: the October month is due at the end of 5 November and not submitted.
    const at = new Date("2026-11-04T02:00:00Z");
    const first = await sendReminders(services, countyId, at);
    const second = await sendReminders(services, countyId, at);
    expect(first.sent).toBeGreaterThanOrEqual(2);
    expect(second.sent).toBe(0);
    const items = (await townshipAdmin.notifications.mine()).items;
    expect(items.filter((n) => n.kind === "dispute_red")).toHaveLength(1);
    expect(items.filter((n) => n.kind === "submission_due")).toEqual([
      expect.objectContaining({ text: expect.stringContaining("2026-10"), link: "/my/score" }),
    ]);
    // Staff are not township admins: neither reminder goes to them, nor to another county.
    expect(await kinds(staff)).toEqual([]);
    expect(await kinds(otherTownshipAdmin)).toEqual([]);
    expect(d.id).toBeTruthy();
  });

  it("tells the township's admins once when a dispute turns yellow, and once more when it turns red", async () => {
    services.setNow("2026-10-20T02:00:00Z");
    const d = await staff.disputes.create({
      townshipId,
      requestId: "notif-yellow-1",
      level: "blue",
      category: "山林权属纠纷",
      partiesBrief: "丙丁",
      reportedAt: "2026-10-14T09:00:00+08:00", // blue: 7 days, due 21 October 09:00
    });
    const told = async (kind: string) =>
      (await townshipAdmin.notifications.mine()).items.filter(
        (n) => n.kind === kind && n.text.includes("山林权属纠纷"),
      );
    await sendReminders(services, countyId, new Date("2026-10-16T02:00:00Z")); // green: 5 of 7 days left
    expect(await told("dispute_yellow")).toHaveLength(0);
    const yellow = new Date("2026-10-20T02:00:00Z"); // a day left: yellow
    await sendReminders(services, countyId, yellow);
    await sendReminders(services, countyId, yellow);
    expect(await told("dispute_yellow")).toHaveLength(1);
    expect(await told("dispute_red")).toHaveLength(0);
    const red = new Date("2026-10-22T02:00:00Z");
    await sendReminders(services, countyId, red);
    await sendReminders(services, countyId, red);
    expect(await told("dispute_yellow")).toHaveLength(1);
    expect(await told("dispute_red")).toHaveLength(1);
    expect(await kinds(staff)).toEqual([]);
    expect(d.id).toBeTruthy();
  });

  it("tells the township's admins when their month is returned", async () => {
    services.setNow("2026-09-28T02:00:00Z");
    const s = await townshipAdmin.submissions.submit({ townshipId, month: "2026-09", expectedVersion: 0 });
    services.setNow("2026-10-02T02:00:00Z");
    await reviewer.submissions.returnToTownship({
      townshipId,
      month: "2026-09",
      expectedVersion: s.version,
      reason: "纠纷台账缺调解记录",
    });
    const returned = (await townshipAdmin.notifications.mine()).items.filter(
      (n) => n.kind === "submission_returned",
    );
    expect(returned).toEqual([expect.objectContaining({ text: expect.stringContaining("2026-09") })]);
  });

  it("marks read the given notifications or all, and never another user's", async () => {
    services.setNow("2026-11-04T03:00:00Z");
    const before = await townshipAdmin.notifications.mine();
    expect(before.unread).toBeGreaterThanOrEqual(3);
    const [first] = before.items;
    if (!first) throw new Error("no notification");
    // Someone else's ids touch nothing of this user's.
    await otherTownshipAdmin.notifications.markRead({ ids: [first.id] });
    expect((await townshipAdmin.notifications.mine()).unread).toBe(before.unread);

    const one = await townshipAdmin.notifications.markRead({ ids: [first.id] });
    expect(one.unread).toBe(before.unread - 1);
    expect(one.items.find((n) => n.id === first.id)?.read).toBe(true);
    const all = await townshipAdmin.notifications.markRead({});
    expect(all.unread).toBe(0);
    expect(all.items.every((n) => n.read)).toBe(true);
  });

  it("sends an SMS only to those who opted in, with no personal data, at most a township's daily quota", async () => {
    const outbox = new OutboxSms();
    services.sms = outbox;
    try {
      services.setNow("2026-11-09T02:00:00Z");
      expect(await townshipAdmin.notifications.preferences()).toEqual({ sms: false });
      await reviewer.notices.issue({
        townshipId,
        title: "不发短信",
        content: "未开通短信",
        subject: "matter",
        workingDays: 3,
        responsibleUserId: admin.userId,
      });
      expect(outbox.messages).toEqual([]);

      await townshipAdmin.notifications.setSms({ sms: true });
      expect(await townshipAdmin.notifications.preferences()).toEqual({ sms: true });
      await reviewer.notices.issue({
        townshipId,
        title: "张某家纠纷督办",
        content: "请核查",
        subject: "matter",
        workingDays: 3,
        responsibleUserId: admin.userId,
      });
      const phone = (await getItem(services.db, "user", { id: admin.userId }))?.phone;
      expect(outbox.messages).toEqual([{ phone, text: SMS_TEXT.notice_issued }]);
      expect(outbox.messages[0]?.text).not.toContain("张某");

      // Many notifications in one day: the township's quota caps the SMS; a retry sends nothing more.
      const drafts = Array.from({ length: SMS_PER_TOWNSHIP_PER_DAY + 5 }, (_, i) => ({
        userId: admin.userId,
        key: `sms-quota-test:${i}`,
        kind: "dispute_red" as const,
        text: "测试",
        link: "/records/disputes",
        townshipId,
      }));
      expect(await send(services, drafts, services.now())).toBe(drafts.length);
      expect(outbox.messages).toHaveLength(SMS_PER_TOWNSHIP_PER_DAY);
      expect(await send(services, drafts, services.now())).toBe(0);
      expect(outbox.messages).toHaveLength(SMS_PER_TOWNSHIP_PER_DAY);
      // The next China day has its own quota.
      await send(
        services,
        [{ ...drafts[0], key: "sms-quota-test:next-day" }] as typeof drafts,
        new Date("2026-11-10T02:00:00Z"),
      );
      expect(outbox.messages).toHaveLength(SMS_PER_TOWNSHIP_PER_DAY + 1);
    } finally {
      services.sms = undefined;
    }
  });
});
