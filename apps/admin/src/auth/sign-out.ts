import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "../api/app-router";
import type { Session } from "../api/token-store";

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
