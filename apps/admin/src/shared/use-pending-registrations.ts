import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../api/trpc";

/** How many township registrations wait for the county admin's approval (the menu's badge); 0 otherwise. */
export function usePendingRegistrations(enabled: boolean): number {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.onboarding.listTownships.queryOptions({ status: "pending" }),
    enabled,
    meta: { silent: true },
    refetchInterval: 5 * 60_000,
  });
  return enabled ? (q.data?.length ?? 0) : 0;
}
