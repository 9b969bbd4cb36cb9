import { importRowsOf } from "@pingan/contracts";
import { getItem } from "@pingan/data";
import type { Scheme } from "@pingan/domain";
import { readCsvFiles } from "@pingan/workbook";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  anonymous,
  callerWith,
  createTestServices,
  seedTwoTenants,
  TEST_PASSWORD,
  uniquePhone,
} from "../testing/harness";
import { provisionUser } from "../testing/provisioning";
import { RETENTION_DAYS } from "./offboarding";

const services = await createTestServices("offboarding");
const { tenants, tokens } = await seedTwoTenants(services);
const platformPhone = uniquePhone();
const staffBPhone = uniquePhone();
const staffAPhone = uniquePhone();
await Promise.all([
  provisionUser(services, {
    name: "平台",
    phone: platformPhone,
    password: TEST_PASSWORD,
    role: "platform_admin",
  }),
  provisionUser(services, {
    name: "乙县网格员",
    phone: staffBPhone,
    password: TEST_PASSWORD,
    role: "township_staff",
    countyId: tenants.B.countyId,
    townshipId: tenants.B.townshipId,
  }),
  provisionUser(services, {
    name: "甲县网格员",
    phone: staffAPhone,
    password: TEST_PASSWORD,
    role: "township_staff",
    countyId: tenants.A.countyId,
    townshipId: tenants.A.townshipId,
  }),
]);
const signIn = async (phone: string) =>
  callerWith(
    services,
    (await anonymous(services).auth.signIn({ login: phone, password: TEST_PASSWORD })).accessToken,
  );

const dispute = (townshipId: string, requestId: string) => ({
  townshipId,
  requestId,
  level: "blue" as const,
  category: "邻里纠纷",
  partiesBrief: "张某与李某",
  reportedAt: "2026-10-12T09:00:00+08:00",
});

const platformTrail = async () => {
  const { data } = await services.db.entities.audit.query
    .byScope({ scope: "P#platform" })
    .go({ pages: "all" });
  return data.map((e) => e.action);
};

describe("offboarding a county", () => {
  it("exports everything of the county as one zip: workbook records, schemes, tables, trails", async () => {
    const staffA = callerWith(services, tokens.A.township_staff);
    await staffA.disputes.create(dispute(tenants.A.townshipId, "offboard-a-1"));
    await callerWith(services, tokens.B.township_staff).disputes.create(
      dispute(tenants.B.townshipId, "offboard-b-1"),
    );
    const adminA = callerWith(services, tokens.A.county_admin);
    await adminA.schemes.startFromModel({ year: 2026, expectedVersion: 0 });
    await adminA.league.publish({ period: "2026-10" });

    const exported = await adminA.ops.exportCounty();
    expect(exported.fileName).toMatch(/^110101-A县-全部数据-2026-11-20\.zip$/);
    const files = unzipSync(Buffer.from(exported.contentBase64, "base64"));
    const names = Object.keys(files);
    expect(names).toEqual(
      expect.arrayContaining([
        "说明.txt",
        "考核细则/2026-v1.json",
        "排名/2026-10-v1.json",
        "审计/县.jsonl",
        "数据/县.jsonl",
      ]),
    );
    // The records read back with the workbook reader: A's dispute, not B's.
    const csv = names
      .filter((n) => n.startsWith("记录/"))
      .map((n) => ({ name: n.slice(3), bytes: files[n] as Uint8Array }));
    const read = await readCsvFiles(csv);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.records.disputes).toHaveLength(1);
    const everything = names.map((n) => strFromU8(files[n] as Uint8Array)).join("\n");
    expect(everything).toContain(tenants.A.townshipId);
    expect(everything).not.toContain(tenants.B.townshipId);
    expect(everything).not.toContain("passwordHash");
    expect(strFromU8(files["审计/县.jsonl"] as Uint8Array)).toContain("leagueTable.publish");
  });

  it("writes the county's own category and scheme item by their Chinese names, and the records read back the same", async () => {
    const adminA = callerWith(services, tokens.A.county_admin);
    const staffA = callerWith(services, tokens.A.township_staff);
    // The county's own words: a key-person category and a 纪实 item of its 2026 scheme.
    const mine = await adminA.counties.mine();
    await adminA.counties.setKeyPersonCategories({
      categories: [
        ...mine.keyPersonCategories,
        { code: "drug_user2", name: "涉毒人员", per: "month", times: 2 },
      ],
      expectedVersion: mine.version,
    });
    const current = await adminA.schemes.get({ year: 2026 });
    const scheme = structuredClone(current.scheme) as Scheme;
    scheme.items = [
      ...(scheme.items ?? []),
      { code: "anti_fraud_outreach", name: "反诈宣传进村", done: "进村开展一次反诈宣传", recorder: "派出所" },
    ];
    await adminA.schemes.save({ year: 2026, expectedVersion: current.version, scheme });
    await staffA.keyPersons.create({
      townshipId: tenants.A.townshipId,
      requestId: "offboard-kp-1",
      alias: "吴某",
      category: "drug_user2",
      registeredAt: "2026-09-01T09:00:00+08:00",
    });
    for (const [requestId, kind] of [
      ["offboard-ev-1", "anti_fraud_outreach"],
      ["offboard-ev-2", "quarterly_training"],
    ] as const)
      await staffA.events.create({
        townshipId: tenants.A.townshipId,
        requestId,
        kind,
        occurredAt: "2026-09-20T09:00:00+08:00",
      });

    const exported = await adminA.ops.exportCounty();
    const files = unzipSync(Buffer.from(exported.contentBase64, "base64"));
    const csv = Object.keys(files)
      .filter((n) => n.startsWith("记录/"))
      .map((n) => ({ name: n.slice(3), bytes: files[n] as Uint8Array }));
    const text = (name: string) => strFromU8(csv.find((f) => f.name === name)?.bytes ?? new Uint8Array());
    // A clerk reads the county's names, not codes; built-in values keep their app names.
    expect(text("重点人员.csv")).toContain("涉毒人员");
    expect(text("重点人员.csv")).not.toContain("drug_user2");
    expect(text("工作纪实.csv")).toContain("反诈宣传进村");
    expect(text("工作纪实.csv")).toContain("季度业务培训");
    expect(text("工作纪实.csv")).not.toMatch(/anti_fraud_outreach|quarterly_training/);

    // Read back with the county's vocabularies, as the import reads it: the same records, nothing changes.
    const categories = await staffA.keyPersons.categories({ townshipId: tenants.A.townshipId });
    const { items } = await staffA.events.items({ townshipId: tenants.A.townshipId, year: 2026 });
    const read = readCsvFiles(csv, {
      keyPersonCategories: categories,
      eventNames: Object.fromEntries(items.map((i) => [i.code, i.name])),
    });
    if (!read.ok) throw new Error(JSON.stringify(read.errors.slice(0, 3)));
    expect(read.records.keyPersons.map((k) => k.category)).toEqual(["drug_user2"]);
    expect(read.records.events.map((e) => e.kind).sort()).toEqual([
      "anti_fraud_outreach",
      "quarterly_training",
    ]);
    const preview = await adminA.imports.previewCounty({ rows: importRowsOf(read.records as never) });
    expect(preview.rows.filter((r) => r.status !== "unchanged")).toEqual([]);
    expect(preview.counts.unchanged).toBe(4);
  });

  it("makes the county read-only, then deletes it after the retention, and audits both in the platform trail", async () => {
    const platform = await signIn(platformPhone);
    const county = await getItem(services.db, "county", { id: tenants.A.countyId });
    const offboarded = await platform.ops.offboardCounty({
      countyId: tenants.A.countyId,
      expectedVersion: county?.version ?? 0,
      reason: "县委决定停用本系统",
    });
    // The platform's list shows the county as read-only until its purge date.
    expect((await platform.counties.list()).find((c) => c.id === tenants.A.countyId)).toMatchObject({
      offboardedAt: offboarded.offboardedAt,
      purgeAfter: offboarded.purgeAfter,
    });
    expect(Date.parse(offboarded.purgeAfter) - Date.parse(offboarded.offboardedAt)).toBe(
      RETENTION_DAYS * 86_400_000,
    );

    // Read-only: nothing changes, everything reads and exports; the other county is untouched.
    const staffA = callerWith(services, tokens.A.township_staff);
    await expect(staffA.disputes.create(dispute(tenants.A.townshipId, "offboard-a-2"))).rejects.toMatchObject(
      {
        code: "FORBIDDEN",
        cause: { code: "COUNTY.READ_ONLY" },
      },
    );
    await expect(staffA.disputes.list({ townshipId: tenants.A.townshipId })).resolves.toMatchObject({
      items: [expect.objectContaining({ category: "邻里纠纷" })],
    });
    await expect(callerWith(services, tokens.A.county_admin).ops.exportCounty()).resolves.toHaveProperty(
      "bytes",
    );
    await callerWith(services, tokens.B.township_staff).disputes.create(
      dispute(tenants.B.townshipId, "offboard-b-2"),
    );
    await expect(
      platform.ops.offboardCounty({
        countyId: tenants.A.countyId,
        expectedVersion: (county?.version ?? 0) + 1,
        reason: "再次停用",
      }),
    ).rejects.toMatchObject({ cause: { code: "RECORD.STATE" } });

    // Not before the retention has passed.
    // A reason is required, named in Chinese.
    await expect(
      platform.ops.purgeCounty({ countyId: tenants.A.countyId, reason: "" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      platform.ops.purgeCounty({ countyId: tenants.A.countyId, reason: "保留期满" }),
    ).rejects.toMatchObject({
      cause: { code: "RECORD.STATE" },
    });
    services.setNow(new Date(Date.parse(offboarded.purgeAfter) + 60_000).toISOString());
    const later = await signIn(platformPhone);
    const purged = await later.ops.purgeCounty({
      countyId: tenants.A.countyId,
      reason: "保留期满，按合同删除",
    });
    expect(purged.deletedAccounts).toBeGreaterThanOrEqual(5);

    expect(await getItem(services.db, "county", { id: tenants.A.countyId })).toBeUndefined();
    expect(await getItem(services.db, "township", { id: tenants.A.townshipId })).toBeUndefined();
    await expect(
      anonymous(services).auth.signIn({ login: staffAPhone, password: TEST_PASSWORD }),
    ).rejects.toMatchObject({
      cause: { code: "AUTH.INVALID" },
    });
    // County B keeps everything.
    const staffB = await signIn(staffBPhone);
    const listB = await staffB.disputes.list({ townshipId: tenants.B.townshipId });
    expect(listB.items).toHaveLength(2);
    expect(await platformTrail()).toEqual(expect.arrayContaining(["county.offboard", "county.purge"]));
    const { data } = await services.db.entities.audit.query
      .byScope({ scope: "P#platform" })
      .go({ pages: "all" });
    expect(data.filter((e) => e.entityId === tenants.A.countyId).map((e) => [e.action, e.reason])).toEqual(
      expect.arrayContaining([
        ["county.offboard", "县委决定停用本系统"],
        ["county.purge", "保留期满，按合同删除"],
      ]),
    );
  });
});
