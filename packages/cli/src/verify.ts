import type { IndicatorRow, LeagueRow, LeagueTable } from "@pingan/domain";

const ROW_FIELDS = ["rank", "name", "code", "total", "bonus", "grade", "vetoed", "rankChange"] as const;
const INDICATOR_FIELDS = ["score", "bonus", "base", "deductions", "zeroed", "metric", "notes"] as const;

const show = (v: unknown) => (v === undefined ? "（无）" : JSON.stringify(v));

/** `metric` is given to at least 4 significant digits (scoring.md §8); every other field must be equal. */
function sameMetric(a: unknown, b: unknown): boolean {
  if (typeof a !== "number" || typeof b !== "number") return a === b;
  return Math.abs(a - b) <= 5e-4 * Math.max(Math.abs(a), 1e-12) || Math.abs(a - b) < 1e-12;
}

function same(field: string, a: unknown, b: unknown): boolean {
  if (field === "metric") return sameMetric(a, b);
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Every field of scoring.md §8 of the re-scored table (`expected`) against the bundle's (`found`): one
 * line per difference, naming the township and the field, expected against found.
 */
export function compareTables(expected: LeagueTable, found: LeagueTable): string[] {
  const out: string[] = [];
  const diff = (where: string, field: string, e: unknown, f: unknown) => {
    if (!same(field, e, f)) out.push(`${where}「${field}」：应为 ${show(e)}，实为 ${show(f)}`);
  };
  for (const field of ["countyId", "period", "schemeId", "schemeVersion"] as const)
    diff("表头", field, expected[field], (found as Record<string, unknown>)[field]);

  const foundRows = new Map<string, { row: LeagueRow; index: number }>();
  (found.rows ?? []).forEach((row, index) => {
    foundRows.set(String(row?.townshipId), { row, index });
  });
  expected.rows.forEach((e, index) => {
    const township = `乡镇 ${e.name}（${e.townshipId}）`;
    const f = foundRows.get(e.townshipId);
    if (!f) {
      out.push(`${township}：核验包的表中没有这一行`);
      return;
    }
    foundRows.delete(e.townshipId);
    if (f.index !== index) out.push(`${township}「行序」：应为第 ${index + 1} 行，实为第 ${f.index + 1} 行`);
    for (const field of ROW_FIELDS)
      diff(township, field, e[field], (f.row as Record<string, unknown>)[field]);
    const found = Array.isArray(f.row.indicators) ? f.row.indicators : [];
    if (found.length !== e.indicators.length)
      out.push(`${township}「indicators」：应有 ${e.indicators.length} 项指标，实有 ${found.length} 项`);
    e.indicators.forEach((ei: IndicatorRow, i) => {
      const fi = found[i] as Record<string, unknown> | undefined;
      if (!fi) return;
      diff(township, `indicators[${i}].code`, ei.code, fi.code);
      for (const field of INDICATOR_FIELDS)
        if (!same(field, ei[field], fi[field]))
          out.push(`${township}「${ei.code}.${field}」：应为 ${show(ei[field])}，实为 ${show(fi[field])}`);
    });
  });
  for (const [townshipId, { row }] of foundRows)
    out.push(`乡镇 ${String(row?.name)}（${townshipId}）：重新计分的表中没有这一行`);
  return out;
}
