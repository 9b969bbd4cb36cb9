import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../api/trpc";

/**
 * The township's grids as select options, labelled 「村（社区） / 网格」: the live ones for filing a record,
 * all of them (archived too) for filtering lists, since records filed under a removed grid stay readable.
 * Also its villages and staff, for filters by village and 责任人. No township (a county page before one
 * is chosen): nothing is asked and every list is empty.
 */
export function useGridOptions(townshipId: string | undefined) {
  const trpc = useTRPC();
  const org = useQuery({
    ...trpc.organisation.get.queryOptions({ townshipId: townshipId ?? "" }),
    enabled: townshipId !== undefined,
  });
  const villages = new Map((org.data?.villages ?? []).map((v) => [v.id, v.name]));
  const all = (org.data?.grids ?? []).map((g) => ({
    value: g.id,
    label: `${villages.get(g.villageId) ?? ""} / ${g.name}`,
    archived: g.archived,
    villageId: g.villageId,
  }));
  all.sort((a, b) => a.label.localeCompare(b.label, "zh-CN"));
  return {
    filing: all.filter((g) => !g.archived).map(({ value, label }) => ({ value, label })),
    filter: all.map(({ value, label }) => ({ value, label })),
    /** The grids of one village (all of them without one), for a filter that narrows by village first. */
    filterIn: (villageId: string | undefined) =>
      all
        .filter((g) => !villageId || g.villageId === villageId)
        .map(({ value, label }) => ({ value, label })),
    villages: (org.data?.villages ?? []).map((v) => ({ value: v.id, label: v.name })),
    people: (org.data?.staff ?? []).map((s) => ({ value: s.userId, label: s.name })),
  };
}
