import { unescapeSpreadsheetCell } from "./escape";
import type { SheetSource } from "./read";
import type { CellValue } from "./values";

export type CsvFile = { name: string; bytes: Uint8Array };
export type Decoded =
  | { ok: true; text: string; encoding: "utf-8" | "gb18030" }
  | { ok: false; problem: string };

/**
 * Chinese Excel saves "CSV UTF-8" with a byte-order mark and plain "CSV" as GB18030. Both decoders are
 * fatal: bytes that are neither UTF-8 nor GB18030 are an error, never mojibake.
 */
export function decodeCsv(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    try {
      return {
        ok: true,
        text: new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(3)),
        encoding: "utf-8",
      };
    } catch {
      return { ok: false, problem: "文件以 UTF-8 标记开头，但内容不是有效的 UTF-8 编码" };
    }
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return { ok: false, problem: "文件是 UTF-16 编码；请另存为「CSV UTF-8」或「CSV（逗号分隔）」" };
  for (const encoding of ["utf-8", "gb18030"] as const) {
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      continue;
    }
    // NUL never occurs in text: such a file is binary (or UTF-16 without a mark).
    if (text.includes("\u0000")) break;
    return { ok: true, text, encoding };
  }
  return {
    ok: false,
    problem: "无法识别的文件编码：应为 UTF-8 或 GB18030（Excel 的「CSV UTF-8」或「CSV（逗号分隔）」）",
  };
}

/** RFC 4180: comma-separated, `"` quoting with `""` for a quote, CRLF or LF between records. */
export function parseCsv(
  text: string,
): { ok: true; rows: string[][] } | { ok: false; row: number; problem: string } {
  return splitCsv(text, (s) => s);
}

/** Text cells as the reader takes them: blank is null, the writer's injection quote comes off. */
const toCell = (s: string): CellValue => (s === "" ? null : unescapeSpreadsheetCell(s));

/** `parseCsv`, with each field mapped as it is cut (the reader makes its cells in the same pass). */
function splitCsv<T>(
  text: string,
  cell: (field: string) => T,
): { ok: true; rows: T[][] } | { ok: false; row: number; problem: string } {
  const rows: T[][] = [];
  let row: T[] = [];
  let field = "";
  let i = 0;
  const n = text.length;
  let quotedStartRow = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ && field === "") {
      quotedStartRow = rows.length + 1;
      i++;
      for (;;) {
        if (i >= n) return { ok: false, row: quotedStartRow, problem: "引号未闭合" };
        const d = text.charCodeAt(i);
        if (d === 34) {
          if (text.charCodeAt(i + 1) === 34) {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          const next = text.indexOf('"', i);
          const end = next < 0 ? n : next;
          field += text.slice(i, end);
          i = end;
        }
      }
      const after = text.charCodeAt(i);
      if (i < n && after !== 44 && after !== 13 && after !== 10)
        return { ok: false, row: rows.length + 1, problem: "引号后应为逗号或换行" };
      continue;
    }
    if (c === 44 /* , */) {
      row.push(cell(field));
      field = "";
      i++;
    } else if (c === 13 || c === 10) {
      row.push(cell(field));
      rows.push(row);
      row = [];
      field = "";
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else {
      let end = i;
      while (end < n) {
        const d = text.charCodeAt(end);
        if (d === 44 || d === 13 || d === 10) break;
        end++;
      }
      field += text.slice(i, end);
      i = end;
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(cell(field));
    rows.push(row);
  }
  return { ok: true, rows };
}

/**
 * CSV files → sheets; a file that cannot be decoded or parsed is an error naming it. Each file is
 * split straight into cells (one pass after decoding), and its rows are handed over as they stand.
 */
export function csvTables(files: readonly CsvFile[]): {
  tables: SheetSource[];
  errors: { sheet: string; row?: number; message: string }[];
} {
  const tables: SheetSource[] = [];
  const errors: { sheet: string; row?: number; message: string }[] = [];
  for (const file of files) {
    const base = file.name.replace(/^.*[/\\]/, "");
    const name = base.replace(/\.csv$/i, "");
    const decoded = decodeCsv(file.bytes);
    if (!decoded.ok) {
      errors.push({ sheet: base, message: decoded.problem });
      continue;
    }
    const text = decoded.text;
    if (!text.includes('"')) {
      // Without a quote nothing can be wrong in the split: each row is cut as it is read, into one
      // reused array, so no file's cells outlive their row (kept whole, they were most of the
      // reader's garbage, copied from GC to GC).
      tables.push({ name, label: base, forEachRow: (visit) => unquotedRows(text, visit) });
      continue;
    }
    const parsed = splitCsv(text, toCell);
    if (!parsed.ok) {
      errors.push({ sheet: base, row: parsed.row, message: parsed.problem });
      continue;
    }
    const rows = parsed.rows;
    tables.push({
      name,
      label: base,
      forEachRow(visit) {
        for (let i = 0; i < rows.length; i++) visit(i + 1, rows[i] as CellValue[]);
      },
    });
  }
  return { tables, errors };
}

/** `splitCsv` of text without quotes, row by row: the same rows, numbered from 1, in one reused array. */
function unquotedRows(text: string, visit: (row: number, cells: readonly CellValue[]) => void): void {
  const cells: CellValue[] = [];
  const n = text.length;
  let i = 0;
  let row = 0;
  while (i < n) {
    cells.length = 0;
    for (;;) {
      let end = i;
      while (end < n) {
        const d = text.charCodeAt(end);
        if (d === 44 || d === 13 || d === 10) break;
        end++;
      }
      cells.push(toCell(text.slice(i, end)));
      if (end >= n) {
        i = n;
        break;
      }
      const d = text.charCodeAt(end);
      if (d === 44 /* , */) {
        i = end + 1;
        continue;
      }
      i = end + (d === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
      break;
    }
    visit(++row, cells);
  }
}

function quote(field: string): string {
  return /[",\r\n]|^[\s\u3000]|[\s\u3000]$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Rows of already-escaped text → CSV text (CRLF, as RFC 4180 and Excel write it). */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((r) => r.map(quote).join(",")).join("\r\n")}\r\n`;
}
