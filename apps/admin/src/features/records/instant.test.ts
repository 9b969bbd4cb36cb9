import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { fromInstant, showInstant, toInstant } from "./instant";

describe("instants in China Standard Time", () => {
  it("shows and picks CST wall time whatever the device's zone, and round-trips", () => {
    const iso = "2026-10-31T16:30:00Z"; // 00:30 on 1 November in CST
    expect(showInstant(iso)).toBe("2026-11-01 00:30");
    const picked = fromInstant(iso);
    expect(picked?.format("YYYY-MM-DD HH:mm")).toBe("2026-11-01 00:30");
    expect(toInstant(picked)).toBe("2026-11-01T00:30:00+08:00");
    expect(Date.parse(toInstant(picked) ?? "")).toBe(Date.parse(iso));
    expect(toInstant(dayjs(new Date(2026, 0, 5, 9, 15)))).toBe("2026-01-05T09:15:00+08:00");
  });
});
