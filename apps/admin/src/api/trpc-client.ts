import { createTRPCClient, httpBatchLink, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import type { AppRouter } from "./app-router";
import { refreshSession } from "./refresh-session";
import { REFRESH_COOKIE_HEADER, tokenStore } from "./token-store";

const NO_RETRY = new Set(["auth.signIn", "auth.refresh", "auth.signOut"]);

/** Retries a call once after refreshing the access token when the API answers UNAUTHORIZED. */
export const refreshOnUnauthorized =
  (baseUrl: string): TRPCLink<AppRouter> =>
  () =>
  ({ op, next }) =>
    observable((observer) => {
      let retried = false;
      let sub = next(op).subscribe({
        next: (v) => observer.next(v),
        complete: () => observer.complete(),
        error: (err) => {
          const code = (err.data as { code?: string } | undefined)?.code;
          if (code !== "UNAUTHORIZED" || retried || NO_RETRY.has(op.path) || !tokenStore.get()) {
            observer.error(err);
            return;
          }
          retried = true;
          void refreshSession(baseUrl).then((ok) => {
            if (!ok) {
              observer.error(err);
              return;
            }
            sub = next(op).subscribe(observer);
          });
        },
      });
      return () => sub.unsubscribe();
    });

export function createApiClient(url = "/trpc") {
  return createTRPCClient<AppRouter>({
    links: [
      refreshOnUnauthorized(url),
      httpBatchLink({
        url,
        // The API refuses batches of more calls (MAX_BATCH_CALLS in apps/api/src/app.ts).
        maxItems: 10,
        headers() {
          // The opt-in header: sign-in answers with the refresh token in an HttpOnly cookie, not the body.
          const token = tokenStore.get()?.accessToken;
          return token
            ? { ...REFRESH_COOKIE_HEADER, authorization: `Bearer ${token}` }
            : { ...REFRESH_COOKIE_HEADER };
        },
      }),
    ],
  });
}
