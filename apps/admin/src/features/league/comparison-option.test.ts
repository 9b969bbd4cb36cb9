import golden from "@pingan/domain/golden/league-2026-Q3.json";
import { describe, expect, it } from "vitest";
import { comparisonOption } from "../../shared/league-table/comparison-option";
import { SAMPLE_TABLE } from "./fixtures/sample-table";

describe("comparisonOption", () => {
  it("puts each chosen township's indicator scores side by side for a month", () => {
    const o = comparisonOption(SAMPLE_TABLE, ["t1", "t2"], undefined, "得分");
    expect(o.xAxis.data).toEqual(["I01", "I02"]);
    expect(o.series.map((s) => [s.name, s.data])).toEqual([
      ["城关镇", [8, 18.5]],
      ["七里镇", [4, 0]],
    ]);
  });

  it("compares totals for a quarter, which has no indicators", () => {
    const table = { ...golden, rows: golden.rows.map((r) => ({ ...r, indicators: [] })) };
    const ids = table.rows.slice(0, 2).map((r) => r.townshipId);
    const o = comparisonOption(table, ids, undefined, "得分");
    expect(o.series).toHaveLength(1);
    expect(o.series[0]?.data).toEqual(table.rows.slice(0, 2).map((r) => r.total));
  });
});
