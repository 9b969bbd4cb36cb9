import { describe, expect, it } from "vitest";
import { periodLabel } from "./period-label";

describe("periodLabel", () => {
  it("names months, quarters and years the way a 通报 does", () => {
    expect(periodLabel("2026-10")).toBe("2026年10月");
    expect(periodLabel("2026-03")).toBe("2026年3月");
    expect(periodLabel("2026-Q3")).toBe("2026年第三季度");
    expect(periodLabel("2026")).toBe("2026年度");
    expect(periodLabel("2026-Q3", "en")).toBe("2026 Q3");
  });
});
