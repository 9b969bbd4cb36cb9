import { EVENT_LABELS } from "./labels";
import type { Scheme, WorkItem } from "./types";

/**
 * Event kinds the product itself writes, never a township's 纪实 item: the engine derives the first four
 * from other records (scoring.md §6), the daily sweep writes `supervision_overdue` and the monthly close
 * `late_report`. A scheme may deduct for them or veto on them without listing them as items.
 */
export const SYSTEM_EVENT_KINDS: Readonly<Record<string, string>> = {
  dispute_overdue: "纠纷超期未办结",
  skip_level_petition: "越级上访",
  collective_petition: "集体上访",
  major_criminal_case: "重大刑事案件",
  supervision_overdue: "督办单逾期未回复",
  late_report: "迟报漏报",
};

export function isSystemEventKind(kind: string): boolean {
  return Object.hasOwn(SYSTEM_EVENT_KINDS, kind);
}

/** A 纪实 item's code: lowercase snake case, as the event API takes it. */
export const WORK_ITEM_CODE = /^[a-z][a-z0-9_]{1,48}$/;

/** Every event kind a scheme names (routine duties, deductions, bonuses, zeroIf, vetoes), with where. */
export function referencedEvents(
  scheme: Scheme,
): { event: string; path: (string | number)[]; duty: boolean }[] {
  const out: { event: string; path: (string | number)[]; duty: boolean }[] = [];
  scheme.indicators.forEach((ind, i) => {
    if (ind.base.kind === "routine")
      ind.base.required.forEach((d, j) => {
        out.push({ event: d.event, path: ["indicators", i, "base", "required", j, "event"], duty: true });
      });
    ind.deductions?.forEach((r, j) => {
      out.push({ event: r.event, path: ["indicators", i, "deductions", j, "event"], duty: false });
    });
    ind.bonuses?.forEach((r, j) => {
      out.push({ event: r.event, path: ["indicators", i, "bonuses", j, "event"], duty: false });
    });
    ind.zeroIf?.forEach((k, j) => {
      out.push({ event: k, path: ["indicators", i, "zeroIf", j], duty: false });
    });
  });
  scheme.vetoes?.forEach((v, j) => {
    out.push({ event: v.event, path: ["vetoes", j, "event"], duty: false });
  });
  return out;
}

const itemsCache = new WeakMap<Scheme, readonly WorkItem[]>();

/**
 * The 纪实 items a township may record under a scheme: its own `items`; a scheme saved before schemes
 * carried items offers every non-system kind its rules name (named as the model scheme names them).
 */
export function schemeItems(scheme: Scheme): readonly WorkItem[] {
  const cached = itemsCache.get(scheme);
  if (cached) return cached;
  let items: readonly WorkItem[];
  if (scheme.items) items = scheme.items;
  else {
    const codes = [...new Set(referencedEvents(scheme).map((r) => r.event))].filter(
      (k) => !isSystemEventKind(k),
    );
    items = codes.map((code) => ({ code, name: EVENT_LABELS[code] ?? code }));
  }
  itemsCache.set(scheme, items);
  return items;
}

/** Whether a township may record an event of this kind under the scheme. */
export function isRecordableKind(scheme: Scheme, kind: string): boolean {
  return schemeItems(scheme).some((i) => i.code === kind);
}

/**
 * The Chinese name of an event kind under a scheme: the scheme's item, else the system kind's name, else
 * the code itself (an item a later version of the scheme no longer has, say).
 */
export function eventName(scheme: Scheme | undefined, kind: string): string {
  const item = scheme ? schemeItems(scheme).find((i) => i.code === kind) : undefined;
  return item?.name ?? SYSTEM_EVENT_KINDS[kind] ?? EVENT_LABELS[kind] ?? kind;
}
