import { describe, expect, it } from "vitest";
import { callerWith, createTestServices, inviteStaff, refusedAt, seedTwoTenants } from "../testing/harness";

const services = await createTestServices("organisation");
const { tenants, tokens } = await seedTwoTenants(services);
const townshipId = tenants.A.townshipId;
const adminA = callerWith(services, tokens.A.township_admin);
const staffA = callerWith(services, tokens.A.township_staff);
const adminB = callerWith(services, tokens.B.township_admin);
const reviewerA = callerWith(services, tokens.A.county_reviewer);
const reviewerB = callerWith(services, tokens.B.county_reviewer);

let seq = 0;
const req = () => `req-org-${++seq}-${Date.now()}`;
const invite = (name: string) => inviteStaff(adminA, townshipId, name);

// Township A: 网格员甲 (grid worker), 干部乙 (包村干部), 领导丙 (a leader), 网格员丁.
const worker = await invite("网格员甲");
const cadre = await invite("干部乙");
const leader = await invite("领导丙");
const worker2 = await invite("网格员丁");
await adminA.organisation.setLeader({ townshipId, userId: leader, leader: true });
const east = await adminA.organisation.createVillage({
  townshipId,
  requestId: req(),
  name: "东村",
  cadreId: cadre,
  leaderId: leader,
});
const west = await adminA.organisation.createVillage({
  townshipId,
  requestId: req(),
  name: "西社区",
  kind: "community",
  cadreId: cadre,
});
const eastOne = await adminA.organisation.createGrid({
  townshipId,
  requestId: req(),
  villageId: east.id,
  name: "东村一网格",
  workerId: worker,
});
const westOne = await adminA.organisation.createGrid({
  townshipId,
  requestId: req(),
  villageId: west.id,
  name: "西社区一网格",
});
// Township B has its own village and grid.
const villageB = await adminB.organisation.createVillage({
  townshipId: tenants.B.townshipId,
  requestId: req(),
  name: "北村",
});
const gridB = await adminB.organisation.createGrid({
  townshipId: tenants.B.townshipId,
  requestId: req(),
  villageId: villageB.id,
  name: "北村网格",
});

const dispute = (extra: Record<string, unknown>) =>
  staffA.disputes.create({
    townshipId,
    requestId: req(),
    level: "blue",
    category: "邻里纠纷",
    partiesBrief: "张某与李某",
    reportedAt: "2026-11-03T09:00:00+08:00",
    ...extra,
  });

describe("the township's structure", () => {
  it("lists villages with their grids and people by name, for the township and its county", async () => {
    const own = await staffA.organisation.get({ townshipId });
    expect(own.villages.map((v) => [v.name, v.kind, v.cadreName, v.leaderName])).toEqual([
      ["东村", "village", "干部乙", "领导丙"],
      ["西社区", "community", "干部乙", null],
    ]);
    expect(own.grids.find((g) => g.id === eastOne.id)).toMatchObject({
      villageId: east.id,
      workerName: "网格员甲",
      archived: false,
    });
    expect(own.staff.find((s) => s.userId === leader)).toMatchObject({ name: "领导丙", leader: true });
    expect(own.staff.find((s) => s.userId === worker)).toMatchObject({ leader: false });
    const county = await reviewerA.organisation.get({ townshipId });
    expect(county.grids.map((g) => g.name).sort()).toEqual(["东村一网格", "西社区一网格"]);
    // Another township's structure is its own.
    const b = await adminB.organisation.get({ townshipId: tenants.B.townshipId });
    expect(b.villages.map((v) => v.name)).toEqual(["北村"]);
  });

  it("assigns only the township's own active staff, and only leaders to a 片", async () => {
    await expect(
      adminA.organisation.createVillage({ townshipId, requestId: req(), name: "南村", leaderId: worker }),
    ).rejects.toMatchObject(refusedAt("leaderId", "「包片领导」须为本乡镇的镇领导"));
    const otherTownshipsAdmin = (await adminB.staff.list({ townshipId: tenants.B.townshipId }))[0]?.userId;
    expect(otherTownshipsAdmin).toBeDefined();
    await expect(
      adminA.organisation.updateGrid({
        townshipId,
        id: westOne.id,
        expectedVersion: westOne.version,
        workerId: otherTownshipsAdmin,
      }),
    ).rejects.toMatchObject(refusedAt("workerId", "「网格员」须为本乡镇在岗的工作人员"));
    await expect(
      adminA.organisation.createVillage({ townshipId, requestId: req(), name: "东村" }),
    ).rejects.toMatchObject(refusedAt("name", "村（社区）「东村」已存在"));
    await expect(
      adminA.organisation.createGrid({
        townshipId,
        requestId: req(),
        villageId: villageB.id,
        name: "越界网格",
      }),
    ).rejects.toMatchObject(refusedAt("villageId", "「村（社区）」不存在"));
    // A leader who still holds a 片 stays one until the villages are reassigned.
    await expect(
      adminA.organisation.setLeader({ townshipId, userId: leader, leader: false }),
    ).rejects.toMatchObject({ cause: { code: "RECORD.STATE" } });
  });

  it("refuses an edit made on a version that another edit already replaced", async () => {
    const village = await adminA.organisation.createVillage({ townshipId, requestId: req(), name: "中村" });
    const edit = { townshipId, id: village.id, expectedVersion: village.version };
    const [first, second] = await Promise.allSettled([
      adminA.organisation.updateVillage({ ...edit, cadreId: cadre }),
      adminA.organisation.updateVillage({ ...edit, name: "中心村" }),
    ]);
    const outcomes = [first.status, second.status].sort();
    expect(outcomes).toEqual(["fulfilled", "rejected"]);
    const rejected = [first, second].find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "CONFLICT" });
  });
});

describe("filing records under a village and grid", () => {
  it("takes the village from the grid and the 责任人 from the chain: grid's 网格员, else the 包村干部", async () => {
    const inGrid = await dispute({ gridId: eastOne.id });
    expect(inGrid).toMatchObject({ villageId: east.id, gridId: eastOne.id, responsibleId: worker });
    // The grid has no 网格员: the village's 包村干部 answers for it.
    const noWorker = await dispute({ villageId: west.id, gridId: westOne.id });
    expect(noWorker).toMatchObject({ villageId: west.id, gridId: westOne.id, responsibleId: cadre });
    // A named 责任人 wins over the chain.
    const named = await dispute({ gridId: eastOne.id, responsibleId: worker2 });
    expect(named.responsibleId).toBe(worker2);
    // Unfiled records stay as they were.
    const unfiled = await dispute({});
    expect(unfiled.villageId).toBeUndefined();
    expect(unfiled.responsibleId).toBeUndefined();
  });

  it("refuses a grid of another village or another township, and people who cannot answer", async () => {
    await expect(dispute({ villageId: west.id, gridId: eastOne.id })).rejects.toMatchObject(
      refusedAt("gridId", "「网格」不属于所选的村（社区）"),
    );
    await expect(dispute({ gridId: gridB.id })).rejects.toMatchObject(refusedAt("gridId", "「网格」不存在"));
    await expect(
      staffA.petitions.create({
        townshipId,
        requestId: req(),
        subject: "征地补偿",
        petitionerBrief: "王某",
        receivedAt: "2026-11-04T09:00:00+08:00",
        gridId: eastOne.id,
        caseLeaderId: worker,
      }),
    ).rejects.toMatchObject(refusedAt("caseLeaderId", "「包案领导」须为本乡镇的镇领导"));
  });

  it("gives red disputes and petitions the village's 包片领导 as 包案领导 unless one is named", async () => {
    const red = await dispute({ level: "red", gridId: eastOne.id });
    expect(red.caseLeaderId).toBe(leader);
    const blue = await dispute({ level: "blue", gridId: eastOne.id });
    expect(blue.caseLeaderId).toBeUndefined();
    const petition = await staffA.petitions.create({
      townshipId,
      requestId: req(),
      subject: "拆迁安置",
      petitionerBrief: "赵某",
      receivedAt: "2026-11-04T09:00:00+08:00",
      villageId: east.id,
    });
    expect(petition).toMatchObject({ caseLeaderId: leader, responsibleId: cadre });
  });

  it("moves a record to another grid with that grid's 责任人, and filters lists by village, grid and person", async () => {
    const moved = await dispute({ gridId: eastOne.id, category: "待移交" });
    const edited = await staffA.disputes.update({
      townshipId,
      id: moved.id,
      expectedVersion: moved.version,
      gridId: westOne.id,
    });
    expect(edited).toMatchObject({ villageId: west.id, gridId: westOne.id, responsibleId: cadre });
    const inWest = await staffA.disputes.list({ townshipId, gridId: westOne.id, limit: 100 });
    expect(inWest.items.map((d) => d.id)).toContain(moved.id);
    expect(inWest.items.every((d) => d.gridId === westOne.id)).toBe(true);
    const byWorker = await reviewerA.disputes.list({ townshipId, responsibleId: worker, limit: 100 });
    expect(byWorker.items.length).toBeGreaterThan(0);
    expect(byWorker.items.every((d) => d.responsibleId === worker)).toBe(true);
    const byVillage = await staffA.disputes.list({ townshipId, villageId: east.id, limit: 100 });
    expect(byVillage.items.map((d) => d.id)).not.toContain(moved.id);
  });

  it("keeps an archived grid's records readable, and files nothing new under it", async () => {
    const grid = await adminA.organisation.createGrid({
      townshipId,
      requestId: req(),
      villageId: east.id,
      name: "东村二网格",
      workerId: worker2,
    });
    const person = await staffA.keyPersons.create({
      townshipId,
      requestId: req(),
      alias: "重点甲",
      category: "mental_health",
      registeredAt: "2026-10-01T09:00:00+08:00",
      gridId: grid.id,
    });
    const archived = await adminA.organisation.archiveGrid({
      townshipId,
      id: grid.id,
      expectedVersion: grid.version,
    });
    expect(archived.archivedAt).toBeDefined();
    await expect(
      staffA.keyPersons.create({
        townshipId,
        requestId: req(),
        alias: "重点乙",
        category: "mental_health",
        registeredAt: "2026-10-01T09:00:00+08:00",
        gridId: grid.id,
      }),
    ).rejects.toMatchObject(refusedAt("gridId", "「网格」已撤销，不能再归档记录"));
    // Still readable and listed, with its grid and 责任人, and still editable in its other fields.
    expect(await staffA.keyPersons.get({ townshipId, id: person.id })).toMatchObject({
      gridId: grid.id,
      responsibleId: worker2,
    });
    const listed = await reviewerA.keyPersons.list({ townshipId, gridId: grid.id });
    expect(listed.items.map((k) => k.id)).toEqual([person.id]);
    const noted = await staffA.keyPersons.update({
      townshipId,
      id: person.id,
      expectedVersion: person.version,
      note: "已转介",
    });
    expect(noted).toMatchObject({ gridId: grid.id, note: "已转介" });
    const view = await adminA.organisation.get({ townshipId });
    expect(view.grids.find((g) => g.id === grid.id)).toMatchObject({
      archived: true,
      workerName: "网格员丁",
    });
    // A village with a live grid is not archived; one whose grids are all archived is.
    await expect(
      adminA.organisation.archiveVillage({ townshipId, id: east.id, expectedVersion: east.version }),
    ).rejects.toMatchObject({ cause: { code: "RECORD.STATE", messageZh: "请先撤销该村（社区）下的网格" } });
  });
});

describe("who is behind a month's numbers", () => {
  it("breaks the month down by village, grid, 责任人 and 包案领导, for the admin and the county", async () => {
    const t2 = await invite("网格员戊");
    const village = await adminA.organisation.createVillage({ townshipId, requestId: req(), name: "统计村" });
    const g1 = await adminA.organisation.createGrid({
      townshipId,
      requestId: req(),
      villageId: village.id,
      name: "统计一格",
      workerId: t2,
    });
    const g2 = await adminA.organisation.createGrid({
      townshipId,
      requestId: req(),
      villageId: village.id,
      name: "统计二格",
    });
    // In g1: an overdue blue dispute (reported 10-01, open at the end of 10), a fresh one, a closed one.
    await dispute({ gridId: g1.id, reportedAt: "2026-10-01T09:00:00+08:00" });
    await dispute({ gridId: g1.id, reportedAt: "2026-10-30T09:00:00+08:00" });
    const closed = await dispute({ gridId: g1.id, reportedAt: "2026-10-02T09:00:00+08:00" });
    await staffA.disputes.close({
      townshipId,
      id: closed.id,
      expectedVersion: closed.version,
      closedAt: "2026-10-05T09:00:00+08:00",
      outcome: "resolved",
    });
    // In g2: one key person visited in October, one not.
    const kp = (alias: string) =>
      staffA.keyPersons.create({
        townshipId,
        requestId: req(),
        alias,
        category: "drug_rehab",
        registeredAt: "2026-09-01T09:00:00+08:00",
        gridId: g2.id,
      });
    const seen = await kp("已访");
    await kp("未访");
    await staffA.keyPersons.addVisit({
      townshipId,
      requestId: req(),
      keyPersonId: seen.id,
      at: "2026-10-12T09:00:00+08:00",
    });
    await staffA.petitions.create({
      townshipId,
      requestId: req(),
      subject: "欠薪",
      petitionerBrief: "钱某",
      receivedAt: "2026-10-20T09:00:00+08:00",
      caseLeaderId: leader,
    });

    for (const caller of [adminA, reviewerA]) {
      const b = await caller.organisation.breakdown({ townshipId, month: "2026-10" });
      expect(b.byGrid.find((r) => r.gridId === g1.id)).toMatchObject({
        name: "统计一格",
        villageName: "统计村",
        workerName: "网格员戊",
        openDisputes: 2,
        overdueDisputes: 1,
        unvisitedKeyPersons: 0,
      });
      expect(b.byGrid.find((r) => r.gridId === g2.id)).toMatchObject({
        openDisputes: 0,
        unvisitedKeyPersons: 1,
      });
      expect(b.byVillage.find((r) => r.villageId === village.id)).toMatchObject({
        openDisputes: 2,
        overdueDisputes: 1,
        unvisitedKeyPersons: 1,
      });
      expect(b.byResponsible.find((r) => r.userId === t2)).toMatchObject({
        name: "网格员戊",
        openDisputes: 2,
        overdueDisputes: 1,
      });
      expect(b.byCaseLeader.find((r) => r.userId === leader)).toMatchObject({
        name: "领导丙",
        openPetitions: 1,
      });
    }
    // The month before: nothing of this was reported yet.
    const september = await adminA.organisation.breakdown({ townshipId, month: "2026-09" });
    expect(september.byGrid.find((r) => r.gridId === g1.id)).toMatchObject({ openDisputes: 0 });
    // Staff and other counties are refused (the tenant-isolation matrix covers every cell).
    await expect(staffA.organisation.breakdown({ townshipId, month: "2026-10" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(reviewerB.organisation.breakdown({ townshipId, month: "2026-10" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
