import { MODEL_KEY_PERSON_CATEGORIES } from "@pingan/contracts";
import { describe, expect, it } from "vitest";
import { countyWorld } from "../testing/county-world";
import { callerWith } from "../testing/harness";

const { services, tenants, tokens, as } = await countyWorld("key-person-schedules", "2026-11-20T02:00:00Z");
const townshipId = tenants.A.townshipId;
const countyAdmin = as.admin;
const reviewer = as.reviewer;
const staff = as.staff;
const otherStaff = callerWith(services, tokens.B.township_staff);
const otherCountyAdmin = callerWith(services, tokens.B.county_admin);

/** The township's key-person coverage (I06's metric) in a month, from the county's live table. */
async function coverage(month: string) {
  const { table } = await reviewer.league.compute({ period: month });
  const row = table.rows.find((r) => r.townshipId === townshipId);
  return row?.indicators.find((i) => i.code === "I06")?.metric;
}

describe("key-person schedules", () => {
  it("starts every county from the model's categories and lets only its admin change them", async () => {
    const categories = await staff.keyPersons.categories({ townshipId });
    expect(categories.map((c) => c.name)).toEqual(MODEL_KEY_PERSON_CATEGORIES.map((c) => c.name));
    expect(categories.find((c) => c.code === "key_youth")).toMatchObject({ per: "quarter", times: 1 });
    expect(categories.find((c) => c.code === "community_correction")).toMatchObject({
      per: "month",
      times: 4,
    });
    await expect(
      countyAdmin.counties.setKeyPersonCategories({
        categories: [
          { code: "dup_code", name: "甲", per: "month", times: 1 },
          { code: "dup_code", name: "乙", per: "month", times: 1 },
        ],
        expectedVersion: 1,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("类别代码") });
    await expect(
      reviewer.counties.setKeyPersonCategories({
        categories: [{ code: "x_y", name: "甲", per: "month", times: 1 }],
        expectedVersion: 1,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses a category that is not the county's, naming 人员类别", async () => {
    const attempt = staff.keyPersons.create({
      townshipId,
      requestId: "kps-bad-category",
      alias: "孙某",
      category: "not_ours",
      registeredAt: "2026-01-05T09:00:00+08:00",
    });
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(attempt).rejects.toThrow(/人员类别/);
    await expect(
      staff.keyPersons.create({
        townshipId,
        requestId: "kps-both-frequencies",
        alias: "孙某",
        category: "mental_health",
        registeredAt: "2026-01-05T09:00:00+08:00",
        visitsPerMonth: 1,
        visitsPerQuarter: 1,
      }),
    ).rejects.toThrow(/每季走访次数/);
  });

  it("scores a 2-a-month person with one visit as not covered, and follows the county's frequency", async () => {
    const person = await staff.keyPersons.create({
      townshipId,
      requestId: "kps-mental",
      alias: "李某",
      category: "mental_health", // model: 2 a month
      registeredAt: "2026-09-01T09:00:00+08:00",
    });
    await staff.keyPersons.addVisit({
      townshipId,
      requestId: "kps-visit-1",
      keyPersonId: person.id,
      at: "2026-10-10T10:00:00+08:00",
    });
    expect(await coverage("2026-10")).toBe(0);

    // The county says once a month: the same visit now covers the person (the kept score is re-scored).
    const mine = await countyAdmin.counties.mine();
    const changed = await countyAdmin.counties.setKeyPersonCategories({
      categories: mine.keyPersonCategories.map((c) => (c.code === "mental_health" ? { ...c, times: 1 } : c)),
      expectedVersion: mine.version,
    });
    expect(changed.categories.find((c) => c.code === "mental_health")?.times).toBe(1);
    expect(await coverage("2026-10")).toBe(1);
    // Stale version: refused.
    await expect(
      countyAdmin.counties.setKeyPersonCategories({
        categories: changed.categories,
        expectedVersion: mine.version,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    // The person's own frequency wins over the category's.
    const edited = await staff.keyPersons.update({
      townshipId,
      id: person.id,
      expectedVersion: person.version,
      visitsPerMonth: 3,
    });
    expect(edited.visitsPerMonth).toBe(3);
    expect(await coverage("2026-10")).toBe(0);
  });

  it("keeps a version-checked 1+n help team and records which member visited and how", async () => {
    const person = await staff.keyPersons.create({
      townshipId,
      requestId: "kps-team",
      alias: "周某",
      category: "community_correction",
      registeredAt: "2026-08-01T09:00:00+08:00",
    });
    const withTeam = await staff.keyPersons.setTeam({
      townshipId,
      id: person.id,
      expectedVersion: person.version,
      members: [
        { name: "王所长", role: "judicial_office", phone: "13900000000" },
        { name: "刘网格", role: "grid_worker" },
        { name: "周母", role: "relative" },
      ],
    });
    expect(withTeam.helpTeam?.map((m) => [m.name, m.role])).toEqual([
      ["王所长", "judicial_office"],
      ["刘网格", "grid_worker"],
      ["周母", "relative"],
    ]);
    // A second edit at the version the first client saw is refused.
    await expect(
      staff.keyPersons.setTeam({ townshipId, id: person.id, expectedVersion: person.version, members: [] }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    const grid = withTeam.helpTeam?.[1];
    if (!grid) throw new Error("no member");
    // Once there is a team, a visit names its member.
    await expect(
      staff.keyPersons.addVisit({
        townshipId,
        requestId: "kps-visit-nomember",
        keyPersonId: person.id,
        at: "2026-11-03T10:00:00+08:00",
      }),
    ).rejects.toThrow(/走访人/);
    await expect(
      staff.keyPersons.addVisit({
        townshipId,
        requestId: "kps-visit-stranger",
        keyPersonId: person.id,
        at: "2026-11-03T10:00:00+08:00",
        memberId: "someone-else",
      }),
    ).rejects.toThrow(/走访人/);
    const visit = await staff.keyPersons.addVisit({
      townshipId,
      requestId: "kps-visit-phone",
      keyPersonId: person.id,
      at: "2026-11-03T10:00:00+08:00",
      method: "phone",
      memberId: grid.id,
    });
    expect(visit).toMatchObject({ method: "phone", memberId: grid.id, memberName: "刘网格" });

    // Keeping a member's id keeps them; removing one leaves past visits naming them.
    const trimmed = await staff.keyPersons.setTeam({
      townshipId,
      id: person.id,
      expectedVersion: withTeam.version,
      members: [{ id: grid.id, name: "刘网格", role: "grid_worker" }],
    });
    expect(trimmed.helpTeam?.map((m) => m.id)).toEqual([grid.id]);
    const visits = await reviewer.keyPersons.listVisits({ townshipId, keyPersonId: person.id });
    expect(visits.items.map((v) => v.memberName)).toEqual(["刘网格"]);

    // Another township's people cannot touch the team.
    await expect(
      otherStaff.keyPersons.setTeam({
        townshipId,
        id: person.id,
        expectedVersion: trimmed.version,
        members: [],
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lights persons short of visits: yellow in the last third of the period, red once it ended short", async () => {
    services.setNow("2026-11-25T02:00:00Z"); // 5 of 30 days left in November: the last third
    const youth = await staff.keyPersons.create({
      townshipId,
      requestId: "kps-youth",
      alias: "小吴",
      category: "key_youth", // once a quarter
      registeredAt: "2026-06-01T09:00:00+08:00",
    });
    const released = await staff.keyPersons.create({
      townshipId,
      requestId: "kps-released",
      alias: "郑某",
      category: "released_prisoner", // once a month
      registeredAt: "2026-06-01T09:00:00+08:00",
    });
    await staff.keyPersons.addVisit({
      townshipId,
      requestId: "kps-released-nov",
      keyPersonId: released.id,
      at: "2026-11-05T10:00:00+08:00",
      method: "video",
    });
    await staff.keyPersons.addVisit({
      townshipId,
      requestId: "kps-youth-q3",
      keyPersonId: youth.id,
      at: "2026-08-05T10:00:00+08:00",
    });

    const board = await reviewer.supervision.keyPersons({ includeGreen: true });
    const of = (id: string) => board.persons.filter((p) => p.keyPersonId === id);
    // 郑某: visited in November (green), but October ended without a visit (red).
    expect(of(released.id).map((p) => [p.period, p.light, p.visits, p.required])).toEqual([
      ["2026-10", "red", 0, 1],
      ["2026-11", "green", 1, 1],
    ]);
    // 小吴: Q3 was covered; Q4 has 36 of 92 days left (more than a third): green, still due.
    expect(of(youth.id).map((p) => [p.period, p.light, p.visits])).toEqual([["2026-Q4", "green", 0]]);
    // Without green ones the board shows the red month only.
    const urgent = await reviewer.supervision.keyPersons({});
    expect(urgent.persons.filter((p) => p.keyPersonId === released.id).map((p) => p.light)).toEqual(["red"]);

    // The township's home lights carry the same lights.
    const home = await staff.supervision.townshipLights({ townshipId });
    const released2 = home.items.filter((i) => i.kind === "key_person" && i.id.startsWith(released.id));
    expect(released2.map((i) => i.light)).toEqual(["red", "green"]);

    // Mid-December, the quarter's last third: 小吴 still unvisited turns yellow.
    services.setNow("2026-12-10T02:00:00Z");
    const december = await reviewer.supervision.keyPersons({});
    expect(december.persons.filter((p) => p.keyPersonId === youth.id).map((p) => p.light)).toEqual([
      "yellow",
    ]);
    // Another county's board never shows this county's persons.
    const other = await otherCountyAdmin.supervision.keyPersons({ includeGreen: true });
    expect(other.persons.some((p) => p.townshipId === townshipId)).toBe(false);
  });
});
