import {
  type Column,
  type ParsedRow,
  type RowRule,
  SHEET_BY_NAME,
  SHEETS,
  type SheetDef,
  type WorkbookRecords,
} from "./sheets";
import {
  type CellValue,
  categoryEnumeration,
  eventKindParser,
  isBlank,
  isoString,
  type Parsed,
  parseInteger,
  parseMonth,
  parseNumber,
  parseText,
  parseTime,
  parseTownshipCode,
  parseYesNo,
  timeValue,
  trimCell,
} from "./values";

/** One sheet (or CSV file) as rows of cells; `row` is the row as Excel numbers it, the header is row 1. */
export type SheetTable = {
  /** The sheet's name, or the CSV file's name without `.csv`. */
  name: string;
  /** How errors name it: the sheet name, or the file name (`矛盾纠纷.csv`). */
  label: string;
  rows: { row: number; cells: CellValue[] }[];
};

/**
 * A sheet whose rows are handed over one at a time, in order, without keeping them: the xlsx reader
 * scans a worksheet straight into records this way, so no row of cells outlives its record (a
 * 10,000-record workbook's cells are most of the garbage the reader would otherwise make). `cells`
 * may be reused for the next row: copy what you keep.
 */
export type SheetSource = {
  name: string;
  label: string;
  forEachRow(visit: (row: number, cells: readonly CellValue[]) => void): void;
};

const sourceOf = (t: SheetTable | SheetSource): SheetSource =>
  "forEachRow" in t
    ? t
    : {
        name: t.name,
        label: t.label,
        forEachRow(visit) {
          for (const r of t.rows) visit(r.row, r.cells);
        },
      };

export type WorkbookError = { sheet: string; row?: number; column?: string; message: string };

/** `矛盾纠纷 第7行「纠纷等级」：应为 红色、黄色、蓝色 之一，实为「紫色」` */
export function formatWorkbookError(e: WorkbookError): string {
  const row = e.row === undefined ? "" : ` 第${e.row}行`;
  const column = e.column === undefined ? "" : `「${e.column}」`;
  return `${e.sheet}${row}${column}：${e.message}`;
}

export type ReadReport = {
  /** The known sheets read, with how many non-blank data rows each had. */
  sheets: { name: string; rows: number }[];
  unknownSheets: string[];
  unknownColumns: { sheet: string; columns: string[] }[];
};

export type ReadResult =
  | { ok: true; records: WorkbookRecords; report: ReadReport }
  | { ok: false; errors: WorkbookError[]; report: ReadReport };

export type ReadOptions = {
  /**
   * The township codes records may carry (the app: the county's, or the admin's own township). Without
   * it, the 乡镇 sheet's codes are used when the workbook has that sheet.
   */
  townshipCodes?: Iterable<string>;
  /** Key persons already recorded, as `乡镇代码/编号`: a visit may name one of them. */
  knownKeyPersons?: Iterable<string>;
  /** Disputes already recorded, as `乡镇代码/编号`: a 调解记录 row may name one of them. */
  knownDisputes?: Iterable<string>;
  /** The county scheme's Chinese event names, code → name, accepted in 事件类型. */
  eventNames?: Readonly<Record<string, string>>;
  /**
   * The county's key-person categories: 人员类别 then accepts one of their codes or Chinese names (and
   * only those); without it, the four built-in categories.
   */
  keyPersonCategories?: readonly { code: string; name: string }[];
};

function emptyRecords(): WorkbookRecords {
  return {
    townships: [],
    disputes: [],
    attempts: [],
    petitions: [],
    incidents: [],
    keyPersons: [],
    visits: [],
    events: [],
    manualScores: [],
  };
}

/** Reads sheets (from `readXlsx` or `readCsvFiles`) into typed records, checking every rule of import.md. */
export function readTables(
  tables: readonly (SheetTable | SheetSource)[],
  options: ReadOptions = {},
): ReadResult {
  const errors: WorkbookError[] = [];
  const report: ReadReport = { sheets: [], unknownSheets: [], unknownColumns: [] };
  const records = emptyRecords();
  const labels = new Map<string, string>();
  const parseEvent = eventKindParser(options.eventNames);
  const keyPersonSheet = options.keyPersonCategories
    ? withCategories(options.keyPersonCategories)
    : undefined;
  const seenSheets = new Set<string>();
  // The 乡镇 sheet's codes and the keys (乡镇代码/编号) of every sheet's rows, also of rows with other
  // errors: references are checked against them, so one wrong cell is one error, not a cascade.
  const sheetCodes = new Set<string>();
  const seenKeys = new Map<string, TownshipKeys>();
  let hasTownshipSheet = false;

  for (const table of tables) {
    const name = trimCell(table.name);
    const builtIn = SHEET_BY_NAME.get(name);
    const def = builtIn?.key === "keyPersons" && keyPersonSheet ? keyPersonSheet : builtIn;
    if (!def) {
      report.unknownSheets.push(table.name);
      continue;
    }
    if (seenSheets.has(name)) {
      errors.push({ sheet: table.label, message: `工作表「${name}」重复` });
      continue;
    }
    seenSheets.add(name);
    labels.set(def.name, table.label);
    if (def.key === "townships") hasTownshipSheet = true;
    const { rows, instants } = readSheet(
      def,
      sourceOf(table),
      parseEvent,
      errors,
      report,
      sheetCodes,
      seenKeys,
    );
    report.sheets.push({ name: def.name, rows: rows.length });
    if (def.key === "county") {
      if (rows.length > 1)
        errors.push({ sheet: table.label, row: rows[1]?.row as number, message: "「县」表只应有一行" });
      records.county = rows[0] as WorkbookRecords["county"];
    } else {
      (records as Record<string, unknown>)[def.key] = rows;
      INSTANTS.set(rows, instants);
    }
  }

  const codes = options.townshipCodes
    ? new Set(options.townshipCodes)
    : hasTownshipSheet && sheetCodes.size > 0
      ? sheetCodes
      : null;
  crossCheck(records, options, codes, seenKeys, (sheet) => labels.get(sheet) ?? sheet, errors);

  if (errors.length === 0) {
    attachAttempts(records);
    return { ok: true, records, report };
  }
  const order = new Map(SHEETS.map((s, i) => [labels.get(s.name) ?? s.name, i]));
  errors.sort(
    (a, b) => (order.get(a.sheet) ?? -1) - (order.get(b.sheet) ?? -1) || (a.row ?? 0) - (b.row ?? 0),
  );
  return { ok: false, errors, report };
}

type Row = ParsedRow;

/** The 重点人员 sheet with its 人员类别 column accepting the county's categories (built once per read). */
function withCategories(categories: readonly { code: string; name: string }[]): SheetDef {
  const def = SHEET_BY_NAME.get("重点人员") as SheetDef;
  const kind = { enumeration: categoryEnumeration(categories) };
  return { ...def, columns: def.columns.map((c) => (c.key === "category" ? { ...c, kind } : c)) };
}

/**
 * Keys (乡镇代码, 编号) as a map of maps: no `code/id` string is built per row (building and hashing one
 * for every row of every sheet was a good part of the reader's time).
 */
class TownshipKeys<V = true> {
  private readonly byCode = new Map<string, Map<string, V>>();
  get(code: string, id: string): V | undefined {
    return this.byCode.get(code)?.get(id);
  }
  has(code: string, id: string): boolean {
    return this.byCode.get(code)?.has(id) === true;
  }
  set(code: string, id: string, value: V): void {
    let ids = this.byCode.get(code);
    if (!ids) {
      ids = new Map();
      this.byCode.set(code, ids);
    }
    ids.set(id, value);
  }
  /** `乡镇代码/编号` strings, as the options give records already stored. */
  addAll(keys: Iterable<string> | undefined, value: V): this {
    for (const k of keys ?? []) {
      const slash = k.indexOf("/");
      if (slash > 0) this.set(k.slice(0, slash), k.slice(slash + 1), value);
    }
    return this;
  }
}

/**
 * The epoch ms of each time column of a sheet's rows, as the reader parsed them (NaN where blank), by
 * the rows' list: `toScoringData` hands them to the scoring, which then parses no timestamp again.
 */
const INSTANTS = new WeakMap<readonly object[], Map<string, Float64Array>>();

/** The parsed time columns of a list of rows as `readTables` returned it (undefined when changed since). */
export function parsedInstants(rows: readonly object[]): ReadonlyMap<string, Float64Array> | undefined {
  const columns = INSTANTS.get(rows);
  if (!columns) return undefined;
  for (const c of columns.values()) if (c.length !== rows.length) return undefined;
  return columns;
}

/** A column's parser, chosen once per sheet rather than per cell. */
function parserOf(
  c: Column,
  parseEvent: (v: CellValue) => Parsed<string>,
): (v: CellValue) => Parsed<unknown> {
  const kind = c.kind;
  if (typeof kind === "object") return kind.enumeration.parse;
  switch (kind) {
    case "text":
      return parseText;
    case "code":
      return parseTownshipCode;
    case "yesno":
      return parseYesNo;
    case "int0":
      return (v) => parseInteger(v, 0);
    case "int1":
      return (v) => parseInteger(v, 1);
    case "number":
      return parseNumber;
    case "month":
      return parseMonth;
    case "event":
      return parseEvent;
    default:
      return (v) => parseCell(c, v, parseEvent);
  }
}

/** What a fast parser returns where the column's parser gives a problem (it is then asked for it). */
const FAILED: unique symbol = Symbol("failed");
type FastParser = (v: CellValue) => unknown;

const isDigits = (s: string) => {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

/**
 * A column's parser without a result object per cell (most cells are right, and the row loop runs
 * mostly cold): the value, or FAILED exactly where `parserOf(c)` gives a problem. The common kinds are
 * written out; the others wrap the parser.
 */
function fastParserOf(c: Column, parse: (v: CellValue) => Parsed<unknown>): FastParser {
  const kind = c.kind;
  if (typeof kind === "object") {
    const e = kind.enumeration;
    return (v) => e.find(v) ?? FAILED;
  }
  if (kind === "text")
    return (v) => (typeof v === "string" ? trimCell(v) : v instanceof Date ? FAILED : String(v));
  if (kind === "code")
    return (v) => {
      if (typeof v !== "string") {
        const p = parse(v);
        return p.ok ? p.value : FAILED;
      }
      const s = trimCell(v);
      return s.length === 9 && isDigits(s) ? s : FAILED;
    };
  return (v) => {
    const p = parse(v);
    return p.ok ? p.value : FAILED;
  };
}

function parseCell(c: Column, v: CellValue, parseEvent: (v: CellValue) => Parsed<string>): Parsed<unknown> {
  const kind = c.kind;
  if (typeof kind === "object") return kind.enumeration.parse(v);
  switch (kind) {
    case "text":
      return parseText(v);
    case "code":
      return parseTownshipCode(v);
    case "time": {
      const t = parseTime(v);
      return t.ok ? { ok: true, value: isoString(t.value) } : t;
    }
    case "yesno":
      return parseYesNo(v);
    case "int0":
      return parseInteger(v, 0);
    case "int1":
      return parseInteger(v, 1);
    case "number":
      return parseNumber(v);
    case "month":
      return parseMonth(v);
    case "event":
      return parseEvent(v);
  }
}

/** The sheets whose rows other sheets name: their keys are kept for crossCheck, also of wrong rows. */
const REFERENCED: ReadonlySet<string> = new Set(["重点人员", "矛盾纠纷"]);

/** A sheet's columns as its header row names them, as parallel arrays (the row loop indexes them). */
type SheetColumns = {
  columns: Column[];
  /** Each column's cell index in the row. */
  ats: number[];
  /** Each column's slot in the row's times, or -1 when it is not a time column. */
  slots: number[];
  parsers: ((v: CellValue) => Parsed<unknown>)[];
  fast: FastParser[];
  keyOf: string[];
  /** The 乡镇 sheet's 乡镇代码 column, whose codes other sheets are checked against. */
  isCode: boolean[];
  /** The index (in `columns`) of 编号 and of 乡镇代码, -1 without. */
  idAt: number;
  codeAt: number;
  /** The time columns' keys, in slot order. */
  timeKeys: string[];
};

/**
 * The header row (row 1): columns by header text, trimmed of ASCII and full-width spaces, in any order;
 * undefined when required columns are missing (reported) and the sheet's rows are not read. Its own
 * function, run once per sheet: the row loop stays small for the optimising compiler, which otherwise
 * compiled this once-per-sheet code (its closures and array calls) into the row loop again and again.
 */
function readHeader(
  def: SheetDef,
  cells: readonly CellValue[],
  sheet: string,
  parseEvent: (v: CellValue) => Parsed<string>,
  errors: WorkbookError[],
  report: ReadReport,
): SheetColumns | undefined {
  const byHeader = new Map(def.columns.map((c) => [c.header, c]));
  const found = new Set<string>();
  const unknown: string[] = [];
  const index: { column: Column; at: number }[] = [];
  cells.forEach((cell, at) => {
    if (isBlank(cell)) return;
    const text = trimCell(String(cell));
    const column = byHeader.get(text);
    if (!column) unknown.push(text);
    else if (found.has(text)) errors.push({ sheet, row: 1, column: text, message: "列重复" });
    else {
      found.add(text);
      index.push({ column, at });
    }
  });
  if (unknown.length) report.unknownColumns.push({ sheet, columns: unknown });
  if (missingColumns(def, sheet, found, errors)) return undefined;
  const columns = index.map((c) => c.column);
  let slot = 0;
  const parsers = columns.map((c) => parserOf(c, parseEvent));
  return {
    columns,
    ats: index.map((c) => c.at),
    slots: columns.map((c) => (c.kind === "time" ? slot++ : -1)),
    parsers,
    fast: columns.map((c, j) => fastParserOf(c, parsers[j] as (v: CellValue) => Parsed<unknown>)),
    keyOf: columns.map((c) => c.key),
    isCode: columns.map((c) => def.key === "townships" && c.key === "code"),
    idAt: columns.findIndex((c) => c.key === "id"),
    codeAt: columns.findIndex((c) => c.key === "townshipCode"),
    timeKeys: columns.filter((c) => c.kind === "time").map((c) => c.key),
  };
}

/** Reports the required columns not found (at row 1); true when there are any. */
function missingColumns(
  def: SheetDef,
  sheet: string,
  found: ReadonlySet<string>,
  errors: WorkbookError[],
): boolean {
  const missing = def.columns.filter((c) => c.required && !found.has(c.header));
  for (const c of missing) errors.push({ sheet, row: 1, column: c.header, message: "缺少必填列" });
  return missing.length > 0;
}

/**
 * A sheet's data rows → records. One instance per sheet, one method per row: a small, fixed-shape
 * loop that V8 optimises cheaply (the whole process runs it cold, so what the optimising compiler
 * spends on it counts as much as the loop itself).
 */
class RowReader {
  readonly rows: Row[] = objectArray();
  /** The time columns' epoch ms of the rows kept, column by column. */
  readonly times: TimeColumn[];
  /** The time columns' epoch ms of the row being read. */
  private readonly rowTimes: Float64Array;
  private readonly rules: RowRule;
  private currentRow = 0;
  private readonly fail = (column: string, message: string): false => {
    this.errors.push({ sheet: this.sheet, row: this.currentRow, column, message });
    return false;
  };

  // Every field holds one kind of value whatever the sheet (a rule that passes rather than none, keys
  // that are not kept rather than undefined): V8 then need not recompile the loop for the next sheet.
  constructor(
    def: SheetDef,
    readonly c: SheetColumns,
    private readonly sheet: string,
    private readonly errors: WorkbookError[],
    private readonly sheetCodes: Set<string>,
    /** The keys (乡镇代码, 编号) of the rows read, also of wrong ones, when `keepKeys`. */
    private readonly keys: TownshipKeys,
    private readonly keepKeys: boolean,
  ) {
    // One kind of array whether the sheet has time columns or none (no deoptimisation between sheets).
    this.times = objectArray();
    for (let k = 0; k < c.timeKeys.length; k++) this.times.push(new TimeColumn());
    this.rowTimes = new Float64Array(c.timeKeys.length);
    this.rules = def.rules ?? NO_RULES;
  }

  read(row: number, cells: readonly CellValue[]): void {
    const { columns, ats, slots, fast, keyOf, isCode, idAt, codeAt } = this.c;
    const errors = this.errors;
    const rowTimes = this.rowTimes;
    const record: Row = { row };
    let rowOk = true;
    let id: unknown;
    let code: unknown;
    for (let k = 0; k < rowTimes.length; k++) rowTimes[k] = Number.NaN;
    for (let j = 0; j < columns.length; j++) {
      const column = columns[j] as Column;
      const v = cells[ats[j] as number] ?? null;
      if (isBlank(v)) {
        if (column.required) {
          errors.push({ sheet: this.sheet, row, column: column.header, message: "必填，不能为空" });
          rowOk = false;
        }
        continue;
      }
      const time = slots[j] as number;
      if (time >= 0) {
        let ms = timeValue(v);
        if (Number.isNaN(ms)) {
          const t = parseTime(v);
          if (!t.ok) {
            errors.push({ sheet: this.sheet, row, column: column.header, message: t.problem });
            rowOk = false;
            continue;
          }
          ms = t.value;
        }
        rowTimes[time] = ms;
        record[keyOf[j] as string] = isoString(ms);
        continue;
      }
      const value = (fast[j] as FastParser)(v);
      if (value === FAILED) {
        const parsed = (this.c.parsers[j] as (v: CellValue) => Parsed<unknown>)(v) as { problem: string };
        errors.push({ sheet: this.sheet, row, column: column.header, message: parsed.problem });
        rowOk = false;
        continue;
      }
      if (value !== "") {
        record[keyOf[j] as string] = value;
        if (j === idAt) id = value;
        else if (j === codeAt) code = value;
      }
      if (isCode[j]) this.sheetCodes.add(value as string);
    }
    if (this.keepKeys && id !== undefined && code !== undefined)
      this.keys.set(code as string, id as string, true);
    this.currentRow = row;
    if (!rowOk || !this.rules(record, this.fail)) return;
    this.rows.push(record);
    const times = this.times;
    for (let k = 0; k < times.length; k++) (times[k] as TimeColumn).push(rowTimes[k] as number);
  }
}

/**
 * Epoch ms, appended: a growing Float64Array (an array of numbers changes its kind as NaN and ms come).
 * It starts small so that it first grows while the row loop is still interpreted: optimised before
 * that, the loop would be deoptimised (and recompiled) the first time it grew.
 */
class TimeColumn {
  private ms = new Float64Array(8);
  private length = 0;
  push(ms: number): void {
    if (this.length === this.ms.length) {
      const grown = new Float64Array(this.ms.length * 2);
      grown.set(this.ms);
      this.ms = grown;
    }
    this.ms[this.length++] = ms;
  }
  values(): Float64Array {
    return this.ms.slice(0, this.length);
  }
}

const NO_RULES: RowRule = () => true;

/**
 * An empty array that already holds objects as far as V8 knows (a new `[]` starts as an array of small
 * integers, and the row loop, optimised for the last sheet's array of records, was deoptimised at the
 * first record pushed to the next sheet's).
 */
function objectArray<T extends object>(): T[] {
  const a: (T | object)[] = [{}];
  a.length = 0;
  return a as T[];
}

function readSheet(
  def: SheetDef,
  table: SheetSource,
  parseEvent: (v: CellValue) => Parsed<string>,
  errors: WorkbookError[],
  report: ReadReport,
  sheetCodes: Set<string>,
  seenKeys: Map<string, TownshipKeys>,
): { rows: Row[]; instants: Map<string, Float64Array> } {
  const keys = new TownshipKeys();
  seenKeys.set(def.name, keys);
  const sheet = table.label;
  // Only the rows other sheets name are looked up (a visit's key person, an attempt's dispute).
  const keepKeys = REFERENCED.has(def.name);
  const visitor = new SheetVisitor(
    (row, cells) => {
      if (row !== 1) return "headerless";
      const columns = readHeader(def, cells, sheet, parseEvent, errors, report);
      return columns ? new RowReader(def, columns, sheet, errors, sheetCodes, keys, keepKeys) : "skip";
    },
    () => missingColumns(def, sheet, new Set(), errors),
  );
  table.forEachRow((row, cells) => visitor.visit(row, cells));
  const state = visitor.state;
  if (!(state instanceof RowReader)) return { rows: [], instants: new Map() };
  const { rows, times, c } = state;
  return {
    rows,
    instants: new Map(times.map((t, k) => [c.timeKeys[k] as string, t.values()])),
  };
}

/**
 * A sheet's rows in order: the first (the header, read by `start`), then the data rows to the
 * RowReader. The data rows take the short path of `visit`; the header and the sheets that are not
 * read take `other`, its own function: compiled into the hot path (the worksheet scanner inlines
 * `visit`), the once-per-sheet branch made V8 deoptimise the scanner at the start of each sheet.
 */
class SheetVisitor {
  /**
   * Until the first row: undefined; then the reader, or "skip" once columns are missing, or
   * "headerless" when the first row was not row 1 (the required columns are then reported at the
   * first non-blank data row).
   */
  state: RowReader | "skip" | "headerless" | undefined;

  constructor(
    private readonly start: (row: number, cells: readonly CellValue[]) => RowReader | "skip" | "headerless",
    private readonly reportHeaderless: () => void,
  ) {}

  visit(row: number, cells: readonly CellValue[]): void {
    const state = this.state;
    if (typeof state === "object") {
      if (!isBlankRow(cells)) state.read(row, cells);
    } else this.other(row, cells);
  }

  private other(row: number, cells: readonly CellValue[]): void {
    if (this.state === undefined) {
      this.state = this.start(row, cells);
      if (this.state !== "headerless") return;
    }
    if (this.state === "skip" || isBlankRow(cells)) return;
    if (this.state === "headerless") {
      this.reportHeaderless();
      this.state = "skip";
      return;
    }
    (this.state as RowReader).read(row, cells);
  }
}

function isBlankRow(cells: readonly CellValue[]): boolean {
  for (let k = 0; k < cells.length; k++) if (!isBlank(cells[k] as CellValue)) return false;
  return true;
}

function crossCheck(
  records: WorkbookRecords,
  options: ReadOptions,
  codes: ReadonlySet<string> | null,
  seenKeys: ReadonlyMap<string, TownshipKeys>,
  label: (sheet: string) => string,
  errors: WorkbookError[],
): void {
  const err = (sheet: string, row: number, column: string, message: string) =>
    errors.push({ sheet: label(sheet), row, column, message });

  // Unique keys (a township's code; a record's 编号 within its township), and the townships rows name.
  const rowsOf = (def: SheetDef) =>
    def.key === "county" ? [] : (records[def.key] as (ParsedRow & { townshipCode?: string })[]);
  for (const def of SHEETS) {
    if (!def.unique) continue;
    const { column, key } = def.unique;
    const seen = new TownshipKeys<number>();
    for (const r of rowsOf(def)) {
      const code = r.townshipCode ?? "";
      const k = key(r);
      const before = seen.get(code, k);
      if (before === undefined) seen.set(code, k, r.row);
      else err(def.name, r.row, column, `与第${before}行重复`);
    }
  }
  const where = options.townshipCodes ? "不是本次可导入的乡镇" : "不在「乡镇」表中";
  if (codes)
    for (const def of SHEETS) {
      if (!def.townshipCoded) continue;
      for (const r of rowsOf(def) as { row: number; townshipCode: string }[])
        if (!codes.has(r.townshipCode))
          err(def.name, r.row, "乡镇代码", `乡镇代码「${r.townshipCode}」${where}`);
    }

  // A visit names a key person of its township, in this file or already recorded.
  const keyPersons = seenKeys.get("重点人员");
  const knownKeyPersons = new TownshipKeys().addAll(options.knownKeyPersons, true);
  for (const v of records.visits)
    if (
      !keyPersons?.has(v.townshipCode, v.keyPersonId) &&
      !knownKeyPersons.has(v.townshipCode, v.keyPersonId)
    )
      err("走访", v.row, "重点人员编号", `乡镇 ${v.townshipCode} 没有编号为「${v.keyPersonId}」的重点人员`);

  // A mediation attempt names a dispute of its township.
  const disputes = seenKeys.get("矛盾纠纷");
  const knownDisputes = new TownshipKeys().addAll(options.knownDisputes, true);
  for (const a of records.attempts) {
    if (!disputes?.has(a.townshipCode, a.disputeId) && !knownDisputes.has(a.townshipCode, a.disputeId))
      err("调解记录", a.row, "纠纷编号", `乡镇 ${a.townshipCode} 没有编号为「${a.disputeId}」的矛盾纠纷`);
  }
}

/** Each dispute's attempts and attemptLevels: its 调解记录 rows ordered by 调解时间, ties by row order. */
function attachAttempts(records: WorkbookRecords): void {
  const byDispute = new TownshipKeys<WorkbookRecords["attempts"]>();
  for (const a of records.attempts) {
    const list = byDispute.get(a.townshipCode, a.disputeId);
    if (list) list.push(a);
    else byDispute.set(a.townshipCode, a.disputeId, [a]);
  }
  for (const d of records.disputes) {
    const list = byDispute.get(d.townshipCode, d.id);
    if (!list) {
      d.attempts = 0;
      d.attemptLevels = [];
      continue;
    }
    // Array.prototype.sort is stable, and rows are in sheet order: equal times keep row order. Most
    // files list a dispute's attempts in time order already: then there is nothing to sort.
    let ordered = true;
    for (let i = 1; i < list.length && ordered; i++)
      ordered = (list[i - 1] as { at: string }).at <= (list[i] as { at: string }).at;
    const sorted = ordered ? list : [...list].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
    d.attempts = sorted.length;
    d.attemptLevels = sorted.map((a) => a.level);
  }
}
