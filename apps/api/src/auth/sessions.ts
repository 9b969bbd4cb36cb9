import { randomUUID } from "node:crypto";
import type { changePasswordInput, SignInInput } from "@pingan/contracts";
import {
  getItem,
  type ItemOf,
  isConflict,
  MAX_TRANSACTION_ITEMS,
  tx,
  updateRecord,
  type WriteContext,
  writeTransaction,
} from "@pingan/data";
import type * as z from "zod";
import { AppError } from "../errors";
import type { Services } from "../services";
import type { SessionUser } from "../session-user";
import { selfWriteContext, serviceWriteContext, writeContext } from "../write-context";
import { accountScope, findUserByLogin, loginKey, profileOf, sessionEndings } from "./accounts";
import { admitAttempt, isTransactionConflict, lockAccount, locked, MAX_FAILED_LOGINS } from "./lockout";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";
import { assertPasswordAllowed } from "./password-policy";
import type { RefreshCookieJar } from "./refresh-cookie";
import {
  formatRefreshToken,
  hashRefreshSecret,
  issueAccessToken,
  newRefreshSecret,
  parseRefreshToken,
  sameHash,
  sessionLabel,
} from "./tokens";

type SignedIn = { services: Services; user: SessionUser };

/**
 * How long the refresh token a rotation replaced may come back: a client that lost the response to its
 * refresh retries with the token it still holds, and must not be taken for a thief and signed out.
 */
export const REFRESH_RETRY_GRACE_SECONDS = 30;

const invalidLogin = () => new AppError("AUTH.INVALID", "账号或密码错误");
const invalidRefresh = () => new AppError("AUTH.INVALID", "登录已失效，请重新登录");

/**
 * The new pair: the refresh token goes into the browser's HttpOnly cookie when it came from there or the
 * client opted in at sign-in (`jar`), and then never into the body, where the page's scripts could read it.
 */
async function issueTokens(
  services: Services,
  user: ItemOf<"user">,
  sessionId: string,
  secret: string,
  jar?: RefreshCookieJar,
) {
  const nowSeconds = Math.floor(services.now().getTime() / 1000);
  const accessToken = issueAccessToken(services.tokenSecret, {
    sub: user.id,
    sid: sessionId,
    role: user.role,
    exp: nowSeconds + services.accessTokenTtlSeconds,
  });
  const refreshToken = formatRefreshToken(user.id, sessionId, secret);
  jar?.write(refreshToken, services.refreshTokenTtlSeconds);
  return {
    accessToken,
    refreshToken: jar ? undefined : refreshToken,
    expiresIn: services.accessTokenTtlSeconds,
    user: profileOf(user),
  };
}

/**
 * Sessions and the account's own events are written to its tenant's audit trail (`accountScope`): who,
 * when and what, never a password, a hash or a token. The account itself acts when it signs in or out
 * or changes its password; nobody is signed in when an account is locked or a reused refresh token ends a
 * session, so the service is the actor.
 */
const asAccount = (services: Services, user: ItemOf<"user">) =>
  selfWriteContext(services, user.id, user.role);
const asService = serviceWriteContext;

/** Ends a session, with an entry in the account's trail, in one transaction. */
async function endSession(
  services: Services,
  session: ItemOf<"session">,
  user: ItemOf<"user">,
  entry: { wctx: WriteContext; action: string; reason?: string },
): Promise<void> {
  const { db } = services;
  await writeTransaction(db, [
    tx.remove(db, "session", { userId: session.userId, id: session.id }),
    tx.audit(db, entry.wctx, {
      scope: accountScope(user),
      action: entry.action,
      entityType: "user",
      entityId: user.id,
      before: { session: sessionLabel(session.id) },
      reason: entry.reason,
    }),
  ]);
}

/** Ends a session whose superseded refresh token came back, with the reason in the account's trail. */
async function revokeReusedSession(
  services: Services,
  session: ItemOf<"session">,
  user: ItemOf<"user"> | undefined,
): Promise<void> {
  if (!user) {
    await services.db.entities.session.delete({ userId: session.userId, id: session.id }).go();
    return;
  }
  try {
    await endSession(services, session, user, {
      wctx: asService(services),
      action: "session.revokeReusedToken",
      reason: "已轮换的刷新令牌被再次使用，可能已泄露，该登录会话已全部结束",
    });
  } catch (error) {
    // A parallel revocation, sign-out or password change is ending this session already.
    if (!isConflict(error)) throw error;
  }
}

/**
 * Signs in with the throttle (per sign-in name and per source address, the same for accounts that do not
 * exist) and the lockout policy in front of the password check; opens a session. An unknown name costs a
 * password hash too, so neither the answer nor its time tells whether the account exists.
 */
export async function signIn(
  services: Services,
  input: SignInInput,
  source?: string | null,
  jar?: RefreshCookieJar,
) {
  const name = loginKey(input.login);
  services.signInThrottle.admit(name, source, services.now());
  // Strongly consistent, through the login claim: the lockout counters must not be stale.
  const user = await findUserByLogin(services.db, input.login);
  if (user?.status !== "active") {
    await burnPasswordCheck(input.password, services.passwordCostLog2);
    throw invalidLogin();
  }
  const now = services.now();
  const attempts = await admitAttempt(services, user);
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    if (attempts >= MAX_FAILED_LOGINS) await lockAccount(services, user, attempts);
    throw invalidLogin();
  }
  services.signInThrottle.succeeded(name);
  try {
    await services.db.entities.user
      .patch({ id: user.id })
      .set({ failedLogins: 0 })
      .remove(["lockedUntil"])
      .go();
  } catch (error) {
    // Parallel wrong guesses are locking the account this very moment; the right password waits too.
    if (isTransactionConflict(error)) throw locked();
    throw error;
  }
  const sessionId = randomUUID();
  const { secret, hash } = newRefreshSecret();
  const { db } = services;
  await writeTransaction(db, [
    tx.create(db, "session", {
      userId: user.id,
      id: sessionId,
      secretHash: hash,
      expiresAt: Math.floor(now.getTime() / 1000) + services.refreshTokenTtlSeconds,
      createdAt: now.toISOString(),
      version: 1,
    }),
    tx.audit(db, asAccount(services, user), {
      scope: accountScope(user),
      action: "session.signIn",
      entityType: "user",
      entityId: user.id,
      after: { session: sessionLabel(sessionId) },
    }),
  ]);
  return issueTokens(services, user, sessionId, secret, jar);
}

/** How many replaced secrets a session remembers, so that one of them coming back is recognised as reuse. */
export const RETIRED_SECRETS_KEPT = 8;

const retire = (session: ItemOf<"session">, ...hashes: string[]) =>
  [...(session.retiredSecretHashes ?? []), ...hashes].slice(-RETIRED_SECRETS_KEPT);

/**
 * Trades a refresh token for a new pair; the old refresh token stops working (rotation). Presenting the
 * token the last rotation replaced again within REFRESH_RETRY_GRACE_SECONDS is a retry: it rotates again,
 * so the successor the client never received stops working, and the window stays where the first rotation
 * put it, so retries cannot stretch it. A superseded token of the session (one of the last
 * RETIRED_SECRETS_KEPT, later, or once the successor has been used) may have been stolen: the whole session
 * ends. A secret that never belonged to the session proves nothing (anyone who learns a session id could
 * make one up), so it is refused and the session lives on. Every write is conditioned on the version read.
 */
export async function refreshSession(
  services: Services,
  input: { refreshToken?: string },
  cookie?: RefreshCookieJar,
) {
  // A token in the input is answered in the body; the cookie's, in the cookie.
  const jar = input.refreshToken ? undefined : cookie;
  const parsed = parseRefreshToken(input.refreshToken ?? cookie?.read() ?? "");
  if (!parsed) throw invalidRefresh();
  const session = await getItem(services.db, "session", { userId: parsed.userId, id: parsed.sessionId });
  const now = services.now();
  if (!session || session.expiresAt <= now.getTime() / 1000) throw invalidRefresh();
  const presented = hashRefreshSecret(parsed.secret);
  const isCurrent = sameHash(session.secretHash, presented);
  const wasPrevious =
    session.previousSecretHash !== undefined && sameHash(session.previousSecretHash, presented);
  const isRetry =
    !isCurrent &&
    wasPrevious &&
    session.previousUntil !== undefined &&
    now.toISOString() < session.previousUntil;
  if (!isCurrent && !isRetry) {
    const isRetired = wasPrevious || (session.retiredSecretHashes ?? []).some((h) => sameHash(h, presented));
    // A made-up secret: refused, and the session it names is left alone.
    if (!isRetired) throw invalidRefresh();
    // A replaced token came back: it may have been stolen, so end the session for everyone holding it.
    const owner = await getItem(services.db, "user", { id: session.userId });
    await revokeReusedSession(services, session, owner);
    throw invalidRefresh();
  }
  const user = await getItem(services.db, "user", { id: session.userId });
  if (user?.status !== "active") throw invalidRefresh();
  const { secret, hash } = newRefreshSecret();
  const rotation = isCurrent
    ? {
        previousSecretHash: presented,
        previousUntil: new Date(now.getTime() + REFRESH_RETRY_GRACE_SECONDS * 1000).toISOString(),
        retiredSecretHashes: retire(session, presented),
      }
    : // A retry: the successor the client never received is retired, so its return is reuse.
      { retiredSecretHashes: retire(session, session.secretHash) };
  try {
    await services.db.entities.session
      .patch({ userId: session.userId, id: session.id })
      .set({ secretHash: hash, rotatedAt: now.toISOString(), version: session.version + 1, ...rotation })
      .where((attr, op) => op.eq(attr.version, session.version))
      .go();
  } catch {
    // A parallel refresh of the same session won; this one must not also get a valid pair.
    throw invalidRefresh();
  }
  return issueTokens(services, user, session.id, secret, jar);
}

/** Ends the session of a refresh token, if it is still the current one. */
export async function signOut(
  services: Services,
  input: { refreshToken?: string },
  cookie?: RefreshCookieJar,
) {
  const parsed = parseRefreshToken(input.refreshToken ?? cookie?.read() ?? "");
  cookie?.clear();
  if (parsed) {
    const session = await getItem(services.db, "session", {
      userId: parsed.userId,
      id: parsed.sessionId,
    });
    if (session && sameHash(session.secretHash, hashRefreshSecret(parsed.secret))) {
      const user = await getItem(services.db, "user", { id: session.userId });
      if (!user) await services.db.entities.session.delete({ userId: session.userId, id: session.id }).go();
      else {
        await endSession(services, session, user, {
          wctx: asAccount(services, user),
          action: "session.signOut",
        }).catch((error: unknown) => {
          // A parallel sign-out, refresh-token reuse or password change is ending this session already.
          if (!isConflict(error)) throw error;
        });
      }
    }
  }
  return { ok: true as const };
}

/** Who is signed in, with their township and county. */
export async function currentAccount(ctx: SignedIn) {
  const user = await getItem(ctx.services.db, "user", { id: ctx.user.id });
  if (!user) throw invalidLogin();
  const township = user.townshipId
    ? await getItem(ctx.services.db, "township", { id: user.townshipId })
    : undefined;
  const county = user.countyId ? await getItem(ctx.services.db, "county", { id: user.countyId }) : undefined;
  return {
    ...profileOf(user),
    township: township && {
      id: township.id,
      name: township.name,
      status: township.status,
      rejectReason: township.rejectReason,
      // What a rejected registration is corrected from (onboarding.resubmitTownship).
      code: township.code,
      population: township.population,
      villages: township.villages,
      grids: township.grids,
      version: township.version,
    },
    county: county && { id: county.id, name: county.name },
  };
}

/** Changes the password (also the initial one, which unlocks the account) and ends its other sessions. */
export async function changePassword(ctx: SignedIn, input: z.infer<typeof changePasswordInput>) {
  const { services } = ctx;
  const user = await getItem(services.db, "user", { id: ctx.user.id });
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError("AUTH.WRONG_PASSWORD", "当前密码不正确");
  }
  await assertPasswordAllowed(input.newPassword, user, { name: "newPassword", label: "新密码" });
  if (input.newPassword === input.currentPassword)
    throw new AppError("INPUT.INVALID", "「新密码」不能与当前密码相同", { field: "newPassword" });
  const passwordHash = await hashPassword(input.newPassword, services.passwordCostLog2);
  const { db } = services;
  // The account, its audit entry and (as many as fit) its other sessions' end: one transaction.
  const others = await sessionEndings(db, user.id, MAX_TRANSACTION_ITEMS - 2, ctx.user.sessionId);
  await updateRecord(db, writeContext(ctx), {
    entity: "user",
    key: { id: user.id },
    entityId: user.id,
    scope: accountScope(user),
    expectedVersion: user.version,
    action: "user.changePassword",
    change: (current) => ({ ...current, passwordHash, mustChangePassword: false }),
    extra: others.items,
  });
  await others.afterwards();
  return { ok: true as const };
}
