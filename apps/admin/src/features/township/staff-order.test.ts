import { describe, expect, it } from "vitest";
import { sortMembers } from "./staff-page";

describe("the staff list's order", () => {
  it("puts the admin first, then people at work by name, and removed people last", () => {
    const members = [
      { name: "钱网格", role: "township_staff", status: "removed" },
      { name: "孙网格", role: "township_staff", status: "active" },
      { name: "赵专干", role: "township_admin", status: "active" },
      { name: "李网格", role: "township_staff", status: "active" },
    ] as const;
    expect(sortMembers(members).map((m) => m.name)).toEqual(["赵专干", "李网格", "孙网格", "钱网格"]);
  });
});
