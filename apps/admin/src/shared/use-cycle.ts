import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../api/trpc";

/**
 * The month due for the signed-in user's county (「每月N日前提交上个月」), decided by the server's clock
 * and the county's deadline day, never the browser's: on 3 December it is November. Township pages, the
 * submit button and the county's review queue open on it; `undefined` while it loads.
 */
export function useDueMonth(): { dueMonth: string | undefined; deadline: string | undefined } {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.submissions.cycle.queryOptions(), staleTime: 60_000 });
  return { dueMonth: q.data?.dueMonth, deadline: q.data?.deadline };
}
