import { describe, expect, it } from "vitest";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

// The clock of the test services: 2026-11-20 10:00 (UTC+08:00).
const services = await createTestServices("my-grids");
const { tenants, tokens } = await seedTwoTenants(services);
const townshipId = tenants.A.townshipId;
const adminA = callerWith(services, tokens.A.township_admin);
const staffA = callerWith(services, tokens.A.township_staff);
const adminB = callerWith(services, tokens.B.township_admin);
const reviewerA = callerWith(services, tokens.A.county_reviewer);
const reviewerB = callerWith(services, tokens.B.county_reviewer);

let seq = 0;
const req = () => `req-my-grids-${++seq}`;
const worker = (await staffA.auth.me()).id;

// Township A: 东村 with two grids, the staff member is 网格员 of the first only.
const village = await adminA.organisation.createVillage({ townshipId, requestId: req(), name: "东村" });
const mine = await adminA.organisation.createGrid({
  townshipId,
  requestId: req(),
  villageId: village.id,
  name: "东村一网格",
  workerId: worker,
});
const other = await adminA.organisation.createGrid({
  townshipId,
  requestId: req(),
  villageId: village.id,
  name: "东村二网格",
});
const dispute = (gridId: string, reportedAt: string, partiesBrief: string) =>
  staffA.disputes.create({
    townshipId,
    requestId: req(),
    level: "blue",
    category: "邻里纠纷",
    partiesBrief,
    reportedAt,
    gridId,
  });
// Blue: 7 days. Reported on the 3rd: past its deadline (red); on the 18th: 5 of 7 days left (green).
const late = await dispute(mine.id, "2026-11-03T09:00:00+08:00", "张某与李某");
const fresh = await dispute(mine.id, "2026-11-18T09:00:00+08:00", "王某与赵某");
const elsewhere = await dispute(other.id, "2026-11-03T09:00:00+08:00", "孙某与周某");
const closed = await dispute(mine.id, "2026-11-04T09:00:00+08:00", "吴某与郑某");
await staffA.disputes.close({
  townshipId,
  id: closed.id,
  expectedVersion: closed.version,
  closedAt: "2026-11-05T09:00:00+08:00",
  outcome: "resolved",
});

const keyPerson = (gridId: string, alias: string, registeredAt = "2026-10-01T09:00:00+08:00") =>
  staffA.keyPersons.create({
    townshipId,
    requestId: req(),
    alias,
    category: "released_prisoner",
    registeredAt,
    gridId,
  });
const unvisited = await keyPerson(mine.id, "甲某");
const visited = await keyPerson(mine.id, "乙某");
const otherGridPerson = await keyPerson(other.id, "丙某");
await staffA.keyPersons.addVisit({
  townshipId,
  requestId: req(),
  keyPersonId: visited.id,
  at: "2026-11-10T09:00:00+08:00",
});
// A visit last month does not count for this month.
await staffA.keyPersons.addVisit({
  townshipId,
  requestId: req(),
  keyPersonId: unvisited.id,
  at: "2026-10-20T09:00:00+08:00",
});

const petition = (gridId: string, subject: string) =>
  staffA.petitions.create({
    townshipId,
    requestId: req(),
    subject,
    petitionerBrief: "某村民",
    receivedAt: "2026-11-12T09:00:00+08:00",
    gridId,
  });
const openPetition = await petition(mine.id, "宅基地边界");
const otherPetition = await petition(other.id, "拖欠工资");

describe("organisation.myGrids", () => {
  it("gives the signed-in 网格员 their own grid: open disputes with lights, key persons to visit, open petitions", async () => {
    const view = await staffA.organisation.myGrids({ townshipId });
    expect(view.month).toBe("2026-11");
    expect(view.grids.map((g) => g.id)).toEqual([mine.id]);
    const grid = view.grids[0];
    expect(grid?.villageName).toBe("东村");
    expect(grid?.name).toBe("东村一网格");
    expect(grid?.disputes.map((d) => [d.id, d.light])).toEqual([
      [late.id, "red"],
      [fresh.id, "green"],
    ]);
    expect(grid?.counts).toEqual({ red: 1, yellow: 0, green: 1 });
    expect(grid?.keyPersonsDue).toEqual([
      {
        id: unvisited.id,
        alias: "甲某",
        category: "released_prisoner",
        categoryName: "刑满释放人员",
        per: "month",
        required: 1,
        done: 0,
        light: "green",
      },
    ]);
    expect(grid?.petitions.map((p) => p.id)).toEqual([openPetition.id]);
    const everything = JSON.stringify(view);
    for (const id of [elsewhere.id, closed.id, otherGridPerson.id, visited.id, otherPetition.id])
      expect(everything).not.toContain(id);
  });

  it("gives someone who holds no grid an empty list, and follows a reassignment", async () => {
    expect((await adminA.organisation.myGrids({ townshipId })).grids).toEqual([]);
    const admin = (await adminA.auth.me()).id;
    await adminA.organisation.updateGrid({
      townshipId,
      id: other.id,
      expectedVersion: other.version,
      workerId: admin,
    });
    const view = await adminA.organisation.myGrids({ townshipId });
    expect(view.grids.map((g) => g.id)).toEqual([other.id]);
    expect(view.grids[0]?.disputes.map((d) => d.id)).toEqual([elsewhere.id]);
    // The staff member's view is unchanged.
    expect((await staffA.organisation.myGrids({ townshipId })).grids.map((g) => g.id)).toEqual([mine.id]);
  });

  it("leaves out an archived grid", async () => {
    const spare = await adminA.organisation.createGrid({
      townshipId,
      requestId: req(),
      villageId: village.id,
      name: "东村三网格",
      workerId: worker,
    });
    expect((await staffA.organisation.myGrids({ townshipId })).grids.map((g) => g.id)).toContain(spare.id);
    await adminA.organisation.archiveGrid({ townshipId, id: spare.id, expectedVersion: spare.version });
    expect((await staffA.organisation.myGrids({ townshipId })).grids.map((g) => g.id)).toEqual([mine.id]);
  });

  it("is the caller's own township only: not another township's, not the county's", async () => {
    await expect(staffA.organisation.myGrids({ townshipId: tenants.B.townshipId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(adminB.organisation.myGrids({ townshipId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reviewerA.organisation.myGrids({ townshipId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("supervision.disputes filtered by village, grid and 责任人", () => {
  const ids = (r: { disputes: { id: string }[] }) => r.disputes.map((d) => d.id).sort();

  it("lists the lights of one grid, one village or one person of a township", async () => {
    const byGrid = await reviewerA.supervision.disputes({ townshipId, gridId: mine.id, includeGreen: true });
    expect(ids(byGrid)).toEqual([late.id, fresh.id].sort());
    expect(byGrid.counts).toEqual({ red: 1, yellow: 0, green: 1 });
    expect(byGrid.disputes.every((d) => d.gridId === mine.id && d.villageId === village.id)).toBe(true);

    const byVillage = await reviewerA.supervision.disputes({ townshipId, villageId: village.id });
    expect(ids(byVillage)).toEqual([late.id, elsewhere.id].sort());

    // The 责任人 of a record filed under a grid is its 网格员 (filing.ts).
    const byPerson = await reviewerA.supervision.disputes({
      townshipId,
      responsibleId: worker,
      includeGreen: true,
    });
    expect(ids(byPerson)).toEqual([late.id, fresh.id].sort());

    const none = await reviewerA.supervision.disputes({
      townshipId,
      gridId: other.id,
      responsibleId: worker,
    });
    expect(none.disputes).toEqual([]);
  });

  it("asks for the township first, naming the field", async () => {
    await expect(reviewerA.supervision.disputes({ gridId: mine.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "按村（社区）、网格或责任人筛选时须先选择「乡镇」",
      cause: { code: "INPUT.INVALID", details: { field: "townshipId" } },
    });
  });

  it("never reaches another county's township, nor a grid through a sibling township", async () => {
    const otherCounty = await reviewerB.supervision.disputes({
      townshipId,
      gridId: mine.id,
      includeGreen: true,
    });
    expect(otherCounty.disputes).toEqual([]);
    const sibling = await reviewerA.supervision.disputes({
      townshipId: tenants.A.siblingTownshipId,
      gridId: mine.id,
      includeGreen: true,
    });
    expect(sibling.disputes).toEqual([]);
    // The structure the filter picks from: the county reads its own townships' only.
    await expect(reviewerB.organisation.get({ townshipId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
