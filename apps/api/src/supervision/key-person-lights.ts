/**
 * Lights for key persons due a visit (issue 15): each registered person has a visit period (its own or
 * its category's frequency: a month, or a quarter; scoring.md §10.3). In the current period a person
 * already visited enough is green; one still short is green, or yellow once a third or less of the period
 * is left; a period that ended with the person short is red. Only periods the person was registered for
 * from their start count, as in scoring (§3).
 */
import { categoryFrequency, countyKeyPersonCategories } from "@pingan/contracts";
import { checkItems, type Db, type ItemOf } from "@pingan/data";
import { monthOf, monthRange, monthsOf } from "@pingan/domain";
import type { Services } from "../services";
import { countyTownships, type Light, lightFor } from "./lights";

export type KeyPersonLight = {
  /** The person and the period: `<keyPersonId>@<period>`. */
  id: string;
  keyPersonId: string;
  townshipId: string;
  townshipName: string;
  /** The grid the person is filed under, if any (the grid worker's home, the board's filter). */
  gridId?: string;
  alias: string;
  category: string;
  categoryName: string;
  /** `YYYY-MM` or `YYYY-Qn`. */
  period: string;
  required: number;
  visits: number;
  dueAt: string;
  light: Light;
};

type Span = { period: string; start: number; end: number };

function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
}

function spanOf(period: string): Span {
  const months = monthsOf(period);
  return {
    period,
    start: monthRange(months[0] as string).start,
    end: monthRange(months[months.length - 1] as string).end,
  };
}

/** The current and the previous period of each kind at `now`. */
function periodsAt(now: number) {
  const month = monthOf(new Date(now).toISOString());
  const monthSpan = spanOf(month);
  const quarterSpan = spanOf(quarterOf(month));
  return {
    month: { current: monthSpan, previous: spanOf(monthOf(new Date(monthSpan.start - 1).toISOString())) },
    quarter: {
      current: quarterSpan,
      previous: spanOf(quarterOf(monthOf(new Date(quarterSpan.start - 1).toISOString()))),
    },
  };
}

/** Registered for the whole span: before its start, and not deregistered before its end. */
const dueIn = (k: ItemOf<"keyPerson">, s: Span) =>
  Date.parse(k.registeredAt) < s.start && (!k.deregisteredAt || Date.parse(k.deregisteredAt) >= s.end);

/** One township's key persons' lights (green ones on request), most urgent first. */
export async function townshipKeyPersonLights(
  db: Db,
  county: Pick<ItemOf<"county">, "keyPersonCategories">,
  township: Pick<ItemOf<"township">, "id" | "name">,
  now: number,
  options: { includeGreen: boolean },
): Promise<KeyPersonLight[]> {
  const categories = new Map(countyKeyPersonCategories(county).map((c) => [c.code, c]));
  const periods = periodsAt(now);
  const from = Math.min(periods.month.previous.start, periods.quarter.previous.start);
  const [people, visits] = await Promise.all([
    db.entities.keyPerson.query.byId({ townshipId: township.id }).go({ pages: "all" }),
    db.entities.visit.query
      .byAt({ townshipId: township.id })
      .between({ at: new Date(from).toISOString() }, { at: new Date(now).toISOString() })
      .go({ pages: "all" }),
  ]);
  const visitTimes = new Map<string, number[]>();
  for (const v of checkItems(db, "visit", visits.data)) {
    if (v.deletedAt || v.townshipId !== township.id) continue;
    const list = visitTimes.get(v.keyPersonId) ?? [];
    list.push(Date.parse(v.at));
    visitTimes.set(v.keyPersonId, list);
  }
  const out: KeyPersonLight[] = [];
  for (const k of checkItems(db, "keyPerson", people.data)) {
    if (k.deletedAt || k.townshipId !== township.id) continue;
    const category = categories.get(k.category);
    const frequency =
      k.visitsPerMonth !== undefined
        ? { visitsPerMonth: k.visitsPerMonth }
        : k.visitsPerQuarter !== undefined
          ? { visitsPerQuarter: k.visitsPerQuarter }
          : category
            ? categoryFrequency(category)
            : { visitsPerMonth: 1 };
    const quarterly = frequency.visitsPerQuarter !== undefined;
    const required = (quarterly ? frequency.visitsPerQuarter : frequency.visitsPerMonth) ?? 1;
    const { current, previous } = quarterly ? periods.quarter : periods.month;
    const times = visitTimes.get(k.id) ?? [];
    const count = (s: Span) => times.filter((t) => t >= s.start && t < s.end).length;
    const base = {
      keyPersonId: k.id,
      townshipId: township.id,
      townshipName: township.name,
      ...(k.gridId ? { gridId: k.gridId } : {}),
      alias: k.alias,
      category: k.category,
      categoryName: category?.name ?? k.category,
      required,
    };
    if (dueIn(k, previous) && count(previous) < required)
      out.push({
        ...base,
        id: `${k.id}@${previous.period}`,
        period: previous.period,
        visits: count(previous),
        dueAt: new Date(previous.end).toISOString(),
        light: "red",
      });
    if (dueIn(k, current)) {
      const visits = count(current);
      const light: Light =
        visits >= required ? "green" : lightFor(current.end - now, current.end - current.start);
      if (light !== "green" || options.includeGreen)
        out.push({
          ...base,
          id: `${k.id}@${current.period}`,
          period: current.period,
          visits,
          dueAt: new Date(current.end).toISOString(),
          light,
        });
    }
  }
  const order: Record<Light, number> = { red: 0, yellow: 1, green: 2 };
  return out.sort(
    (a, b) =>
      order[a.light] - order[b.light] ||
      (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0) ||
      (a.id < b.id ? -1 : 1),
  );
}

/** The county's key persons due a visit, every active township's (or one's), most urgent first. */
export async function countyKeyPersonLights(
  services: Services,
  county: ItemOf<"county">,
  input: { townshipId?: string; includeGreen: boolean },
) {
  const { db } = services;
  const townships = (await countyTownships(db, county.id)).filter(
    (t) => !input.townshipId || t.id === input.townshipId,
  );
  const now = services.now().getTime();
  const lists = await Promise.all(
    townships.map((t) => townshipKeyPersonLights(db, county, t, now, { includeGreen: input.includeGreen })),
  );
  const order: Record<Light, number> = { red: 0, yellow: 1, green: 2 };
  const all = lists
    .flat()
    .sort((a, b) => order[a.light] - order[b.light] || (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
  return {
    counts: {
      red: all.filter((x) => x.light === "red").length,
      yellow: all.filter((x) => x.light === "yellow").length,
      green: all.filter((x) => x.light === "green").length,
    },
    persons: all,
  };
}
