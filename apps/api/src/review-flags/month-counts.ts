import type { Db } from "@pingan/data";
import { monthOf, monthRange } from "@pingan/domain";
import { COUNTED_KINDS, type CountedKind, type MonthCounts } from "./rules";

type Row = { deletedAt?: string; source?: string; skipLevel?: boolean } & Record<string, unknown>;
type Query = {
  between: (a: object, b: object) => { go: (o: object) => Promise<{ data: Row[] }> };
};

/** Each counted kind's index by the instant that dates it (a dispute reported, petition received, incident occurred). */
const INDEX: Record<CountedKind, { query: (db: Db, townshipId: string) => Query; at: string }> = {
  dispute: {
    query: (db, townshipId) => db.entities.dispute.query.byReported({ townshipId }) as unknown as Query,
    at: "reportedAt",
  },
  petition: {
    query: (db, townshipId) => db.entities.petition.query.byReceived({ townshipId }) as unknown as Query,
    at: "receivedAt",
  },
  incident: {
    query: (db, townshipId) => db.entities.incident.query.byOccurred({ townshipId }) as unknown as Query,
    at: "occurredAt",
  },
};

const serialOfMonth = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOfSerial = (s: number) => `${Math.floor(s / 12)}-${String((s % 12) + 1).padStart(2, "0")}`;

/** The months from `from` to `to` (`YYYY-MM`, inclusive), oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let s = serialOfMonth(from); s <= serialOfMonth(to); s++) out.push(monthOfSerial(s));
  return out;
}

/** The month `n` months before `month` (negative: after). */
export const monthsBefore = (month: string, n: number) => monthOfSerial(serialOfMonth(month) - n);

const zero = (): Record<CountedKind, number> => ({ dispute: 0, petition: 0, incident: 0 });

/**
 * A township's disputes, petitions (and the skip-level ones) and incidents per month from `from` to `to`,
 * with what of them the county imported. There is no stored per-month count of records (the live caches
 * keep scores, whose indicators depend on the scheme, and write counters, not record counts), so this is one
 * Query per kind on the township's own index partition over the whole range, projecting only the three or
 * four small attributes it needs — never the records themselves.
 */
export async function monthCounts(
  db: Db,
  townshipId: string,
  from: string,
  to: string,
): Promise<MonthCounts[]> {
  const months = monthsBetween(from, to);
  const byMonth = new Map<string, MonthCounts>(
    months.map((month) => [
      month,
      {
        month,
        reported: zero(),
        imported: zero(),
        importFiles: { dispute: [], petition: [], incident: [] },
        skipLevel: 0,
      },
    ]),
  );
  const lo = new Date(monthRange(from).start).toISOString();
  const hi = new Date(monthRange(to).end).toISOString();
  await Promise.all(
    COUNTED_KINDS.map(async (kind) => {
      const { query, at } = INDEX[kind];
      const attributes = [at, "deletedAt", "source", ...(kind === "petition" ? ["skipLevel"] : [])];
      const { data } = await query(db, townshipId)
        .between({ [at]: lo }, { [at]: hi })
        .go({ pages: "all", attributes });
      for (const r of data) {
        const instant = r[at];
        if (r.deletedAt || typeof instant !== "string") continue;
        const m = byMonth.get(monthOf(instant));
        if (!m) continue;
        m.reported[kind]++;
        if (r.source) {
          m.imported[kind]++;
          if (!m.importFiles[kind].includes(r.source)) m.importFiles[kind].push(r.source);
        }
        if (kind === "petition" && r.skipLevel) m.skipLevel++;
      }
    }),
  );
  return months.map((m) => byMonth.get(m) as MonthCounts);
}
