import type { LeagueTable } from "@pingan/domain";

/** The 通报's notes: how many townships in each grade, who was vetoed, and how totals are made. */
export function printNotes(table: LeagueTable, correctionReason?: string): string[] {
  const notes: string[] = [];
  const byGrade = new Map<string, number>();
  for (const r of table.rows) byGrade.set(r.grade, (byGrade.get(r.grade) ?? 0) + 1);
  notes.push(
    `本期参评乡镇（街道）${table.rows.length}个，其中${[...byGrade].map(([g, n]) => `${g}${n}个`).join("、")}。`,
  );
  const vetoed = table.rows.filter((r) => r.vetoed).map((r) => r.name);
  if (vetoed.length) notes.push(`${vetoed.join("、")}本期发生一票否决事项，排名列后，等次确定为最低等次。`);
  if (/^\d{4}-Q[1-4]$|^\d{4}$/.test(table.period))
    notes.push("季度、年度总分为各月总分的算术平均值，四舍五入保留两位小数。");
  notes.push("总分相同者名次并列，按乡镇区划代码顺序排列。");
  if (correctionReason) notes.push(`本版为更正版，更正原因：${correctionReason}`);
  return notes;
}
