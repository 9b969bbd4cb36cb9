import { type RefreshCookieJar, refreshCookieJar } from "./auth/refresh-cookie";
import type { Services } from "./services";

/**
 * The framework-free context: services plus the caller's bearer token, if any. Authentication happens
 * in the procedure middleware (src/trpc.ts), so `createCaller` in tests goes through the same checks.
 */
export type Context = {
  services: Services;
  accessToken: string | null;
  /** The client's network address, as the HTTP edge saw it (app.ts); null in-process. */
  sourceAddress: string | null;
  /** The refresh-token cookie, when the browser client opted in (auth/refresh-cookie.ts). */
  refreshCookie?: RefreshCookieJar;
};

export function createContextInner(options: {
  services: Services;
  accessToken?: string | null;
  sourceAddress?: string | null;
  refreshCookie?: RefreshCookieJar;
}): Context {
  return {
    services: options.services,
    accessToken: options.accessToken ?? null,
    sourceAddress: options.sourceAddress ?? null,
    refreshCookie: options.refreshCookie,
  };
}

/** The thin HTTP wrapper: reads `Authorization: Bearer <token>`. */
export function createContextFromRequest(
  services: Services,
  request: Request,
  sourceAddress: string | null = null,
  responseHeaders?: Headers,
): Context {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return createContextInner({
    services,
    accessToken: match?.[1] ?? null,
    sourceAddress,
    refreshCookie: responseHeaders && refreshCookieJar(request, responseHeaders),
  });
}
