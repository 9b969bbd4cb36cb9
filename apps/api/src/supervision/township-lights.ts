/**
 * A township's own lights (超时亮灯) on everything it must do by a deadline: open disputes, open petitions
 * (首办 within the scheme's days, 办结 within the limit), the monthly submission, 督办单 and key persons due a
 * visit this month or quarter (key-person-lights.ts). Every light
 * comes from the one rule, lightFor (lights.ts), which the county's board uses too.
 */
import { checkItems, getItem, type ItemOf } from "@pingan/data";
import { DAY_MS, monthRange } from "@pingan/domain";
import { getScheme } from "../schemes/scheme-store";
import type { Services } from "../services";
import { hasSubmitted, monthAt, previousMonth, submissionDeadline } from "../submissions/deadline";
import { townshipKeyPersonLights } from "./key-person-lights";
import { countyTownships, type Light, lightFor, townshipDisputeLights } from "./lights";
import { noticeLight } from "./notices";

/** 办结 of a petition: within this many days of receipt (信访条例: 60 days). */
export const PETITION_CLOSE_DAYS = 60;
const DEFAULT_FIRST_HANDLE_DAYS = 7;

export type LightKind =
  | "dispute"
  | "petition_first"
  | "petition_close"
  | "submission"
  | "notice"
  | "key_person";
export type LightItem = {
  kind: LightKind;
  id: string;
  title: string;
  dueAt: string;
  light: Light;
  link: string;
};

function item(
  kind: LightKind,
  id: string,
  title: string,
  start: number,
  due: number,
  now: number,
  link: string,
) {
  return {
    kind,
    id,
    title,
    dueAt: new Date(due).toISOString(),
    light: lightFor(due - now, due - start),
    link,
  };
}

export async function townshipLights(services: Services, township: ItemOf<"township">) {
  const { db } = services;
  const now = services.now();
  const t = now.getTime();
  const scheme = (await getScheme(db, township.countyId, Number(monthAt(now).slice(0, 4))))?.scheme;
  const firstDays = scheme?.petitionFirstHandleDays ?? DEFAULT_FIRST_HANDLE_DAYS;
  const month = previousMonth(now);
  const [disputes, petitions, notices, submission, county] = await Promise.all([
    townshipDisputeLights(services, township, { includeGreen: true }),
    db.entities.petition.query.byClosed({ townshipId: township.id, closedKey: "OPEN" }).go({ pages: "all" }),
    db.entities.notice.query.byId({ townshipId: township.id }).go({ pages: "all" }),
    getItem(db, "submission", { townshipId: township.id, month }),
    getItem(db, "county", { id: township.countyId }),
  ]);
  const items: LightItem[] = disputes.disputes.map((d) => ({
    kind: "dispute",
    id: d.id,
    title: `${d.category} · ${d.partiesBrief}`,
    dueAt: d.dueAt,
    light: d.light,
    link: "/records/disputes",
  }));
  for (const p of checkItems(db, "petition", petitions.data)) {
    if (p.townshipId !== township.id || p.closedAt || p.deletedAt) continue;
    const received = Date.parse(p.receivedAt);
    if (!p.firstHandledAt)
      items.push(
        item(
          "petition_first",
          p.id,
          p.subject,
          received,
          received + firstDays * DAY_MS,
          t,
          "/records/petitions",
        ),
      );
    items.push(
      item(
        "petition_close",
        p.id,
        p.subject,
        received,
        received + PETITION_CLOSE_DAYS * DAY_MS,
        t,
        "/records/petitions",
      ),
    );
  }
  if (!hasSubmitted(submission)) {
    const deadline = submissionDeadline(month, county).getTime();
    items.push(item("submission", month, month, monthRange(month).end, deadline, t, "/my/score"));
  }
  if (county) {
    const persons = await townshipKeyPersonLights(db, county, township, t, { includeGreen: true });
    for (const k of persons)
      items.push({
        kind: "key_person",
        id: k.id,
        title: `${k.alias} · ${k.categoryName} · ${k.period} 已走访 ${k.visits}/${k.required} 次`,
        dueAt: k.dueAt,
        light: k.light,
        link: `/records/key-persons?id=${k.keyPersonId}`,
      });
  }
  for (const n of checkItems(db, "notice", notices.data)) {
    const light = n.townshipId === township.id ? noticeLight(n, now) : undefined;
    if (light)
      items.push({
        kind: "notice",
        id: n.id,
        title: n.title,
        dueAt: n.dueAt,
        light,
        link: `/notices?id=${n.id}`,
      });
  }
  const order: Record<Light, number> = { red: 0, yellow: 1, green: 2 };
  items.sort(
    (a, b) => order[a.light] - order[b.light] || (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0),
  );
  return {
    counts: {
      red: items.filter((i) => i.light === "red").length,
      yellow: items.filter((i) => i.light === "yellow").length,
      green: items.filter((i) => i.light === "green").length,
    },
    items,
  };
}

/** Red and yellow lights of each kind (the board's per-township summary). */
function countByKind(items: readonly LightItem[]) {
  const out: Partial<Record<LightKind, { red: number; yellow: number }>> = {};
  for (const i of items) {
    if (i.light === "green") continue;
    const c = out[i.kind] ?? { red: 0, yellow: 0 };
    c[i.light] += 1;
    out[i.kind] = c;
  }
  return out;
}

/**
 * The county's board of every active township's lights on everything with a deadline: each township's
 * counts, red and yellow by kind, and the items themselves for the one township asked about. Each
 * township's lights are exactly the ones it sees on its own home page (townshipLights).
 */
export async function countyTownshipLights(
  services: Services,
  county: ItemOf<"county">,
  input: { townshipId?: string },
) {
  const townships = (await countyTownships(services.db, county.id)).filter(
    (t) => !input.townshipId || t.id === input.townshipId,
  );
  const rows = await Promise.all(
    townships.map(async (t) => {
      const lights = await townshipLights(services, t);
      return {
        townshipId: t.id,
        name: t.name,
        counts: lights.counts,
        byKind: countByKind(lights.items),
        items: input.townshipId ? lights.items : [],
      };
    }),
  );
  return rows.sort(
    (a, b) =>
      b.counts.red - a.counts.red ||
      b.counts.yellow - a.counts.yellow ||
      a.name.localeCompare(b.name, "zh-CN"),
  );
}
