import { describe, expect, it } from "vitest";
import { monthOf, monthRange, monthsOf, parseInstant, previousPeriod } from "./time";

describe("periods in China Standard Time", () => {
  it("puts 2026-10-31T16:00Z (midnight in Beijing) into November", () => {
    expect(monthOf("2026-10-31T16:00:00Z")).toBe("2026-11");
    expect(monthOf("2026-10-31T15:59:59.999Z")).toBe("2026-10");
  });

  it("places an instant by its UTC+08:00 month whatever offset it was written with", () => {
    expect(monthOf("2026-11-01T00:00:00+08:00")).toBe("2026-11");
    expect(monthOf("2026-10-31T11:00:00-05:00")).toBe("2026-11");
    expect(monthOf("2026-10-31T10:59:00-05:00")).toBe("2026-10");
  });

  it("bounds month 2026-10 by midnights at +08:00", () => {
    const { start, end } = monthRange("2026-10");
    expect(new Date(start).toISOString()).toBe("2026-09-30T16:00:00.000Z");
    expect(new Date(end).toISOString()).toBe("2026-10-31T16:00:00.000Z");
  });

  it("rejects a timestamp without an offset and impossible dates", () => {
    expect(parseInstant("2026-10-01T08:00:00")).toBeNaN();
    expect(parseInstant("2026-02-30T08:00:00Z")).toBeNaN();
    expect(parseInstant("2026-10-01")).toBeNaN();
    expect(parseInstant("2026-10-01T08:00Z")).toBe(Date.UTC(2026, 9, 1, 8));
  });

  it("steps back from January to the previous December, Q1 to Q4 and a year to the one before", () => {
    expect(previousPeriod("2026-01")).toBe("2025-12");
    expect(previousPeriod("2026-07")).toBe("2026-06");
    expect(previousPeriod("2026-Q1")).toBe("2025-Q4");
    expect(previousPeriod("2026-Q3")).toBe("2026-Q2");
    expect(previousPeriod("2026")).toBe("2025");
    expect(monthsOf("2026-Q4")).toEqual(["2026-10", "2026-11", "2026-12"]);
  });
});

describe("the timestamp parser", () => {
  it("agrees with Date.parse on instants over four centuries, with and without fractions and offsets", () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let i = 0; i < 5000; i++) {
      const ms = Date.UTC(1900, 0, 1) + (next() % 100_000) * 3_600_000 * 35 + (next() % 3_600_000);
      const offsetMin = ((next() % 57) - 28) * 30;
      const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23);
      const sign = offsetMin < 0 ? "-" : "+";
      const abs = Math.abs(offsetMin);
      const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
      expect(parseInstant(`${local}${offset}`)).toBe(ms);
      expect(parseInstant(new Date(ms).toISOString())).toBe(ms);
      expect(monthOf(new Date(ms).toISOString())).toBe(
        new Date(ms + 8 * 3_600_000).toISOString().slice(0, 7),
      );
    }
  });

  it("accepts minutes-only and up to nine fraction digits, and rejects garbage around a valid stamp", () => {
    expect(parseInstant("2026-10-01T08:00:00.123456789Z")).toBe(Date.UTC(2026, 9, 1, 8, 0, 0, 123));
    expect(parseInstant("2024-02-29T00:00:00Z")).toBe(Date.UTC(2024, 1, 29));
    expect(parseInstant("2026-02-29T00:00:00Z")).toBeNaN();
    expect(parseInstant("2026-10-01T08:00:00Zx")).toBeNaN();
    expect(parseInstant("2026-10-01T08:00:00.Z")).toBeNaN();
    expect(parseInstant("2026-10-01T24:00:00Z")).toBeNaN();
    expect(parseInstant("2026-10-01T08:00:00+0800")).toBeNaN();
    expect(parseInstant("2026-1x-01T08:00:00Z")).toBeNaN();
  });
});
