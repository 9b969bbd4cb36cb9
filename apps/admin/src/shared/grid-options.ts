import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../api/trpc";

/**
 * The township's grids as select options, labelled 「村（社区） / 网格」: the live ones for filing a record,
 * all of them (archived too) for filtering lists, since records filed under a removed grid stay readable.
 */
export function useGridOptions(townshipId: string) {
  const trpc = useTRPC();
  const org = useQuery(trpc.organisation.get.queryOptions({ townshipId }));
  const villages = new Map((org.data?.villages ?? []).map((v) => [v.id, v.name]));
  const all = (org.data?.grids ?? []).map((g) => ({
    value: g.id,
    label: `${villages.get(g.villageId) ?? ""} / ${g.name}`,
    archived: g.archived,
  }));
  all.sort((a, b) => a.label.localeCompare(b.label, "zh-CN"));
  return {
    filing: all.filter((g) => !g.archived).map(({ value, label }) => ({ value, label })),
    filter: all.map(({ value, label }) => ({ value, label })),
  };
}
