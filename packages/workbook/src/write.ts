import { formatCsv } from "./csv";
import { escapeSpreadsheetCell } from "./escape";
import {
  acceptedValues,
  type Column,
  type CountyRow,
  type DisputeRow,
  SHEETS,
  type SheetDef,
  type WorkbookRecords,
} from "./sheets";
import { chinaWallClockDate, formatChinaTime, parseTime } from "./values";

/**
 * exceljs writes workbooks: notes and styles for the template, number formats for date cells. It loads
 * lazily, so reading (./xlsx.ts, which needs no library) never pays for it.
 */
async function loadExcelJs(): Promise<typeof import("exceljs")> {
  const mod = (await import("exceljs")) as unknown as { default?: typeof import("exceljs") };
  return (mod.default ?? mod) as typeof import("exceljs");
}

/** Records to write: as the reader gives them, with `row` optional and a dispute's attempt summary ignored. */
type Loose<T> = Omit<T, "row" | "attempts" | "attemptLevels"> & { row?: number };
export type WritableRecords = {
  county?: Loose<CountyRow>;
} & {
  [K in Exclude<keyof WorkbookRecords, "county">]?: Loose<WorkbookRecords[K][number]>[];
};
export type { DisputeRow };

/**
 * The county's own vocabularies, as the reader takes them (`ReadOptions`): with them the writer names an
 * event kind and a key person's category by the county's Chinese name, so that export → import is a
 * round trip. Without them it writes event codes and the built-in category names (else the code).
 */
export type WriteOptions = {
  eventNames?: Readonly<Record<string, string>>;
  keyPersonCategories?: readonly { code: string; name: string }[];
};

/** Code → Chinese name of a column's own vocabulary, when the options give one. */
function vocabularyOf(c: Column, options: WriteOptions): ReadonlyMap<string, string> | undefined {
  if (c.kind === "event" && options.eventNames) return new Map(Object.entries(options.eventNames));
  if (c.key === "category" && typeof c.kind === "object" && options.keyPersonCategories)
    return new Map(options.keyPersonCategories.map((k) => [k.code, k.name]));
  return undefined;
}

/** A cell as written: text, a genuine number, or an instant (epoch ms) written as China wall-clock time. */
type OutCell = string | number | { ms: number } | null;

function outCell(c: Column, value: unknown): OutCell {
  if (value === undefined || value === null || value === "") return null;
  const kind = c.kind;
  if (typeof kind === "object") return kind.enumeration.name(value as string);
  switch (kind) {
    case "time":
      return { ms: Date.parse(value as string) };
    case "yesno":
      return value ? "是" : "否";
    case "int0":
    case "int1":
    case "number":
      return value as number;
    default:
      return escapeSpreadsheetCell(String(value));
  }
}

function sheetRows(def: SheetDef, records: WritableRecords, options: WriteOptions): OutCell[][] | null {
  const list = def.key === "county" ? (records.county ? [records.county] : undefined) : records[def.key];
  if (!list) return null;
  const names = def.columns.map((c) => vocabularyOf(c, options));
  return (list as Record<string, unknown>[]).map((r) =>
    def.columns.map((c, i) => {
      const value = r[c.key];
      const name = typeof value === "string" ? names[i]?.get(value) : undefined;
      return name === undefined ? outCell(c, value) : escapeSpreadsheetCell(name);
    }),
  );
}

const TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
const TIME_FORMAT_MS = "yyyy-mm-dd hh:mm:ss.000";

/** Records → an .xlsx workbook in the format of import.md (one sheet per kind present in `records`). */
export async function writeXlsx(records: WritableRecords, options: WriteOptions = {}): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  for (const def of SHEETS) {
    const rows = sheetRows(def, records, options);
    if (!rows) continue;
    addSheet(wb, def, rows);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

type ExcelWorkbook = InstanceType<Awaited<ReturnType<typeof loadExcelJs>>["Workbook"]>;

function addSheet(wb: ExcelWorkbook, def: SheetDef, rows: OutCell[][], notes = false) {
  const ws = wb.addWorksheet(def.name);
  ws.columns = def.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.kind === "time" ? 20 : Math.max(10, c.header.length * 2 + 4),
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  if (notes)
    def.columns.forEach((c, i) => {
      header.getCell(i + 1).note = `${c.required ? "必填。" : ""}${acceptedValues(c)}`;
    });
  for (const cells of rows) {
    const row = ws.addRow(
      cells.map((v) => (v !== null && typeof v === "object" ? chinaWallClockDate(v.ms) : v)),
    );
    cells.forEach((v, i) => {
      if (v !== null && typeof v === "object")
        row.getCell(i + 1).numFmt = v.ms % 1000 ? TIME_FORMAT_MS : TIME_FORMAT;
    });
  }
}

function csvCell(v: OutCell): string {
  if (v === null) return "";
  if (typeof v === "object") return formatChinaTime(v.ms);
  return String(v);
}

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** Records → CSV files (`矛盾纠纷.csv`, …), UTF-8 with a byte-order mark so that Excel opens them as UTF-8. */
export function writeCsvFiles(
  records: WritableRecords,
  options: WriteOptions = {},
): { name: string; bytes: Uint8Array }[] {
  const files: { name: string; bytes: Uint8Array }[] = [];
  const encoder = new TextEncoder();
  for (const def of SHEETS) {
    const rows = sheetRows(def, records, options);
    if (!rows) continue;
    const text = formatCsv([def.columns.map((c) => c.header), ...rows.map((r) => r.map(csvCell))]);
    const body = encoder.encode(text);
    const bytes = new Uint8Array(BOM.length + body.length);
    bytes.set(BOM);
    bytes.set(body, BOM.length);
    files.push({ name: `${def.name}.csv`, bytes });
  }
  return files;
}

/** 导入模板.xlsx: every sheet with its headers (each with a note of what it accepts), one example row, and a 说明 sheet. */
export async function writeTemplate(): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  const guide = wb.addWorksheet("说明");
  guide.columns = [
    { header: "工作表", key: "sheet", width: 12 },
    { header: "列", key: "column", width: 16 },
    { header: "必填", key: "required", width: 6 },
    { header: "可填的值", key: "accepted", width: 80 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const def of SHEETS) {
    const example = def.columns.map((c): OutCell => {
      if (c.example === null) return null;
      if (c.kind === "time") {
        const t = parseTime(c.example);
        return t.ok ? { ms: t.value } : null;
      }
      return typeof c.example === "number" ? c.example : escapeSpreadsheetCell(String(c.example));
    });
    addSheet(wb, def, [example], true);
    guide.addRow({ sheet: def.name, column: "", required: "", accepted: def.note });
    for (const c of def.columns)
      guide.addRow({
        sheet: def.name,
        column: c.header,
        required: c.required ? "是" : "",
        accepted: acceptedValues(c),
      });
  }
  guide.addRow({});
  guide.addRow({
    sheet: "通则",
    accepted:
      "第 1 行为表头，列顺序不限；未知的列和工作表会被忽略并在导入报告中列出；空行跳过。也可每个工作表存为一个 CSV 文件（如 矛盾纠纷.csv，UTF-8 或 GB18030 编码）。",
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
