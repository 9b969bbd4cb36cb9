import * as z from "zod";
import { input, instant, int, oneOf, optionalText, text } from "./fields";
import { keyPersonCategoryCode } from "./key-persons";
import { fieldError } from "./messages";
import {
  ATTEMPT_RESULTS,
  DISPUTE_LEVELS,
  DISPUTE_OUTCOMES,
  INCIDENT_KINDS,
  INCIDENT_SEVERITIES,
} from "./records";

/**
 * Records in and out by workbook (shared/spec/import.md): one row of a record sheet as the admin app sends
 * it after reading the file with @pingan/workbook, and as the export returns it. Field names follow the
 * workbook's typed rows (and so the create inputs of ./records); `sourceId` is the row's 编号, `row` its
 * Excel row (for messages). The server validates every row again with these schemas.
 */

/** At most this many rows (records; a dispute's 调解记录 ride along with it) in one preview/commit call. */
export const MAX_IMPORT_BATCH = 500;
/** At most this many mediation attempts on one dispute (as the disputes router allows). */
export const MAX_IMPORT_ATTEMPTS = 30;
/** At most this many rows in one export page. */
export const MAX_EXPORT_PAGE = 1000;

export const IMPORT_KINDS = ["dispute", "petition", "incident", "keyPerson", "visit", "event"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The sheet each kind is read from (for messages: 「矛盾纠纷 第7行」). */
export const IMPORT_SHEET_NAMES: Record<ImportKind, string> = {
  dispute: "矛盾纠纷",
  petition: "信访",
  incident: "案件",
  keyPerson: "重点人员",
  visit: "走访",
  event: "工作纪实",
};

export const townshipCode = (label = "乡镇代码") =>
  z.string({ error: fieldError(label) }).regex(/^\d{9}$/, { error: `「${label}」应为 9 位数字` });

/** A source system's id (编号): any text without control characters, unique per kind within a township. */
export const sourceId = (label = "编号") =>
  z
    .string({ error: fieldError(label) })
    .trim()
    .min(1)
    .max(64)
    .regex(/^[^\p{Cc}]+$/u, { error: `「${label}」不能含控制字符` });

const place = {
  village: optionalText("村（社区）", 50),
  grid: optionalText("网格", 50),
  responsible: optionalText("责任人", 50),
};
const common = {
  row: int("行号", 2, 1_048_576),
  sourceId: sourceId(),
  townshipCode: townshipCode(),
  ...place,
};

export const importAttempt = z.object(
  {
    at: instant("调解时间"),
    level: oneOf("调解层级", DISPUTE_LEVELS),
    mediator: optionalText("调解人", 50),
    result: oneOf("调解结果", ATTEMPT_RESULTS),
    note: optionalText("调解情况", 1000),
  },
  { error: fieldError("调解记录") },
);

export const importDisputeRow = z.object({
  type: z.literal("dispute"),
  ...common,
  level: oneOf("纠纷等级", DISPUTE_LEVELS),
  reportedAt: instant("上报时间"),
  category: optionalText("纠纷类别", 50),
  partiesBrief: optionalText("当事人简况", 200),
  summary: optionalText("纠纷概要", 2000),
  closedAt: instant("办结时间").optional(),
  outcome: oneOf("办结结果", DISPUTE_OUTCOMES).optional(),
  /** The dispute's 调解记录 rows, in order of 调解时间 (equal times: in row order). */
  attempts: z.array(importAttempt, { error: fieldError("调解记录") }).max(MAX_IMPORT_ATTEMPTS),
});

export const importPetitionRow = z.object({
  type: z.literal("petition"),
  ...common,
  receivedAt: instant("受理时间"),
  subject: optionalText("信访事项", 200),
  petitionerBrief: optionalText("信访人简况", 200),
  skipLevel: z.boolean({ error: fieldError("是否越级") }),
  collective: z.boolean({ error: fieldError("是否集体访") }),
  firstHandledAt: instant("首办时间").optional(),
  closedAt: instant("办结时间").optional(),
  settled: z.boolean({ error: fieldError("是否息诉息访") }).optional(),
});

export const importIncidentRow = z.object({
  type: z.literal("incident"),
  ...common,
  occurredAt: instant("发案时间"),
  kind: oneOf("案件类别", INCIDENT_KINDS),
  severity: oneOf("严重程度", INCIDENT_SEVERITIES),
  summary: optionalText("简要案情", 1000),
});

export const importKeyPersonRow = z.object({
  type: z.literal("keyPerson"),
  ...common,
  /** A category code of the county's (checked against its list on the server). */
  category: keyPersonCategoryCode("人员类别"),
  registeredAt: instant("列管时间"),
  alias: optionalText("人员代称", 20),
  deregisteredAt: instant("解除列管时间").optional(),
  visitsPerMonth: int("每月走访次数", 1, 100).optional(),
  visitsPerQuarter: int("每季走访次数", 1, 100).optional(),
  note: optionalText("备注", 500),
});

export const importVisitRow = z.object({
  type: z.literal("visit"),
  ...common,
  /** The key person's 编号 (重点人员编号), in this file or already recorded for the township. */
  keyPersonSourceId: sourceId("重点人员编号"),
  at: instant("走访时间"),
  note: optionalText("走访情况", 1000),
});

export const importEventRow = z.object({
  type: z.literal("event"),
  ...common,
  kind: z
    .string({ error: fieldError("事件类型") })
    .regex(/^[a-z][a-z0-9_]{1,48}$/, { error: "「事件类型」应为小写英文代码，例如 monthly_meeting" }),
  occurredAt: instant("发生时间"),
  count: int("次数", 1, 10_000),
  note: optionalText("说明", 1000),
});

/** One record row; `type` says which sheet (an incident's and an event's own `kind` is 案件类别 / 事件类型). */
export const importRow = z.discriminatedUnion(
  "type",
  [
    importDisputeRow,
    importPetitionRow,
    importIncidentRow,
    importKeyPersonRow,
    importVisitRow,
    importEventRow,
  ],
  { error: () => "「记录类型」（type）应为 dispute、petition、incident、keyPerson、visit、event 之一" },
);
export type ImportRow = z.infer<typeof importRow>;
export type ImportRowInput = z.input<typeof importRow>;

const rows = z
  .array(importRow, { error: fieldError("导入行") })
  .min(1, { error: "「导入行」不能为空" })
  .max(MAX_IMPORT_BATCH, { error: `每批最多 ${MAX_IMPORT_BATCH} 行，请分批导入` });

/**
 * Key persons (乡镇代码 + 编号) that rows of the same file create in an earlier batch: a visit in this
 * batch may name them before they are stored (preview only; commit needs them stored).
 */
const pendingKeyPersons = z
  .array(z.object({ townshipCode: townshipCode(), sourceId: sourceId("重点人员编号") }), {
    error: fieldError("文件中的重点人员"),
  })
  .max(50_000)
  .optional();

const file = {
  fileName: text("文件名", 255),
  fileDigest: z
    .string({ error: fieldError("文件摘要") })
    .regex(/^[0-9a-f]{64}$/, { error: "「文件摘要」应为 64 位十六进制 SHA-256" }),
};

/** Township scope: `townshipId` is the caller's township; a row with another 乡镇代码 is an error. */
export const importPreviewInput = input({ rows, pendingKeyPersons });
export const importCommitInput = input({ ...file, rows });
/** County scope: rows for any township of the caller's county, found by 乡镇代码. */
export const importPreviewCountyInput = input({ rows, pendingKeyPersons });
export const importCommitCountyInput = input({ ...file, rows });

/** Export: a township's records (optionally of one month or year), or a county's (a month or a year). */
const exportPeriod = z
  .string({ error: fieldError("导出期间") })
  .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, { error: "「导出期间」应为月（2026-10）或年（2026）" });
const exportPage = {
  type: oneOf("记录类型", IMPORT_KINDS),
  cursor: z
    .string({ error: fieldError("分页游标") })
    .max(4096)
    .nullish(),
  limit: int("每页条数", 1, MAX_EXPORT_PAGE).default(500),
};
export const importExportInput = input({ period: exportPeriod.optional(), ...exportPage });
export const importExportCountyInput = input({ period: exportPeriod, ...exportPage });

export const IMPORT_ROW_STATUSES = ["new", "changed", "unchanged", "locked", "error"] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

/** What preview says about one row. */
export type ImportRowResult = {
  row: number;
  type: ImportKind;
  sourceId: string;
  townshipCode: string;
  /** The township's id, when the code is one of the caller's. */
  townshipId?: string;
  status: ImportRowStatus;
  /** For locked: the months (YYYY-MM) that are submitted, approved or published; for changed: the fields. */
  months?: string[];
  changedFields?: string[];
  /** For error and locked: Chinese messages, each naming the sheet, row and column. */
  messages?: string[];
};
export type ImportCounts = { new: number; changed: number; unchanged: number; locked: number; error: number };
export type ImportPreviewResult = { rows: ImportRowResult[]; counts: ImportCounts };
/** What commit did: new and changed rows written, the rest left alone (locked rows are reported). */
export type ImportCommitResult = {
  created: number;
  updated: number;
  unchanged: number;
  locked: number;
  lockedRows: ImportRowResult[];
};
export type ImportExportResult = { rows: ImportRow[]; cursor: string | null };

/**
 * The workbook's typed rows (@pingan/workbook's `WorkbookRecords`, structurally) → import rows, key persons
 * first (a visit names one), each dispute carrying its 调解记录 rows in order of 调解时间 (ties: row order).
 * The admin app sends these in batches; the bench does the same.
 */
type Row = { row: number; townshipCode: string; village?: string; grid?: string; responsible?: string };
type WithId = Row & { id: string };
export type WorkbookRecordsLike = {
  disputes: (WithId & Record<string, unknown>)[];
  attempts: (Row & { disputeId: string; at: string } & Record<string, unknown>)[];
  petitions: (WithId & Record<string, unknown>)[];
  incidents: (WithId & Record<string, unknown>)[];
  keyPersons: (WithId & Record<string, unknown>)[];
  visits: (WithId & { keyPersonId: string } & Record<string, unknown>)[];
  events: (WithId & Record<string, unknown>)[];
};

const ATTEMPT_FIELDS = ["at", "level", "mediator", "result", "note"] as const;
const pick = (x: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => x[k] !== undefined).map((k) => [k, x[k]]));
const PLACE_FIELDS = ["village", "grid", "responsible"] as const;
const ROW_FIELDS: Record<ImportKind, readonly string[]> = {
  dispute: ["level", "reportedAt", "category", "partiesBrief", "summary", "closedAt", "outcome"],
  petition: [
    "receivedAt",
    "subject",
    "petitionerBrief",
    "skipLevel",
    "collective",
    "firstHandledAt",
    "closedAt",
    "settled",
  ],
  incident: ["occurredAt", "kind", "severity", "summary"],
  keyPerson: [
    "category",
    "registeredAt",
    "alias",
    "deregisteredAt",
    "visitsPerMonth",
    "visitsPerQuarter",
    "note",
  ],
  visit: ["at", "note"],
  event: ["kind", "occurredAt", "count", "note"],
};

export function importRowsOf(records: WorkbookRecordsLike): ImportRowInput[] {
  const attemptsOf = new Map<string, WorkbookRecordsLike["attempts"]>();
  for (const a of records.attempts) {
    const k = `${a.townshipCode}/${a.disputeId}`;
    const list = attemptsOf.get(k) ?? [];
    list.push(a);
    attemptsOf.set(k, list);
  }
  const base = (type: ImportKind, r: WithId & Record<string, unknown>) => ({
    type,
    row: r.row,
    sourceId: r.id,
    townshipCode: r.townshipCode,
    ...pick(r, PLACE_FIELDS),
    ...pick(r, ROW_FIELDS[type]),
  });
  const out: Record<string, unknown>[] = [];
  for (const r of records.keyPersons) out.push(base("keyPerson", r));
  for (const r of records.disputes) {
    const attempts = [...(attemptsOf.get(`${r.townshipCode}/${r.id}`) ?? [])]
      .map((a, i) => ({ a, i }))
      .sort((x, y) => (x.a.at < y.a.at ? -1 : x.a.at > y.a.at ? 1 : x.i - y.i))
      .map(({ a }) => pick(a, ATTEMPT_FIELDS));
    out.push({ ...base("dispute", r), attempts });
  }
  for (const r of records.petitions) out.push(base("petition", r));
  for (const r of records.incidents) out.push(base("incident", r));
  for (const r of records.visits) out.push({ ...base("visit", r), keyPersonSourceId: r.keyPersonId });
  for (const r of records.events) out.push(base("event", r));
  return out as ImportRowInput[];
}

/**
 * Import rows (an export's pages) → the workbook's rows, for @pingan/workbook's `writeXlsx` /
 * `writeCsvFiles`: 编号 back to `id`, a dispute's attempts to 调解记录 rows. Row numbers are renumbered.
 */
export function workbookRecordsOf(rows: readonly ImportRow[]) {
  const sheets = {
    disputes: [] as Record<string, unknown>[],
    attempts: [] as Record<string, unknown>[],
    petitions: [] as Record<string, unknown>[],
    incidents: [] as Record<string, unknown>[],
    keyPersons: [] as Record<string, unknown>[],
    visits: [] as Record<string, unknown>[],
    events: [] as Record<string, unknown>[],
  };
  const key: Record<ImportKind, keyof typeof sheets> = {
    dispute: "disputes",
    petition: "petitions",
    incident: "incidents",
    keyPerson: "keyPersons",
    visit: "visits",
    event: "events",
  };
  for (const r of rows) {
    const list = sheets[key[r.type]];
    const out: Record<string, unknown> = {
      row: list.length + 2,
      id: r.sourceId,
      townshipCode: r.townshipCode,
      ...pick(r, PLACE_FIELDS),
      ...pick(r, ROW_FIELDS[r.type]),
    };
    if (r.type === "visit") out.keyPersonId = r.keyPersonSourceId;
    if (r.type === "dispute") {
      out.attempts = r.attempts.length;
      out.attemptLevels = r.attempts.map((a) => a.level);
      for (const a of r.attempts)
        sheets.attempts.push({
          row: sheets.attempts.length + 2,
          disputeId: r.sourceId,
          townshipCode: r.townshipCode,
          ...pick(a, ATTEMPT_FIELDS),
        });
    }
    list.push(out);
  }
  return sheets;
}
