import { describe, expect, it } from "vitest";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

const services = await createTestServices("org-import");
const { tenants, tokens } = await seedTwoTenants(services);
// Township B sets up its organisation; township A has none (its names stay text, as before issue 14).
const townshipId = tenants.B.townshipId;
const admin = callerWith(services, tokens.B.township_admin);
const staff = (await admin.staff.list({ townshipId })).find((m) => m.role === "township_staff");
if (!staff) throw new Error("seeded township B has a staff member");
const village = await admin.organisation.createVillage({
  townshipId,
  requestId: "req-import-village",
  name: "东风村",
  cadreId: staff.userId,
});
const grid = await admin.organisation.createGrid({
  townshipId,
  requestId: "req-import-grid",
  villageId: village.id,
  name: "东风村第一网格",
  workerId: staff.userId,
});

let n = 0;
const dispute = (code: string, place: Record<string, string>) => ({
  type: "dispute" as const,
  row: ++n + 1,
  sourceId: `ORG-JF${n}`,
  townshipCode: code,
  level: "blue" as const,
  reportedAt: "2026-09-05T09:30:00+08:00",
  category: "邻里纠纷",
  attempts: [],
  ...place,
});

describe("the workbook's 村（社区）/网格/责任人 on import", () => {
  it("resolves the names to the township's village, grid and staff, with the 责任人 from the chain", async () => {
    const rows = [dispute("110102001", { village: "东风村", grid: "东风村第一网格" })];
    const preview = await admin.imports.preview({ townshipId, rows });
    expect(preview.counts).toMatchObject({ new: 1, error: 0 });
    await admin.imports.commit({ townshipId, fileName: "台账.xlsx", fileDigest: "a".repeat(64), rows });
    const { items } = await admin.disputes.list({ townshipId, gridId: grid.id });
    expect(items.find((d) => d.sourceId === rows[0]?.sourceId)).toMatchObject({
      village: "东风村",
      villageId: village.id,
      gridId: grid.id,
      responsibleId: staff.userId,
    });
  });

  it("reports unknown names as errors naming the sheet, row and column", async () => {
    const rows = [
      dispute("110102001", { village: "西风村" }),
      dispute("110102001", { village: "东风村", grid: "第九网格" }),
      dispute("110102001", { responsible: "查无此人" }),
    ];
    const preview = await admin.imports.preview({ townshipId, rows });
    expect(preview.counts).toMatchObject({ new: 0, error: 3 });
    const messages = preview.rows.flatMap((r) => r.messages ?? []);
    expect(messages).toEqual([
      `矛盾纠纷 第${rows[0]?.row}行「村（社区）」：本乡镇没有名为「西风村」的村（社区）`,
      `矛盾纠纷 第${rows[1]?.row}行「网格」：「东风村」没有名为「第九网格」的网格`,
      `矛盾纠纷 第${rows[2]?.row}行「责任人」：本乡镇没有名为「查无此人」的在岗人员`,
    ]);
  });

  it("keeps the names as text in a township that has not set up its villages", async () => {
    const rows = [dispute("110101001", { village: "任意村", grid: "任意网格", responsible: "某人" })];
    const other = callerWith(services, tokens.A.township_admin);
    const preview = await other.imports.preview({ townshipId: tenants.A.townshipId, rows });
    expect(preview.counts).toMatchObject({ new: 1, error: 0 });
  });
});
