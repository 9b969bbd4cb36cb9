import { randomUUID } from "node:crypto";
import { changePasswordInput, refreshInput, signInInput, signOutInput } from "@pingan/contracts";
import { getItem, type ItemOf, updateRecord } from "@pingan/data";
import { findUserByLogin, profileOf } from "../accounts";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../auth/password";
import {
  formatRefreshToken,
  hashRefreshSecret,
  issueAccessToken,
  newRefreshSecret,
  parseRefreshToken,
  sameHash,
} from "../auth/tokens";
import { AppError } from "../errors";
import type { Services } from "../services";
import { publicProcedure, router, signedInProcedure } from "../trpc";
import { writeContext } from "../write-context";

/** After this many failures in a row the account locks, for LOCK_MINUTES, doubling with each further failure. */
export const MAX_FAILED_LOGINS = 5;
const LOCK_MINUTES = 15;
const MAX_LOCK_MINUTES = 24 * 60;

/**
 * How long the refresh token a rotation replaced may come back: a client that lost the response to its
 * refresh retries with the token it still holds, and must not be taken for a thief and signed out.
 */
export const REFRESH_RETRY_GRACE_SECONDS = 30;

const invalidLogin = () => new AppError("AUTH.INVALID", "账号或密码错误");
const invalidRefresh = () => new AppError("AUTH.INVALID", "登录已失效，请重新登录");

async function issueTokens(services: Services, user: ItemOf<"user">, sessionId: string, secret: string) {
  const nowSeconds = Math.floor(services.now().getTime() / 1000);
  const accessToken = issueAccessToken(services.tokenSecret, {
    sub: user.id,
    sid: sessionId,
    role: user.role,
    exp: nowSeconds + services.accessTokenTtlSeconds,
  });
  return {
    accessToken,
    refreshToken: formatRefreshToken(user.id, sessionId, secret),
    expiresIn: services.accessTokenTtlSeconds,
    user: profileOf(user),
  };
}

/**
 * Lockout counters are authentication state, not business data: they are patched in place without a
 * version bump or audit entry, so a failed sign-in never conflicts with an admin's edit of the account.
 *
 * An attempt is counted atomically BEFORE the password is checked, so parallel guesses cannot all read
 * "0 failures": at most MAX_FAILED_LOGINS of them are ever checked. After a lock expires, exactly one
 * attempt (the one that clears the expired lock) is checked; if it fails too, the next lock is twice as long.
 */
const locked = (lockedUntil?: string) =>
  new AppError(
    "AUTH.LOCKED",
    "密码错误次数过多，账号已临时锁定，请稍后再试",
    lockedUntil ? { lockedUntil } : undefined,
  );

function lockUntil(services: Services, failures: number): string {
  const minutes = Math.min(MAX_LOCK_MINUTES, LOCK_MINUTES * 2 ** Math.max(0, failures - MAX_FAILED_LOGINS));
  return new Date(services.now().getTime() + minutes * 60_000).toISOString();
}

/** Counts this attempt; resolves whether its password may be checked at all. */
async function admitAttempt(services: Services, user: ItemOf<"user">): Promise<number> {
  const users = services.db.entities.user;
  const now = services.now().toISOString();
  if (user.lockedUntil && user.lockedUntil > now) throw locked(user.lockedUntil);
  let holdsRetrySlot = false;
  if (user.lockedUntil) {
    try {
      await users
        .patch({ id: user.id })
        .remove(["lockedUntil"])
        .where((attr, op) => op.eq(attr.lockedUntil, user.lockedUntil))
        .go();
      holdsRetrySlot = true;
    } catch {
      throw locked(); // a parallel attempt took the one retry after the lock
    }
  }
  const { data } = await users.patch({ id: user.id }).add({ failedLogins: 1 }).go({ response: "all_new" });
  const attempts = Number(data.failedLogins ?? 0);
  if (attempts > MAX_FAILED_LOGINS && !holdsRetrySlot) {
    const until = lockUntil(services, attempts);
    await users
      .patch({ id: user.id })
      .set({ lockedUntil: until })
      .where((attr, op) => op.notExists(attr.lockedUntil))
      .go()
      .catch(() => undefined);
    throw locked();
  }
  return attempts;
}

export const authRouter = router({
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    const { services } = ctx;
    // Strongly consistent, through the login claim: the lockout counters must not be stale.
    const user = await findUserByLogin(services.db, input.login);
    if (user?.status !== "active") {
      await burnPasswordCheck(input.password, services.passwordCostLog2);
      throw invalidLogin();
    }
    const now = services.now();
    const attempts = await admitAttempt(services, user);
    if (!(await verifyPassword(input.password, user.passwordHash))) {
      if (attempts >= MAX_FAILED_LOGINS) {
        await services.db.entities.user
          .patch({ id: user.id })
          .set({ lockedUntil: lockUntil(services, attempts) })
          .go();
      }
      throw invalidLogin();
    }
    await services.db.entities.user
      .patch({ id: user.id })
      .set({ failedLogins: 0 })
      .remove(["lockedUntil"])
      .go();
    const sessionId = randomUUID();
    const { secret, hash } = newRefreshSecret();
    await services.db.entities.session
      .create({
        userId: user.id,
        id: sessionId,
        secretHash: hash,
        expiresAt: Math.floor(now.getTime() / 1000) + services.refreshTokenTtlSeconds,
        createdAt: now.toISOString(),
        version: 1,
      })
      .go();
    return issueTokens(services, user, sessionId, secret);
  }),

  /**
   * Trades a refresh token for a new pair; the old refresh token stops working (rotation). Presenting the
   * token the last rotation replaced again within REFRESH_RETRY_GRACE_SECONDS is a retry: it rotates again,
   * so the successor the client never received stops working, and the window stays where the first rotation
   * put it, so retries cannot stretch it. Any other superseded token (later, or once the successor has been
   * used) may have been stolen: the whole session ends. Every write is conditioned on the version read.
   */
  refresh: publicProcedure.input(refreshInput).mutation(async ({ ctx, input }) => {
    const { services } = ctx;
    const parsed = parseRefreshToken(input.refreshToken);
    if (!parsed) throw invalidRefresh();
    const session = await getItem(services.db, "session", { userId: parsed.userId, id: parsed.sessionId });
    const now = services.now();
    if (!session || session.expiresAt <= now.getTime() / 1000) throw invalidRefresh();
    const presented = hashRefreshSecret(parsed.secret);
    const isCurrent = sameHash(session.secretHash, presented);
    const isRetry =
      !isCurrent &&
      session.previousSecretHash !== undefined &&
      session.previousUntil !== undefined &&
      now.toISOString() < session.previousUntil &&
      sameHash(session.previousSecretHash, presented);
    if (!isCurrent && !isRetry) {
      // An old token came back: it may have been stolen, so end the session for everyone holding it.
      await services.db.entities.session.delete({ userId: session.userId, id: session.id }).go();
      throw invalidRefresh();
    }
    const user = await getItem(services.db, "user", { id: session.userId });
    if (user?.status !== "active") throw invalidRefresh();
    const { secret, hash } = newRefreshSecret();
    const retryWindow = isCurrent
      ? {
          previousSecretHash: presented,
          previousUntil: new Date(now.getTime() + REFRESH_RETRY_GRACE_SECONDS * 1000).toISOString(),
        }
      : {};
    try {
      await services.db.entities.session
        .patch({ userId: session.userId, id: session.id })
        .set({ secretHash: hash, rotatedAt: now.toISOString(), version: session.version + 1, ...retryWindow })
        .where((attr, op) => op.eq(attr.version, session.version))
        .go();
    } catch {
      // A parallel refresh of the same session won; this one must not also get a valid pair.
      throw invalidRefresh();
    }
    return issueTokens(services, user, session.id, secret);
  }),

  signOut: publicProcedure.input(signOutInput).mutation(async ({ ctx, input }) => {
    const parsed = parseRefreshToken(input.refreshToken);
    if (parsed) {
      const session = await getItem(ctx.services.db, "session", {
        userId: parsed.userId,
        id: parsed.sessionId,
      });
      if (session && sameHash(session.secretHash, hashRefreshSecret(parsed.secret))) {
        await ctx.services.db.entities.session.delete({ userId: session.userId, id: session.id }).go();
      }
    }
    return { ok: true as const };
  }),

  /** Who is signed in; also answers an account that must still change its initial password. */
  me: signedInProcedure.query(async ({ ctx }) => {
    const user = await getItem(ctx.services.db, "user", { id: ctx.user.id });
    if (!user) throw invalidLogin();
    const township = user.townshipId
      ? await getItem(ctx.services.db, "township", { id: user.townshipId })
      : undefined;
    const county = user.countyId
      ? await getItem(ctx.services.db, "county", { id: user.countyId })
      : undefined;
    return {
      ...profileOf(user),
      township: township && {
        id: township.id,
        name: township.name,
        status: township.status,
        rejectReason: township.rejectReason,
      },
      county: county && { id: county.id, name: county.name },
    };
  }),

  /** Changes the password (also the initial one, which unlocks the account) and ends its other sessions. */
  changePassword: signedInProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    const { services } = ctx;
    const user = await getItem(services.db, "user", { id: ctx.user.id });
    if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
      throw new AppError("AUTH.WRONG_PASSWORD", "当前密码不正确");
    }
    const passwordHash = await hashPassword(input.newPassword, services.passwordCostLog2);
    await updateRecord(services.db, writeContext(ctx), {
      entity: "user",
      key: { id: user.id },
      entityId: user.id,
      scope: user.townshipId ? `T#${user.townshipId}` : user.countyId ? `C#${user.countyId}` : "P#platform",
      expectedVersion: user.version,
      action: "user.changePassword",
      change: (current) => ({ ...current, passwordHash, mustChangePassword: false }),
    });
    const { data: sessions } = await services.db.entities.session.query
      .byUser({ userId: user.id })
      .go({ pages: "all" });
    const others = sessions.filter((s) => s.id !== ctx.user.sessionId);
    if (others.length > 0)
      await services.db.entities.session.delete(others.map((s) => ({ userId: s.userId, id: s.id }))).go();
    return { ok: true as const };
  }),
});
