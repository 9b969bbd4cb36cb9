import {
  checkItems,
  createRecord,
  type Db,
  getItem,
  type ItemOf,
  isConflict,
  stampNew,
  type TxItem,
  tx,
  updateRecord,
  type WriteContext,
} from "@pingan/data";
import { isMember, monthRange } from "@pingan/domain";
import { liveTable } from "../league/county-scoring";
import type { Services } from "../services";
import { hasSubmitted, previousMonth, submissionDeadline } from "../submissions/deadline";
import { changeSubmission } from "../submissions/submission-store";

/**
 * The monthly close for the month before `now`, over every county: a preview ranking from current
 * records, the townships that have not submitted, and — once the county's deadline has passed — a lock
 * on each of those months. Running it again changes nothing that is already recorded or locked.
 */

export type CountyClose = {
  countyId: string;
  month: string;
  notSubmitted: string[];
  lockedNow: string[];
  recorded: "created" | "updated" | "unchanged";
};

const SYSTEM = { id: "system:monthly-close", role: "system" };
const COUNTY_CONCURRENCY = 4;

/** Every county: what a close runs over, or hands one invocation each when it fans out. */
export async function allCounties(services: Services): Promise<ItemOf<"county">[]> {
  const { db } = services;
  const { data } = await db.entities.county.query.all({}).go({ pages: "all" });
  return checkItems(db, "county", data);
}

/** The close of one county, for a fanned-out run; `undefined` when the county no longer exists. */
export async function closeOneCounty(
  services: Services,
  countyId: string,
  now: Date,
): Promise<CountyClose | undefined> {
  const county = await getItem(services.db, "county", { id: countyId });
  return county ? closeCounty(services, county, previousMonth(now), now) : undefined;
}

export async function closeMonth(services: Services, now: Date): Promise<CountyClose[]> {
  const month = previousMonth(now);
  const counties = await allCounties(services);
  // A few counties at a time: each is dozens of queries, and Lambda has few sockets to spare.
  const out: CountyClose[] = new Array(counties.length);
  let next = 0;
  const worker = async () => {
    while (next < counties.length) {
      const i = next++;
      out[i] = await closeCounty(services, counties[i] as ItemOf<"county">, month, now);
    }
  };
  await Promise.all(Array.from({ length: Math.min(COUNTY_CONCURRENCY, counties.length) }, worker));
  return out;
}

async function closeCounty(
  services: Services,
  county: ItemOf<"county">,
  month: string,
  now: Date,
): Promise<CountyClose> {
  const closed = await closeCountyMonth(services, county, month, now);
  // After the close's own work, so a slow first fill can never keep a month from being locked.
  await warmLiveYear(services, county.id, month, now);
  return closed;
}

async function closeCountyMonth(
  services: Services,
  county: ItemOf<"county">,
  month: string,
  now: Date,
): Promise<CountyClose> {
  const { db } = services;
  const wctx = { actor: SYSTEM, now };
  const [{ data: townshipItems }, { data: subItems }] = await Promise.all([
    db.entities.township.query.byCounty({ countyId: county.id }).go({ pages: "all" }),
    db.entities.submission.query.byCountyMonth({ countyId: county.id, month }).go({ pages: "all" }),
  ]);
  // §11: a township owes nothing for a month before it belongs to the assessment.
  const townships = checkItems(db, "township", townshipItems).filter(
    (t) => t.status === "active" && t.countyId === county.id && isMember(t, month),
  );
  const subs = new Map(checkItems(db, "submission", subItems).map((s) => [s.townshipId, s]));
  const notSubmitted = townships.filter((t) => !hasSubmitted(subs.get(t.id)));

  const lockedNow: string[] = [];
  if (now >= submissionDeadline(month, county)) {
    for (const t of notSubmitted) {
      const s = subs.get(t.id);
      // A returned month stays open for its correction; a locked one is already done.
      if (s?.lockedAt || s?.status === "returned") continue;
      try {
        await changeSubmission(db, wctx, {
          township: t,
          month,
          expectedVersion: s?.version ?? 0,
          action: "submission.lock",
          reason: "超过报送截止时间未提交",
          countyTrail: true,
          change: (current) => ({ ...current, lockedAt: now.toISOString() }),
          // The 迟报漏报 the scheme deducts for, recorded with the lock: both or neither, once.
          extra: [lateReportEvent(db, wctx, t.id, month)],
        });
        lockedNow.push(t.id);
      } catch (error) {
        // The township submitted at this very moment: nothing to lock; the next run sees it.
        if (!isConflict(error)) throw error;
      }
    }
  }

  const previous = await db.entities.closeRun.get({ countyId: county.id, month }).go({ consistent: true });
  const prior = previous.data ? checkItems(db, "closeRun", [previous.data])[0] : undefined;
  const notSubmittedIds = notSubmitted.map((t) => t.id).sort();
  const locked = [...new Set([...(prior?.locked ?? []), ...lockedNow])].sort();
  if (prior && same(prior.notSubmitted, notSubmittedIds) && same(prior.locked, locked)) {
    return { countyId: county.id, month, notSubmitted: notSubmittedIds, lockedNow, recorded: "unchanged" };
  }
  const preview = await previewRows(services, county.id, month, now);
  const fields = {
    countyId: county.id,
    month,
    ...(preview ?? {}),
    notSubmitted: notSubmittedIds,
    locked,
  };
  if (!prior) {
    await createRecord(db, wctx, {
      entity: "closeRun",
      item: fields,
      key: (x) => ({ countyId: x.countyId, month: x.month }),
      entityId: `${county.id}/${month}`,
      scope: `C#${county.id}`,
      action: "month.close",
    });
    return { countyId: county.id, month, notSubmitted: notSubmittedIds, lockedNow, recorded: "created" };
  }
  await updateRecord(db, wctx, {
    entity: "closeRun",
    key: { countyId: county.id, month },
    entityId: `${county.id}/${month}`,
    scope: `C#${county.id}`,
    expectedVersion: prior.version,
    action: "month.close",
    change: (c) => ({ ...c, ...fields }),
  });
  return { countyId: county.id, month, notSubmitted: notSubmittedIds, lockedNow, recorded: "updated" };
}

/** The id of the automatic 迟报漏报 of a township-month: fixed, so it can never be recorded twice. */
export const lateReportId = (month: string) => `auto-late-report-${month}`;

/**
 * The 迟报漏报 event (kind `late_report`, which the model scheme deducts for) of a month locked as not
 * submitted, dated the month's last instant so it counts in that month; the system wrote it (not the
 * township's own record: a month with only this is still 本月无任何记录).
 */
function lateReportEvent(db: Db, wctx: WriteContext, townshipId: string, month: string): TxItem {
  return tx.create(
    db,
    "event",
    stampNew(wctx, {
      townshipId,
      id: lateReportId(month),
      kind: "late_report",
      occurredAt: new Date(monthRange(month).end - 1000).toISOString(),
      count: 1,
      note: "系统自动记录：超过报送截止时间未提交，该月已锁定",
    }) as ItemOf<"event">,
  );
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Scores (and stores) every township-month of the month's year and the year before, so a live year table
 * during the next month re-scores only what was written since (league/live-scores.ts). Best effort: a
 * county without a scheme, or with a manual score a later scheme refuses, is closed all the same.
 */
async function warmLiveYear(services: Services, countyId: string, month: string, now: Date) {
  try {
    await liveTable(services.db, countyId, month.slice(0, 4), now);
  } catch (error) {
    if (
      error instanceof Error &&
      "code" in error &&
      (error.code === "NOT_FOUND" || error.code === "RECORD.STATE")
    )
      return;
    console.error(`monthly close: live scores of ${countyId} not kept`, error);
  }
}

/** The county's preview ranking of the month (no indicators), or nothing when it has no scheme for the year. */
async function previewRows(services: Services, countyId: string, month: string, now: Date) {
  try {
    // The live table (kept township-month scores): the same ranking a fresh scoring gives.
    const { table } = await liveTable(services.db, countyId, month, now);
    return {
      schemeVersion: table.schemeVersion,
      preview: table.rows.map(({ indicators: _i, ...row }) => row),
    };
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "NOT_FOUND") return undefined;
    throw error;
  }
}
