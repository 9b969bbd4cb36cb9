import type { ExportInput } from "./export-meta";
import { exportSubtitle, exportTitle, tableGrid } from "./table-rows";

function cell(v: string | number): string {
  const s = typeof v === "number" ? String(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV with a BOM so Excel opens the Chinese correctly; the first two lines name the table. */
export function leagueToCsv(input: ExportInput): string {
  const { header, rows } = tableGrid(input);
  const lines = [[exportTitle(input)], [exportSubtitle(input)], header, ...rows];
  return `\uFEFF${lines.map((l) => l.map(cell).join(",")).join("\r\n")}\r\n`;
}
