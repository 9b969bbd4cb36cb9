import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Role } from "@pingan/data";

/** What an access token asserts; the user and session are still checked on every request. */
export type AccessClaims = { sub: string; sid: string; role: Role; exp: number };

const PREFIX = "pa1";

function sign(secret: string, body: string): string {
  return createHmac("sha256", secret).update(`${PREFIX}.${body}`).digest("base64url");
}

/** A short-lived HMAC-SHA256 signed token: pa1.<claims>.<signature>. */
export function issueAccessToken(secret: string, claims: AccessClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${PREFIX}.${body}.${sign(secret, body)}`;
}

/** The claims of a genuine, unexpired token; otherwise why not. */
export function verifyAccessToken(
  secret: string,
  token: string,
  nowMs: number,
): { ok: true; claims: AccessClaims } | { ok: false; reason: "invalid" | "expired" } {
  const [prefix, body, signature] = token.split(".");
  if (prefix !== PREFIX || !body || !signature) return { ok: false, reason: "invalid" };
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: "invalid" };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (!isClaims(claims)) return { ok: false, reason: "invalid" };
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}

function isClaims(x: unknown): x is AccessClaims {
  if (typeof x !== "object" || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    typeof c.sub === "string" &&
    typeof c.sid === "string" &&
    typeof c.role === "string" &&
    typeof c.exp === "number"
  );
}

/** A refresh token names its session and carries a random secret, of which only a hash is stored. */
export function newRefreshSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, hash: hashRefreshSecret(secret) };
}

export function hashRefreshSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}

export function formatRefreshToken(userId: string, sessionId: string, secret: string): string {
  return `${userId}.${sessionId}.${secret}`;
}

export function parseRefreshToken(
  token: string,
): { userId: string; sessionId: string; secret: string } | undefined {
  const [userId, sessionId, secret, ...rest] = token.split(".");
  if (!userId || !sessionId || !secret || rest.length > 0) return undefined;
  return { userId, sessionId, secret };
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * What the audit trail records of a session: a short digest that tells a sign-in and its sign-out apart
 * and belongs together, but is not the session id (which names the session in refresh tokens) and cannot
 * be turned back into it. The trail is read by the account's colleagues.
 */
export function sessionLabel(sessionId: string): string {
  return createHash("sha256").update(`session-label:${sessionId}`).digest("hex").slice(0, 12);
}
