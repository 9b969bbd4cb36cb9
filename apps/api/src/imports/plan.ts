import {
  IMPORT_SHEET_NAMES,
  type ImportCounts,
  type ImportKind,
  type ImportRow,
  type ImportRowResult,
} from "@pingan/contracts";
import type { Db, ItemOf } from "@pingan/data";
import { monthOf } from "@pingan/domain";
import { type NameResolver, nameResolver } from "../organisation/import-names";
import { hasSubmitted } from "../submissions/deadline";
import { candidateIds, changedFields, ENTITY, fieldsOf, importedId, SK_PREFIX, TIME_FIELDS } from "./kinds";
import { getRecords, getSubmissions, publishedPeriods } from "./store";
import { checkVocabularies } from "./vocabulary";

type Township = ItemOf<"township">;
type AnyRecord = Record<string, unknown>;

/** Where a batch may write: one township (its admin), or the county's active townships (the county admin). */
export type ImportScope =
  | { kind: "township"; township: Township }
  | { kind: "county"; countyId: string; townships: Township[] };

/** A row, checked and compared with what is stored: what preview shows and commit writes. */
export type PlannedRow = {
  row: ImportRow;
  result: ImportRowResult;
  township?: Township;
  /** The record id it is (or will be) stored under. */
  id?: string;
  current?: AnyRecord & { version: number };
  next?: AnyRecord;
  changed?: string[];
};

const column: Record<string, string> = {
  sourceId: "编号",
  townshipCode: "乡镇代码",
  keyPersonSourceId: "重点人员编号",
  closedAt: "办结时间",
  outcome: "办结结果",
  attempts: "调解时间",
  firstHandledAt: "首办时间",
  deregisteredAt: "解除列管时间",
  visitsPerQuarter: "每季走访次数",
  village: "村（社区）",
  grid: "网格",
  responsible: "责任人",
};
const say = (r: ImportRow, field: string, what: string) =>
  `${IMPORT_SHEET_NAMES[r.type]} 第${r.row}行「${column[field] ?? field}」：${what}`;

/** The rules of scoring.md §2 a single row can break (the create forms enforce the same). */
function rowRules(r: ImportRow): string[] {
  const out: string[] = [];
  switch (r.type) {
    case "dispute":
      if (r.closedAt && r.closedAt < r.reportedAt) out.push(say(r, "closedAt", "不能早于上报时间"));
      if (r.closedAt && !r.outcome) out.push(say(r, "outcome", "填写办结时间时必须填写办结结果"));
      if (!r.closedAt && r.outcome) out.push(say(r, "outcome", "未办结的纠纷不能填写办结结果"));
      if (r.attempts.some((a) => a.at < r.reportedAt))
        out.push(
          `${IMPORT_SHEET_NAMES[r.type]} 第${r.row}行 对应的调解记录「调解时间」：不能早于纠纷的上报时间`,
        );
      break;
    case "petition":
      if (r.firstHandledAt && r.firstHandledAt < r.receivedAt)
        out.push(say(r, "firstHandledAt", "不能早于受理时间"));
      if (r.closedAt && r.closedAt < r.receivedAt) out.push(say(r, "closedAt", "不能早于受理时间"));
      break;
    case "keyPerson":
      if (r.deregisteredAt && r.deregisteredAt < r.registeredAt)
        out.push(say(r, "deregisteredAt", "不能早于列管时间"));
      if (r.visitsPerMonth !== undefined && r.visitsPerQuarter !== undefined)
        out.push(say(r, "visitsPerQuarter", "每月走访次数与每季走访次数至多填一项"));
      break;
    default:
      break;
  }
  return out;
}

const QUARTER_OF = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

/** The months (China time) a new or changed record reaches: a scored field reaches all its times' months. */
function touchedMonths(type: ImportKind, current: AnyRecord | undefined, next: AnyRecord, changed: string[]) {
  const times = TIME_FIELDS[type];
  const scoredChange = changed.some(
    (f) => !times.includes(f) && !["village", "grid", "responsible", "sourceId"].includes(f),
  );
  const fields = current === undefined || scoredChange ? times : times.filter((f) => changed.includes(f));
  const months = new Set<string>();
  for (const f of fields)
    for (const v of [current?.[f], next[f]]) if (typeof v === "string" && v !== "") months.add(monthOf(v));
  if (type === "dispute")
    for (const list of [current?.attempts, next.attempts])
      if ((current === undefined || scoredChange || changed.includes("attempts")) && Array.isArray(list))
        for (const a of list as { at: string }[]) months.add(monthOf(a.at));
  return [...months].sort();
}

export const countsOf = (rows: ImportRowResult[]): ImportCounts => {
  const counts: ImportCounts = { new: 0, changed: 0, unchanged: 0, locked: 0, error: 0 };
  for (const r of rows) counts[r.status] += 1;
  return counts;
};

/**
 * Checks a batch and compares it with what is stored: every row gets its status (new, changed,
 * unchanged, locked, error). Reads are BatchGetItem per entity, whatever the batch's size.
 */
export async function planRows(
  db: Db,
  scope: ImportScope,
  rows: ImportRow[],
  actorId: string,
  pendingKeyPersons: { townshipCode: string; sourceId: string }[] = [],
): Promise<PlannedRow[]> {
  const byCode = new Map(
    (scope.kind === "township" ? [scope.township] : scope.townships).map((t) => [t.code, t]),
  );
  const seen = new Set<string>();
  const plans: PlannedRow[] = rows.map((row) => {
    const result: ImportRowResult = {
      row: row.row,
      type: row.type,
      sourceId: row.sourceId,
      townshipCode: row.townshipCode,
      status: "new",
    };
    const township = byCode.get(row.townshipCode);
    const messages = rowRules(row);
    if (!township)
      messages.unshift(
        say(
          row,
          "townshipCode",
          scope.kind === "township"
            ? `应为本乡镇的代码 ${scope.township.code}，实为「${row.townshipCode}」`
            : `「${row.townshipCode}」不是本县已审核通过的乡镇`,
        ),
      );
    else {
      result.townshipId = township.id;
      const key = `${row.type}/${township.id}/${row.sourceId}`;
      if (seen.has(key)) messages.push(say(row, "sourceId", `「${row.sourceId}」在本批中重复`));
      seen.add(key);
    }
    if (messages.length > 0) {
      result.status = "error";
      result.messages = messages;
    }
    return { row, result, township };
  });
  // 村（社区）/网格/责任人 names → the township's organisation, where it has one (organisation/import-names.ts).
  const filingOf = new Map<PlannedRow, Record<string, unknown>>();
  const resolvers = new Map<string, Promise<NameResolver>>();
  for (const p of plans) {
    const t = p.township;
    if (!t || p.result.status === "error" || p.row.type === "visit") continue;
    if (!resolvers.has(t.id)) resolvers.set(t.id, nameResolver(db, t));
  }
  const resolved = new Map(await Promise.all([...resolvers].map(async ([id, r]) => [id, await r] as const)));
  for (const p of plans) {
    const resolve = p.township && p.row.type !== "visit" ? resolved.get(p.township.id) : undefined;
    const outcome = resolve?.(p.row);
    if (!outcome) continue;
    if ("problem" in outcome) {
      p.result.status = "error";
      p.result.messages = [say(p.row, outcome.problem.field, outcome.problem.message)];
    } else filingOf.set(p, outcome.filing);
  }
  const live = plans.filter((p) => p.result.status !== "error");

  // What locks months is read while the records are: the submissions of the months the rows name, and
  // the county's published periods (a changed record's old months are added below if new to the batch).
  const monthKeys = (p: PlannedRow) => {
    const times = TIME_FIELDS[p.row.type].map((f) => (p.row as Record<string, unknown>)[f]);
    if (p.row.type === "dispute") times.push(...p.row.attempts.map((a) => a.at));
    return times
      .filter((v): v is string => typeof v === "string")
      .map((v) => `${p.township?.id}/${monthOf(v)}`);
  };
  const asked = new Set(live.flatMap(monthKeys));
  const splitKey = (k: string) => ({
    townshipId: k.slice(0, k.indexOf("/")),
    month: k.slice(k.indexOf("/") + 1),
  });
  const countyIds = [...new Set(live.map((p) => p.township?.countyId as string))];
  const lockReads = Promise.all([
    getSubmissions(db, [...asked].map(splitKey)),
    Promise.all(countyIds.map(async (c) => [c, await publishedPeriods(db, c)] as const)).then(
      (x) => new Map(x),
    ),
  ]);
  // Awaited below; until then a failure must not surface as an unhandled rejection.
  lockReads.catch(() => undefined);
  // Stored records: each row's candidate ids, and each visit's key person.
  const keysOf = new Map<ImportKind, { townshipId: string; id: string }[]>();
  const want = (type: ImportKind, townshipId: string, sourceId: string) => {
    const list = keysOf.get(type) ?? [];
    for (const id of candidateIds(type, sourceId)) list.push({ townshipId, id });
    keysOf.set(type, list);
  };
  for (const p of live) {
    const t = p.township as Township;
    want(p.row.type, t.id, p.row.sourceId);
    if (p.row.type === "visit") want("keyPerson", t.id, p.row.keyPersonSourceId);
  }
  const stored = new Map<ImportKind, Map<string, AnyRecord & { version: number }>>();
  await Promise.all(
    [...keysOf].map(async ([type, keys]) => {
      const found = await getRecords(db, ENTITY[type], SK_PREFIX[type], keys);
      stored.set(type, found as unknown as Map<string, AnyRecord & { version: number }>);
    }),
  );
  const find = (type: ImportKind, townshipId: string, sourceId: string) => {
    const [derived, raw] = candidateIds(type, sourceId);
    const items = stored.get(type);
    const mine = items?.get(`${townshipId}/${derived}`);
    if (mine) return mine;
    const entered = raw ? items?.get(`${townshipId}/${raw}`) : undefined;
    return entered && (entered.sourceId === undefined || entered.sourceId === sourceId) ? entered : undefined;
  };

  const batchKeyPersons = new Set(
    live.filter((p) => p.row.type === "keyPerson").map((p) => `${p.township?.id}/${p.row.sourceId}`),
  );
  const pending = new Set(pendingKeyPersons.map((k) => `${byCode.get(k.townshipCode)?.id}/${k.sourceId}`));

  for (const p of live) {
    const { row } = p;
    const t = p.township as Township;
    let keyPersonId: string | undefined;
    if (row.type === "visit") {
      const kp = find("keyPerson", t.id, row.keyPersonSourceId);
      if (kp && kp.deletedAt === undefined) keyPersonId = kp.id as string;
      else if (
        batchKeyPersons.has(`${t.id}/${row.keyPersonSourceId}`) ||
        pending.has(`${t.id}/${row.keyPersonSourceId}`)
      )
        keyPersonId = importedId("keyPerson", row.keyPersonSourceId);
      else {
        p.result.status = "error";
        p.result.messages = [
          say(
            row,
            "keyPersonSourceId",
            `本乡镇没有编号为「${row.keyPersonSourceId}」的重点人员（应在本文件或已登记）`,
          ),
        ];
        continue;
      }
    }
    const current = find(row.type, t.id, row.sourceId);
    p.current = current;
    p.id = (current?.id as string | undefined) ?? importedId(row.type, row.sourceId);
    p.next = { ...fieldsOf(row, actorId, keyPersonId, current), ...filingOf.get(p) };
    if (current) {
      p.changed = changedFields(row.type, current, p.next);
      p.result.status = p.changed.length === 0 ? "unchanged" : "changed";
      if (p.changed.length > 0) p.result.changedFields = p.changed;
    }
  }

  await checkVocabularies(db, live);

  // Months that are submitted, approved or published (or locked by the deadline) are not changed by an import.
  const writes = plans.filter((p) => p.result.status === "new" || p.result.status === "changed");
  const monthsOf = new Map<PlannedRow, string[]>();
  const more = new Set<string>();
  for (const p of writes) {
    const months = touchedMonths(p.row.type, p.current, p.next as AnyRecord, p.changed ?? []);
    monthsOf.set(p, months);
    for (const month of months) {
      const key = `${p.township?.id}/${month}`;
      if (!asked.has(key)) more.add(key);
    }
  }
  const [submissions, published] = await lockReads;
  if (writes.length === 0) return plans;
  for (const [key, s] of await getSubmissions(db, [...more].map(splitKey))) submissions.set(key, s);
  for (const p of writes) {
    const t = p.township as Township;
    const periods = published.get(t.countyId) ?? new Set<string>();
    const locked: string[] = [];
    const why: string[] = [];
    for (const month of monthsOf.get(p) ?? []) {
      const s = submissions.get(`${t.id}/${month}`);
      const reason =
        periods.has(month) || periods.has(QUARTER_OF(month)) || periods.has(month.slice(0, 4))
          ? "已发布考评结果"
          : s && hasSubmitted(s)
            ? s.status === "approved"
              ? "已审核通过"
              : "已提交审核"
            : s?.lockedAt
              ? "已逾期锁定"
              : undefined;
      if (reason) {
        locked.push(month);
        why.push(`${month} ${reason}`);
      }
    }
    if (locked.length > 0) {
      p.result.status = "locked";
      p.result.months = locked;
      p.result.messages = [
        `${IMPORT_SHEET_NAMES[p.row.type]} 第${p.row.row}行：涉及的月份${why.join("、")}，导入不会修改，请联系县级管理员处理`,
      ];
    }
  }
  return plans;
}
