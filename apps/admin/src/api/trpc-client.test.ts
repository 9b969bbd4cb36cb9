import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { tokenStore } from "./token-store";
import { createApiClient } from "./trpc-client";

const user = { id: "u1", name: "赵专干", role: "township_admin" as const, townshipId: "t1" };

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}
const unauthorized = () =>
  json(
    [
      {
        error: {
          message: "登录已过期",
          code: -32001,
          data: { code: "UNAUTHORIZED", httpStatus: 401, appCode: "AUTH.EXPIRED" },
        },
      },
    ],
    401,
  );

/** A fake API: `auth.me` accepts only the token "new"; `auth.refresh` gives it to the opted-in cookie holder. */
function fakeApi(refreshWorks: boolean) {
  const calls: string[] = [];
  const fetchMock = vi.fn(async (url: string | URL, init?: RequestInit) => {
    const href = String(url);
    expect(href.startsWith("http://api.test/trpc/")).toBe(true);
    const auth = new Headers(init?.headers).get("authorization");
    calls.push(`${href.includes("auth.refresh") ? "refresh" : "me"} ${auth ?? ""}`.trim());
    if (href.includes("auth.refresh")) {
      // The refresh token is the browser's HttpOnly cookie: the app sends none itself, only the opt-in.
      expect(JSON.parse(String(init?.body))).toEqual({});
      expect(new Headers(init?.headers).get("x-pingan-refresh")).toBe("cookie");
      expect(init?.credentials).toBe("same-origin");
      return refreshWorks
        ? json({ result: { data: { accessToken: "new", user } } })
        : json({ error: { message: "登录已失效", data: { code: "UNAUTHORIZED" } } }, 401);
    }
    return auth === "Bearer new"
      ? json([{ result: { data: { id: "u1", name: "赵专干" } } }])
      : unauthorized();
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
}

beforeEach(() => tokenStore.set({ accessToken: "old", user }));
afterEach(() => {
  vi.unstubAllGlobals();
  tokenStore.set(null);
});

describe("the API client", () => {
  it("keeps no refresh token in localStorage, and drops one an earlier version stored there", () => {
    localStorage.setItem("pingan.session", JSON.stringify({ accessToken: "a", refreshToken: "r-old", user }));
    expect(tokenStore.get()).toEqual({ accessToken: "a", user });
    expect(localStorage.getItem("pingan.session")).not.toContain("r-old");
    tokenStore.set({ accessToken: "b", user, refreshToken: "r-new" } as never);
    expect(localStorage.getItem("pingan.session")).not.toContain("r-new");
  });

  it("sends the Bearer token, refreshes it once when the API says it expired, and retries the call", async () => {
    const calls = fakeApi(true);
    const client = createApiClient("http://api.test/trpc");
    const me = await client.auth.me.query();
    expect(me).toMatchObject({ name: "赵专干" });
    expect(calls).toEqual(["me Bearer old", "refresh", "me Bearer new"]);
    expect(tokenStore.get()).toEqual({ accessToken: "new", user });
    expect(localStorage.getItem("pingan.session")).not.toContain("refresh");
  });

  it("signs the user out when the refresh token is no longer valid, and reports the failure", async () => {
    fakeApi(false);
    const client = createApiClient("http://api.test/trpc");
    await expect(client.auth.me.query()).rejects.toMatchObject({ data: { code: "UNAUTHORIZED" } });
    expect(tokenStore.get()).toBeNull();
  });
});
