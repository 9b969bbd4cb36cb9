import { describe, expect, it } from "vitest";
import { newestFirst, periodLabel } from "./period-label";

describe("periodLabel", () => {
  it("names months, quarters and years the way a 通报 does", () => {
    expect(periodLabel("2026-10")).toBe("2026年10月");
    expect(periodLabel("2026-03")).toBe("2026年3月");
    expect(periodLabel("2026-Q3")).toBe("2026年第三季度");
    expect(periodLabel("2026")).toBe("2026年度");
    expect(periodLabel("2026-Q3", "en")).toBe("2026 Q3");
  });
});

describe("newestFirst", () => {
  it("orders periods by the month they end, not as text: October before the third quarter", () => {
    const periods = ["2026-Q3", "2025", "2026-09", "2026-10", "2025-12", "2025-Q4", "2026-08"];
    expect(newestFirst(periods, (p) => p)).toEqual([
      "2026-10",
      "2026-09",
      "2026-Q3",
      "2026-08",
      "2025-12",
      "2025-Q4",
      "2025",
    ]);
  });
});
