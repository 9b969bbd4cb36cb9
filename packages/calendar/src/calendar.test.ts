import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  addWorkingDays,
  chinaDayOf,
  coverage,
  endOfChinaDay,
  isChinaDay,
  isWorkingDay,
  nthWorkingDayOfMonth,
  workingDayInfo,
  workingDaysBetween,
} from "./index.js";

/** Every day from `from` to `to` inclusive (UTC arithmetic on calendar days). */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00Z`); t <= Date.parse(`${to}T00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function weekday(day: string): number {
  return new Date(`${day}T00:00Z`).getUTCDay();
}

// The State Council General Office's notice on the 2026 holidays (as listed in issue 15), typed in here from
// the notice, not from the package, so that the package's data is checked against it.
const OFFICIAL_2026_OFF: [string, string, string][] = [
  ["2026-01-01", "2026-01-03", "元旦"],
  ["2026-02-15", "2026-02-23", "春节"],
  ["2026-04-04", "2026-04-06", "清明"],
  ["2026-05-01", "2026-05-05", "劳动节"],
  ["2026-06-19", "2026-06-21", "端午"],
  ["2026-09-25", "2026-09-27", "中秋"],
  ["2026-10-01", "2026-10-07", "国庆节"],
];
const OFFICIAL_2026_WORKED_WEEKENDS = [
  "2026-01-04",
  "2026-02-14",
  "2026-02-28",
  "2026-05-09",
  "2026-09-20",
  "2026-10-10",
];
const offDays2026 = new Set(OFFICIAL_2026_OFF.flatMap(([from, to]) => days(from, to)));

describe("the official 2026 calendar", () => {
  it.each(OFFICIAL_2026_OFF.flatMap(([from, to, name]) => days(from, to).map((d) => [d, name])))(
    "%s is a holiday (%s)",
    (day, name) => {
      expect(workingDayInfo(day)).toEqual({
        working: false,
        source: "official",
        kind: "holiday",
        holiday: name,
      });
      expect(isWorkingDay(day)).toBe(false);
    },
  );

  it.each(OFFICIAL_2026_WORKED_WEEKENDS)("%s is a weekend day worked by 调休", (day) => {
    expect([0, 6]).toContain(weekday(day));
    expect(workingDayInfo(day)).toMatchObject({
      working: true,
      source: "official",
      kind: "adjusted-workday",
    });
    expect(isWorkingDay(day)).toBe(true);
  });

  it.each([
    // Ordinary days next to each holiday: the day before, the day after, and the weekends around them.
    ["2025-12-31", "workday"],
    ["2026-01-05", "workday"],
    ["2026-01-10", "weekend"],
    ["2026-01-11", "weekend"],
    ["2026-02-13", "workday"],
    ["2026-02-24", "workday"],
    ["2026-02-27", "workday"],
    ["2026-03-01", "weekend"],
    ["2026-04-03", "workday"],
    ["2026-04-07", "workday"],
    ["2026-04-11", "weekend"],
    ["2026-04-30", "workday"],
    ["2026-05-06", "workday"],
    ["2026-05-10", "weekend"],
    ["2026-06-18", "workday"],
    ["2026-06-22", "workday"],
    ["2026-09-19", "weekend"],
    ["2026-09-21", "workday"],
    ["2026-09-24", "workday"],
    ["2026-09-28", "workday"],
    ["2026-09-30", "workday"],
    ["2026-10-08", "workday"],
    ["2026-10-09", "workday"],
    ["2026-10-11", "weekend"],
    ["2026-10-12", "workday"],
  ] as const)("%s is an ordinary %s", (day, kind) => {
    expect(workingDayInfo(day)).toEqual({ working: kind === "workday", source: "official", kind });
  });

  it("agrees with the notice on every day of 2026, and the year has 248 working days", () => {
    for (const day of days("2026-01-01", "2026-12-31")) {
      const expected = offDays2026.has(day)
        ? false
        : OFFICIAL_2026_WORKED_WEEKENDS.includes(day) || (weekday(day) !== 0 && weekday(day) !== 6);
      expect(isWorkingDay(day), day).toBe(expected);
    }
    // 2026 starts on a Thursday: 52 weeks + 1 day = 261 weekdays. Holidays on weekdays: 元旦 2, 春节 6
    // (2/16–2/20, 2/23), 清明 1, 劳动节 3, 端午 1, 中秋 1, 国庆 5 = 19. Plus 6 worked weekend days: 248.
    expect(workingDaysBetween("2025-12-31", "2026-12-31")).toBe(248);
  });
});

describe("coverage and the weekday fallback", () => {
  it("covers 2004 through at least 2026 without a gap", () => {
    const c = coverage(2026);
    expect(c).toMatchObject({ year: 2026, covered: true, source: "official", firstYear: 2004 });
    expect(c.lastYear).toBeGreaterThanOrEqual(2026);
    for (let y = c.firstYear; y <= c.lastYear; y++) expect(coverage(y).covered, String(y)).toBe(true);
    expect(coverage(2003)).toMatchObject({ covered: false, source: "weekday-fallback" });
  });

  // 2031 is years beyond what any release of the data can know today (the notice for a year comes out in
  // the November before it).
  it("falls back to Monday–Friday for 2031 and says so", () => {
    expect(coverage(2031)).toMatchObject({ year: 2031, covered: false, source: "weekday-fallback" });
    // 2031-01-01 is a Wednesday: 元旦 in reality, but without the official data it counts as a workday.
    expect(workingDayInfo("2031-01-01")).toEqual({
      working: true,
      source: "weekday-fallback",
      kind: "workday",
    });
    expect(workingDayInfo("2031-01-04")).toEqual({
      working: false,
      source: "weekday-fallback",
      kind: "weekend",
    });
    expect(addWorkingDays("2031-01-03", 1)).toBe("2031-01-06");
    expect(nthWorkingDayOfMonth("2031-10", 1)).toBe("2031-10-01");
    // January 2031 has 23 weekdays (it starts on a Wednesday and has 31 days).
    expect(workingDaysBetween("2030-12-31", "2031-01-31")).toBe(23);
  });
});

describe("addWorkingDays", () => {
  it("counts across the Spring Festival 2026, with both worked Saturdays", () => {
    expect(addWorkingDays("2026-02-13", 1)).toBe("2026-02-14"); // Sat, 调休
    expect(addWorkingDays("2026-02-13", 2)).toBe("2026-02-24"); // 2/15–2/23 off
    expect(addWorkingDays("2026-02-14", 1)).toBe("2026-02-24");
    expect(addWorkingDays("2026-02-15", 1)).toBe("2026-02-24"); // issued during the holiday
    expect(addWorkingDays("2026-02-13", 5)).toBe("2026-02-27");
    expect(addWorkingDays("2026-02-13", 6)).toBe("2026-02-28"); // Sat, 调休
    expect(addWorkingDays("2026-02-13", 7)).toBe("2026-03-02");
  });

  it("counts across 中秋 and 国庆 2026", () => {
    expect(addWorkingDays("2026-09-18", 1)).toBe("2026-09-20"); // Sun, 调休
    expect(addWorkingDays("2026-09-24", 1)).toBe("2026-09-28"); // 9/25–9/27 off
    expect(addWorkingDays("2026-09-30", 1)).toBe("2026-10-08"); // 10/1–10/7 off
    expect(addWorkingDays("2026-09-30", 3)).toBe("2026-10-10"); // Sat, 调休
    expect(addWorkingDays("2026-09-30", 4)).toBe("2026-10-12");
    expect(addWorkingDays("2026-09-30", 5)).toBe("2026-10-13");
  });

  it("returns the day itself for n = 0, even on a holiday", () => {
    expect(addWorkingDays("2026-10-01", 0)).toBe("2026-10-01");
  });

  it("rejects a bad day or a bad n, naming it", () => {
    expect(() => addWorkingDays("2026-02-30", 1)).toThrow(/day 不是有效日期.*2026-02-30/);
    expect(() => addWorkingDays("2026-2-3", 1)).toThrow(/day 不是有效日期/);
    expect(() => addWorkingDays("2026-02-03", -1)).toThrow(/^n 应为/);
    expect(() => addWorkingDays("2026-02-03", 1.5)).toThrow(/^n 应为/);
    expect(() => addWorkingDays("2026-02-03", Number.NaN)).toThrow(/^n 应为/);
    expect(() => addWorkingDays("2026-02-03", 1e9)).toThrow(/^n 应为/);
  });

  it("is undone by workingDaysBetween and always lands on a working day", () => {
    const day = fc
      .date({ min: new Date("2002-06-01T00:00Z"), max: new Date("2033-06-01T00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 80 }), (a, n) => {
        const b = addWorkingDays(a, n);
        expect(workingDaysBetween(a, b)).toBe(n);
        expect(workingDaysBetween(b, a)).toBe(0 - n);
        if (n > 0) {
          expect(isWorkingDay(b)).toBe(true);
          // b is the first day that far: the day before b is still short of n.
          expect(workingDaysBetween(a, days(a, b).at(-2) ?? a)).toBe(n - 1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("nthWorkingDayOfMonth", () => {
  it("finds the 5th working day of October 2026 after 国庆", () => {
    // 10/1 (Thu) – 10/7 (Wed) are off, so counting starts on 10/8: 1st 10/8 (Thu), 2nd 10/9 (Fri), 3rd 10/10
    // (Sat, worked by 调休), 10/11 (Sun) off, 4th 10/12 (Mon), 5th 10/13 (Tue).
    expect(nthWorkingDayOfMonth("2026-10", 1)).toBe("2026-10-08");
    expect(nthWorkingDayOfMonth("2026-10", 3)).toBe("2026-10-10");
    expect(nthWorkingDayOfMonth("2026-10", 5)).toBe("2026-10-13");
  });

  it("counts February 2026's worked Saturdays and stops at the end of the month", () => {
    // 20 weekdays, less 6 off (2/16–2/20, 2/23), plus 2/14 and 2/28 worked: 16.
    expect(nthWorkingDayOfMonth("2026-02", 1)).toBe("2026-02-02");
    expect(nthWorkingDayOfMonth("2026-02", 16)).toBe("2026-02-28");
    expect(() => nthWorkingDayOfMonth("2026-02", 17)).toThrow("2026-02 只有 16 个工作日，没有第 17 个");
  });

  it("rejects a bad month or n", () => {
    expect(() => nthWorkingDayOfMonth("2026-13", 1)).toThrow(/^yyyyMm 不是有效月份/);
    expect(() => nthWorkingDayOfMonth("2026-1", 1)).toThrow(/^yyyyMm 不是有效月份/);
    expect(() => nthWorkingDayOfMonth("2026-10", 0)).toThrow(/^n 应为/);
  });
});

describe("workingDaysBetween", () => {
  it("counts the days after a up to and including b", () => {
    expect(workingDaysBetween("2026-10-13", "2026-10-13")).toBe(0);
    expect(workingDaysBetween("2026-09-30", "2026-10-07")).toBe(0);
    expect(workingDaysBetween("2026-09-30", "2026-10-13")).toBe(5);
    expect(workingDaysBetween("2026-10-13", "2026-09-30")).toBe(-5);
    expect(() => workingDaysBetween("2026-10-13", "x")).toThrow(/^b 不是有效日期/);
  });
});

describe("China time, which has no daylight saving", () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = savedTz;
  });

  it("ends a China day at 16:00 UTC", () => {
    expect(endOfChinaDay("2026-10-13")).toBe("2026-10-13T16:00:00.000Z");
    expect(endOfChinaDay("2026-12-31")).toBe("2026-12-31T16:00:00.000Z");
    expect(endOfChinaDay("2028-02-29")).toBe("2028-02-29T16:00:00.000Z");
    expect(() => endOfChinaDay("2027-02-29")).toThrow(/^day 不是有效日期/);
  });

  it("puts instants on the right side of midnight in China", () => {
    expect(chinaDayOf("2026-12-31T15:59:59.999Z")).toBe("2026-12-31");
    expect(chinaDayOf("2026-12-31T16:00:00.000Z")).toBe("2027-01-01");
    expect(chinaDayOf("2027-01-01T00:00:00+08:00")).toBe("2027-01-01");
    expect(chinaDayOf("2026-12-31T23:59:59.999+08:00")).toBe("2026-12-31");
    expect(chinaDayOf(new Date("2026-02-14T16:00:00Z"))).toBe("2026-02-15");
    // Without a zone the instant is ambiguous (Date.parse would read it in local time): refused.
    expect(() => chinaDayOf("2026-12-31T12:00:00")).toThrow(/^instant 不是带时区的有效时间/);
    expect(() => chinaDayOf(new Date(Number.NaN))).toThrow(/^instant/);
  });

  it.each(["America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Shanghai"])(
    "gives every day of 2026 exactly 24 hours, whatever the process's time zone (%s)",
    (tz) => {
      process.env.TZ = tz;
      if (tz !== "Asia/Shanghai") {
        // The zone really is in force and does observe daylight saving in 2026, so the check below can fail.
        expect(new Date("2026-01-15T00:00Z").getTimezoneOffset()).not.toBe(
          new Date("2026-07-15T00:00Z").getTimezoneOffset(),
        );
      }
      let previous = Date.parse(endOfChinaDay("2025-12-31"));
      for (const day of days("2026-01-01", "2026-12-31")) {
        const end = Date.parse(endOfChinaDay(day));
        expect(end - previous, day).toBe(86_400_000);
        expect(new Date(end).toISOString()).toBe(`${day}T16:00:00.000Z`);
        expect(chinaDayOf(new Date(end - 1))).toBe(day);
        previous = end;
      }
    },
  );
});

describe("isChinaDay", () => {
  it("accepts real days only", () => {
    expect(isChinaDay("2026-02-28")).toBe(true);
    expect(isChinaDay("2028-02-29")).toBe(true);
    expect(isChinaDay("2026-02-29")).toBe(false);
    expect(isChinaDay("2026-00-10")).toBe(false);
    expect(isChinaDay("2026-10-13T00:00Z")).toBe(false);
    expect(isChinaDay("")).toBe(false);
  });
});
