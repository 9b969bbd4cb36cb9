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

/** A fake API: `auth.me` accepts only the token "new"; `auth.refresh` trades "r1" for it. */
function fakeApi(refreshWorks: boolean) {
  const calls: string[] = [];
  const fetchMock = vi.fn(async (url: string | URL, init?: RequestInit) => {
    const href = String(url);
    expect(href.startsWith("http://api.test/trpc/")).toBe(true);
    const auth = new Headers(init?.headers).get("authorization");
    calls.push(`${href.includes("auth.refresh") ? "refresh" : "me"} ${auth ?? ""}`.trim());
    if (href.includes("auth.refresh")) {
      const body = JSON.parse(String(init?.body)) as { refreshToken: string };
      return refreshWorks && body.refreshToken === "r1"
        ? json({ result: { data: { accessToken: "new", refreshToken: "r2", user } } })
        : json({ error: { message: "登录已失效", data: { code: "UNAUTHORIZED" } } }, 401);
    }
    return auth === "Bearer new"
      ? json([{ result: { data: { id: "u1", name: "赵专干" } } }])
      : unauthorized();
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
}

beforeEach(() => tokenStore.set({ accessToken: "old", refreshToken: "r1", user }));
afterEach(() => {
  vi.unstubAllGlobals();
  tokenStore.set(null);
});

describe("the API client", () => {
  it("sends the Bearer token, refreshes it once when the API says it expired, and retries the call", async () => {
    const calls = fakeApi(true);
    const client = createApiClient("http://api.test/trpc");
    const me = await client.auth.me.query();
    expect(me).toMatchObject({ name: "赵专干" });
    expect(calls).toEqual(["me Bearer old", "refresh", "me Bearer new"]);
    expect(tokenStore.get()).toMatchObject({ accessToken: "new", refreshToken: "r2" });
  });

  it("signs the user out when the refresh token is no longer valid, and reports the failure", async () => {
    fakeApi(false);
    const client = createApiClient("http://api.test/trpc");
    await expect(client.auth.me.query()).rejects.toMatchObject({ data: { code: "UNAUTHORIZED" } });
    expect(tokenStore.get()).toBeNull();
  });
});
