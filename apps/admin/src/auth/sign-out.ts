import { useQueryClient } from "@tanstack/react-query";
import type { TRPCClient } from "@trpc/client";
import { useNavigate } from "react-router";
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
    // Navigating first (batched with the sign-out) keeps the signed-in frame from remembering this page.
    navigate("/sign-in", { replace: true, state: null });
    signOut();
    void queryClient.cancelQueries();
    queryClient.clear();
  };
}
