import { useQueryClient } from "@tanstack/react-query";
import type { TRPCClient } from "@trpc/client";
import { useLocation, useNavigate } from "react-router";
import type { AppRouter } from "../api/app-router";
import { useSession } from "../api/session-provider";
import type { Session } from "../api/token-store";
import { useTRPCClient } from "../api/trpc";

/**
 * Ends the session on the server too (the refresh-token cookie, which the browser sends), so the refresh
 * token stops working and the cookie is cleared; failure changes nothing locally.
 */
export async function signOutEverywhere(client: TRPCClient<AppRouter>, _session?: Session): Promise<void> {
  try {
    await client.auth.signOut.mutate({});
  } catch {
    // Offline: the token expires on its own.
  }
}

/**
 * Signing out leaves nothing for the next person on this tab: the server session ends, every cached
 * answer of the last user is dropped, and the sign-in page is opened without a page to return to, so the
 * next user lands on their own home page (a remembered route is only for a session that expired).
 */
export function useSignOut(): () => void {
  const { session, signOut } = useSession();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return () => {
    void signOutEverywhere(client, session ?? undefined);
    signOut();
    navigate("/sign-in", { replace: true, state: null });
    void queryClient.cancelQueries();
    queryClient.clear();
  };
}

/** What the signed-in frame hands the sign-in page when a session ends: the page, and whose it was. */
export type ReturnState = { from?: string; userId?: string } | null;

/**
 * Where to go after signing in: back to the page a session ended on only when the same person signs in
 * again (an expired session); anyone else — or anyone after a deliberate sign-out — starts at home.
 */
export function useReturnPath(): (user: { id: string }, home: string) => string {
  const state = useLocation().state as ReturnState;
  return (user, home) =>
    state?.from && state.from !== "/sign-in" && state.userId === user.id ? state.from : home;
}
