import type { Db, ItemOf } from "@pingan/data";
import { monthCounts } from "./month-counts";
import { COUNTED_KINDS, type KindCounts } from "./rules";

/**
 * 同比: a township's disputes, petitions and incidents from January to `month` against the same months of
 * the year before. The one computation behind the township's pages and the printed 通报.
 */

const sum = (months: { reported: KindCounts }[]): KindCounts => {
  const out: KindCounts = { dispute: 0, petition: 0, incident: 0 };
  for (const m of months) for (const k of COUNTED_KINDS) out[k] += m.reported[k];
  return out;
};

const lastYear = (month: string) => `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
const january = (month: string) => `${month.slice(0, 4)}-01`;

export type YearOnYearRow = { townshipId: string; name: string; current: KindCounts; previous: KindCounts };

export async function yearOnYear(
  db: Db,
  townships: readonly ItemOf<"township">[],
  month: string,
): Promise<{ month: string; from: string; previousFrom: string; previousTo: string; rows: YearOnYearRow[] }> {
  const before = lastYear(month);
  const rows: YearOnYearRow[] = [];
  const queue = [...townships];
  // A few townships at a time: each is six index queries projecting three small attributes.
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        const [current, previous] = await Promise.all([
          monthCounts(db, t.id, january(month), month),
          monthCounts(db, t.id, january(before), before),
        ]);
        rows.push({ townshipId: t.id, name: t.name, current: sum(current), previous: sum(previous) });
      }
    }),
  );
  const order = new Map(townships.map((t, i) => [t.id, i]));
  rows.sort((a, b) => (order.get(a.townshipId) ?? 0) - (order.get(b.townshipId) ?? 0));
  return { month, from: january(month), previousFrom: january(before), previousTo: before, rows };
}
