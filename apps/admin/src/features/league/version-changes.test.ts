import type { LeagueTable } from "@pingan/domain";
import { describe, expect, it } from "vitest";
import { versionChanges } from "./league-page";

const row = (townshipId: string, name: string, rank: number, total: number, grade: string) => ({
  rank,
  townshipId,
  name,
  code: townshipId,
  total,
  bonus: 0,
  grade,
  vetoed: false,
  rankChange: 0,
  indicators: [],
});
const table = (rows: ReturnType<typeof row>[]): LeagueTable => ({
  countyId: "c1",
  period: "2026-10",
  schemeId: "s",
  schemeVersion: 1,
  rows,
});

describe("what a new version changed", () => {
  it("names the townships whose total, rank or grade changed, and no other", () => {
    const v1 = table([
      row("a", "城关镇", 1, 90, "优秀"),
      row("b", "七里镇", 2, 85, "良好"),
      row("c", "东关乡", 3, 80, "良好"),
    ]);
    const v2 = table([
      row("b", "七里镇", 1, 91, "优秀"),
      row("a", "城关镇", 2, 90, "优秀"),
      row("c", "东关乡", 3, 80, "良好"),
    ]);
    const changes = versionChanges(v1, v2);
    expect(changes.map((c) => c.name)).toEqual(["七里镇", "城关镇"]);
    expect(changes[0]).toMatchObject({
      before: { total: 85, rank: 2, grade: "良好" },
      after: { total: 91, rank: 1 },
    });
    expect(versionChanges(v1, v1)).toEqual([]);
  });
});
