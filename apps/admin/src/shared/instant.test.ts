import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { fromInstant, showDeadline, showInstant, toInstant } from "./instant";

describe("instants in China Standard Time", () => {
  it("shows a deadline at midnight as the end of the last day that counts", () => {
    expect(showDeadline("2026-12-05T16:00:00.000Z")).toBe("2026-12-05 24:00");
    expect(showDeadline("2026-12-31T16:00:00.000Z")).toBe("2026-12-31 24:00");
    expect(showDeadline("2026-12-05T09:30:00.000Z")).toBe("2026-12-05 17:30");
    expect(showDeadline(null)).toBe("—");
  });

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
