/**
 * The refresh token of a browser session lives in an HttpOnly cookie on the API's origin, out of reach of
 * the page's scripts (localStorage is readable by any script that runs there). The admin app and the API
 * share one origin (CloudFront routes /trpc/* to the API; Vite proxies it in development), so the cookie
 * is first-party:
 *
 *   pa_refresh=<token>; Path=/trpc/auth.; HttpOnly; SameSite=Strict; Max-Age=<refresh TTL>[; Secure]
 *
 * Path limits it to the auth procedures (auth.refresh and auth.signOut read it), Secure is set whenever
 * the request came over HTTPS (always in AWS), SameSite=Strict keeps other sites' pages from sending it.
 * A client opts in with the header `x-pingan-refresh: cookie` (a custom header: a cross-site form or
 * fetch cannot send it without a CORS preflight the API never grants). Then sign-in and refresh set the
 * cookie and leave the token out of the response body, and a refresh or sign-out without a token in its
 * input reads the cookie. Clients without the header (scripts, tests) keep the token in the body.
 */
export const REFRESH_COOKIE = "pa_refresh";
export const REFRESH_COOKIE_PATH = "/trpc/auth.";
export const REFRESH_OPT_IN_HEADER = "x-pingan-refresh";

export type RefreshCookieJar = {
  read(): string | undefined;
  write(token: string, maxAgeSeconds: number): void;
  clear(): void;
};

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/** The jar of a request that opted in, writing to its response's headers; undefined otherwise. */
export function refreshCookieJar(request: Request, responseHeaders: Headers): RefreshCookieJar | undefined {
  if (request.headers.get(REFRESH_OPT_IN_HEADER) !== "cookie") return undefined;
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  const cookie = (value: string, maxAge: number) =>
    `${REFRESH_COOKIE}=${value}; Path=${REFRESH_COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
  return {
    read: () => cookieValue(request.headers.get("cookie"), REFRESH_COOKIE),
    write: (token, maxAgeSeconds) => responseHeaders.append("set-cookie", cookie(token, maxAgeSeconds)),
    clear: () => responseHeaders.append("set-cookie", cookie("", 0)),
  };
}
