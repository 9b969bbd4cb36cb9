import { REFRESH_COOKIE_HEADER, type Session, tokenStore } from "./token-store";

let inflight: Promise<boolean> | null = null;

/**
 * Trades the refresh token (the API's HttpOnly cookie, sent by the browser; never seen by this code) for a
 * new access token, once for however many calls failed together. A plain fetch on purpose: the refresh
 * must not go through the link that triggers it.
 */
export function refreshSession(baseUrl = "/trpc"): Promise<boolean> {
  inflight ??= (async () => {
    const current = tokenStore.get();
    if (!current) return false;
    try {
      const res = await fetch(`${baseUrl}/auth.refresh`, {
        method: "POST",
        headers: { "content-type": "application/json", ...REFRESH_COOKIE_HEADER },
        credentials: "same-origin",
        body: JSON.stringify({}),
      });
      if (!res.ok) throw new Error(String(res.status));
      const body = (await res.json()) as { result?: { data?: Partial<Session> } };
      const next = body.result?.data;
      if (!next?.accessToken) throw new Error("no token");
      tokenStore.set({ accessToken: next.accessToken, user: next.user ?? current.user });
      return true;
    } catch {
      tokenStore.set(null);
      return false;
    }
  })().finally(() => {
    inflight = null;
  });
  return inflight;
}
