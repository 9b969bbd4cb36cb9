import { describe, expect, it } from "vitest";
import { dropFlags, flagsOf, importFlags, type MonthCounts, median, perfectFlag } from "./rules";

const months = ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"];

function counts(
  month: string,
  c: Partial<{ dispute: number; petition: number; incident: number; skipLevel: number }> = {},
  imported: Partial<{ dispute: number; petition: number; incident: number }> = {},
): MonthCounts {
  return {
    month,
    reported: { dispute: c.dispute ?? 0, petition: c.petition ?? 0, incident: c.incident ?? 0 },
    imported: {
      dispute: imported.dispute ?? 0,
      petition: imported.petition ?? 0,
      incident: imported.incident ?? 0,
    },
    importFiles: {
      dispute: imported.dispute ? ["12345热线导出.xlsx"] : [],
      petition: imported.petition ? ["信访系统导出.xlsx"] : [],
      incident: [],
    },
    skipLevel: c.skipLevel ?? 0,
  };
}

/** Six trailing months with these dispute counts (median of [6,8,8,10,12,20] is 9). */
const trailingDisputes = (values: number[]) => months.map((m, i) => counts(m, { dispute: values[i] }));

describe("median", () => {
  it("is the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([6, 8, 8, 10, 12, 20])).toBe(9);
    expect(median([])).toBe(0);
  });
});

describe("a sharp drop against the township's own trailing six months", () => {
  const trailing = trailingDisputes([6, 8, 8, 10, 12, 20]); // median 9: half is 4.5

  it("fires under half the median, with the months it is judged against", () => {
    const [flag] = dropFlags(counts("2026-09", { dispute: 4 }), trailing);
    expect(flag).toMatchObject({ code: "drop:dispute", kind: "dispute", count: 4, median: 9 });
    expect(flag?.rule === "drop" && flag.trailing.map((f) => f.count)).toEqual([6, 8, 8, 10, 12, 20]);
  });

  it("does not fire at or above half the median", () => {
    expect(dropFlags(counts("2026-09", { dispute: 5 }), trailing)).toEqual([]);
    const even = trailingDisputes([8, 8, 8, 8, 8, 8]);
    expect(dropFlags(counts("2026-09", { dispute: 4 }), even)).toEqual([]);
    expect(dropFlags(counts("2026-09", { dispute: 3 }), even)).toHaveLength(1);
  });

  it("only judges a median of at least four", () => {
    const small = trailingDisputes([4, 4, 4, 4, 4, 4]);
    expect(dropFlags(counts("2026-09", { dispute: 1 }), small)).toHaveLength(1);
    const smaller = trailingDisputes([3, 3, 3, 4, 4, 4]); // median 3.5
    expect(dropFlags(counts("2026-09", { dispute: 0 }), smaller)).toEqual([]);
  });

  it("judges petitions and incidents each on their own", () => {
    const trailing = months.map((m) => counts(m, { dispute: 10, petition: 6, incident: 8 }));
    const flags = dropFlags(counts("2026-09", { dispute: 10, petition: 2, incident: 3 }), trailing);
    expect(flags.map((f) => f.code)).toEqual(["drop:petition", "drop:incident"]);
  });
});

describe("perfect rates on many cases while skip-level petitions rise", () => {
  const trailing = months.map((m, i) => counts(m, { skipLevel: [0, 1, 0, 1, 0, 1][i] })); // median 0.5
  const perfect = { code: "C1", name: "矛盾纠纷化解率", rate: 1, cases: 10 };

  it("fires on 100% with ten cases when skip-level petitions rise above their trailing median", () => {
    const [flag] = perfectFlag(counts("2026-09", { skipLevel: 1 }), trailing, [perfect]);
    expect(flag).toMatchObject({ code: "perfect", skipLevel: 1, skipLevelMedian: 0.5, rates: [perfect] });
  });

  it("does not fire under ten cases, under 100%, or without a rise", () => {
    const rose = counts("2026-09", { skipLevel: 3 });
    expect(perfectFlag(rose, trailing, [{ ...perfect, cases: 9 }])).toEqual([]);
    expect(perfectFlag(rose, trailing, [{ ...perfect, rate: 0.99 }])).toEqual([]);
    const flat = months.map((m) => counts(m, { skipLevel: 2 }));
    expect(perfectFlag(counts("2026-09", { skipLevel: 2 }), flat, [perfect])).toEqual([]);
    expect(perfectFlag(counts("2026-09", { skipLevel: 3 }), flat, [perfect])).toHaveLength(1);
  });
});

describe("fewer own records than the county imported from other systems", () => {
  it("fires when the township's own records of a kind are fewer than the imported ones, naming the files", () => {
    const [flag] = importFlags(counts("2026-09", { petition: 7 }, { petition: 4 }));
    expect(flag).toMatchObject({
      code: "import:petition",
      own: 3,
      imported: 4,
      files: ["信访系统导出.xlsx"],
    });
  });

  it("does not fire when the township recorded as many itself, or nothing was imported", () => {
    expect(importFlags(counts("2026-09", { petition: 8 }, { petition: 4 }))).toEqual([]);
    expect(importFlags(counts("2026-09", { petition: 0 }))).toEqual([]);
  });
});

it("flagsOf gathers every rule's flags and changes nothing it is given", () => {
  const current = counts("2026-09", { dispute: 2, skipLevel: 2 }, { dispute: 2 });
  const trailing = trailingDisputes([9, 9, 9, 9, 9, 9]);
  const before = JSON.stringify({ current, trailing });
  const flags = flagsOf({ current, trailing, rates: [{ code: "C1", name: "化解率", rate: 1, cases: 12 }] });
  expect(flags.map((f) => f.code)).toEqual(["drop:dispute", "perfect", "import:dispute"]);
  expect(JSON.stringify({ current, trailing })).toBe(before);
});
