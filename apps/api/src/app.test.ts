import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, describe, expect, it } from "vitest";
import { createApp, MAX_BATCH_CALLS, MAX_BODY_BYTES } from "./app";
import { SOURCE_ATTEMPTS } from "./auth/rate-limit";
import { REFRESH_COOKIE } from "./auth/refresh-cookie";
import { createTestServices, TEST_PASSWORD, uniquePhone } from "./testing/harness";
import { provisionUser } from "./testing/provisioning";

/** Bounds on the work one request may ask for, at the HTTP edge, on the real Node server. */
const services = await createTestServices("app-limits");
const app = createApp({ services });
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
await new Promise<void>((ready) => server.once("listening", () => ready()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** A batch of `n` calls of one public query, as the tRPC client sends it (GET, comma-separated paths). */
function batch(n: number, path = "public.periods") {
  const paths = Array.from({ length: n }, () => path).join(",");
  const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { countyId: "c-none" }]));
  return `${base}/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
}

/** A batch of sign-in attempts (POST, as the client sends mutations). */
function signInBatch(logins: string[]) {
  const body = Object.fromEntries(logins.map((login, i) => [i, { login, password: "wrong-password-1" }]));
  return fetch(`${base}/trpc/${logins.map(() => "auth.signIn").join(",")}?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("the HTTP edge", () => {
  it(`runs a batch of up to ${MAX_BATCH_CALLS} calls and refuses a larger one with 400 before running any`, async () => {
    const ok = await fetch(batch(MAX_BATCH_CALLS));
    const answers = (await ok.json()) as { error?: { data: { appCode?: string } } }[];
    // Each call ran (and found no such county): ten answers, none of them the batch refusal.
    expect(answers).toHaveLength(MAX_BATCH_CALLS);
    expect(answers.every((a) => a.error?.data.appCode === "NOT_FOUND")).toBe(true);
    const refused = await fetch(batch(MAX_BATCH_CALLS + 1));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: {
        message: `一次请求最多包含 ${MAX_BATCH_CALLS} 个调用，请分批发送`,
        data: { appCode: "REQUEST.TOO_MANY_CALLS", httpStatus: 400 },
      },
    });
    expect((await fetch(batch(200))).status).toBe(400);
  });

  it("marks answers to credentialed calls private and uncacheable, and leaves anonymous ones to the edge cache", async () => {
    const anonymous = await fetch(batch(1));
    expect(anonymous.headers.get("cache-control")).toBeNull();
    const withToken = await fetch(batch(1), { headers: { authorization: "Bearer not-a-token" } });
    expect(withToken.headers.get("cache-control")).toBe("private, no-store");
    const withCookie = await fetch(batch(1), { headers: { cookie: "x=1" } });
    expect(withCookie.headers.get("cache-control")).toBe("private, no-store");
  });

  it("limits sign-in attempts per source address, for accounts that exist or not", async () => {
    const codes: string[] = [];
    for (let sent = 0; sent < SOURCE_ATTEMPTS + MAX_BATCH_CALLS; sent += MAX_BATCH_CALLS) {
      const res = await signInBatch(Array.from({ length: MAX_BATCH_CALLS }, () => uniquePhone()));
      for (const r of (await res.json()) as { error: { data: { code: string }; message: string } }[])
        codes.push(`${r.error.data.code} ${r.error.message}`);
    }
    expect(codes.slice(0, SOURCE_ATTEMPTS).every((c) => c === "UNAUTHORIZED 账号或密码错误")).toBe(true);
    expect(
      codes.slice(SOURCE_ATTEMPTS).every((c) => c === "TOO_MANY_REQUESTS 登录尝试过于频繁，请稍后再试"),
    ).toBe(true);
    expect(codes.length).toBeGreaterThan(SOURCE_ATTEMPTS);
  });
  // Last: the server answers 413 while the client is still sending, which ends that connection.
  it("refuses a body over 6 MB with 413, whether its length is declared or streamed", async () => {
    const huge = JSON.stringify({ login: "x".repeat(MAX_BODY_BYTES), password: "y" });
    const declared = await fetch(`${base}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: huge,
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({
      error: { message: "请求内容过大（上限 6 MB），请分批提交", data: { appCode: "REQUEST.TOO_LARGE" } },
    });
    const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await fetch(`${base}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    // A body just under the limit reaches tRPC (and is refused there for its content, not its size).
    const fits = await fetch(`${base}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "x".repeat(1024 * 1024), password: "y" }),
    });
    expect(fits.status).toBe(400);
  });
});

describe("the refresh token in an HttpOnly cookie", () => {
  const call = (
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
    origin = "https://admin.example.com",
  ) =>
    app.request(`${origin}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  const optIn = { "x-pingan-refresh": "cookie" };
  const cookieOf = (res: Response) => res.headers.get("set-cookie") ?? "";
  const tokenIn = (setCookie: string) => new RegExp(`${REFRESH_COOKIE}=([^;]*)`).exec(setCookie)?.[1] ?? "";

  it("is set at sign-in and rotated by refresh for a browser that opts in, and never sent in the body", async () => {
    const phone = uniquePhone();
    await provisionUser(services, {
      name: "饼干",
      phone,
      password: TEST_PASSWORD,
      role: "county_reviewer",
      countyId: "c-cookie",
    });
    const signIn = await call("auth.signIn", { login: phone, password: TEST_PASSWORD }, optIn);
    expect(signIn.status).toBe(200);
    const set = cookieOf(signIn);
    expect(set).toMatch(
      new RegExp(
        `^${REFRESH_COOKIE}=[\\w-]+\\.[\\w-]+\\.[\\w-]+; Path=/trpc/auth\\.; HttpOnly; SameSite=Strict; Max-Age=3600; Secure$`,
      ),
    );
    const body = (await signIn.json()) as { result: { data: Record<string, unknown> } };
    expect(body.result.data.accessToken).toEqual(expect.any(String));
    expect(body.result.data).not.toHaveProperty("refreshToken");
    expect(JSON.stringify(body)).not.toContain(tokenIn(set));

    // A refresh without a token in its input uses the cookie, and answers with a new one.
    const cookie = `${REFRESH_COOKIE}=${tokenIn(set)}`;
    const refreshed = await call("auth.refresh", {}, { ...optIn, cookie });
    expect(refreshed.status).toBe(200);
    const next = tokenIn(cookieOf(refreshed));
    expect(next).toBeTruthy();
    expect(next).not.toBe(tokenIn(set));
    expect(((await refreshed.json()) as { result: { data: object } }).result.data).not.toHaveProperty(
      "refreshToken",
    );

    // Without the opt-in header the cookie is not read (a cross-site request cannot add the header).
    expect((await call("auth.refresh", {}, { cookie: `${REFRESH_COOKIE}=${next}` })).status).toBe(401);

    // Sign-out ends the session and clears the cookie.
    const out = await call("auth.signOut", {}, { ...optIn, cookie: `${REFRESH_COOKIE}=${next}` });
    expect(out.status).toBe(200);
    expect(cookieOf(out)).toMatch(
      new RegExp(`^${REFRESH_COOKIE}=; Path=/trpc/auth\\.; HttpOnly; SameSite=Strict; Max-Age=0`),
    );
    expect((await call("auth.refresh", {}, { ...optIn, cookie: `${REFRESH_COOKIE}=${next}` })).status).toBe(
      401,
    );
  });

  it("is not Secure over plain HTTP (local development), and stays out of the way of clients that did not opt in", async () => {
    const phone = uniquePhone();
    await provisionUser(services, {
      name: "脚本",
      phone,
      password: TEST_PASSWORD,
      role: "county_reviewer",
      countyId: "c-cookie",
    });
    const local = await call(
      "auth.signIn",
      { login: phone, password: TEST_PASSWORD },
      optIn,
      "http://localhost:5173",
    );
    expect(cookieOf(local)).toContain("HttpOnly; SameSite=Strict");
    expect(cookieOf(local)).not.toContain("Secure");
    const script = await call("auth.signIn", { login: phone, password: TEST_PASSWORD });
    expect(script.headers.get("set-cookie")).toBeNull();
    const pair = ((await script.json()) as { result: { data: { refreshToken: string } } }).result.data;
    expect(pair.refreshToken.split(".")).toHaveLength(3);
  });
});
