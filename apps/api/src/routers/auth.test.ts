import { getItem } from "@pingan/data";
import { describe, expect, it } from "vitest";
import { REFRESH_RETRY_GRACE_SECONDS } from "../auth/sessions";
import { hashRefreshSecret } from "../auth/tokens";
import { anonymous, callerWith, createTestServices, TEST_PASSWORD, uniquePhone } from "../testing/harness";
import { provisionUser } from "../testing/provisioning";

const services = await createTestServices("auth");
const START = services.now().toISOString();
const later = (seconds: number) => new Date(Date.parse(START) + seconds * 1000).toISOString();
/** Called in-process (no cookie jar), so the refresh token comes in the body. */
function withToken<T extends { refreshToken?: string }>(pair: T): T & { refreshToken: string } {
  if (!pair.refreshToken) throw new Error("expected the refresh token in the body");
  return { ...pair, refreshToken: pair.refreshToken };
}
const signInAs = async (input: { login: string; password: string }) =>
  withToken(await anonymous(services).auth.signIn(input));
const refresh = async (refreshToken: string) =>
  withToken(await anonymous(services).auth.refresh({ refreshToken }));

async function newUser(email?: string) {
  const phone = uniquePhone();
  const user = await provisionUser(services, {
    name: "测试",
    phone,
    email,
    password: TEST_PASSWORD,
    role: "county_reviewer",
    countyId: "c-auth",
  });
  return { phone, user };
}

describe("accounts", () => {
  it("signs in with a phone number or an e-mail address and answers me", async () => {
    const { phone } = await newUser("Zhang@Example.com");
    const byPhone = await signInAs({ login: phone, password: TEST_PASSWORD });
    const byEmail = await signInAs({
      login: "zhang@example.com",
      password: TEST_PASSWORD,
    });
    expect(byEmail.user.id).toBe(byPhone.user.id);
    const me = await callerWith(services, byPhone.accessToken).auth.me();
    expect(me).toMatchObject({ phone, role: "county_reviewer" });
    expect(me).not.toHaveProperty("passwordHash");
  });

  it("refuses a wrong password without saying whether the account exists", async () => {
    const { phone } = await newUser();
    await expect(signInAs({ login: phone, password: "wrong-password" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "账号或密码错误",
    });
    await expect(signInAs({ login: "13000000000", password: "whatever1" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "账号或密码错误",
    });
  });

  it("locks the account after five failures in a row, even for the right password", async () => {
    const { phone } = await newUser();
    for (let i = 0; i < 5; i++) {
      await expect(signInAs({ login: phone, password: "wrong-password" })).rejects.toThrow();
    }
    await expect(signInAs({ login: phone, password: TEST_PASSWORD })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    services.setNow("2026-11-20T03:00:00.000Z");
    try {
      await expect(signInAs({ login: phone, password: TEST_PASSWORD })).resolves.toBeTruthy();
    } finally {
      services.setNow("2026-11-20T02:00:00.000Z");
    }
  });

  it("answers an unknown sign-in name exactly as a known one, through the lockout too", async () => {
    const { phone } = await newUser();
    const unknown = uniquePhone();
    const answers = async (login: string) => {
      const out: string[] = [];
      for (let i = 0; i < 8; i++) {
        const e = (await anonymous(services)
          .auth.signIn({ login, password: `wrong-password-${i}` })
          .catch((error: unknown) => error)) as { code: string; message: string };
        out.push(`${e.code} ${e.message}`);
      }
      return out;
    };
    const known = await answers(phone);
    expect(await answers(unknown)).toEqual(known);
    expect(known.slice(0, 5).every((a) => a.startsWith("UNAUTHORIZED"))).toBe(true);
    expect(known.slice(5)).toEqual(Array(3).fill("TOO_MANY_REQUESTS 登录尝试过于频繁，请稍后再试"));
  });

  it("limits sign-in attempts per source address across accounts", async () => {
    const { signIn } = await import("../auth/sessions");
    const { SOURCE_ATTEMPTS } = await import("../auth/rate-limit");
    const { phone } = await newUser();
    for (let i = 0; i < SOURCE_ATTEMPTS; i++) {
      await expect(
        signIn(services, { login: uniquePhone(), password: "wrong-password" }, "198.51.100.7"),
      ).rejects.toMatchObject({ code: "AUTH.INVALID" });
    }
    // The address is spent, even for the right password of a real account; another address is not.
    await expect(
      signIn(services, { login: phone, password: TEST_PASSWORD }, "198.51.100.7"),
    ).rejects.toMatchObject({
      code: "AUTH.LOCKED",
      messageZh: "登录尝试过于频繁，请稍后再试",
    });
    await expect(
      signIn(services, { login: phone, password: TEST_PASSWORD }, "198.51.100.8"),
    ).resolves.toBeTruthy();
  });

  it("checks at most five of many parallel wrong guesses before locking, and records the lock once", async () => {
    const { phone, user } = await newUser();
    const guesses = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => signInAs({ login: phone, password: `guess-${i}-pw` })),
    );
    const reasons = guesses.map((g) =>
      g.status === "rejected" ? (g.reason as { code: string }).code : "ok",
    );
    expect(reasons.filter((r) => r === "UNAUTHORIZED").length).toBeLessThanOrEqual(5);
    expect(reasons.filter((r) => r === "TOO_MANY_REQUESTS").length).toBeGreaterThanOrEqual(7);
    await expect(signInAs({ login: phone, password: TEST_PASSWORD })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    const { data: trail } = await services.db.entities.audit.query
      .byScope({ scope: "C#c-auth" })
      .go({ pages: "all" });
    expect(trail.filter((e) => e.entityId === user.id && e.action === "user.lock")).toHaveLength(1);
  });

  it("after a lock expires lets one attempt through, and locks longer if it fails too", async () => {
    const { phone } = await newUser();
    for (let i = 0; i < 5; i++) {
      await expect(signInAs({ login: phone, password: "wrong-password" })).rejects.toThrow();
    }
    services.setNow("2026-11-20T02:20:00.000Z"); // the 15-minute lock is over
    try {
      await expect(signInAs({ login: phone, password: "still-wrong" })).rejects.toMatchObject({
        code: "UNAUTHORIZED",
      });
      services.setNow("2026-11-20T02:40:00.000Z"); // 20 minutes later: still inside the doubled, 30-minute lock
      await expect(signInAs({ login: phone, password: TEST_PASSWORD })).rejects.toMatchObject({
        code: "TOO_MANY_REQUESTS",
      });
      services.setNow("2026-11-20T02:51:00.000Z");
      await expect(signInAs({ login: phone, password: TEST_PASSWORD })).resolves.toBeTruthy();
    } finally {
      services.setNow("2026-11-20T02:00:00.000Z");
    }
  });

  it("rotates refresh tokens: after the retry window the old one stops working and ends the session", async () => {
    const { phone } = await newUser();
    const first = await signInAs({ login: phone, password: TEST_PASSWORD });
    const second = await refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    services.setNow(later(REFRESH_RETRY_GRACE_SECONDS + 1));
    try {
      await expect(refresh(first.refreshToken)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
      // Reuse of the old token revoked the session, so the new pair is dead too.
      await expect(callerWith(services, second.accessToken).auth.me()).rejects.toMatchObject({
        code: "UNAUTHORIZED",
      });
      await expect(refresh(second.refreshToken)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    } finally {
      services.setNow(START);
    }
  });

  it("lets a client that lost a refresh's response retry it within the window, and revokes the successor it never got", async () => {
    const { phone } = await newUser();
    const first = await signInAs({ login: phone, password: TEST_PASSWORD });
    const lost = await refresh(first.refreshToken);
    services.setNow(later(REFRESH_RETRY_GRACE_SECONDS - 5));
    try {
      const retried = await refresh(first.refreshToken);
      expect(retried.refreshToken).not.toBe(lost.refreshToken);
      await expect(callerWith(services, retried.accessToken).auth.me()).resolves.toMatchObject({ phone });
      const next = await refresh(retried.refreshToken);
      await expect(callerWith(services, next.accessToken).auth.me()).resolves.toBeTruthy();
      // The unused successor was revoked: it coming back now is reuse, which ends the session.
      await expect(refresh(lost.refreshToken)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
      await expect(callerWith(services, next.accessToken).auth.me()).rejects.toMatchObject({
        code: "UNAUTHORIZED",
      });
    } finally {
      services.setNow(START);
    }
  });

  it("treats a replaced token as reuse inside the window once its successor has been used", async () => {
    const { phone } = await newUser();
    const first = await signInAs({ login: phone, password: TEST_PASSWORD });
    const second = await refresh(first.refreshToken);
    const third = await refresh(second.refreshToken);
    await expect(refresh(first.refreshToken)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerWith(services, third.accessToken).auth.me()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("refuses a made-up refresh secret for a real session without ending it", async () => {
    const { phone, user } = await newUser();
    const tokens = await signInAs({ login: phone, password: TEST_PASSWORD });
    const sessionId = tokens.refreshToken.split(".")[1] ?? "";
    for (const secret of ["made-up", hashRefreshSecret("x"), "A".repeat(43)]) {
      await expect(refresh(`${user.id}.${sessionId}.${secret}`)).rejects.toMatchObject({
        code: "UNAUTHORIZED",
      });
    }
    // Also after the session has rotated (a retry window is open, and replaced secrets are kept).
    const next = await refresh(tokens.refreshToken);
    await expect(refresh(`${user.id}.${sessionId}.still-made-up`)).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await expect(callerWith(services, next.accessToken).auth.me()).resolves.toMatchObject({ phone });
    await expect(refresh(next.refreshToken)).resolves.toBeTruthy();
  });

  it("recognises any of the session's recently replaced tokens as reuse, not only the last one", async () => {
    const { phone } = await newUser();
    const first = await signInAs({ login: phone, password: TEST_PASSWORD });
    let latest = first;
    for (let i = 0; i < 4; i++) latest = await refresh(latest.refreshToken);
    await expect(callerWith(services, latest.accessToken).auth.me()).resolves.toBeTruthy();
    await expect(refresh(first.refreshToken)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerWith(services, latest.accessToken).auth.me()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("keeps session ids out of the audit trail, which the account's colleagues read", async () => {
    const { phone, user } = await newUser();
    const tokens = await signInAs({ login: phone, password: TEST_PASSWORD });
    const again = await signInAs({ login: phone, password: TEST_PASSWORD });
    await anonymous(services).auth.signOut({ refreshToken: tokens.refreshToken });
    const first = await refresh(again.refreshToken);
    services.setNow(later(REFRESH_RETRY_GRACE_SECONDS + 1));
    try {
      await expect(refresh(again.refreshToken)).rejects.toThrow(); // reuse: the session ends
    } finally {
      services.setNow(START);
    }
    expect(first).toBeTruthy();
    const { data: trail } = await services.db.entities.audit.query
      .byScope({ scope: "C#c-auth" })
      .go({ pages: "all" });
    const mine = trail.filter((e) => e.entityId === user.id);
    expect(mine.map((e) => e.action)).toEqual(
      expect.arrayContaining(["session.signIn", "session.signOut", "session.revokeReusedToken"]),
    );
    const text = JSON.stringify(mine);
    for (const t of [tokens, again]) {
      const sessionId = t.refreshToken.split(".")[1] ?? "";
      expect(text).not.toContain(sessionId);
      expect(text).not.toContain(t.refreshToken.split(".")[2] ?? "");
    }
    expect(text).not.toMatch(/sessionId|secretHash/);
  });

  it("leaves exactly one working refresh token when the same one is refreshed in parallel", async () => {
    const { phone, user } = await newUser();
    const first = await signInAs({ login: phone, password: TEST_PASSWORD });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => refresh(first.refreshToken)));
    const won = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
    expect(won.length).toBeGreaterThanOrEqual(1);
    for (const lost of outcomes.filter((o) => o.status === "rejected"))
      expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: "UNAUTHORIZED" });
    // Nothing looked like theft, so the session lives on, holding the secret of exactly one winner.
    const sessionId = first.refreshToken.split(".")[1] ?? "";
    const session = await getItem(services.db, "session", { userId: user.id, id: sessionId });
    const live = won.filter(
      (w) => session?.secretHash === hashRefreshSecret(w.refreshToken.split(".")[2] ?? ""),
    );
    expect(live).toHaveLength(1);
  });

  it("rejects expired and forged access tokens", async () => {
    const { phone } = await newUser();
    const { accessToken } = await signInAs({ login: phone, password: TEST_PASSWORD });
    const forged = `${accessToken.slice(0, -2)}xx`;
    await expect(callerWith(services, forged).auth.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    services.setNow("2026-11-20T02:16:00.000Z");
    try {
      await expect(callerWith(services, accessToken).auth.me()).rejects.toMatchObject({
        message: "登录已过期，请刷新或重新登录",
      });
    } finally {
      services.setNow("2026-11-20T02:00:00.000Z");
    }
  });

  it("signs out: the session's tokens stop working", async () => {
    const { phone } = await newUser();
    const tokens = await signInAs({ login: phone, password: TEST_PASSWORD });
    await anonymous(services).auth.signOut({ refreshToken: tokens.refreshToken });
    await expect(callerWith(services, tokens.accessToken).auth.me()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("changes the password, checks the current one, and ends other sessions", async () => {
    const { phone } = await newUser();
    const a = await signInAs({ login: phone, password: TEST_PASSWORD });
    const b = await signInAs({ login: phone, password: TEST_PASSWORD });
    await expect(
      callerWith(services, a.accessToken).auth.changePassword({
        currentPassword: "nope-nope",
        newPassword: "Lantern-River-82",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "当前密码不正确" });
    await callerWith(services, a.accessToken).auth.changePassword({
      currentPassword: TEST_PASSWORD,
      newPassword: "Lantern-River-82",
    });
    await expect(callerWith(services, b.accessToken).auth.me()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await expect(callerWith(services, a.accessToken).auth.me()).resolves.toBeTruthy();
    await expect(signInAs({ login: phone, password: "Lantern-River-82" })).resolves.toBeTruthy();
  });

  it("answers bad input with BAD_REQUEST and a Chinese message per field", async () => {
    const error = await anonymous(services)
      .auth.signIn({ login: "not-a-login", password: "" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
  });
});
