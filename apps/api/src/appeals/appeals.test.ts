import { checkItems, getItem } from "@pingan/data";
import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { countyWorld } from "../testing/county-world";
import { anonymous, callerWith, TEST_PASSWORD, uniquePhone } from "../testing/harness";
import { provisionUser } from "../testing/provisioning";

const { services, db, tenants, tokens, countyId, as } = await countyWorld("appeals", "2026-09-20T02:00:00Z");
const { admin, reviewer, townshipAdmin, staff, public: publicApi } = as;
const townshipId = tenants.A.townshipId;
const outsider = {
  townshipAdmin: callerWith(services, tokens.B.township_admin),
  reviewer: callerWith(services, tokens.B.county_reviewer),
};
await callerWith(services, tokens.B.county_admin).schemes.startFromModel({ year: 2026, expectedVersion: 0 });

async function newReviewer(name: string) {
  const phone = uniquePhone();
  await provisionUser(services, { name, phone, password: TEST_PASSWORD, role: "county_reviewer", countyId });
  const { accessToken } = await anonymous(services).auth.signIn({ login: phone, password: TEST_PASSWORD });
  return callerWith(services, accessToken);
}
// In post since September: a second reviewer already there when the amendments below are decided.
const secondReviewer = await newReviewer("复核员乙");

const evidence = await staff.events.create({
  townshipId,
  requestId: "appeal-evidence-1",
  kind: "monthly_meeting",
  occurredAt: "2026-09-10T09:00:00+08:00",
});
const othersRecord = await callerWith(services, tokens.B.township_staff).events.create({
  townshipId: tenants.B.townshipId,
  requestId: "appeal-evidence-b",
  kind: "monthly_meeting",
  occurredAt: "2026-09-10T09:00:00+08:00",
});

async function trail(scope: string) {
  const { data } = await db.entities.audit.query.byScope({ scope }).go({ pages: "all" });
  return checkItems(db, "audit", data);
}

const file = (month: string, indicator: string, reason = "台账已按要求完成，计分有误") =>
  townshipAdmin.appeals.file({
    townshipId,
    month,
    indicator,
    reason,
    evidence: [{ type: "event", id: evidence.id }],
  });

describe("appeals (申诉)", () => {
  it("are open from the month's preview until the county's working days after publication", async () => {
    services.setNow("2026-09-20T02:00:00Z");
    // The month is previewed while it runs: it may be appealed already, and until published stays open.
    expect(await townshipAdmin.appeals.window({ townshipId, month: "2026-09" })).toMatchObject({
      open: true,
      closesAt: null,
      workingDays: 5,
    });
    await expect(file("2026-10", "I10")).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await expect(
      staff.appeals.file({ townshipId, month: "2026-09", indicator: "I10", reason: "理由", evidence: [] }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(file("2026-09", "X99")).rejects.toThrow("「指标」X99");
    await expect(
      townshipAdmin.appeals.file({
        townshipId,
        month: "2026-09",
        indicator: "I10",
        reason: "理由",
        evidence: [{ type: "event", id: othersRecord.id }],
      }),
    ).rejects.toThrow("「证据」第 1 项");

    const filed = await file("2026-09", "I10");
    expect(filed).toMatchObject({ status: "pending", indicator: "I10", awaitingConfirmation: false });
    expect(filed.evidence).toEqual([{ type: "event", id: evidence.id }]);
    await expect(file("2026-09", "I10")).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });

    // Published on Friday 9 October 2026 (China time): 5 working days are Sat 10 Oct (调休 working day),
    // Mon 12 … Thu 15 Oct, so appeals close at the end of 15 October (weekdays alone would give the 16th).
    services.setNow("2026-10-09T02:00:00Z");
    await admin.league.publish({ period: "2026-09" });
    const window = await townshipAdmin.appeals.window({ townshipId, month: "2026-09" });
    expect(window.closesAt).toBe("2026-10-15T16:00:00.000Z");
    services.setNow("2026-10-15T15:59:00Z");
    await file("2026-09", "I01", "省级表彰未计入");
    services.setNow("2026-10-15T16:01:00Z");
    expect((await townshipAdmin.appeals.window({ townshipId, month: "2026-09" })).open).toBe(false);
    await expect(file("2026-09", "I02")).rejects.toThrow("第 5 个工作日结束");

    // The county sets a longer window: 7 working days reach Mon 19 October.
    const county = await getItem(db, "county", { id: countyId });
    await admin.appeals.setWindow({ days: 7, expectedVersion: county?.version ?? 0 });
    expect((await townshipAdmin.appeals.window({ townshipId, month: "2026-09" })).closesAt).toBe(
      "2026-10-19T16:00:00.000Z",
    );
    await file("2026-09", "I02", "调解记录未计入");
    const actions = (await trail(`T#${townshipId}`)).map((a) => a.action);
    expect(actions.filter((a) => a === "appeal.file")).toHaveLength(3);
    expect((await trail(`C#${countyId}`)).map((a) => a.action)).toContain("county.setAppealWindow");
  });

  it("are decided by reviewers; an amendment counts only once a second reviewer in post confirms it", async () => {
    services.setNow("2026-10-16T02:00:00Z");
    const queue = await reviewer.appeals.queue({ pendingOnly: true });
    const i10 = queue.find((a) => a.indicator === "I10" && a.month === "2026-09");
    const i02 = queue.find((a) => a.indicator === "I02");
    if (!i10 || !i02) throw new Error("appeals missing from the queue");

    const rejected = await reviewer.appeals.decide({
      townshipId,
      appealId: i02.id,
      expectedVersion: i02.version,
      outcome: "rejected",
      reason: "调解记录日期在考核期外",
    });
    expect(rejected).toMatchObject({ status: "rejected", decision: { outcome: "rejected" } });
    await expect(
      reviewer.appeals.decide({
        townshipId,
        appealId: i02.id,
        expectedVersion: rejected.version,
        outcome: "upheld",
        reason: "改判",
      }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });

    await expect(
      reviewer.appeals.decide({
        townshipId,
        appealId: i10.id,
        expectedVersion: i10.version,
        outcome: "amended",
        reason: "台账齐全",
        score: 999,
      }),
    ).rejects.toThrow("「更正分数」不能大于该指标满分");
    await expect(
      reviewer.appeals.decide({
        townshipId,
        appealId: i10.id,
        expectedVersion: i10.version + 1,
        outcome: "amended",
        reason: "台账齐全",
        score: 6,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const amended = await reviewer.appeals.decide({
      townshipId,
      appealId: i10.id,
      expectedVersion: i10.version,
      outcome: "amended",
      reason: "台账齐全",
      score: 6,
    });
    expect(amended).toMatchObject({ status: "pending", awaitingConfirmation: true, decision: { score: 6 } });

    await expect(
      reviewer.appeals.confirmAmendment({ townshipId, appealId: i10.id, expectedVersion: amended.version }),
    ).rejects.toMatchObject({ cause: { code: "REVIEW.SAME_REVIEWER" } });
    services.setNow("2026-10-16T03:00:00Z");
    const tooNew = await newReviewer("新复核员");
    await expect(
      tooNew.appeals.confirmAmendment({ townshipId, appealId: i10.id, expectedVersion: amended.version }),
    ).rejects.toMatchObject({ cause: { code: "REVIEW.REVIEWER_TOO_NEW" } });
    expect((await getItem(db, "submission", { townshipId, month: "2026-09" }))?.manualScores ?? []).toEqual(
      [],
    );

    const confirmed = await secondReviewer.appeals.confirmAmendment({
      townshipId,
      appealId: i10.id,
      expectedVersion: amended.version,
    });
    expect(confirmed).toMatchObject({ status: "amended", awaitingConfirmation: false });
    const submission = await getItem(db, "submission", { townshipId, month: "2026-09" });
    expect(submission?.manualScores).toHaveLength(1);
    expect(submission?.manualScores[0]).toMatchObject({ indicator: "I10", value: 6 });
    expect(submission?.manualScores[0]?.reason).toContain(i10.id);
    expect(submission?.manualScores[0]?.confirmedBy).not.toBe(submission?.manualScores[0]?.enteredBy);

    // The township's admins are told of each decision, once.
    const told = await townshipAdmin.notifications.mine();
    const decided = told.items.filter((n) => n.kind === "appeal_decided");
    expect(decided.map((n) => n.text).sort()).toEqual([
      "2026-09 指标 I02 的申诉已处理：驳回",
      "2026-09 指标 I10 的申诉已处理：更正得分",
    ]);
    expect(decided.every((n) => n.link === "/appeals")).toBe(true);

    // The township sees its appeals' status.
    const mine = await townshipAdmin.appeals.list({ townshipId });
    expect(Object.fromEntries(mine.map((a) => [a.indicator, a.status]))).toEqual({
      I10: "amended",
      I01: "pending",
      I02: "rejected",
    });
    const actions = (await trail(`C#${countyId}`)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["appeal.rejected", "appeal.amended", "appeal.confirmAmendment"]),
    );
  });

  it("leads to a correction that names the appeal, shown as such on the public page", async () => {
    services.setNow("2026-10-16T04:00:00Z");
    const mine = await townshipAdmin.appeals.list({ townshipId });
    const amended = mine.find((a) => a.status === "amended");
    const rejected = mine.find((a) => a.status === "rejected");
    const pending = mine.find((a) => a.status === "pending");
    if (!amended || !rejected || !pending) throw new Error("appeals missing");
    for (const appeal of [rejected, pending])
      await expect(
        admin.league.publish({ period: "2026-09", appeal: { townshipId, appealId: appeal.id } }),
      ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await expect(
      admin.league.publish({ period: "2026-08", appeal: { townshipId, appealId: amended.id } }),
    ).rejects.toThrow("「申诉」不属于该考核期");
    await expect(
      outsider.reviewer.appeals.decide({
        townshipId,
        appealId: pending.id,
        expectedVersion: pending.version,
        outcome: "rejected",
        reason: "越权",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    const before = await publicApi.public.leagueTable({ countyId, period: "2026-09" });
    const correction = await admin.league.publish({
      period: "2026-09",
      appeal: { townshipId, appealId: amended.id },
    });
    expect(correction).toMatchObject({ version: 2, appealId: amended.id, visibility: "public" });
    expect(correction.reason).toContain("根据申诉更正");
    const row = (t: typeof before.table) => t.rows.find((r) => r.townshipId === townshipId);
    expect(row(correction.table)?.total).not.toBe(row(before.table)?.total);

    const read = await publicApi.public.leagueTable({ countyId, period: "2026-09" });
    expect(read).toMatchObject({ version: 2, appealId: amended.id });
    const periods = await publicApi.public.periods({ countyId });
    expect(periods.published.find((p) => p.period === "2026-09" && p.version === 2)?.appealId).toBe(
      amended.id,
    );
    const audit = (await trail(`C#${countyId}`)).find((a) => a.action === "leagueTable.correct");
    expect(audit?.after).toMatchObject({ appealId: amended.id });
  });

  it("keeps internal publications from the public procedures and the bundle route until made public", async () => {
    services.setNow("2026-10-16T05:00:00Z");
    const internal = await admin.league.publish({ period: "2026-08", internal: true });
    expect(internal).toMatchObject({ version: 1, visibility: "internal" });
    await expect(publicApi.public.leagueTable({ countyId, period: "2026-08" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      publicApi.public.leagueTable({ countyId, period: "2026-08", version: 1 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await publicApi.public.periods({ countyId })).published.map((p) => p.period)).not.toContain(
      "2026-08",
    );
    const app = createApp({ services });
    expect((await app.request(`/published/${countyId}/2026-08/1/bundle.json`)).status).toBe(404);
    // The county's officials see it, marked internal.
    expect((await reviewer.league.published()).find((p) => p.period === "2026-08")?.visibility).toBe(
      "internal",
    );
    expect((await reviewer.league.get({ period: "2026-08" })).version).toBe(1);

    // An internal correction leaves the public on the newest public version.
    await staff.events.create({
      townshipId,
      requestId: "appeal-late-meeting",
      kind: "monthly_meeting",
      occurredAt: "2026-09-12T09:00:00+08:00",
    });
    const internalCorrection = await admin.league.publish({
      period: "2026-09",
      reason: "补录例会",
      internal: true,
    });
    expect(internalCorrection.version).toBe(3);
    expect((await publicApi.public.leagueTable({ countyId, period: "2026-09" })).version).toBe(2);

    await expect(reviewer.league.makePublic({ period: "2026-08", version: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const made = await admin.league.makePublic({ period: "2026-08", version: 1 });
    expect(made.visibility).toBe("public");
    await expect(admin.league.makePublic({ period: "2026-08", version: 1 })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    expect((await publicApi.public.leagueTable({ countyId, period: "2026-08" })).version).toBe(1);
    expect((await app.request(`/published/${countyId}/2026-08/1/bundle.json`)).status).toBe(200);
    expect((await trail(`C#${countyId}`)).map((a) => a.action)).toContain("leagueTable.makePublic");
  });

  it("never shows a township another's appeals, nor a county another county's", async () => {
    const outsiderFiled = await outsider.townshipAdmin.appeals.file({
      townshipId: tenants.B.townshipId,
      month: "2026-10",
      indicator: "I10",
      reason: "乙县乡镇的申诉",
      evidence: [],
    });
    await expect(outsider.townshipAdmin.appeals.list({ townshipId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      townshipAdmin.appeals.list({ townshipId: tenants.A.siblingTownshipId }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const ownIds = (await townshipAdmin.appeals.list({ townshipId })).map((a) => a.id);
    expect(ownIds).not.toContain(outsiderFiled.id);
    expect(ownIds).toHaveLength(3);
    const countyA = await reviewer.appeals.queue({});
    expect(countyA.every((a) => a.townshipId.startsWith(countyId))).toBe(true);
    expect(countyA.map((a) => a.id)).not.toContain(outsiderFiled.id);
    const countyB = await outsider.reviewer.appeals.queue({});
    expect(countyB.map((a) => a.id)).toEqual([outsiderFiled.id]);
    await expect(
      reviewer.appeals.decide({
        townshipId: tenants.B.townshipId,
        appealId: outsiderFiled.id,
        expectedVersion: outsiderFiled.version,
        outcome: "upheld",
        reason: "越权",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
