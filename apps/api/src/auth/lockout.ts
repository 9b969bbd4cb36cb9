import { type ItemOf, isConflict, tx, writeTransaction } from "@pingan/data";
import type { Services } from "../services";
import { serviceWriteContext } from "../write-context";
import { accountScope } from "./accounts";
import { LOCK_MINUTES, MAX_FAILED_LOGINS, tooManyAttempts } from "./rate-limit";

/**
 * The lockout policy: failed sign-ins are counted, and after MAX_FAILED_LOGINS in a row the account locks
 * for LOCK_MINUTES, doubling with each further failure.
 */
export { MAX_FAILED_LOGINS };

const MAX_LOCK_MINUTES = 24 * 60;
/** A plain write refused because a transaction on the same item was in flight (DynamoDB's rule). */
export function isTransactionConflict(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.name === "TransactionConflictException") return true;
  }
  return false;
}

/**
 * Lockout counters are authentication state, not business data: they are patched in place without a
 * version bump, so a failed sign-in never conflicts with an admin's edit of the account. Locking the
 * account is an event its tenant sees: the lock and its audit entry are one transaction.
 *
 * An attempt is counted atomically BEFORE the password is checked, so parallel guesses cannot all read
 * "0 failures": at most MAX_FAILED_LOGINS of them are ever checked. After a lock expires, exactly one
 * attempt (the one that clears the expired lock) is checked; if it fails too, the next lock is twice as long.
 */
/** The same answer as the throttle's for any sign-in name, so a lock does not tell that the account exists. */
export const locked = tooManyAttempts;

function lockUntil(services: Services, failures: number): string {
  const minutes = Math.min(MAX_LOCK_MINUTES, LOCK_MINUTES * 2 ** Math.max(0, failures - MAX_FAILED_LOGINS));
  return new Date(services.now().getTime() + minutes * 60_000).toISOString();
}

/** Locks the account after `failures` failed attempts, unless a parallel attempt already did. */
export async function lockAccount(services: Services, user: ItemOf<"user">, failures: number): Promise<void> {
  const { db } = services;
  const until = lockUntil(services, failures);
  try {
    await writeTransaction(db, [
      tx.update(
        db.entities.user
          .patch({ id: user.id })
          .set({ lockedUntil: until })
          .where((attr, op) => op.notExists(attr.lockedUntil)),
      ),
      tx.audit(db, serviceWriteContext(services), {
        scope: accountScope(user),
        action: "user.lock",
        entityType: "user",
        entityId: user.id,
        after: { failedLogins: failures, lockedUntil: until },
        reason: `连续 ${failures} 次登录密码错误，账号已临时锁定`,
      }),
    ]);
  } catch (error) {
    // Another attempt locked it first (and wrote the entry), or is locking it right now.
    if (isConflict(error)) return;
    throw error;
  }
}

/** Counts this attempt; resolves whether its password may be checked at all. */
export async function admitAttempt(services: Services, user: ItemOf<"user">): Promise<number> {
  const users = services.db.entities.user;
  const now = services.now().toISOString();
  if (user.lockedUntil && user.lockedUntil > now) throw locked();
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
  let attempts: number;
  try {
    const { data } = await users.patch({ id: user.id }).add({ failedLogins: 1 }).go({ response: "all_new" });
    attempts = Number(data.failedLogins ?? 0);
  } catch (error) {
    // A parallel attempt is locking the account in a transaction this very moment.
    if (isTransactionConflict(error)) throw locked();
    throw error;
  }
  if (attempts > MAX_FAILED_LOGINS && !holdsRetrySlot) {
    await lockAccount(services, user, attempts);
    throw locked();
  }
  return attempts;
}
