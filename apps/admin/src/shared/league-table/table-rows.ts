import { indicatorInfo } from "../indicator-info";
import { periodLabel } from "../period-label";
import type { ExportInput } from "./export-meta";

/** The title line every export carries: county, period and version. */
export function exportTitle({ table, meta }: ExportInput): string {
  const version = meta.version ? `（第${meta.version}版）` : "（未发布）";
  return `${meta.countyName}${periodLabel(table.period)}平安建设考评排名${version}`;
}

export function exportSubtitle({ table, meta, scheme }: ExportInput): string {
  // The scheme by its name, as the county adopted it; its storage id only when the scheme is not at hand.
  const schemeName = scheme?.name ?? table.schemeId;
  return `考核期：${periodLabel(table.period)}　细则：《${schemeName}》第${table.schemeVersion}版　日期：${meta.date.slice(0, 10)}`;
}

/** Header and body rows shared by the CSV and Excel exports. */
export function tableGrid({ table, scheme }: ExportInput): { header: string[]; rows: (string | number)[][] } {
  const codes = table.rows[0]?.indicators.map((i) => i.code) ?? [];
  const header = [
    "名次",
    "乡镇",
    "区划代码",
    "总分",
    "加分",
    "等次",
    "一票否决",
    "名次变化",
    ...codes.map((c) => `${c} ${indicatorInfo(c, scheme).name}`),
  ];
  const rows = table.rows.map((r) => [
    r.rank,
    r.name,
    r.code,
    r.total,
    r.bonus,
    r.grade,
    r.vetoed ? "是" : "否",
    r.rankChange,
    ...codes.map((c) => r.indicators.find((i) => i.code === c)?.score ?? ""),
  ]);
  return { header, rows };
}
