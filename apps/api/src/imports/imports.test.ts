import { createHash } from "node:crypto";
import {
  type ImportRow,
  type ImportRowInput,
  importRowsOf,
  MAX_IMPORT_BATCH,
  workbookRecordsOf,
} from "@pingan/contracts";
import { readCsvFiles, readXlsx, writeXlsx } from "@pingan/workbook";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

const services = await createTestServices("imports");
services.accessTokenTtlSeconds = 365 * 24 * 3600;
const { tenants, tokens } = await seedTwoTenants(services);
const db = services.db;
const townshipAdmin = callerWith(services, tokens.A.township_admin);
const countyAdmin = callerWith(services, tokens.A.county_admin);
const countyAdminB = callerWith(services, tokens.B.county_admin);
const staff = callerWith(services, tokens.A.township_staff);
const townshipId = tenants.A.townshipId;
const A1 = "110101001";
const A2 = "110101002";
const B1 = "110102001";

const digest = (s: string) => createHash("sha256").update(s).digest("hex");
const file = (name: string, rows: ImportRowInput[]) => ({ fileName: name, fileDigest: digest(name), rows });

let serial = 0;
/** A small file of every kind for one township; `tag` keeps 编号 apart between tests. */
function rowsFor(code: string, tag = `t${++serial}`): ImportRowInput[] {
  return [
    {
      type: "keyPerson",
      row: 2,
      sourceId: `${tag}-ZD1`,
      townshipCode: code,
      category: "community_correction",
      registeredAt: "2026-01-15T00:00:00+08:00",
      alias: "矫正对象甲",
      visitsPerMonth: 2,
    },
    {
      type: "dispute",
      row: 2,
      sourceId: `${tag}-JF1`,
      townshipCode: code,
      level: "blue",
      reportedAt: "2026-09-05T09:30:00+08:00",
      category: "邻里纠纷",
      closedAt: "2026-09-08T16:00:00+08:00",
      outcome: "resolved",
      village: "东风村",
      grid: "东风村第一网格",
      responsible: "李明",
      attempts: [
        { at: "2026-09-06T10:00:00+08:00", level: "blue", mediator: "网格员李明", result: "partial" },
        { at: "2026-09-07T10:00:00+08:00", level: "yellow", result: "success", note: "达成协议" },
      ],
    },
    {
      type: "petition",
      row: 2,
      sourceId: `${tag}-XF1`,
      townshipCode: code,
      receivedAt: "2026-09-09T09:00:00+08:00",
      subject: "道路施工扰民",
      skipLevel: false,
      collective: true,
      closedAt: "2026-09-20T17:00:00+08:00",
      settled: true,
    },
    {
      type: "incident",
      row: 2,
      sourceId: `${tag}-AJ1`,
      townshipCode: code,
      occurredAt: "2026-09-12T22:15:00+08:00",
      kind: "public_order",
      severity: "ordinary",
    },
    {
      type: "visit",
      row: 2,
      sourceId: `${tag}-ZF1`,
      townshipCode: code,
      keyPersonSourceId: `${tag}-ZD1`,
      at: "2026-09-15T15:00:00+08:00",
      note: "情绪稳定",
    },
    {
      type: "event",
      row: 2,
      sourceId: `${tag}-JS1`,
      townshipCode: code,
      kind: "monthly_meeting",
      occurredAt: "2026-09-08T09:00:00+08:00",
      count: 1,
    },
  ];
}

async function partition(id: string) {
  const { data } = await db.entities.dispute.query.byId({ townshipId: id }).go({ pages: "all" });
  return data;
}
async function auditOf(id: string) {
  const { data } = await db.entities.audit.query.byScope({ scope: `T#${id}` }).go({ pages: "all" });
  return data.filter((a) => a.action === "import.create" || a.action.endsWith(".import"));
}

describe("imports (township admin)", () => {
  it("previews a new file, commits it, and a second run of the same file changes nothing and audits nothing", async () => {
    const rows = rowsFor(A1);
    const before = await townshipAdmin.imports.preview({ townshipId, rows });
    expect(before.counts).toEqual({ new: 6, changed: 0, unchanged: 0, locked: 0, error: 0 });

    const first = await townshipAdmin.imports.commit({ townshipId, ...file("台账.xlsx", rows) });
    expect(first).toMatchObject({ created: 6, updated: 0, unchanged: 0, locked: 0 });
    const audits = (await auditOf(townshipId)).length;
    const { items } = await staff.disputes.list({ townshipId, limit: 100 });
    const dispute = items.find((d) => d.sourceId === rows[1]?.sourceId);
    expect(dispute).toMatchObject({
      village: "东风村",
      grid: "东风村第一网格",
      responsible: "李明",
      version: 1,
    });
    expect(dispute?.attempts.map((a) => a.level)).toEqual(["blue", "yellow"]);

    const again = await townshipAdmin.imports.preview({ townshipId, rows });
    expect(again.counts).toMatchObject({ new: 0, unchanged: 6 });
    const second = await townshipAdmin.imports.commit({ townshipId, ...file("台账.xlsx", rows) });
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    expect((await auditOf(townshipId)).length).toBe(audits);
    const reread = await staff.disputes.get({ townshipId, id: dispute?.id as string });
    expect(reread.version).toBe(1);
  });

  it("updates only the corrected row, at a new version, audited with the file's name and digest", async () => {
    const rows = rowsFor(A1);
    await townshipAdmin.imports.commit({ townshipId, ...file("九月.xlsx", rows) });
    const corrected = rows.map((r) => (r.type === "incident" ? { ...r, severity: "major" as const } : r));
    const preview = await townshipAdmin.imports.preview({ townshipId, rows: corrected });
    expect(preview.counts).toMatchObject({ changed: 1, unchanged: 5 });
    expect(preview.rows.find((r) => r.status === "changed")?.changedFields).toEqual(["severity"]);

    const auditsBefore = await auditOf(townshipId);
    const result = await townshipAdmin.imports.commit({ townshipId, ...file("九月-更正.xlsx", corrected) });
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 5 });
    const { items } = await staff.incidents.list({ townshipId, limit: 100 });
    const incident = items.find((i) => i.sourceId === rows[3]?.sourceId);
    expect(incident).toMatchObject({ severity: "major", version: 2 });
    const added = (await auditOf(townshipId)).filter((a) => !auditsBefore.some((b) => b.id === a.id));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: "incident.import",
      entityId: incident?.id,
      before: { severity: "ordinary" },
      after: { severity: "major" },
    });
    expect(added[0]?.reason).toContain("九月-更正.xlsx");
    expect(added[0]?.reason).toContain(digest("九月-更正.xlsx"));
  });

  it("finishes an import cut off half-way without duplicates", async () => {
    const tag = "cut";
    const rows: ImportRowInput[] = Array.from({ length: 180 }, (_, i) => ({
      type: "event",
      row: i + 2,
      sourceId: `${tag}-${i}`,
      townshipCode: A1,
      kind: "monthly_meeting",
      occurredAt: "2026-09-10T09:00:00+08:00",
      count: 1 + (i % 3),
    }));
    const batches = [rows.slice(0, 60), rows.slice(60, 120), rows.slice(120)];
    await townshipAdmin.imports.commit({ townshipId, ...file("cut.xlsx", batches[0] as ImportRowInput[]) });
    // The tab closed; the clerk imports the same file again, all batches.
    const results = [];
    for (const batch of batches)
      results.push(await townshipAdmin.imports.commit({ townshipId, ...file("cut.xlsx", batch) }));
    expect(results.map((r) => [r.created, r.unchanged])).toEqual([
      [0, 60],
      [60, 0],
      [60, 0],
    ]);
    const { data } = await db.entities.event.query.byId({ townshipId }).go({ pages: "all" });
    const mine = data.filter((e) => e.sourceId?.startsWith(`${tag}-`));
    expect(mine).toHaveLength(180);
    expect(new Set(mine.map((e) => e.sourceId)).size).toBe(180);
    // A few rows of a township with many imported records: found by the range read within its budget, the
    // rest by key; either way they are the stored ones.
    const few = await townshipAdmin.imports.preview({ townshipId, rows: rows.slice(0, 10) });
    expect(few.counts).toMatchObject({ unchanged: 10, new: 0 });
  });

  it("reports rows of a submitted month as locked and leaves them alone", async () => {
    await db.entities.submission
      .create({
        townshipId,
        countyId: tenants.A.countyId,
        month: "2026-08",
        status: "submitted",
        manualScores: [],
        adjustments: [],
        version: 1,
        createdAt: "x",
        createdBy: "x",
        updatedAt: "x",
        updatedBy: "x",
      })
      .go();
    const rows: ImportRowInput[] = [
      {
        type: "incident",
        row: 2,
        sourceId: "lock-AJ1",
        townshipCode: A1,
        occurredAt: "2026-08-12T22:15:00+08:00",
        kind: "criminal",
        severity: "ordinary",
      },
      {
        type: "incident",
        row: 3,
        sourceId: "lock-AJ2",
        townshipCode: A1,
        occurredAt: "2026-09-12T22:15:00+08:00",
        kind: "criminal",
        severity: "ordinary",
      },
    ];
    const preview = await townshipAdmin.imports.preview({ townshipId, rows });
    expect(preview.rows.map((r) => r.status)).toEqual(["locked", "new"]);
    expect(preview.rows[0]?.months).toEqual(["2026-08"]);
    expect(preview.rows[0]?.messages?.[0]).toContain("2026-08 已提交审核");
    const result = await townshipAdmin.imports.commit({ townshipId, ...file("八月.xlsx", rows) });
    expect(result).toMatchObject({ created: 1, locked: 1 });
    const { items } = await staff.incidents.list({ townshipId, limit: 100 });
    expect(items.some((i) => i.sourceId === "lock-AJ1")).toBe(false);
    expect(items.some((i) => i.sourceId === "lock-AJ2")).toBe(true);
  });

  it("refuses a township admin's batch holding another township's 乡镇代码, and writes none of it", async () => {
    const rows = [...rowsFor(A1, "iso"), ...rowsFor(A2, "iso2").slice(5)];
    const preview = await townshipAdmin.imports.preview({ townshipId, rows });
    expect(preview.counts.error).toBe(1);
    expect(preview.rows.at(-1)?.messages?.[0]).toBe(
      `工作纪实 第2行「乡镇代码」：应为本乡镇的代码 ${A1}，实为「${A2}」`,
    );
    const error = await townshipAdmin.imports
      .commit({ townshipId, ...file("iso.xlsx", rows) })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("未写入任何记录");
    expect((await partition(townshipId)).some((d) => d.sourceId?.startsWith("iso"))).toBe(false);
    expect((await partition(tenants.A.siblingTownshipId)).some((d) => d.sourceId?.startsWith("iso"))).toBe(
      false,
    );
  });

  it("gives a clear 400 in Chinese for a batch over the limit", async () => {
    const row = rowsFor(A1)[5] as ImportRowInput;
    const rows = Array.from({ length: MAX_IMPORT_BATCH + 1 }, (_, i) => ({ ...row, sourceId: `big-${i}` }));
    const response = await createApp({ services }).request("/trpc/imports.preview", {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.A.township_admin}`, "content-type": "application/json" },
      body: JSON.stringify({ townshipId, rows }),
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { message: string; data: { appCode: string } } };
    expect(error.message).toBe(`每批最多 ${MAX_IMPORT_BATCH} 行，请分批导入`);
    expect(error.data.appCode).toBe("INPUT.INVALID");
  });

  it("checks rows again on the server with the same contracts and rules", async () => {
    const [kp, dispute] = rowsFor(A1, "bad");
    const badLevel = await townshipAdmin.imports
      .preview({ townshipId, rows: [{ ...(dispute as ImportRowInput), level: "purple" } as never] })
      .catch((e) => e);
    expect(badLevel.code).toBe("BAD_REQUEST");
    expect(badLevel.message).toContain("纠纷等级");
    const preview = await townshipAdmin.imports.preview({
      townshipId,
      rows: [
        { ...(dispute as ImportRowInput & { type: "dispute" }), closedAt: "2026-09-01T00:00:00+08:00" },
        {
          type: "visit",
          row: 9,
          sourceId: "bad-ZF",
          townshipCode: A1,
          keyPersonSourceId: "nobody",
          at: "2026-09-15T15:00:00+08:00",
        },
        kp as ImportRowInput,
        kp as ImportRowInput,
      ],
    });
    expect(preview.rows.map((r) => r.status)).toEqual(["error", "error", "new", "error"]);
    expect(preview.rows[0]?.messages).toContain("矛盾纠纷 第2行「办结时间」：不能早于上报时间");
    expect(preview.rows[1]?.messages?.[0]).toContain("走访 第9行「重点人员编号」");
    expect(preview.rows[3]?.messages?.[0]).toContain("在本批中重复");
  });
});

describe("imports (county admin)", () => {
  it("imports across two townships of the county in one batch", async () => {
    const rows = [...rowsFor(A1, "cty1"), ...rowsFor(A2, "cty2")];
    const preview = await countyAdmin.imports.previewCounty({ rows });
    expect(preview.counts.new).toBe(12);
    expect(new Set(preview.rows.map((r) => r.townshipId))).toEqual(
      new Set([townshipId, tenants.A.siblingTownshipId]),
    );
    const result = await countyAdmin.imports.commitCounty(file("信访系统导出.xlsx", rows));
    expect(result.created).toBe(12);
    expect((await partition(tenants.A.siblingTownshipId)).some((d) => d.sourceId === "cty2-JF1")).toBe(true);
    expect((await countyAdmin.imports.previewCounty({ rows })).counts.unchanged).toBe(12);
  });

  it("cannot import into another county's township", async () => {
    const rows = rowsFor(A1, "other");
    const preview = await countyAdminB.imports.previewCounty({ rows });
    expect(preview.counts.error).toBe(6);
    expect(preview.rows[0]?.messages?.[0]).toContain(`「${A1}」不是本县已审核通过的乡镇`);
    await expect(countyAdminB.imports.commitCounty(file("x.xlsx", rows))).rejects.toThrow("未写入任何记录");
    expect((await partition(townshipId)).some((d) => d.sourceId?.startsWith("other"))).toBe(false);
    void B1;
  });

  it("exports records as rows that import back with no change, through the workbook writer and reader", async () => {
    const entered = await staff.disputes.create({
      townshipId,
      requestId: "export-roundtrip-1",
      level: "red",
      category: "土地纠纷",
      partiesBrief: "甲乙",
      reportedAt: "2026-09-21T08:00:00+08:00",
    });
    const exported: ImportRow[] = [];
    for (const type of ["keyPerson", "dispute", "petition", "incident", "visit", "event"] as const) {
      let cursor: string | null | undefined;
      do {
        const page = await countyAdmin.imports.exportCounty({ period: "2026", type, cursor, limit: 50 });
        exported.push(...page.rows);
        cursor = page.cursor;
      } while (cursor);
    }
    expect(exported.some((r) => r.type === "dispute" && r.sourceId === entered.id)).toBe(true);
    const bytes = await writeXlsx(workbookRecordsOf(exported) as never);
    const read = await readXlsx(bytes, { townshipCodes: [A1, A2] });
    if (!read.ok) throw new Error(JSON.stringify(read.errors.slice(0, 3)));
    const rows = importRowsOf(read.records as never);
    expect(rows).toHaveLength(exported.length);
    const counts = { new: 0, changed: 0, unchanged: 0, locked: 0, error: 0 };
    for (let i = 0; i < rows.length; i += MAX_IMPORT_BATCH) {
      const preview = await countyAdmin.imports.previewCounty({ rows: rows.slice(i, i + MAX_IMPORT_BATCH) });
      for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += preview.counts[k];
      expect(preview.rows.filter((r) => r.status !== "unchanged")).toEqual([]);
    }
    expect(counts.unchanged).toBe(rows.length);
    const own = await townshipAdmin.imports.export({ townshipId, type: "dispute", limit: 1000 });
    expect(own.rows.every((r) => r.townshipCode === A1)).toBe(true);
  });
});

describe("imports with the county's own vocabularies", () => {
  it("imports a workbook naming a county category and a scheme item in Chinese; export → import changes nothing", async () => {
    const mine = await countyAdmin.counties.mine();
    await countyAdmin.counties.setKeyPersonCategories({
      categories: [
        ...mine.keyPersonCategories,
        { code: "drug_involved", name: "涉毒人员", per: "month", times: 2 },
      ],
      expectedVersion: mine.version,
    });
    // The vocabularies as the admin app gets them, for its reader and writer.
    const categories = await staff.keyPersons.categories({ townshipId });
    const { items } = await staff.events.items({ townshipId, year: 2026 });
    const vocabularies = {
      keyPersonCategories: categories,
      eventNames: Object.fromEntries(items.map((i) => [i.code, i.name])),
    };
    expect(vocabularies.eventNames.quarterly_training).toBe("季度业务培训");

    const csv = (rows: string[][]) => new TextEncoder().encode(rows.map((r) => r.join(",")).join("\r\n"));
    const files = [
      {
        name: "重点人员.csv",
        bytes: csv([
          ["编号", "乡镇代码", "人员类别", "列管时间"],
          ["voc-ZD1", A1, "涉毒人员", "2026-09-01 09:00"],
        ]),
      },
      {
        name: "工作纪实.csv",
        bytes: csv([
          ["编号", "乡镇代码", "事件类型", "发生时间", "次数"],
          ["voc-JS1", A1, "季度业务培训", "2026-09-20 09:00", "1"],
        ]),
      },
    ];
    // Without the county's categories the reader refuses 涉毒人员, naming the accepted ones.
    const builtIn = readCsvFiles(files);
    expect(builtIn.ok).toBe(false);
    const read = readCsvFiles(files, vocabularies);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const rows = importRowsOf(read.records as never);
    expect(rows.map((r) => (r.type === "keyPerson" ? r.category : r.type === "event" ? r.kind : ""))).toEqual(
      ["drug_involved", "quarterly_training"],
    );
    const preview = await townshipAdmin.imports.preview({ townshipId, rows });
    expect(preview.counts).toMatchObject({ new: 2, error: 0 });
    const result = await townshipAdmin.imports.commit({ townshipId, ...file("自定义.csv", rows) });
    expect(result.created).toBe(2);
    const { items: persons } = await staff.keyPersons.list({ townshipId, limit: 100 });
    expect(persons.find((k) => k.sourceId === "voc-ZD1")?.category).toBe("drug_involved");

    // Export → workbook (with the county's names) → import: nothing changes.
    const exported: ImportRow[] = [];
    for (const type of ["keyPerson", "event"] as const) {
      const page = await townshipAdmin.imports.export({ townshipId, type, period: "2026", limit: 1000 });
      exported.push(...page.rows);
    }
    const bytes = await writeXlsx(workbookRecordsOf(exported) as never, vocabularies);
    const back = await readXlsx(bytes, { townshipCodes: [A1], ...vocabularies });
    if (!back.ok) throw new Error(JSON.stringify(back.errors.slice(0, 3)));
    expect(back.records.keyPersons.find((k) => k.id === "voc-ZD1")?.category).toBe("drug_involved");
    const again = await townshipAdmin.imports.preview({
      townshipId,
      rows: importRowsOf(back.records as never),
    });
    expect(again.rows.filter((r) => r.status !== "unchanged")).toEqual([]);
    expect(again.counts.unchanged).toBe(exported.length);
  });

  it("checks the category and the item against the county's on the server, naming the column", async () => {
    const preview = await townshipAdmin.imports.preview({
      townshipId,
      rows: [
        {
          type: "keyPerson",
          row: 3,
          sourceId: "voc-bad-ZD",
          townshipCode: A1,
          category: "not_ours",
          registeredAt: "2026-09-01T09:00:00+08:00",
        },
        {
          type: "event",
          row: 4,
          sourceId: "voc-bad-JS",
          townshipCode: A1,
          kind: "annual_drill",
          occurredAt: "2026-09-10T09:00:00+08:00",
          count: 1,
        },
      ],
    });
    expect(preview.rows.map((r) => r.status)).toEqual(["error", "error"]);
    expect(preview.rows[0]?.messages?.[0]).toMatch(
      /^重点人员 第3行「人员类别」：「not_ours」不是本县的重点人员类别（可选：.*涉毒人员）$/,
    );
    expect(preview.rows[1]?.messages?.[0]).toMatch(
      /^工作纪实 第4行「事件类型」：「annual_drill」不是.*考核细则中的纪实事项/,
    );
  });
});
