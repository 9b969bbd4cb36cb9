import { createHash } from "node:crypto";
import type { ImportRowInput } from "@pingan/contracts";
import { checkItems } from "@pingan/data";
import { describe, expect, it } from "vitest";
import { countyWorld } from "../testing/county-world";
import { callerWith } from "../testing/harness";

const { services, db, tenants, tokens, countyId, as } = await countyWorld(
  "review-flags",
  "2026-10-08T02:00:00Z",
);
const { admin, reviewer, townshipAdmin, staff } = as;
const townshipId = tenants.A.townshipId;
const siblingId = tenants.A.siblingTownshipId;
const A1 = "110101001";
const A2 = "110101002";
const outsider = callerWith(services, tokens.B.county_reviewer);

const digest = (s: string) => createHash("sha256").update(s).digest("hex");
const file = (fileName: string, rows: ImportRowInput[]) => ({ fileName, fileDigest: digest(fileName), rows });
let serial = 0;
const dispute = (code: string, reportedAt: string): ImportRowInput => ({
  type: "dispute",
  row: 2,
  sourceId: `JF-${++serial}`,
  townshipCode: code,
  level: "blue",
  reportedAt,
  category: "邻里纠纷",
  attempts: [],
});
const petition = (code: string, receivedAt: string, skipLevel = false, closed = false): ImportRowInput => ({
  type: "petition",
  row: 2,
  sourceId: `XF-${++serial}`,
  townshipCode: code,
  receivedAt,
  subject: "道路施工扰民",
  skipLevel,
  collective: false,
  ...(closed
    ? { firstHandledAt: receivedAt, closedAt: receivedAt.replace("T09", "T17"), settled: true }
    : {}),
});
const day = (month: string, d: number) => `${month}-${String(d).padStart(2, "0")}T09:00:00+08:00`;

// Township A: six disputes a month from March to August (median 6), two in September (under half);
// in September the county imports three petitions from its 信访 system and the township enters one itself.
const trailing = ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"];
await townshipAdmin.imports.commit({
  townshipId,
  ...file("本镇台账.xlsx", [
    ...trailing.flatMap((m) => [1, 3, 5, 7, 9, 11].map((d) => dispute(A1, day(m, d)))),
    dispute(A1, day("2026-09", 4)),
    dispute(A1, day("2026-09", 18)),
    dispute(A1, day("2025-09", 4)),
    dispute(A1, day("2025-10", 4)),
  ]),
});
await admin.imports.commitCounty(
  file("信访系统导出.xlsx", [
    petition(A1, day("2026-09", 2)),
    petition(A1, day("2026-09", 8)),
    petition(A1, day("2026-09", 16)),
    // Township A2: ten petitions settled on the day they came (信访 100% on ten cases), one of them skip-level.
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((d) => petition(A2, day("2026-09", d), d === 10, true)),
  ]),
);
await staff.petitions.create({
  townshipId,
  requestId: "flags-own-petition",
  receivedAt: day("2026-09", 20),
  subject: "噪音扰民",
  petitionerBrief: "居民",
  skipLevel: false,
  collective: false,
});

describe("报喜不报忧 flags during review", () => {
  it("flag a sharp drop and fewer own records than the county imported, with their evidence", async () => {
    const result = await reviewer.reviewFlags.list({ townshipId, month: "2026-09" });
    expect(result.counts.reported).toEqual({ dispute: 2, petition: 4, incident: 0 });
    expect(result.counts.imported).toEqual({ dispute: 0, petition: 3, incident: 0 });
    const byCode = new Map(result.flags.map((f) => [f.code, f]));
    expect([...byCode.keys()].sort()).toEqual(["drop:dispute", "import:petition"]);
    expect(byCode.get("drop:dispute")).toMatchObject({ count: 2, median: 6, action: null });
    expect(byCode.get("import:petition")).toMatchObject({
      own: 1,
      imported: 3,
      files: ["信访系统导出.xlsx"],
    });

    // August, judged against March–July plus February (nothing): median 6 and six disputes: no flag.
    const august = await reviewer.reviewFlags.list({ townshipId, month: "2026-08" });
    expect(august.flags).toEqual([]);
  });

  it("flag perfect rates on many cases when skip-level petitions rise, from the month's own score", async () => {
    const { flags } = await reviewer.reviewFlags.list({ townshipId: siblingId, month: "2026-09" });
    const perfect = flags.find((f) => f.code === "perfect");
    expect(perfect).toMatchObject({ skipLevel: 1, skipLevelMedian: 0 });
    expect(perfect?.rule === "perfect" && perfect.rates).toEqual([
      { code: "I04", name: "信访工作", rate: 1, cases: 10 },
      // Settled on the day they came: each was also handled first within the model's 7 days.
      { code: "I12", name: "初信初访首办率", rate: 1, cases: 10 },
    ]);
  });

  it("count flags per township for the review queue, and how many still await an action", async () => {
    const queue = await reviewer.reviewFlags.queue({ month: "2026-09" });
    const mine = queue.find((r) => r.townshipId === townshipId);
    expect(mine).toEqual({ townshipId, flags: 2, open: expect.any(Number) });
    expect(queue.find((r) => r.townshipId === siblingId)?.flags).toBe(2); // perfect + import
  });

  it("record what was done about a flag, version-checked and audited, without changing the score", async () => {
    const before = await reviewer.submissions.preview({ townshipId, month: "2026-09" });
    const key = { townshipId, month: "2026-09", code: "drop:dispute" as const };
    const first = await reviewer.reviewFlags.record({
      ...key,
      outcome: "verified",
      note: "电话抽查三个村，本月确实纠纷少",
      expectedVersion: 0,
    });
    expect(first).toMatchObject({ outcome: "verified", version: 1 });
    // A second first action, or a stale version, is a conflict: nothing is silently overwritten.
    await expect(
      admin.reviewFlags.record({ ...key, outcome: "deducted", note: "另记", expectedVersion: 0 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const second = await admin.reviewFlags.record({
      ...key,
      outcome: "correction",
      note: "要求补录漏报纠纷",
      expectedVersion: 1,
    });
    expect(second).toMatchObject({ outcome: "correction", version: 2 });
    await expect(
      reviewer.reviewFlags.record({ ...key, outcome: "verified", note: "旧版本", expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    const { flags } = await reviewer.reviewFlags.list({ townshipId, month: "2026-09" });
    expect(flags.find((f) => f.code === "drop:dispute")?.action).toMatchObject({
      outcome: "correction",
      note: "要求补录漏报纠纷",
      version: 2,
    });
    const queue = await reviewer.reviewFlags.queue({ month: "2026-09" });
    expect(queue.find((r) => r.townshipId === townshipId)).toMatchObject({ flags: 2, open: 1 });

    const { data } = await db.entities.audit.query.byScope({ scope: `C#${countyId}` }).go({ pages: "all" });
    const trail = checkItems(db, "audit", data).filter((a) => a.action === "reviewFlag.record");
    expect(trail).toHaveLength(2);
    expect(trail.map((a) => (a.after as { outcome: string }).outcome).sort()).toEqual([
      "correction",
      "verified",
    ]);

    const after = await reviewer.submissions.preview({ townshipId, month: "2026-09" });
    expect(after.total).toBe(before.total);
  });

  it("refuse an action on a flag the figures do not raise, and bad input naming the field", async () => {
    await expect(
      reviewer.reviewFlags.record({
        townshipId,
        month: "2026-09",
        code: "drop:incident",
        outcome: "verified",
        note: "无",
        expectedVersion: 0,
      }),
    ).rejects.toThrow("本月当前没有这一项报喜不报忧标记");
    await expect(
      reviewer.reviewFlags.record({
        townshipId,
        month: "2026-09",
        code: "drop:dispute",
        outcome: "ignored" as never,
        note: "无",
        expectedVersion: 2,
      }),
    ).rejects.toThrow("处理结果");
  });

  it("are never shown to a township, nor to another county", async () => {
    for (const caller of [townshipAdmin, staff])
      await expect(caller.reviewFlags.list({ townshipId, month: "2026-09" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    await expect(townshipAdmin.reviewFlags.queue({ month: "2026-09" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(outsider.reviewFlags.list({ townshipId, month: "2026-09" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const theirs = await outsider.reviewFlags.queue({ month: "2026-09" });
    expect(theirs.some((r) => r.townshipId === townshipId || r.townshipId === siblingId)).toBe(false);
  });
});

describe("同比 (year on year)", () => {
  it("counts this year to date against the same months last year, the same for the township and the 通报", async () => {
    const own = await townshipAdmin.yearOnYear.township({ townshipId, month: "2026-09" });
    expect(own).toMatchObject({ from: "2026-01", previousFrom: "2025-01", previousTo: "2025-09" });
    // 2026: 36 + 2 disputes, 4 petitions; 2025 to September: one dispute (October's is after the range).
    expect(own.row).toMatchObject({
      current: { dispute: 38, petition: 4, incident: 0 },
      previous: { dispute: 1, petition: 0, incident: 0 },
    });
    const county = await reviewer.yearOnYear.county({ month: "2026-09" });
    expect(county.rows.find((r) => r.townshipId === townshipId)).toEqual(own.row);
    expect(county.rows.find((r) => r.townshipId === siblingId)?.current.petition).toBe(10);
    await expect(
      callerWith(services, tokens.B.township_admin).yearOnYear.township({ townshipId, month: "2026-09" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
