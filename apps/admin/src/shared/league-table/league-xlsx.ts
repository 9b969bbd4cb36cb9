import type { Workbook } from "exceljs";
import { indicatorInfo } from "../indicator-info";
import type { ExportInput } from "./export-meta";
import { exportSubtitle, exportTitle, tableGrid } from "./table-rows";

const THIN = { style: "thin" as const, color: { argb: "FF999999" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Builds the formatted workbook: a ranking sheet and, for a month, an indicator-detail sheet. */
export async function buildLeagueWorkbook(input: ExportInput): Promise<Workbook> {
  // exceljs is large: it loads only when someone exports.
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "平安考评";
  wb.created = new Date(input.meta.date);

  const { header, rows } = tableGrid(input);
  const ws = wb.addWorksheet("排名", {
    pageSetup: {
      paperSize: 9,
      orientation: header.length > 10 ? "landscape" : "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
    views: [{ state: "frozen", ySplit: 3, xSplit: 2 }],
  });
  ws.mergeCells(1, 1, 1, header.length);
  ws.getCell(1, 1).value = exportTitle(input);
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: "center" };
  ws.getRow(1).height = 28;
  ws.mergeCells(2, 1, 2, header.length);
  ws.getCell(2, 1).value = exportSubtitle(input);
  ws.getCell(2, 1).alignment = { horizontal: "center" };

  const head = ws.addRow(header);
  head.font = { bold: true };
  head.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  head.height = 32;
  head.eachCell((c) => {
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
    c.border = BORDER;
  });
  for (const [i, values] of rows.entries()) {
    const row = ws.addRow(values);
    const vetoed = input.table.rows[i]?.vetoed;
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.border = BORDER;
      if (col === 4 || col === 5 || col > 8) c.numFmt = "0.00";
      if (col !== 2) c.alignment = { horizontal: "center" };
      if (vetoed) c.font = { color: { argb: "FFC00000" } };
    });
  }
  ws.columns.forEach((col, i) => {
    col.width = i === 1 ? 16 : i === 2 ? 12 : i >= 8 ? 12 : 9;
  });
  if (input.meta.correctionReason) {
    ws.addRow([]);
    ws.addRow([`更正说明：${input.meta.correctionReason}`]);
  }

  if (input.table.rows.some((r) => r.indicators.length > 0)) {
    const detail = wb.addWorksheet("指标明细", { views: [{ state: "frozen", ySplit: 1 }] });
    const dh = detail.addRow(["乡镇", "指标", "得分", "满分", "基础分", "扣分", "加分", "不得分", "说明"]);
    dh.font = { bold: true };
    dh.eachCell((c) => {
      c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
      c.border = BORDER;
    });
    for (const r of input.table.rows)
      for (const ind of r.indicators) {
        const info = indicatorInfo(ind.code, input.scheme);
        const row = detail.addRow([
          r.name,
          `${ind.code} ${info.name}`,
          ind.score,
          info.maxScore ?? "",
          ind.base,
          ind.deductions,
          ind.bonus,
          ind.zeroed ? "是" : "否",
          ind.notes.join("；"),
        ]);
        row.eachCell({ includeEmpty: true }, (c, col) => {
          c.border = BORDER;
          if (col >= 3 && col <= 7) c.numFmt = "0.00";
          if (col === 9) c.alignment = { wrapText: true, vertical: "top" };
        });
      }
    detail.columns.forEach((col, i) => {
      col.width = [14, 26, 8, 8, 8, 8, 8, 8, 60][i] ?? 10;
    });
  }
  return wb;
}

export function exportFileName(input: ExportInput, ext: "xlsx" | "csv"): string {
  const v = input.meta.version ? `-v${input.meta.version}` : "";
  return `${input.meta.countyName}-${input.table.period}-排名${v}.${ext}`;
}
