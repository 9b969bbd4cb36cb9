import { explainGaps, type LeagueTable, type Scheme } from "@pingan/domain";

/** Display width in a terminal: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}

function pad(s: string, w: number, right = false): string {
  const fill = " ".repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

function change(n: number): string {
  return n > 0 ? `↑${n}` : n < 0 ? `↓${-n}` : "—";
}

/** A readable Chinese league table for the terminal (`--format table`). */
export function formatTable(table: LeagueTable, scheme: Scheme, countyName: string): string {
  const gaps = new Map(explainGaps(table, scheme).map((g) => [g.townshipId, g]));
  const header = ["名次", "乡镇", "代码", "总分", "加分", "等次", "升降", "距上一名"];
  const rows = table.rows.map((r) => {
    const g = gaps.get(r.townshipId);
    return [
      String(r.rank),
      r.name,
      r.code,
      r.total.toFixed(2),
      r.bonus.toFixed(2),
      r.vetoed ? `${r.grade}(否决)` : r.grade,
      change(r.rankChange),
      g?.toNextRank == null ? "—" : g.toNextRank.toFixed(2),
    ];
  });
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] as string))));
  const numeric = new Set([0, 3, 4, 7]);
  const line = (cells: string[]) =>
    cells.map((c, i) => pad(c, widths[i] as number, numeric.has(i))).join("  ");
  const title = `${countyName} ${table.period} 平安建设考核排名（${scheme.name}，第 ${table.schemeVersion} 版）`;
  const rule = "-".repeat(widths.reduce((a, b) => a + b + 2, -2));
  return `${[title, rule, line(header), rule, ...rows.map(line), rule].join("\n")}\n`;
}
