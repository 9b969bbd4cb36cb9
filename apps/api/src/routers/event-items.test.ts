import type { Scheme } from "@pingan/domain";
import { describe, expect, it } from "vitest";
import { countyWorld } from "../testing/county-world";

/** Issue 14: a township records the 纪实 items of its county's current scheme, and duties score by period. */
const { as, tenants } = await countyWorld("event-items", "2026-10-20T02:00:00Z");
const townshipId = tenants.A.townshipId;
const { staff, admin } = as;
let n = 0;
const record = (kind: string, occurredAt: string) =>
  staff.events.create({ townshipId, requestId: `req-items-${n++}`, kind, occurredAt });

describe("events against the county's scheme items", () => {
  it("refuses a kind that is not an item of the current scheme, naming 事件类型 and the code", async () => {
    await expect(record("annual_drill", "2026-09-10T09:00:00+08:00")).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/「事件类型」annual_drill 不是本县 2026 年度考核细则中的纪实事项/),
    });
    // Kinds the system writes are not recorded by hand either (the engine derives dispute_overdue).
    await expect(record("dispute_overdue", "2026-09-10T09:00:00+08:00")).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    // A year without a scheme records against the model's items.
    await expect(record("annual_drill", "2025-09-10T09:00:00+08:00")).rejects.toMatchObject({
      message: expect.stringMatching(/不是示范考核细则中的纪实事项/),
    });
    await expect(record("quarterly_training", "2025-09-10T09:00:00+08:00")).resolves.toMatchObject({
      kind: "quarterly_training",
    });
  });

  it("an item added to the scheme becomes recordable; an edit to an unknown kind is refused", async () => {
    const current = await admin.schemes.get({ year: 2026 });
    const scheme = structuredClone(current.scheme) as Scheme;
    scheme.items = [
      ...(scheme.items ?? []),
      { code: "annual_drill", name: "年度应急演练", done: "组织一次应急演练", recorder: "应急办" },
    ];
    const i01 = scheme.indicators.find((i) => i.code === "I01");
    if (i01?.base.kind !== "routine") throw new Error("I01 is routine in the model");
    i01.base.required.push(
      { event: "quarterly_training", perQuarter: 2 },
      { event: "annual_drill", perYear: 1 },
    );
    const saved = await admin.schemes.save({ year: 2026, expectedVersion: current.version, scheme });
    expect(saved.version).toBe(current.version + 1);

    const vocabulary = await staff.events.items({ townshipId, year: 2026 });
    expect(vocabulary.version).toBe(saved.version);
    expect(vocabulary.items).toContainEqual(
      expect.objectContaining({ code: "annual_drill", name: "年度应急演练" }),
    );
    const drill = await record("annual_drill", "2026-03-10T09:00:00+08:00");
    expect(drill.kind).toBe("annual_drill");
    await expect(
      staff.events.update({ townshipId, id: drill.id, expectedVersion: drill.version, kind: "no_such_item" }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/「事件类型」no_such_item/) });
  });

  it("a quarterly duty is scored only in the quarter's last month (live preview)", async () => {
    for (const month of ["07", "08", "09"]) {
      await record("monthly_meeting", `2026-${month}-05T09:00:00+08:00`);
      await record("township_screening", `2026-${month}-06T09:00:00+08:00`);
    }
    await record("quarterly_training", "2026-07-15T09:00:00+08:00");
    const i01 = async (month: string) =>
      (await staff.submissions.preview({ townshipId, month })).indicators.find((i) => i.code === "I01");
    const august = await i01("2026-08");
    expect(august?.base).toBe(8);
    expect(august?.notes.join("\n")).toContain("本月不考核：季度业务培训（每季度 2 次，季末月考核）");
    const september = await i01("2026-09");
    expect(september?.notes.join("\n")).toContain("季度业务培训：本季度应 2 次，实 1 次");
    // Meeting 1/1, screening 1/1, training 1/2 (annual drill not due until December): 8 × 2.5 / 3.
    expect(september?.base).toBeCloseTo(6.67, 2);
  });
});
