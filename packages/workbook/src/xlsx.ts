import { unescapeSpreadsheetCell } from "./escape";
import type { SheetSource, SheetTable } from "./read";
import type { CellValue } from "./values";
import { attr, attrs, decodeOoxmlEscapes, decodeText, scanXml } from "./xml";
import { type InflateRaw, openZip, type ZipArchive, ZipError } from "./zip";

/**
 * The .xlsx reader: only what import.md needs, straight from the package's XML — the workbook's sheet
 * names and date system, shared strings (rich text runs joined, phonetic runs left out), cell values by
 * type (`s`, `str`, `inlineStr`, `n`, `b`, `e`, `d`; a formula cell as its cached result) and the number
 * formats that make a number cell a date. exceljs (the writer) took ~0.4 s to load and ~1.4 s to read a
 * 10,000-record workbook; this reads it in a fraction of that, in Node and in the browser alike.
 */

export type XlsxRead = { ok: true; tables: SheetTable[] } | { ok: false; problem: string };
export type XlsxSources = { ok: true; tables: SheetSource[] } | { ok: false; problem: string };

const INVALID = "不是有效的 Excel 工作簿（.xlsx）：";

const problemOf = (e: unknown) =>
  `${INVALID}${e instanceof ZipError ? e.message : `无法读取（${(e as Error).message}）`}`;

/** The workbook's sheets as rows of plain cells (date cells as Dates whose UTC fields are the wall clock). */
export async function xlsxTables(bytes: Uint8Array, inflateRaw?: InflateRaw): Promise<XlsxRead> {
  try {
    const tables = (await readWorkbook(openZip(bytes, inflateRaw))).map((s) => {
      const rows: SheetTable["rows"] = [];
      s.forEachRow((row, cells) => {
        rows.push({ row, cells: [...cells] });
      });
      return { name: s.name, label: s.label, rows };
    });
    return { ok: true, tables };
  } catch (e) {
    return { ok: false, problem: problemOf(e) };
  }
}

/**
 * The same sheets as sources that scan their XML row by row when read (what `readXlsx` uses: no
 * row of cells is kept). The parts are inflated and checked here; a worksheet's XML that turns out
 * malformed while scanning throws, with the message `xlsxTables` would give.
 */
export async function xlsxSources(bytes: Uint8Array, inflateRaw?: InflateRaw): Promise<XlsxSources> {
  try {
    const tables = (await readWorkbook(openZip(bytes, inflateRaw))).map(
      (s): SheetSource => ({
        name: s.name,
        label: s.label,
        forEachRow(visit) {
          try {
            s.forEachRow(visit);
          } catch (e) {
            throw new XlsxProblem(problemOf(e));
          }
        },
      }),
    );
    return { ok: true, tables };
  } catch (e) {
    return { ok: false, problem: problemOf(e) };
  }
}

/** A worksheet that could not be scanned, in the clerk's words. */
export class XlsxProblem extends Error {}

type Relationship = { type: string; target: string };

/** A part's relationships (`xl/_rels/workbook.xml.rels` for `xl/workbook.xml`), targets as zip paths. */
async function relationships(zip: ZipArchive, part: string): Promise<Map<string, Relationship>> {
  const slash = part.lastIndexOf("/");
  const dir = part.slice(0, slash + 1);
  const xml = await zip.text(`${dir}_rels/${part.slice(slash + 1)}.rels`);
  const out = new Map<string, Relationship>();
  if (xml === undefined) return out;
  scanXml(xml, {
    capturing: false,
    open(name, tag) {
      if (name !== "Relationship") return;
      const a = attrs(tag);
      const id = a.get("Id");
      const target = a.get("Target");
      if (id === undefined || target === undefined || a.get("TargetMode") === "External") return;
      out.set(id, { type: a.get("Type") ?? "", target: resolvePath(dir, target) });
    },
  });
  return out;
}

function resolvePath(dir: string, target: string): string {
  const parts = target.startsWith("/") ? [] : dir.split("/").filter(Boolean);
  for (const p of target.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== "." && p !== "") parts.push(p);
  }
  return parts.join("/");
}

const ofType = (rels: Map<string, Relationship>, type: string) =>
  [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target;

async function readWorkbook(zip: ZipArchive): Promise<SheetSource[]> {
  const workbookPath = ofType(await relationships(zip, "_rels/.rels"), "officeDocument") ?? "xl/workbook.xml";
  const workbookXml = await zip.text(workbookPath);
  if (workbookXml === undefined) throw new ZipError(`缺少 ${workbookPath}`);
  const rels = await relationships(zip, workbookPath);

  const sheets: { name: string; path: string }[] = [];
  let date1904 = false;
  scanXml(workbookXml, {
    capturing: false,
    open(name, tag) {
      if (name === "workbookPr") {
        const v = attr(tag, "date1904");
        date1904 = v === "1" || v === "true";
      } else if (name === "sheet") {
        const rel = rels.get(attr(tag, "id") ?? "");
        // Chart and dialog sheets hold no cells.
        if (rel?.type.endsWith("/worksheet"))
          sheets.push({ name: attr(tag, "name") ?? "", path: rel.target });
      }
    },
  });

  const dir = workbookPath.slice(0, workbookPath.lastIndexOf("/") + 1);
  // Every part starts inflating now (the platform's zlib works off the main thread); each sheet is
  // scanned as soon as its text is there, while the later ones are still inflating.
  const sharedXml = zip.text(ofType(rels, "sharedStrings") ?? `${dir}sharedStrings.xml`);
  const stylesXml = zip.text(ofType(rels, "styles") ?? `${dir}styles.xml`);
  const sheetXml = sheets.map((s) => zip.text(s.path));
  for (const p of [sharedXml, stylesXml, ...sheetXml]) p.catch(() => {}); // awaited below
  const sharedText = await sharedXml;
  // Unescaped once here (`'=1` → `=1`, as the writer escapes formulas) rather than once per cell.
  const shared = sharedText === undefined ? [] : sharedStrings(sharedText).map(unescapeSpreadsheetCell);
  const stylesText = await stylesXml;
  const dateStyles = stylesText === undefined ? [] : dateStyleIndexes(stylesText);
  const tables: SheetSource[] = [];
  for (const [i, s] of sheets.entries()) {
    const xml = await sheetXml[i];
    if (xml === undefined) throw new ZipError(`缺少工作表「${s.name}」的内容（${s.path}）`);
    tables.push({
      name: s.name,
      label: s.name,
      forEachRow: (visit) => sheetRows(xml, shared, dateStyles, date1904, visit),
    });
  }
  return tables;
}

/** Text of `<t>` elements, leaving out phonetic guides (`<rPh>`), in the order they come. */
function textCollector() {
  let depthInPhonetic = 0;
  let parts: string[] = [];
  return {
    open(name: string, selfClosing: boolean): boolean {
      if (name === "rPh") depthInPhonetic++; // a self-closing one is closed right after
      return name === "t" && depthInPhonetic === 0 && !selfClosing;
    },
    close(name: string): void {
      if (name === "rPh") depthInPhonetic--;
    },
    push(text: string): void {
      parts.push(text);
    },
    take(): string {
      const s = parts.length === 1 ? (parts[0] as string) : parts.join("");
      parts = [];
      return decodeOoxmlEscapes(s);
    },
  };
}

/**
 * The common shared string, `<si><t>text</t></si>` (or with `xml:space="preserve"`), matched natively
 * (see COMMON_TAG); group 1 is the text, none: the end of `<sst>`.
 */
const COMMON_STRING = /\s*(?:<si><t(?: xml:space="preserve")?>([^<]*)<\/t><\/si>|<\/sst>)/y;

/** `xl/sharedStrings.xml`: each `<si>` as one string, rich text runs joined. */
export function sharedStrings(xml: string): string[] {
  const first = xml.indexOf("<si");
  // Anything before the first <si> is the prolog and <sst>; a prefixed or attributed <si> goes the long way.
  if (first < 0 || first !== xml.indexOf("<si>")) return allSharedStrings(xml);
  const out: string[] = [];
  const re = COMMON_STRING;
  re.lastIndex = first;
  for (;;) {
    const at = re.lastIndex;
    const m = re.exec(xml);
    if (m === null) {
      // From this <si> on, every form (rich text, phonetic runs, comments …).
      for (const text of allSharedStrings(xml.slice(at))) out.push(text);
      return out;
    }
    const text = m[1];
    if (text === undefined) return out;
    out.push(decodeOoxmlEscapes(decodeText(text)));
  }
}

/** Every form of `xl/sharedStrings.xml` (or of its tail from an `<si>` on). */
export function allSharedStrings(xml: string): string[] {
  const out: string[] = [];
  const text = textCollector();
  const h = {
    capturing: false,
    open(name: string, _tag: string, selfClosing: boolean) {
      if (text.open(name, selfClosing)) h.capturing = true;
    },
    close(name: string) {
      if (name === "t") h.capturing = false;
      else if (name === "si") out.push(text.take());
      else text.close(name);
    },
    text: (v: string) => text.push(v),
  };
  scanXml(xml, h);
  return out;
}

/** Built-in number formats that show a date or time (ECMA-376 18.8.30, with the East Asian ones). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** A custom format shows a date when it has y, m, d, h or s outside quotes, brackets and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\.|[_*]./g, "");
  return /[ymdhs]/i.test(bare);
}

/** `xl/styles.xml`: for each cell style (`<cellXfs>` index), whether its number format is a date. */
export function dateStyleIndexes(xml: string): boolean[] {
  const custom = new Map<number, string>();
  const out: boolean[] = [];
  let inCellXfs = false;
  scanXml(xml, {
    capturing: false,
    open(name, tag, selfClosing) {
      if (name === "numFmt") {
        const a = attrs(tag);
        custom.set(Number(a.get("numFmtId")), a.get("formatCode") ?? "");
      } else if (name === "cellXfs") inCellXfs = !selfClosing;
      else if (name === "xf" && inCellXfs) {
        const id = Number(attr(tag, "numFmtId") ?? 0);
        const code = custom.get(id);
        out.push(code === undefined ? BUILTIN_DATE_FORMATS.has(id) : isDateFormat(code));
      }
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  return out;
}

const DAY_MS = 86_400_000;

/** A date cell's serial → a Date whose UTC fields are the wall clock (rounded to the millisecond). */
export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * DAY_MS));
}

/** The column letters of a cell reference (`AB12`) in xml[from, to) → 0-based index, or -1 without. */
function columnAt(xml: string, from: number, to: number): number {
  let col = 0;
  let k = from;
  for (; k < to; k++) {
    const c = xml.charCodeAt(k) | 32; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return k === from ? -1 : col - 1;
}

/** The decimal number in xml[from, to), or -1 when it is not all digits. */
function digits(xml: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = xml.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return to > from ? n : -1;
}

const CELL_TYPES = ["s", "str", "inlineStr", "n", "b", "e", "d"];

/** A cell's `t` in xml[from, to), without slicing it out for the common types. */
function cellType(xml: string, from: number, to: number): string {
  for (const type of CELL_TYPES) if (to - from === type.length && xml.startsWith(type, from)) return type;
  return xml.slice(from, to);
}

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?/;

function cellValue(
  type: string | undefined,
  v: string | undefined,
  inline: string | undefined,
  isDate: boolean,
  shared: readonly string[],
  date1904: boolean,
): CellValue {
  switch (type) {
    case "s": {
      const s = v === undefined ? undefined : shared[Number(v)];
      return s === undefined ? null : s;
    }
    case "str":
      return v === undefined ? null : unescapeSpreadsheetCell(decodeOoxmlEscapes(v));
    case "inlineStr":
      return inline === undefined ? null : unescapeSpreadsheetCell(inline);
    case "b":
      return v === undefined ? null : Number(v) !== 0;
    case "e":
      return v ?? null;
    case "d": {
      // An ISO 8601 date cell (no zone: the wall clock).
      const m = v === undefined ? null : ISO_LOCAL.exec(v.trim());
      if (!m) return v ?? null;
      const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as number[];
      return new Date(
        Date.UTC(y as number, (mo as number) - 1, d, h, mi, s, m[7] ? Number(m[7].padEnd(3, "0")) : 0),
      );
    }
    default: {
      if (v === undefined) return null;
      const n = Number(v);
      if (v.trim() === "" || Number.isNaN(n)) return v;
      return isDate ? serialToDate(n, date1904) : n;
    }
  }
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * A worksheet's non-blank rows: cells by column (missing ones null), rows numbered as Excel does,
 * handed to `visit` one by one in one reused array (or returned, without `visit`).
 * `shared`: the workbook's shared strings, already unescaped (`unescapeSpreadsheetCell`).
 *
 * The worksheet is nearly all of a workbook's XML, so it gets its own single pass instead of
 * `scanXml`'s callbacks: each tag is read once, char by char, its local name compared in place and only
 * the attributes of `<row>` and `<c>` (r, s, t) sliced out.
 */
export function sheetRows(
  xml: string,
  shared: readonly string[],
  dateStyles: readonly boolean[],
  date1904: boolean,
  visit?: (row: number, cells: readonly CellValue[]) => void,
): SheetTable["rows"] {
  if (!visit) return scanRows(xml, shared, dateStyles, date1904, undefined, 0, 0);
  // Merged cells are listed after the rows: a sheet with any is read whole, then filled and visited.
  if (xml.includes("mergeCell", Math.max(0, xml.lastIndexOf("sheetData>")))) {
    for (const r of scanRows(xml, shared, dateStyles, date1904, undefined, 0, 0)) visit(r.row, r.cells);
    return [];
  }
  commonRows(xml, shared, dateStyles, date1904, visit);
  return [];
}

/**
 * A worksheet's rows and cells as Excel and exceljs write them (`<row r="2" …>`, `<c r="A2" s="1"
 * t="s"><v>58</v></c>`, `<c r="B2"/>`), matched by one sticky regular expression: the regular
 * expression engine compiles it to machine code at once, while a loop over char codes runs
 * interpreted for the first megabyte or so of XML (most of a workbook's cold reading time). At the
 * first thing it does not match (a formula, an inline string, an entity, a namespace prefix, other
 * attributes, a comment), the rest of the sheet from the start of that row goes to `scanRows`, which
 * reads every form; so both give the same rows for any sheet. Groups: 1 column letters, 2 style,
 * 3 type, 4 value, 5 row number, 6 a row's end; none: the end of `<sheetData>`.
 */
const COMMON_TAG =
  /\s*(?:<c r="([A-Z]{1,3})\d+"(?: s="(\d+)")?(?: t="([a-zA-Z]+)")?(?:\/>|>(?:<v>([^<&\r]*)<\/v>)?<\/c>)|<row r="(\d+)"(?:[^>"]|"[^"]*")*>|(<\/row>)|<\/sheetData>)/y;

function commonRows(
  xml: string,
  shared: readonly string[],
  dateStyles: readonly boolean[],
  date1904: boolean,
  visit: (row: number, cells: readonly CellValue[]) => void,
): void {
  const start = xml.indexOf("<sheetData>");
  if (start < 0) {
    scanRows(xml, shared, dateStyles, date1904, visit, 0, 0);
    return;
  }
  const tag = COMMON_TAG;
  tag.lastIndex = start + 11;
  const cells: CellValue[] = [];
  let filled = false;
  let rowNumber = 0;
  /** Where the current row's tag starts (-1: between rows), and the row number before it. */
  let rowStart = -1;
  let before = 0;
  for (;;) {
    const at = tag.lastIndex;
    const m = tag.exec(xml);
    if (m === null) {
      scanRows(
        xml,
        shared,
        dateStyles,
        date1904,
        visit,
        rowStart < 0 ? at : rowStart,
        rowStart < 0 ? rowNumber : before,
      );
      return;
    }
    const letters = m[1];
    if (letters !== undefined) {
      const v = m[4];
      if (v === undefined) continue; // no <v>: a blank cell
      const type = m[3];
      const isDate = dateStyles[m[2] === undefined ? 0 : Number(m[2])] === true;
      let value: CellValue;
      if (type === "s") {
        // As scanRows: an index read in place, else the text as it stands.
        const index = digits(v, 0, v.length);
        const text = index >= 0 ? shared[index] : undefined;
        value =
          text !== undefined
            ? text
            : cellValue(type, index >= 0 ? undefined : v, undefined, isDate, shared, date1904);
      } else value = cellValue(type, v, undefined, isDate, shared, date1904);
      if (value === null) continue;
      const col = columnAt(letters, 0, letters.length);
      while (cells.length < col) cells.push(null);
      cells[col] = value;
      filled = true;
    } else if (m[5] !== undefined) {
      before = rowNumber;
      rowNumber = Number(m[5]);
      rowStart = at;
      cells.length = 0;
      filled = false;
    } else if (m[6] !== undefined) {
      if (filled) visit(rowNumber, cells);
      rowStart = -1;
    } else {
      // </sheetData>: what follows holds no rows as a rule, but scanRows reads whatever it finds.
      scanRows(xml, shared, dateStyles, date1904, visit, tag.lastIndex, rowNumber);
      return;
    }
  }
}

/**
 * Every form of worksheet XML, from `from` (a tag's start) with `firstRow` the row number before it:
 * cells by column (missing ones null), rows numbered as Excel does, handed to `visit` one by one in
 * one reused array (or returned, without `visit`).
 */
function scanRows(
  xml: string,
  shared: readonly string[],
  dateStyles: readonly boolean[],
  date1904: boolean,
  visit: ((row: number, cells: readonly CellValue[]) => void) | undefined,
  from: number,
  firstRow: number,
): SheetTable["rows"] {
  const rows: SheetTable["rows"] = [];
  const n = xml.length;
  let rowNumber = firstRow;
  let cells: CellValue[] = [];
  let filled = false;
  // The cell being read.
  let col = -1;
  let type: string | undefined;
  let style = 0;
  let v: string | undefined;
  /** A shared-string cell's index, read without slicing its <v> (-1: none). */
  let sharedIndex = -1;
  let inline: string[] | undefined;
  let inIs = false;
  let phonetic = 0;
  /** Where the text being captured goes: 1 = the <v>, 2 = the inline string, 0 = nowhere. */
  let capture = 0;

  const finishCell = () => {
    const s = sharedIndex >= 0 ? shared[sharedIndex] : undefined;
    const value =
      s !== undefined
        ? s
        : cellValue(
            type,
            v,
            inline === undefined ? undefined : decodeOoxmlEscapes(inline.join("")),
            dateStyles[style] === true,
            shared,
            date1904,
          );
    if (value === null) return;
    while (cells.length < col) cells.push(null);
    cells[col] = value;
    filled = true;
  };
  const addText = (text: string) => {
    if (capture === 1) v += text;
    else inline?.push(text);
  };

  const merges: string[] = [];
  let i = from;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    if (capture !== 0 && (lt < 0 ? n : lt) > i) addText(decodeText(xml.slice(i, lt < 0 ? n : lt)));
    if (lt < 0) break;
    let k = lt + 1;
    let c = xml.charCodeAt(k);
    // Fast paths for most of a sheet's tags, as programs write them: `<v>text</v>` and `</c>`.
    if (c === 118 /* v */ && xml.charCodeAt(lt + 2) === 62 /* > */) {
      const end = xml.indexOf("<", lt + 3);
      if (end > 0 && xml.startsWith("</v>", end)) {
        // A shared string's index is read in place: most cells need no substring at all.
        if (type === "s") sharedIndex = digits(xml, lt + 3, end);
        if (sharedIndex < 0) v = decodeText(xml.slice(lt + 3, end));
        i = end + 4;
        continue;
      }
    } else if (c === 47 && xml.charCodeAt(lt + 2) === 99 /* c */ && xml.charCodeAt(lt + 3) === 62) {
      finishCell();
      i = lt + 4;
      continue;
    }
    if (c === 33 /* ! */ || c === 63 /* ? */) {
      if (xml.startsWith("<![CDATA[", lt)) {
        const end = xml.indexOf("]]>", lt);
        if (end < 0) throw new Error("XML 中的 CDATA 未结束");
        if (capture !== 0) addText(xml.slice(lt + 9, end));
        i = end + 3;
      } else {
        const marker = xml.startsWith("<!--", lt) ? "-->" : c === 63 ? "?>" : ">";
        const end = xml.indexOf(marker, lt);
        if (end < 0) throw new Error("XML 未结束");
        i = end + marker.length;
      }
      continue;
    }
    const closing = c === 47; /* / */
    if (closing) k++;
    // The local name: [start, k).
    let start = k;
    for (; k < n; k++) {
      c = xml.charCodeAt(k);
      if (c === 62 || c === 47 || isSpace(c)) break;
      if (c === 58 /* : */) start = k + 1;
    }
    const length = k - start;
    const first = xml.charCodeAt(start);
    const isRow = length === 3 && first === 114 && xml.startsWith("row", start);
    const isCell = length === 1 && first === 99; /* c */
    const isMerge = length === 9 && first === 109 && xml.startsWith("mergeCell", start);
    // Attributes, up to the tag's end (a quoted value may hold a raw `>`).
    // r (a row number, or a cell's column index), s and t of <row> and <c>, read in place.
    let r = -1;
    let s = 0;
    let t: string | undefined;
    let selfClosing = false;
    for (;;) {
      while (k < n && isSpace(xml.charCodeAt(k))) k++;
      c = xml.charCodeAt(k);
      if (c === 62 /* > */) break;
      if (c === 47 /* / */) {
        selfClosing = true;
        k++;
        continue;
      }
      if (k >= n) throw new Error("XML 标签未结束");
      const nameStart = k;
      for (; k < n; k++) {
        c = xml.charCodeAt(k);
        if (c === 61 /* = */ || c === 62 || isSpace(c)) break;
      }
      const nameEnd = k;
      for (; k < n; k++) {
        c = xml.charCodeAt(k);
        if (c !== 61 && !isSpace(c)) break;
      }
      if (c !== 34 && c !== 39) continue; // not a quoted value: skip ahead (not well-formed)
      const valueEnd = xml.indexOf(c === 34 ? '"' : "'", k + 1);
      if (valueEnd < 0) throw new Error("XML 属性未结束");
      if ((isRow || isCell) && nameEnd - nameStart === 1) {
        const a = xml.charCodeAt(nameStart);
        if (a === 114 /* r */) r = isRow ? digits(xml, k + 1, valueEnd) : columnAt(xml, k + 1, valueEnd);
        else if (a === 115 /* s */) s = Math.max(0, digits(xml, k + 1, valueEnd));
        else if (a === 116 /* t */) t = cellType(xml, k + 1, valueEnd);
      } else if (isMerge && nameEnd - nameStart === 3 && xml.startsWith("ref", nameStart))
        merges.push(xml.slice(k + 1, valueEnd));
      k = valueEnd + 1;
    }
    i = k + 1;

    if (closing) {
      if (isCell) finishCell();
      else if (isRow) {
        if (!filled) continue;
        if (visit) visit(rowNumber, cells);
        else rows.push({ row: rowNumber, cells });
      } else if (length === 1 && first === 118 /* v */) capture = 0;
      else if (length === 1 && first === 116 /* t */) capture = 0;
      else if (length === 2 && xml.startsWith("is", start)) inIs = false;
      else if (length === 3 && xml.startsWith("rPh", start)) phonetic--;
      continue;
    }
    if (isRow) {
      rowNumber = r < 0 ? rowNumber + 1 : r;
      if (visit) cells.length = 0;
      else cells = [];
      filled = false;
      col = -1;
    } else if (isCell) {
      type = t;
      style = s;
      col = r >= 0 ? r : col + 1;
      v = undefined;
      sharedIndex = -1;
      inline = undefined;
      inIs = false;
      phonetic = 0;
      if (selfClosing) finishCell();
    } else if (length === 1 && first === 118 /* v */) {
      v = "";
      if (!selfClosing) capture = 1;
    } else if (length === 2 && xml.startsWith("is", start)) {
      inline = [];
      inIs = !selfClosing;
    } else if (inIs && length === 3 && xml.startsWith("rPh", start)) {
      if (!selfClosing) phonetic++;
    } else if (inIs && length === 1 && first === 116 /* t */ && phonetic === 0 && !selfClosing) capture = 2;
  }
  return merges.length === 0 ? rows : fillMerges(rows, merges);
}

const RANGE = /^([A-Za-z]+)(\d+):([A-Za-z]+)(\d+)$/;

/**
 * Merged cells (`<mergeCell ref="A2:A5"/>`) all show the top-left cell's value, as they do on screen
 * (and as exceljs read them): a 乡镇代码 merged down a township's rows belongs to each of them.
 */
function fillMerges(rows: SheetTable["rows"], merges: readonly string[]): SheetTable["rows"] {
  const byRow = new Map(rows.map((r) => [r.row, r]));
  for (const ref of merges) {
    const m = RANGE.exec(ref);
    if (!m) continue;
    const [c1, r1, c2, r2] = [
      columnAt(m[1] as string, 0, (m[1] as string).length),
      Number(m[2]),
      columnAt(m[3] as string, 0, (m[3] as string).length),
      Number(m[4]),
    ];
    const master = byRow.get(r1)?.cells[c1] ?? null;
    if (master === null || r2 - r1 > 1_048_576 || c2 - c1 > 16_384) continue;
    for (let r = r1; r <= r2; r++) {
      let row = byRow.get(r);
      if (!row) {
        row = { row: r, cells: [] };
        byRow.set(r, row);
      }
      for (let c = c1; c <= c2; c++) {
        while (row.cells.length <= c) row.cells.push(null);
        if (row.cells[c] === null) row.cells[c] = master;
      }
    }
  }
  return [...byRow.values()].sort((a, b) => a.row - b.row);
}
