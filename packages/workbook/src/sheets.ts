import type {
  DisputeLevel,
  DisputeOutcome,
  IncidentKind,
  IncidentSeverity,
  KeyPersonCategory,
} from "@pingan/domain";
import {
  ATTEMPT_RESULTS,
  CATEGORIES,
  type CellValue,
  type enumeration,
  INCIDENT_KINDS,
  LEVELS,
  OUTCOMES,
  SEVERITIES,
} from "./values";

/** The record workbook's rows (shared/spec/import.md), typed. Field names follow the API's create inputs. */

export type AttemptResult = "success" | "partial" | "failed";

/** The names the township uses for where a record belongs; the app files the record under them. */
export type Place = { village?: string; grid?: string; responsible?: string };
/** The row as Excel numbers it (the header is row 1). */
type At = { row: number };

export type CountyRow = At & { id: string; name: string };
export type TownshipRow = At & { code: string; name: string; population: number };
export type DisputeRow = At &
  Place & {
    id: string;
    townshipCode: string;
    level: DisputeLevel;
    reportedAt: string;
    category?: string;
    partiesBrief?: string;
    summary?: string;
    closedAt?: string;
    outcome?: DisputeOutcome;
    /** From the 调解记录 sheet: how many attempts, and their levels ordered by 调解时间 (ties: row order). */
    attempts: number;
    attemptLevels: DisputeLevel[];
  };
export type AttemptRow = At &
  Place & {
    disputeId: string;
    townshipCode: string;
    at: string;
    level: DisputeLevel;
    mediator?: string;
    result: AttemptResult;
    note?: string;
  };
export type PetitionRow = At &
  Place & {
    id: string;
    townshipCode: string;
    receivedAt: string;
    subject?: string;
    petitionerBrief?: string;
    skipLevel: boolean;
    collective: boolean;
    firstHandledAt?: string;
    closedAt?: string;
    /** Blank reads as 否 when the petition is closed, and stays absent while it is open. */
    settled?: boolean;
  };
export type IncidentRow = At &
  Place & {
    id: string;
    townshipCode: string;
    occurredAt: string;
    kind: IncidentKind;
    severity: IncidentSeverity;
    summary?: string;
  };
export type KeyPersonRow = At &
  Place & {
    id: string;
    townshipCode: string;
    category: KeyPersonCategory;
    registeredAt: string;
    alias?: string;
    deregisteredAt?: string;
    visitsPerMonth?: number;
    visitsPerQuarter?: number;
    note?: string;
  };
export type VisitRow = At &
  Place & { id: string; townshipCode: string; keyPersonId: string; at: string; note?: string };
export type EventRow = At &
  Place & {
    id: string;
    townshipCode: string;
    kind: string;
    occurredAt: string;
    count: number;
    note?: string;
  };
export type ManualScoreRow = At & { townshipCode: string; period: string; indicator: string; score: number };

/** Everything a workbook holds, sheet by sheet. Instants are UTC ISO strings (`toISOString`). */
export type WorkbookRecords = {
  county?: CountyRow;
  townships: TownshipRow[];
  disputes: DisputeRow[];
  attempts: AttemptRow[];
  petitions: PetitionRow[];
  incidents: IncidentRow[];
  keyPersons: KeyPersonRow[];
  visits: VisitRow[];
  events: EventRow[];
  manualScores: ManualScoreRow[];
};

export type ColumnKind =
  | "text"
  | "code"
  | "time"
  | "yesno"
  | "int0"
  | "int1"
  | "number"
  | "month"
  | "event"
  | { enumeration: ReturnType<typeof enumeration<string>> };

export type Column = {
  header: string;
  key: string;
  kind: ColumnKind;
  required?: boolean;
  /** The template's example value. */
  example: CellValue;
};

export type SheetName =
  | "县"
  | "乡镇"
  | "矛盾纠纷"
  | "调解记录"
  | "信访"
  | "案件"
  | "重点人员"
  | "走访"
  | "工作纪实"
  | "人工评分";
export type RecordsKey = Exclude<keyof WorkbookRecords, "county"> | "county";

/** A row being read, its cells parsed (absent when blank): the row rules may fill defaults into it. */
export type ParsedRow = Record<string, unknown> & { row: number };

/**
 * The rules inside one row, after every cell parsed: `fail(column, message)` reports the row wrong
 * (and returns false, so a rule can `return fail(…)`); true when the row is right.
 */
export type RowRule = (r: ParsedRow, fail: (column: string, message: string) => false) => boolean;

export type SheetDef = {
  name: SheetName;
  key: RecordsKey;
  columns: Column[];
  note: string;
  /** Rows carry a 乡镇代码 that must be one the file (or the caller) allows. */
  townshipCoded: boolean;
  /** What is unique within a township (the 编号 of a kind), and the column an error names. */
  unique?: { column: string; key: (r: ParsedRow) => string };
  rules?: RowRule;
};

const req = (header: string, key: string, kind: ColumnKind, example: CellValue): Column => ({
  header,
  key,
  kind,
  required: true,
  example,
});
const col = (header: string, key: string, kind: ColumnKind, example: CellValue): Column => ({
  header,
  key,
  kind,
  example,
});
const en = (e: ReturnType<typeof enumeration<string>>): ColumnKind => ({ enumeration: e });

const PLACE: Column[] = [
  col("村（社区）", "village", "text", "东风村"),
  col("网格", "grid", "text", "东风村第一网格"),
  col("责任人", "responsible", "text", "李明"),
];
const CODE = req("乡镇代码", "townshipCode", "code", "510722100");
const BY_ID = { column: "编号", key: (r: ParsedRow) => r.id as string };

/** Time `later` (when given) not before `earlier`. */
const notBefore = (r: ParsedRow, later: string, earlier: string) =>
  r[later] === undefined || (r[later] as string) >= (r[earlier] as string);

/**
 * A sheet of one kind of record, as every record sheet is shaped: 编号 and 乡镇代码 first, the kind's
 * own columns, then where the record belongs (村（社区）, 网格, 责任人); 编号 unique within a township.
 */
function recordSheet(
  name: SheetName,
  key: RecordsKey,
  idExample: string,
  note: string,
  columns: Column[],
  rules?: RowRule,
): SheetDef {
  const def: SheetDef = {
    name,
    key,
    note,
    columns: [req("编号", "id", "text", idExample), CODE, ...columns, ...PLACE],
    townshipCoded: true,
    unique: BY_ID,
  };
  return rules ? { ...def, rules } : def;
}

export const SHEETS: readonly SheetDef[] = [
  {
    name: "县",
    key: "county",
    note: "一行：县编号与县名称（命令行读取，应用导入时忽略）",
    columns: [req("县编号", "id", "text", "county-7"), req("县名称", "name", "text", "示范县")],
    townshipCoded: false,
  },
  {
    name: "乡镇",
    key: "townships",
    note: "每个乡镇一行；户籍人口为正整数",
    columns: [
      req("乡镇代码", "code", "code", "510722100"),
      req("乡镇名称", "name", "text", "城关镇"),
      req("户籍人口", "population", "int1", 8608),
    ],
    townshipCoded: false,
    unique: { column: "乡镇代码", key: (r) => r.code as string },
  },
  recordSheet(
    "矛盾纠纷",
    "disputes",
    "JF-2026-0001",
    "填写办结时间时必须填写办结结果；办结时间不得早于上报时间",
    [
      req("纠纷等级", "level", en(LEVELS), "蓝色"),
      req("上报时间", "reportedAt", "time", "2026-10-05 09:30"),
      col("纠纷类别", "category", "text", "邻里纠纷"),
      col("当事人简况", "partiesBrief", "text", "张某与王某，相邻宅基地"),
      col("纠纷概要", "summary", "text", "因排水沟占地发生争执"),
      col("办结时间", "closedAt", "time", "2026-10-08 16:00"),
      col("办结结果", "outcome", en(OUTCOMES), "化解成功"),
    ],
    (r, fail) => {
      if (r.closedAt !== undefined && r.outcome === undefined)
        return fail("办结结果", "填写了办结时间时必填");
      if (r.closedAt === undefined && r.outcome !== undefined)
        return fail("办结结果", "未填写办结时间，不能填写办结结果");
      if (!notBefore(r, "closedAt", "reportedAt")) return fail("办结时间", "早于上报时间");
      return true;
    },
  ),
  {
    name: "调解记录",
    key: "attempts",
    note: "每次调解一行；纠纷的调解次数为其行数，调解层级按调解时间排序",
    columns: [
      req("纠纷编号", "disputeId", "text", "JF-2026-0001"),
      CODE,
      req("调解时间", "at", "time", "2026-10-06 10:00"),
      req("调解层级", "level", en(LEVELS), "蓝色"),
      col("调解人", "mediator", "text", "网格员李明"),
      req("调解结果", "result", en(ATTEMPT_RESULTS), "调解成功"),
      col("调解情况", "note", "text", "双方达成口头协议"),
      ...PLACE,
    ],
    townshipCoded: true,
  },
  recordSheet(
    "信访",
    "petitions",
    "XF-2026-0001",
    "是否类列填 是/否（Y/N、true/false、1/0），空白为否",
    [
      req("受理时间", "receivedAt", "time", "2026-10-09 09:00"),
      col("信访事项", "subject", "text", "反映道路施工扰民"),
      col("信访人简况", "petitionerBrief", "text", "刘某，东风村村民"),
      col("是否越级", "skipLevel", "yesno", "否"),
      col("是否集体访", "collective", "yesno", "否"),
      col("首办时间", "firstHandledAt", "time", "2026-10-10 10:00"),
      col("办结时间", "closedAt", "time", "2026-10-20 17:00"),
      col("是否息诉息访", "settled", "yesno", "是"),
    ],
    (r, fail) => {
      r.skipLevel ??= false;
      r.collective ??= false;
      if (r.closedAt !== undefined) r.settled ??= false;
      if (!notBefore(r, "closedAt", "receivedAt")) return fail("办结时间", "早于受理时间");
      if (!notBefore(r, "firstHandledAt", "receivedAt")) return fail("首办时间", "早于受理时间");
      return true;
    },
  ),
  recordSheet("案件", "incidents", "AJ-2026-0001", "案件类别：刑事/治安；严重程度：一般/重大", [
    req("发案时间", "occurredAt", "time", "2026-10-12 22:15"),
    req("案件类别", "kind", en(INCIDENT_KINDS), "治安"),
    req("严重程度", "severity", en(SEVERITIES), "一般"),
    col("简要案情", "summary", "text", "酒后滋事"),
  ]),
  recordSheet(
    "重点人员",
    "keyPersons",
    "ZD-0001",
    "每月走访次数与每季走访次数至多填一项；都不填时按人员类别的走访频次（命令行按每月 1 次）",
    [
      req("人员类别", "category", en(CATEGORIES), "社区矫正对象"),
      req("列管时间", "registeredAt", "time", "2026-01-15"),
      col("人员代称", "alias", "text", "矫正对象甲"),
      col("解除列管时间", "deregisteredAt", "time", null),
      col("每月走访次数", "visitsPerMonth", "int1", 1),
      col("每季走访次数", "visitsPerQuarter", "int1", null),
      col("备注", "note", "text", null),
    ],
    (r, fail) => {
      if (r.visitsPerMonth !== undefined && r.visitsPerQuarter !== undefined)
        return fail("每季走访次数", "每月走访次数与每季走访次数至多填写一项");
      if (!notBefore(r, "deregisteredAt", "registeredAt")) return fail("解除列管时间", "早于列管时间");
      return true;
    },
  ),
  recordSheet("走访", "visits", "ZF-2026-0001", "重点人员编号须为本文件或本乡镇已登记的重点人员", [
    req("重点人员编号", "keyPersonId", "text", "ZD-0001"),
    req("走访时间", "at", "time", "2026-10-15 15:00"),
    col("走访情况", "note", "text", "情绪稳定"),
  ]),
  recordSheet(
    "工作纪实",
    "events",
    "JS-2026-0001",
    "事件类型填事件代码（如 monthly_meeting）或其中文名称（如 综治例会）；次数空白为 1",
    [
      req("事件类型", "kind", "event", "综治例会"),
      req("发生时间", "occurredAt", "time", "2026-10-08 09:00"),
      col("次数", "count", "int1", 1),
      col("说明", "note", "text", "十月综治例会"),
    ],
    (r) => {
      r.count ??= 1;
      return true;
    },
  ),
  {
    name: "人工评分",
    key: "manualScores",
    note: "月份为 YYYY-MM，指标为考核细则中的指标代码（命令行读取，应用导入时忽略）",
    columns: [
      CODE,
      req("月份", "period", "month", "2026-10"),
      req("指标", "indicator", "text", "grassroots"),
      req("得分", "score", "number", 8.5),
    ],
    townshipCoded: true,
    unique: { column: "指标", key: (r) => `${r.period}/${r.indicator}` },
  },
];

export const SHEET_BY_NAME: ReadonlyMap<string, SheetDef> = new Map(SHEETS.map((s) => [s.name, s]));

/** What a column accepts, in words (the template's 说明 sheet). */
export function acceptedValues(c: Column): string {
  if (typeof c.kind === "object") return c.kind.enumeration.accepted;
  switch (c.kind) {
    case "text":
      return "文字";
    case "code":
      return "9 位乡镇代码（文本或数字单元格）";
    case "time":
      return "日期时间单元格（按北京时间），或 YYYY-MM-DD HH:mm[:ss]、YYYY/MM/DD HH:mm[:ss]、带时区的 ISO-8601；只有日期时为当日 00:00";
    case "yesno":
      return "是 / 否、Y / N、true / false、1 / 0；空白为否";
    case "int0":
      return "不小于 0 的整数";
    case "int1":
      return c.key === "count" ? "正整数；空白为 1" : "正整数";
    case "number":
      return "不小于 0 的数";
    case "month":
      return "YYYY-MM";
    case "event":
      return "事件代码（如 monthly_meeting）或事件名称（如 综治例会）";
  }
}
