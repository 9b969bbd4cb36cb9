import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "../api/app-router";
import type { Session } from "../api/token-store";

/** Ends the session on the server too, so the refresh token stops working; failure changes nothing locally. */
export async function signOutEverywhere(client: TRPCClient<AppRouter>, session: Session): Promise<void> {
  try {
    await client.auth.signOut.mutate({ refreshToken: session.refreshToken });
  } catch {
    // Offline: the token expires on its own.
  }
}
