import { describe, expect, it } from "vitest";
import { dataWith } from "../../test/builders";
import modelScheme from "../../test/golden/scheme-2026.json";
import { checkTypedData, parseData } from "./data-schema";
import { parseScheme } from "./scheme-schema";

/** The model scheme as loose JSON, so a test can break it on purpose. */
// biome-ignore lint/suspicious/noExplicitAny: tests deliberately write invalid shapes into the scheme.
type Mutable = any;

describe("the scheme schema", () => {
  it("accepts the model scheme", () => {
    expect(parseScheme(modelScheme).ok).toBe(true);
  });

  it.each([
    [
      "a duplicate indicator code",
      (s: Mutable) => (s.indicators[1].code = "I01"),
      "indicators[1].code",
      "I01",
    ],
    [
      "a target not above the floor",
      (s: Mutable) => (s.indicators[1].base.floor = 0.95),
      "indicators[1].base.target",
      "I02",
    ],
    [
      "a ceiling not above the target",
      (s: Mutable) => (s.indicators[4].base.ceiling = 1),
      "indicators[4].base.ceiling",
      "I05",
    ],
    ["no grade band at 0", (s: Mutable) => (s.gradeBands[3].min = 1), "gradeBands", undefined],
    [
      "a negative deduction",
      (s: Mutable) => (s.indicators[0].deductions[0].points = -1),
      "indicators[0].deductions[0].points",
      "I01",
    ],
    [
      "an unknown metric",
      (s: Mutable) => (s.indicators[1].base.metric = "dispute.happiness"),
      "indicators[1].base.metric",
      "I02",
    ],
  ])("rejects %s, naming the place", (_name, mutate, path, record) => {
    const scheme = structuredClone(modelScheme);
    mutate(scheme);
    const result = parseScheme(scheme);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.path).toBe(path);
    expect(result.issues[0]?.record).toBe(record);
    expect(result.issues[0]?.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("the data schema", () => {
  const disputes = [
    { id: "d1", townshipId: "t1", level: "blue", reportedAt: "2026-10-01T08:00:00+08:00", attempts: 1 },
  ];

  it("checks data a reader already typed (the workbook's) by the cross-record rules only", () => {
    const unknownTownship = dataWith({ disputes: [{ ...disputes[0], townshipId: "t9" }] as never });
    expect(checkTypedData(unknownTownship)).toEqual(parseData(unknownTownship));
    expect(checkTypedData(unknownTownship)).toMatchObject({
      ok: false,
      issues: [{ path: "disputes[0].townshipId" }],
    });
    // Fields are the reader's to check: a field the reader would have refused passes here.
    const badField = dataWith({ disputes: [{ ...disputes[0], attempts: -1 }] as never });
    expect(parseData(badField).ok).toBe(false);
    expect(checkTypedData(badField).ok).toBe(true);
  });

  it("rejects a timestamp without an offset, naming the record and field in English and Chinese", () => {
    const result = parseData(
      dataWith({ disputes: [{ ...disputes[0], reportedAt: "2026-10-01T08:00:00" }] as never }),
    );
    expect(result).toMatchObject({
      ok: false,
      issues: [{ path: "disputes[0].reportedAt", record: "d1", field: "reportedAt" }],
    });
    if (!result.ok) expect(result.issues[0]?.messageZh).toContain("带时区");
  });

  it.each([
    ["an unknown township", { disputes: [{ ...disputes[0], townshipId: "t9" }] }, "disputes[0].townshipId"],
    [
      "a closed dispute without an outcome",
      { disputes: [{ ...disputes[0], closedAt: "2026-10-02T08:00:00Z" }] },
      "disputes[0].closedAt",
    ],
    [
      "a dispute closed before it was reported",
      { disputes: [{ ...disputes[0], closedAt: "2026-09-02T08:00:00Z", outcome: "resolved" }] },
      "disputes[0].closedAt",
    ],
    ["a negative attempt count", { disputes: [{ ...disputes[0], attempts: -1 }] }, "disputes[0].attempts"],
    [
      "a duplicate key-person id, which visits could not tell apart",
      {
        keyPersons: [0, 1].map(() => ({
          id: "k1",
          townshipId: "t1",
          category: "mental_health",
          registeredAt: "2026-01-01T00:00:00Z",
        })),
      },
      "keyPersons[1].id",
    ],
    [
      "a visit to an unknown key person",
      { visits: [{ id: "v1", townshipId: "t1", keyPersonId: "k9", at: "2026-10-01T08:00:00Z" }] },
      "visits[0].keyPersonId",
    ],
    [
      "an event with a zero count",
      { events: [{ id: "e1", townshipId: "t1", kind: "x", occurredAt: "2026-10-01T08:00:00Z", count: 0 }] },
      "events[0].count",
    ],
  ])("rejects %s", (_name, extra, path) => {
    const result = parseData(dataWith(extra as never));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toContain(path);
  });

  it("rejects a population that is not a positive integer", () => {
    const data = dataWith();
    (data.townships[0] as { population: number }).population = 0;
    const result = parseData(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ path: "townships[0].population", record: "t1" });
  });
});
