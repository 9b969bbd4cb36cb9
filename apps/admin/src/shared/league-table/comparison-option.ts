import type { LeagueTable, Scheme } from "@pingan/domain";
import { indicatorInfo } from "../indicator-info";

export type BarOption = {
  legend: { data: string[]; type: "scroll"; top: number };
  tooltip: { trigger: "axis" };
  grid: { left: number; right: number; bottom: number; top: number; containLabel: boolean };
  xAxis: { type: "category"; data: string[]; axisLabel: { interval: number; rotate: number } };
  yAxis: { type: "value"; name: string };
  series: { name: string; type: "bar"; data: number[] }[];
};

/**
 * Chart data comparing the chosen townships: for a month, each indicator's score side by side; for a
 * quarter or year (no indicators), the totals.
 */
export function comparisonOption(
  table: LeagueTable,
  townshipIds: readonly string[],
  scheme: Scheme | undefined,
  scoreLabel: string,
): BarOption {
  const rows = table.rows.filter((r) => townshipIds.includes(r.townshipId));
  const codes = rows[0]?.indicators.map((i) => i.code) ?? [];
  const base = {
    legend: { data: [] as string[], type: "scroll" as const, top: 0 },
    tooltip: { trigger: "axis" as const },
    grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    yAxis: { type: "value" as const, name: scoreLabel },
  };
  if (codes.length === 0)
    return {
      ...base,
      xAxis: { type: "category", data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: 0 } },
      series: [{ name: scoreLabel, type: "bar", data: rows.map((r) => r.total) }],
    };
  return {
    ...base,
    legend: { data: rows.map((r) => r.name), type: "scroll", top: 0 },
    xAxis: {
      type: "category",
      data: codes.map((c) => indicatorInfo(c, scheme).name),
      axisLabel: { interval: 0, rotate: 30 },
    },
    series: rows.map((r) => ({
      name: r.name,
      type: "bar",
      data: codes.map((c) => r.indicators.find((i) => i.code === c)?.score ?? 0),
    })),
  };
}
