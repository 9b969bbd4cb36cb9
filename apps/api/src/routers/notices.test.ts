import { getItem } from "@pingan/data";
import { describe, expect, it } from "vitest";
import { runClose } from "../monthly-close/handler";
import { dueAtOf, overdueEventId, SUPERVISION_OVERDUE, sweepOverdueNotices } from "../supervision/notices";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

const services = await createTestServices("notices");
services.setNow("2026-11-02T02:00:00Z"); // Monday 2 November 2026, 10:00 in China
services.accessTokenTtlSeconds = 365 * 24 * 3600;
services.refreshTokenTtlSeconds = 365 * 24 * 3600;
const { tenants, tokens } = await seedTwoTenants(services);
const admin = callerWith(services, tokens.A.county_admin);
const reviewer = callerWith(services, tokens.A.county_reviewer);
const staff = callerWith(services, tokens.A.township_staff);
const townshipAdmin = callerWith(services, tokens.A.township_admin);
const otherCounty = callerWith(services, tokens.B.county_admin);
const otherTownship = callerWith(services, tokens.B.township_admin);
const townshipId = tenants.A.townshipId;
const siblingId = tenants.A.siblingTownshipId;

const people = await admin.notices.responsibles({ townshipId });
const responsible = people.find((p) => p.role === "township_admin");
if (!responsible) throw new Error("seeded township has no admin");

const issue = (extra: Record<string, unknown> = {}) =>
  reviewer.notices.issue({
    townshipId,
    title: "核查纠纷台账",
    content: "请核查本月纠纷台账并说明情况",
    subject: "matter",
    workingDays: 3,
    responsibleUserId: responsible.userId,
    ...extra,
  });

async function overdueEvents(tid: string) {
  const { data } = await services.db.entities.event.query.byId({ townshipId: tid }).go({ pages: "all" });
  return data.filter((e) => e.kind === SUPERVISION_OVERDUE);
}

describe("督办单", () => {
  it("counts a deadline in working days on the PRC calendar (over the 国庆 holiday) or takes a date", () => {
    // 2026-09-30 (Wed) + 3 working days: 10-01..10-07 off, 10-08 and 10-09 worked, 10-10 (Sat) worked by 调休.
    expect(dueAtOf({ workingDays: 3 }, new Date("2026-09-30T02:00:00Z"))).toBe("2026-10-10T16:00:00.000Z");
    expect(dueAtOf({ dueDate: "2026-11-30" }, new Date("2026-11-02T02:00:00Z"))).toBe(
      "2026-11-30T16:00:00.000Z",
    );
    expect(() => dueAtOf({ dueDate: "2026-11-01" }, new Date("2026-11-02T02:00:00Z"))).toThrow(/截止日期/);
    expect(() => dueAtOf({}, new Date("2026-11-02T02:00:00Z"))).toThrow(/办理期限/);
  });

  it("goes from issue to reply with evidence, return with a reason, a second reply and acceptance, all audited", async () => {
    services.setNow("2026-11-02T02:00:00Z");
    const dispute = await staff.disputes.create({
      townshipId,
      requestId: "ntc-dispute-1",
      level: "blue",
      category: "邻里纠纷",
      partiesBrief: "甲乙",
      reportedAt: "2026-11-01T09:00:00+08:00",
    });
    const issued = await issue({ subject: "record", record: { type: "dispute", id: dispute.id } });
    expect(issued).toMatchObject({
      status: "open",
      dueAt: "2026-11-05T16:00:00.000Z", // Mon + 3 working days = Thu 5 Nov, end of day in China
      responsibleName: responsible.name,
      issuedByName: "A-county_reviewer",
      light: "green",
      overdue: false,
    });

    // The county cannot decide before a reply; the township sees it with its light.
    await expect(
      admin.notices.accept({ townshipId, id: issued.id, expectedVersion: issued.version }),
    ).rejects.toMatchObject({ cause: { code: "RECORD.STATE" } });
    services.setNow("2026-11-04T20:00:00Z"); // a third or less of the time left
    const mine = await staff.notices.townshipList({ townshipId });
    expect(mine.notices.map((n) => [n.id, n.light])).toEqual([[issued.id, "yellow"]]);
    expect(mine.counts.yellow).toBe(1);

    // Evidence must be the township's own records.
    await expect(
      staff.notices.reply({
        townshipId,
        id: issued.id,
        expectedVersion: issued.version,
        text: "已核查",
        evidence: [{ type: "dispute", id: "00000000-0000-4000-8000-000000000000" }],
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining("evidence.0") });
    const replied = await staff.notices.reply({
      townshipId,
      id: issued.id,
      expectedVersion: issued.version,
      text: "已核查，已调解",
      evidence: [{ type: "dispute", id: dispute.id }],
    });
    expect(replied).toMatchObject({ status: "replied", light: undefined });
    expect(replied.replies).toHaveLength(1);

    // A stale version is a conflict, never a silent overwrite.
    await expect(
      reviewer.notices.returnReply({
        townshipId,
        id: issued.id,
        expectedVersion: issued.version,
        reason: "不足",
      }),
    ).rejects.toMatchObject({ cause: { code: "CONFLICT" } });
    await expect(
      reviewer.notices.returnReply({ townshipId, id: issued.id, expectedVersion: replied.version }),
    ).rejects.toMatchObject({ message: expect.stringContaining("退回原因") });
    const returned = await reviewer.notices.returnReply({
      townshipId,
      id: issued.id,
      expectedVersion: replied.version,
      reason: "请补充调解记录",
    });
    expect(returned.status).toBe("returned");
    expect(returned.replies[0]).toMatchObject({ decision: "returned", decisionReason: "请补充调解记录" });

    const again = await townshipAdmin.notices.reply({
      townshipId,
      id: issued.id,
      expectedVersion: returned.version,
      text: "已补充调解记录",
      evidence: [],
    });
    const accepted = await admin.notices.accept({
      townshipId,
      id: issued.id,
      expectedVersion: again.version,
    });
    expect(accepted).toMatchObject({ status: "accepted", overdue: false });
    expect(accepted.replies.map((r) => r.decision)).toEqual(["returned", "accepted"]);

    const trail = await admin.audit.township({ townshipId, limit: 100 });
    const actions = trail.items.filter((e) => e.entityId === issued.id).map((e) => e.action);
    expect(actions.sort()).toEqual(
      ["notice.accept", "notice.issue", "notice.reply", "notice.reply", "notice.return"].sort(),
    );
  });

  it("marks a notice past its deadline overdue once, with one supervision_overdue event, however often the sweep runs", async () => {
    services.setNow("2026-11-02T02:00:00Z");
    const late = await issue({ title: "逾期测试", dueDate: "2026-11-10", workingDays: undefined });
    const answered = await issue({ title: "按期回复", dueDate: "2026-11-10", workingDays: undefined });
    await staff.notices.reply({
      townshipId,
      id: answered.id,
      expectedVersion: answered.version,
      text: "已办理",
      evidence: [],
    });
    const before = (await overdueEvents(townshipId)).length;

    services.setNow("2026-11-10T15:00:00Z"); // still 10 November in China: not yet overdue
    expect((await sweepOverdueNotices(services, tenants.A.countyId, services.now())).marked).not.toContain(
      late.id,
    );

    services.setNow("2026-11-11T01:00:00Z");
    const first = await runClose(
      services,
      { task: "deadline-check", scheduledTime: "2026-11-11T01:00:00Z" },
      undefined,
    );
    expect(first).toMatchObject({ noticesOverdue: 1 });
    const second = await runClose(
      services,
      { task: "deadline-check", scheduledTime: "2026-11-11T01:00:00Z" },
      undefined,
    );
    expect(second).toMatchObject({ noticesOverdue: 0, remindersSent: 0 });
    expect((await sweepOverdueNotices(services, tenants.A.countyId, services.now())).marked).toEqual([]);

    const events = await overdueEvents(townshipId);
    expect(events).toHaveLength(before + 1);
    const event = events.find((e) => e.id === overdueEventId(late.id));
    expect(event).toMatchObject({ occurredAt: "2026-11-10T16:00:00.000Z", count: 1 });
    expect(event?.note).toContain("逾期测试");

    const marked = await reviewer.notices.get({ townshipId, id: late.id });
    expect(marked).toMatchObject({ overdue: true, light: "red", status: "open" });
    const replied = await reviewer.notices.get({ townshipId, id: answered.id });
    expect(replied.overdue).toBe(false);

    // A late reply keeps the mark and records nothing more.
    await staff.notices.reply({
      townshipId,
      id: late.id,
      expectedVersion: marked.version,
      text: "补报",
      evidence: [],
    });
    expect(await overdueEvents(townshipId)).toHaveLength(before + 1);
  });

  it("records the overdue event with a late reply the sweep has not seen yet", async () => {
    services.setNow("2026-11-12T02:00:00Z");
    const n = await issue({ title: "迟复", dueDate: "2026-11-12", workingDays: undefined });
    services.setNow("2026-11-13T02:00:00Z");
    const replied = await staff.notices.reply({
      townshipId,
      id: n.id,
      expectedVersion: n.version,
      text: "迟到的回复",
      evidence: [],
    });
    expect(replied.overdue).toBe(true);
    expect(await getItem(services.db, "event", { townshipId, id: overdueEventId(n.id) })).toMatchObject({
      kind: SUPERVISION_OVERDUE,
    });
    expect((await sweepOverdueNotices(services, tenants.A.countyId, services.now())).marked).not.toContain(
      n.id,
    );
  });

  it("refuses bad input naming the field", async () => {
    await expect(issue({ responsibleUserId: "someone-else" })).rejects.toMatchObject({
      message: expect.stringContaining("责任人"),
    });
    await expect(issue({ subject: "record" })).rejects.toMatchObject({
      message: expect.stringContaining("督办事项"),
    });
    await expect(issue({ dueDate: "2026-12-01" })).rejects.toMatchObject({
      message: expect.stringContaining("办理期限"),
    });
    await expect(issue({ title: "" })).rejects.toMatchObject({ message: expect.stringContaining("标题") });
  });

  it("keeps every township to its own notices and every county to its townships", async () => {
    services.setNow("2026-11-16T02:00:00Z");
    const siblingPeople = await admin.notices.responsibles({ townshipId: siblingId });
    expect(siblingPeople.map((p) => p.userId)).not.toContain(responsible.userId);
    // The sibling has no people in the seed: a notice cannot name A's admin there.
    await expect(
      reviewer.notices.issue({
        townshipId: siblingId,
        title: "兄弟乡镇",
        content: "内容",
        subject: "matter",
        workingDays: 2,
        responsibleUserId: responsible.userId,
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining("责任人") });

    const ours = await issue({ title: "隔离测试" });
    await expect(staff.notices.townshipList({ townshipId: siblingId })).rejects.toMatchObject({
      cause: { code: "TENANT.FORBIDDEN" },
    });
    await expect(otherTownship.notices.get({ townshipId, id: ours.id })).rejects.toMatchObject({
      cause: { code: "TENANT.FORBIDDEN" },
    });
    // Another county's admin sees none of A's notices, and cannot reach them by id.
    expect((await otherCounty.notices.list({})).notices).toEqual([]);
    await expect(
      otherCounty.notices.accept({ townshipId, id: ours.id, expectedVersion: ours.version }),
    ).rejects.toMatchObject({ cause: { code: "TENANT.FORBIDDEN" } });
    // Another township's own list never holds A's notices.
    const theirs = await otherTownship.notices.townshipList({ townshipId: tenants.B.townshipId });
    expect(theirs.notices.map((n) => n.id)).not.toContain(ours.id);

    const county = await admin.notices.list({ townshipId });
    expect(county.notices.every((n) => n.townshipId === townshipId)).toBe(true);
    expect(county.notices.map((n) => n.id)).toContain(ours.id);
    expect(county.notices[0]?.townshipName).toBe("A镇");
    expect(
      (await admin.notices.list({ status: "accepted" })).notices.every((n) => n.status === "accepted"),
    ).toBe(true);
  });
});
