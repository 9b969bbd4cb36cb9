import { describe, expect, it } from "vitest";
import { countyWorld } from "../testing/county-world";
import { callerWith } from "../testing/harness";

const { services, tenants, tokens, as } = await countyWorld("township-lights", "2026-10-20T02:00:00Z");
const countyAdmin = as.admin;
const reviewer = as.reviewer;
const staff = as.staff;
const townshipId = tenants.A.townshipId;

describe("a township's own lights", () => {
  it("lights disputes, petitions (首办 and 办结), the month and 督办单 by the one rule, red first", async () => {
    services.setNow("2026-10-20T02:00:00Z");
    await staff.disputes.create({
      townshipId,
      requestId: "tl-dispute",
      level: "blue",
      category: "邻里纠纷",
      partiesBrief: "甲乙",
      reportedAt: "2026-10-10T09:00:00+08:00", // 7 days: due 10-17, red
    });
    await staff.petitions.create({
      townshipId,
      requestId: "tl-petition",
      subject: "宅基地争议",
      petitionerBrief: "王某",
      receivedAt: "2026-10-14T10:00:00+08:00", // 首办 within 7 days: due 10-21 10:00, a day left of 7: yellow
    });
    const admin = (await countyAdmin.notices.responsibles({ townshipId }))[0];
    if (!admin) throw new Error("no township people");
    await reviewer.notices.issue({
      townshipId,
      title: "台账核查",
      content: "请核查",
      subject: "matter",
      dueDate: "2026-10-30",
      responsibleUserId: admin.userId,
    });

    const lights = await staff.supervision.townshipLights({ townshipId });
    const byKind = Object.fromEntries(lights.items.map((i) => [i.kind, i.light]));
    expect(byKind).toEqual({
      dispute: "red",
      petition_first: "yellow",
      petition_close: "green",
      submission: "red", // September's month was due by the end of 5 October and is not in
      notice: "green",
    });
    expect(lights.counts).toEqual({ red: 2, yellow: 1, green: 2 });
    expect(lights.items.slice(0, 2).every((i) => i.light === "red")).toBe(true);

    // The county sees the same; another township's people do not.
    expect((await reviewer.supervision.townshipLights({ townshipId })).counts).toEqual(lights.counts);
    await expect(
      callerWith(services, tokens.B.township_admin).supervision.townshipLights({ townshipId }),
    ).rejects.toMatchObject({ cause: { code: "TENANT.FORBIDDEN" } });
    const sibling = await reviewer.supervision.townshipLights({ townshipId: tenants.A.siblingTownshipId });
    expect(sibling.items.map((i) => i.kind)).toEqual(["submission"]);
  });
});
