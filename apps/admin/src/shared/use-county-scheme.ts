import { parseScheme, type Scheme } from "@pingan/domain";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../api/trpc";

/** The county's scheme of a year and version, to name indicators and grades; undefined while unknown. */
export function useCountyScheme(year: number, version?: number): Scheme | undefined {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.schemes.get.queryOptions(version === undefined ? { year } : { year, version }),
    meta: { silent: true },
    retry: false,
  });
  if (!q.data) return undefined;
  const parsed = parseScheme(q.data.scheme);
  return parsed.ok ? parsed.value : undefined;
}
