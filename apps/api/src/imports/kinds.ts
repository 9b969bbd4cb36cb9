import { createHash } from "node:crypto";
import type { ImportKind, ImportRow } from "@pingan/contracts";
import type { ItemOf } from "@pingan/data";
import type { RecordEntity } from "../records/township-records";

/**
 * How each kind of import row maps onto its stored record, and back (export). A record is known by
 * (township, kind, 编号): an imported one has a deterministic id derived from kind + 编号 inside the
 * township's partition, so a create that is retried (an import cut off and run again) meets the first one
 * instead of making a duplicate; a record entered in the app (a random UUID id, no 编号) exports with its
 * id as 编号 and is found again by it.
 */

export const ENTITY: Record<ImportKind, RecordEntity> = {
  dispute: "dispute",
  petition: "petition",
  incident: "incident",
  keyPerson: "keyPerson",
  visit: "visit",
  event: "event",
};

/** The sort-key prefix of each kind in the township's partition (packages/data entities). */
export const SK_PREFIX: Record<ImportKind, string> = {
  dispute: "DSP#",
  petition: "PET#",
  incident: "INC#",
  keyPerson: "KP#",
  visit: "VIS#",
  event: "EVT#",
};

/** The instant a kind is filed under (export by month or year). */
export const ANCHOR: Record<ImportKind, string> = {
  dispute: "reportedAt",
  petition: "receivedAt",
  incident: "occurredAt",
  keyPerson: "registeredAt",
  visit: "at",
  event: "occurredAt",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The id an imported record of this kind and 编号 gets (the same in every run). */
export const importedId = (type: ImportKind, sourceId: string): string =>
  `imp-${createHash("sha256").update(`${type}\n${sourceId}`).digest("hex").slice(0, 32)}`;

/** The ids a row may already be stored under: its derived id, and a record entered in the app (by its id). */
export const candidateIds = (type: ImportKind, sourceId: string): string[] =>
  UUID.test(sourceId) ? [importedId(type, sourceId), sourceId] : [importedId(type, sourceId)];

/** The 编号 a stored record exports with. */
export const sourceIdOf = (item: { id: string; sourceId?: string }): string => item.sourceId ?? item.id;

type Stored = ItemOf<RecordEntity>;
type AnyRecord = Record<string, unknown>;

/** Time fields of each kind (their months decide whether a change reaches a locked month). */
export const TIME_FIELDS: Record<ImportKind, readonly string[]> = {
  dispute: ["reportedAt", "closedAt"],
  petition: ["receivedAt", "firstHandledAt", "closedAt"],
  incident: ["occurredAt"],
  keyPerson: ["registeredAt", "deregisteredAt"],
  visit: ["at"],
  event: ["occurredAt"],
};

/** The fields an import sets (everything else on a stored record — notes of a close, stamps — stays). */
export const IMPORTED_FIELDS: Record<ImportKind, readonly string[]> = {
  dispute: ["level", "category", "partiesBrief", "summary", "reportedAt", "closedAt", "outcome", "attempts"],
  petition: [
    "subject",
    "petitionerBrief",
    "receivedAt",
    "skipLevel",
    "collective",
    "firstHandledAt",
    "closedAt",
    "settled",
  ],
  incident: ["occurredAt", "kind", "severity", "summary"],
  keyPerson: [
    "alias",
    "category",
    "registeredAt",
    "deregisteredAt",
    "visitsPerMonth",
    "visitsPerQuarter",
    "note",
  ],
  visit: ["keyPersonId", "at", "note"],
  event: ["kind", "occurredAt", "count", "note"],
};
const PLACE_FIELDS = ["sourceId", "village", "grid", "responsible"] as const;
export const ALL_FIELDS = (type: ImportKind) => [...IMPORTED_FIELDS[type], ...PLACE_FIELDS];

/** Text the stored record requires but the workbook may leave blank is stored as "" (and exported blank). */
const orEmpty = (s: string | undefined) => s ?? "";
const orNone = (s: unknown) => (s === "" || s === null ? undefined : s);

type Attempt = ItemOf<"dispute">["attempts"][number];
const sameAttempt = (
  a: Pick<Attempt, "at" | "level" | "mediator" | "result" | "note">,
  b: Pick<Attempt, "at" | "level" | "mediator" | "result" | "note">,
) =>
  a.at === b.at &&
  a.level === b.level &&
  orEmpty(a.mediator) === orEmpty(b.mediator) &&
  a.result === b.result &&
  orNone(a.note) === orNone(b.note);

/**
 * A row's fields as the record stores them. `keyPersonId` is the visit's key person record id;
 * `current` (when updating) keeps attempt ids and authors of attempts that did not change.
 */
export function fieldsOf(
  row: ImportRow,
  actorId: string,
  keyPersonId: string | undefined,
  current?: AnyRecord,
): AnyRecord {
  const place = {
    sourceId: row.sourceId,
    village: row.village,
    grid: row.grid,
    responsible: row.responsible,
  };
  switch (row.type) {
    case "dispute": {
      const stored = (current?.attempts as Attempt[] | undefined) ?? [];
      const attempts = row.attempts.map((a, i): Attempt => {
        const before = stored[i];
        const next = {
          at: a.at,
          level: a.level,
          mediator: orEmpty(a.mediator),
          result: a.result,
          note: a.note,
        };
        if (before && sameAttempt(before, next)) return before;
        return { id: `${importedId("dispute", row.sourceId)}-a${i + 1}`, ...next, recordedBy: actorId };
      });
      return {
        ...place,
        level: row.level,
        category: orEmpty(row.category),
        partiesBrief: orEmpty(row.partiesBrief),
        summary: row.summary,
        reportedAt: row.reportedAt,
        closedAt: row.closedAt,
        outcome: row.outcome,
        attempts,
      };
    }
    case "petition":
      return {
        ...place,
        subject: orEmpty(row.subject),
        petitionerBrief: orEmpty(row.petitionerBrief),
        receivedAt: row.receivedAt,
        skipLevel: row.skipLevel,
        collective: row.collective,
        firstHandledAt: row.firstHandledAt,
        closedAt: row.closedAt,
        settled: row.settled,
      };
    case "incident":
      return {
        ...place,
        occurredAt: row.occurredAt,
        kind: row.kind,
        severity: row.severity,
        summary: orEmpty(row.summary),
      };
    case "keyPerson":
      return {
        ...place,
        alias: orEmpty(row.alias),
        category: row.category,
        registeredAt: row.registeredAt,
        deregisteredAt: row.deregisteredAt,
        visitsPerMonth: row.visitsPerMonth,
        visitsPerQuarter: row.visitsPerQuarter,
        note: row.note,
      };
    case "visit":
      return { ...place, keyPersonId, at: row.at, note: row.note };
    case "event":
      return { ...place, kind: row.kind, occurredAt: row.occurredAt, count: row.count, note: row.note };
  }
}

const normal = (field: string, value: unknown): unknown => {
  if (field === "attempts")
    return ((value as Attempt[] | undefined) ?? []).map((a) =>
      [a.at, a.level, orEmpty(a.mediator), a.result, orNone(a.note) ?? ""].join("\u0000"),
    );
  return orNone(value);
};

/** The imported fields in which the stored record differs from the row's (none: unchanged). */
export function changedFields(type: ImportKind, stored: AnyRecord, next: AnyRecord): string[] {
  const fields = [...ALL_FIELDS(type)];
  // A record entered in the app has no 编号 of its own: exported with its id as 编号, that is no change.
  const changed = fields.filter(
    (f) =>
      !(f === "sourceId" && stored.sourceId === undefined && next.sourceId === stored.id) &&
      JSON.stringify(normal(f, stored[f])) !== JSON.stringify(normal(f, next[f])),
  );
  if (stored.deletedAt !== undefined) changed.push("deletedAt");
  return changed;
}

/** A stored record as an import row (export), with the township's code and its key person's 编号. */
export function rowOf(
  type: ImportKind,
  item: Stored,
  townshipCode: string,
  row: number,
  keyPersonSourceId?: (keyPersonId: string) => string | undefined,
): ImportRow {
  const r = item as unknown as AnyRecord;
  const text = (k: string) => orNone(r[k]) as string | undefined;
  const base = {
    row,
    sourceId: sourceIdOf(item),
    townshipCode,
    village: text("village"),
    grid: text("grid"),
    responsible: text("responsible"),
  };
  const defined = <T extends AnyRecord>(x: T) =>
    Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as T;
  switch (type) {
    case "dispute": {
      const d = item as ItemOf<"dispute">;
      return defined({
        type,
        ...base,
        level: d.level,
        reportedAt: d.reportedAt,
        category: text("category"),
        partiesBrief: text("partiesBrief"),
        summary: text("summary"),
        closedAt: d.closedAt,
        outcome: d.closedAt ? d.outcome : undefined,
        attempts: d.attempts.map((a) =>
          defined({
            at: a.at,
            level: a.level,
            mediator: orNone(a.mediator) as string | undefined,
            result: a.result,
            note: orNone(a.note) as string | undefined,
          }),
        ),
      }) as ImportRow;
    }
    case "petition": {
      const p = item as ItemOf<"petition">;
      return defined({
        type,
        ...base,
        receivedAt: p.receivedAt,
        subject: text("subject"),
        petitionerBrief: text("petitionerBrief"),
        skipLevel: p.skipLevel,
        collective: p.collective,
        firstHandledAt: p.firstHandledAt,
        closedAt: p.closedAt,
        settled: p.closedAt ? (p.settled ?? false) : p.settled,
      }) as ImportRow;
    }
    case "incident": {
      const i = item as ItemOf<"incident">;
      return defined({
        type,
        ...base,
        occurredAt: i.occurredAt,
        kind: i.kind,
        severity: i.severity,
        summary: text("summary"),
      }) as ImportRow;
    }
    case "keyPerson": {
      const k = item as ItemOf<"keyPerson">;
      return defined({
        type,
        ...base,
        category: k.category,
        registeredAt: k.registeredAt,
        alias: text("alias"),
        deregisteredAt: k.deregisteredAt,
        visitsPerMonth: k.visitsPerMonth,
        visitsPerQuarter: k.visitsPerQuarter,
        note: text("note"),
      }) as ImportRow;
    }
    case "visit": {
      const v = item as ItemOf<"visit">;
      return defined({
        type,
        ...base,
        keyPersonSourceId: keyPersonSourceId?.(v.keyPersonId) ?? v.keyPersonId,
        at: v.at,
        note: text("note"),
      }) as ImportRow;
    }
    case "event": {
      const e = item as ItemOf<"event">;
      return defined({
        type,
        ...base,
        kind: e.kind,
        occurredAt: e.occurredAt,
        count: e.count,
        note: text("note"),
      }) as ImportRow;
    }
  }
}
