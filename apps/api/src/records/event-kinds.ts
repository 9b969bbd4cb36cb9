import { type Db, modelScheme2026 } from "@pingan/data";
import { monthOf, parseScheme, type Scheme, schemeItems, type WorkItem } from "@pingan/domain";
import { AppError } from "../errors";
import { getScheme } from "../schemes/scheme-store";

/**
 * Which 纪实 items a township may record (issue 14): those of its county's current scheme for the year,
 * i.e. the newest saved version. A county that has not made the year's scheme yet records against the
 * model scheme's items, the vocabulary it would start from.
 */
export type EventVocabulary = {
  year: number;
  /** The scheme version the items come from; null: the model scheme (the year has no scheme yet). */
  version: number | null;
  items: readonly WorkItem[];
};

let model: Scheme | undefined;
function modelScheme(): Scheme {
  if (!model) {
    const parsed = parseScheme(modelScheme2026);
    if (!parsed.ok) throw new Error("the model scheme is invalid");
    model = parsed.value;
  }
  return model;
}

export async function eventVocabulary(db: Db, countyId: string, year: number): Promise<EventVocabulary> {
  const stored = await getScheme(db, countyId, year);
  const scheme = stored?.scheme ?? modelScheme();
  return { year, version: stored ? stored.scheme.version : null, items: schemeItems(scheme) };
}

/** The China-time year of an event's instant. */
export const eventYear = (occurredAt: string) => Number(monthOf(occurredAt).slice(0, 4));

/** Refuses an event kind that is not an item of the county's current scheme of the event's year. */
export async function assertRecordableKind(
  db: Db,
  countyId: string,
  record: { kind: string; occurredAt: string },
): Promise<void> {
  const year = eventYear(record.occurredAt);
  const { items, version } = await eventVocabulary(db, countyId, year);
  if (items.some((i) => i.code === record.kind)) return;
  const where = version === null ? "示范考核细则" : `本县 ${year} 年度考核细则`;
  throw new AppError(
    "INPUT.INVALID",
    `「事件类型」${record.kind} 不是${where}中的纪实事项，请选择细则中的事项或请县委政法委在考核细则中添加`,
    { field: "kind" },
  );
}
