import ExcelJS from "exceljs";

export type Cell = ExcelJS.CellValue | { serial: number; format: string };

/** A workbook built cell by cell, so a test controls cell types (numbers, dates, booleans, text). */
export async function buildXlsx(sheets: Record<string, Cell[][]>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((cells, r) => {
      cells.forEach((v, c) => {
        const cell = ws.getCell(r + 1, c + 1);
        if (v !== null && typeof v === "object" && "serial" in v) {
          cell.value = v.serial;
          cell.numFmt = v.format;
        } else cell.value = v;
      });
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The cells of a written workbook, as exceljs reads them (to check what the writer put there). */
export async function xlsxCells(bytes: Uint8Array): Promise<Record<string, ExcelJS.CellValue[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Record<string, ExcelJS.CellValue[][]> = {};
  wb.eachSheet((ws) => {
    const rows: ExcelJS.CellValue[][] = [];
    ws.eachRow((row) => {
      rows.push((row.values as ExcelJS.CellValue[]).slice(1));
    });
    out[ws.name] = rows;
  });
  return out;
}

let gbTable: Map<string, number[]> | null = null;

/**
 * GB18030 encoding for the test's characters: TextEncoder only writes UTF-8, so the table is built by
 * decoding every two-byte GBK sequence with the platform's GB18030 decoder.
 */
export function encodeGb18030(text: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder("gb18030");
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== "\ufffd" && !gbTable.has(ch)) gbTable.set(ch, [a, b]);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

export const utf8 = (text: string, bom = false): Uint8Array => {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
};
