import type { CellValue as ExcelCellValue, Workbook } from "exceljs";
import { unescapeSpreadsheetCell } from "./escape";
import type { SheetTable } from "./read";
import type { CellValue } from "./values";

/**
 * exceljs is the xlsx reader and writer: the admin app already depends on it (one library, not two, in
 * the browser bundle), it is pure JavaScript that runs in the browser and in Node, it reads cell types
 * and number formats (so date cells come back as dates and codes stored as numbers as numbers), and it
 * writes notes and styles for the template. It loads lazily: the app pays for it only on import/export.
 */
export async function loadExcelJs(): Promise<typeof import("exceljs")> {
  const mod = (await import("exceljs")) as unknown as { default?: typeof import("exceljs") };
  return (mod.default ?? mod) as typeof import("exceljs");
}

function plain(v: ExcelCellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return unescapeSpreadsheetCell(v);
  if (typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if ("richText" in v) return unescapeSpreadsheetCell(v.richText.map((t) => t.text).join(""));
  if ("formula" in v || "sharedFormula" in v) return plain((v as { result?: ExcelCellValue }).result);
  if ("hyperlink" in v) return typeof v.text === "string" ? v.text : null;
  if ("error" in v) return String(v.error);
  return null;
}

export type XlsxRead = { ok: true; tables: SheetTable[] } | { ok: false; problem: string };

/** The workbook's sheets as rows of plain cells (date cells as Dates whose UTC fields are the wall clock). */
export async function xlsxTables(bytes: Uint8Array): Promise<XlsxRead> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    return { ok: false, problem: `不是有效的 Excel 工作簿（.xlsx）：${(e as Error).message}` };
  }
  return { ok: true, tables: worksheetTables(wb) };
}

function worksheetTables(wb: Workbook): SheetTable[] {
  const tables: SheetTable[] = [];
  wb.eachSheet((ws) => {
    const rows: SheetTable["rows"] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = row.values as (ExcelCellValue | undefined)[];
      const cells: CellValue[] = [];
      for (let i = 1; i < values.length; i++) cells.push(plain(values[i]));
      rows.push({ row: rowNumber, cells });
    });
    tables.push({ name: ws.name, label: ws.name, rows });
  });
  return tables;
}
