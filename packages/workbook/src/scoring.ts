import { type Data, rememberInstants } from "@pingan/domain";
import { parsedInstants, type ReadResult, type WorkbookError } from "./read";
import type { AttemptRow, WorkbookRecords } from "./sheets";
import type { WritableRecords } from "./write";

/** The scoring data of scoring.md §2, with the optional fields of §10.2/§10.3 that the workbook carries. */
export type ScoringData = Data;
type Dispute = NonNullable<Data["disputes"]>[number];
type Petition = NonNullable<Data["petitions"]>[number];
type KeyPerson = NonNullable<Data["keyPersons"]>[number];

/**
 * Records → scoring data, as the command line scores a workbook: townships are known by their code
 * (`id` = `code` = 乡镇代码), a record's `id` is its 编号. Key-person 编号 are unique only within a
 * township, while scoring needs them unique in the county: an 编号 used in two townships becomes
 * `乡镇代码-编号` there (and in the visits that name it).
 */
export function toScoringData(
  records: WorkbookRecords,
): { ok: true; data: ScoringData } | { ok: false; errors: WorkbookError[] } {
  const errors: WorkbookError[] = [];
  if (!records.county)
    errors.push({ sheet: "县", message: "缺少「县」工作表或其中的一行（县编号、县名称）" });
  if (records.townships.length === 0)
    errors.push({ sheet: "乡镇", message: "缺少「乡镇」工作表或其中没有乡镇" });
  if (!records.county || errors.length) return { ok: false, errors };

  const kpTownships = new Map<string, Set<string>>();
  for (const k of records.keyPersons) {
    const set = kpTownships.get(k.id) ?? new Set<string>();
    set.add(k.townshipCode);
    kpTownships.set(k.id, set);
  }
  const kpId = (code: string, id: string) => ((kpTownships.get(id)?.size ?? 0) > 1 ? `${code}-${id}` : id);

  const data: ScoringData = {
    county: { id: records.county.id, name: records.county.name },
    townships: records.townships.map((t) => ({
      id: t.code,
      name: t.name,
      code: t.code,
      population: t.population,
    })),
    disputes: records.disputes.map((d) => {
      const out: Dispute = {
        id: d.id,
        townshipId: d.townshipCode,
        level: d.level,
        reportedAt: d.reportedAt,
        attempts: d.attempts,
      };
      if (d.closedAt !== undefined) out.closedAt = d.closedAt;
      if (d.outcome !== undefined) out.outcome = d.outcome;
      // Without attempts there are no levels to tell: §10.2 then falls back to the dispute's own level.
      if (d.attempts > 0) out.attemptLevels = d.attemptLevels;
      return out;
    }),
    petitions: records.petitions.map((p) => {
      const out: Petition = {
        id: p.id,
        townshipId: p.townshipCode,
        receivedAt: p.receivedAt,
        skipLevel: p.skipLevel,
        collective: p.collective,
      };
      if (p.firstHandledAt !== undefined) out.firstHandledAt = p.firstHandledAt;
      if (p.closedAt !== undefined) out.closedAt = p.closedAt;
      if (p.settled !== undefined) out.settled = p.settled;
      return out;
    }),
    incidents: records.incidents.map((i) => ({
      id: i.id,
      townshipId: i.townshipCode,
      occurredAt: i.occurredAt,
      kind: i.kind,
      severity: i.severity,
    })),
    keyPersons: records.keyPersons.map((k) => {
      const out: KeyPerson = {
        id: kpId(k.townshipCode, k.id),
        townshipId: k.townshipCode,
        category: k.category,
        registeredAt: k.registeredAt,
      };
      if (k.deregisteredAt !== undefined) out.deregisteredAt = k.deregisteredAt;
      if (k.visitsPerMonth !== undefined) out.visitsPerMonth = k.visitsPerMonth;
      if (k.visitsPerQuarter !== undefined) out.visitsPerQuarter = k.visitsPerQuarter;
      return out;
    }),
    visits: records.visits.map((v) => ({
      id: v.id,
      townshipId: v.townshipCode,
      keyPersonId: kpId(v.townshipCode, v.keyPersonId),
      at: v.at,
    })),
    events: records.events.map((e) => ({
      id: e.id,
      townshipId: e.townshipCode,
      kind: e.kind,
      occurredAt: e.occurredAt,
      count: e.count,
    })),
    manualScores: records.manualScores.map((m) => ({
      townshipId: m.townshipCode,
      period: m.period,
      indicator: m.indicator,
      score: m.score,
    })),
  };
  // The reader parsed every timestamp already: the scoring takes those instead of parsing the strings.
  const pairs: [readonly object[], readonly object[] | undefined][] = [
    [records.disputes, data.disputes],
    [records.petitions, data.petitions],
    [records.incidents, data.incidents],
    [records.keyPersons, data.keyPersons],
    [records.visits, data.visits],
    [records.events, data.events],
  ];
  for (const [rows, list] of pairs) {
    const columns = parsedInstants(rows);
    if (columns && list) for (const [field, column] of columns) rememberInstants(list, field, column);
  }
  return { ok: true, data };
}

/**
 * A read result straight to scoring data (the command line's path). Every field is already checked
 * by the reader: the data needs only the domain's cross-record checks (`checkTypedData`), not a
 * second field-by-field pass (`parseData`).
 */
export function scoringDataOf(
  result: ReadResult,
): { ok: true; data: ScoringData } | { ok: false; errors: WorkbookError[] } {
  return result.ok ? toScoringData(result.records) : { ok: false, errors: result.errors };
}

const MINUTE = 60_000;

/**
 * Scoring data → records, e.g. to write a JSON data file as a workbook. Townships become their codes.
 * A dispute's `attempts` become that many 调解记录 rows a minute apart from its report, at the levels
 * of `attemptLevels` (without them: at the dispute's own level, which §10.2 scores alike).
 */
export function fromScoringData(
  data: ScoringData,
): WritableRecords & { attempts: Omit<AttemptRow, "row">[] } {
  const code = new Map(data.townships.map((t) => [t.id, t.code]));
  const c = (townshipId: string) => code.get(townshipId) ?? townshipId;
  const iso = (ms: number) => new Date(ms).toISOString();
  const attempts: Omit<AttemptRow, "row">[] = [];
  for (const d of data.disputes ?? []) {
    const start = Date.parse(d.reportedAt);
    for (let i = 0; i < d.attempts; i++)
      attempts.push({
        disputeId: d.id,
        townshipCode: c(d.townshipId),
        at: iso(start + (i + 1) * MINUTE),
        level: d.attemptLevels?.[i] ?? d.level,
        result: i === d.attempts - 1 && d.outcome === "resolved" ? "success" : "failed",
      });
  }
  const norm = (s: string | undefined) => (s === undefined ? undefined : iso(Date.parse(s)));
  const defined = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return {
    county: { id: data.county.id, name: data.county.name },
    townships: data.townships.map((t) => ({ code: t.code, name: t.name, population: t.population })),
    disputes: (data.disputes ?? []).map((d) =>
      defined({
        id: d.id,
        townshipCode: c(d.townshipId),
        level: d.level,
        reportedAt: iso(Date.parse(d.reportedAt)),
        closedAt: norm(d.closedAt),
        outcome: d.outcome,
      }),
    ),
    attempts,
    petitions: (data.petitions ?? []).map((p) =>
      defined({
        id: p.id,
        townshipCode: c(p.townshipId),
        receivedAt: iso(Date.parse(p.receivedAt)),
        skipLevel: p.skipLevel ?? false,
        collective: p.collective ?? false,
        firstHandledAt: norm(p.firstHandledAt),
        closedAt: norm(p.closedAt),
        settled: p.settled,
      }),
    ),
    incidents: (data.incidents ?? []).map((i) => ({
      id: i.id,
      townshipCode: c(i.townshipId),
      occurredAt: iso(Date.parse(i.occurredAt)),
      kind: i.kind,
      severity: i.severity,
    })),
    keyPersons: (data.keyPersons ?? []).map((k) =>
      defined({
        id: k.id,
        townshipCode: c(k.townshipId),
        category: k.category,
        registeredAt: iso(Date.parse(k.registeredAt)),
        deregisteredAt: norm(k.deregisteredAt),
        visitsPerMonth: k.visitsPerMonth,
        visitsPerQuarter: k.visitsPerQuarter,
      }),
    ),
    visits: (data.visits ?? []).map((v) => ({
      id: v.id,
      townshipCode: c(v.townshipId),
      keyPersonId: v.keyPersonId,
      at: iso(Date.parse(v.at)),
    })),
    events: (data.events ?? []).map((e) => ({
      id: e.id,
      townshipCode: c(e.townshipId),
      kind: e.kind,
      occurredAt: iso(Date.parse(e.occurredAt)),
      count: e.count ?? 1,
    })),
    manualScores: (data.manualScores ?? []).map((m) => ({
      townshipCode: c(m.townshipId),
      period: m.period,
      indicator: m.indicator,
      score: m.score,
    })),
  };
}
