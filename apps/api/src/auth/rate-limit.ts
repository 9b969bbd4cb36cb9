import { AppError } from "../errors";

/**
 * Sign-in throttling in this process's memory, in front of the durable per-account lockout
 * (auth/lockout.ts). Two kinds of keys:
 *
 * - per sign-in name (existing or not): the lockout policy mirrored, so that an unknown phone number is
 *   answered exactly like a known one: MAX_FAILED_LOGINS attempts without a success, then
 *   「登录尝试过于频繁，请稍后再试」 for LOCK_MINUTES. A success clears the name's count.
 * - per source address: at most SOURCE_ATTEMPTS sign-in attempts per SOURCE_WINDOW_MINUTES, successful or
 *   not, so one address cannot try many accounts (each attempt costs a password hash).
 *
 * Memory is bounded: at most MAX_KEYS keys, expired ones dropped first. On Lambda each container counts
 * for itself; the durable lockout is what holds across containers for existing accounts (README).
 */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
export const SOURCE_ATTEMPTS = 60;
export const SOURCE_WINDOW_MINUTES = 10;
const MAX_KEYS = 50_000;

/** One answer for every refusal of a sign-in attempt: it must not tell whether the account exists. */
export const tooManyAttempts = () => new AppError("AUTH.LOCKED", "登录尝试过于频繁，请稍后再试");

type Slot = { count: number; start: number; lockedUntil?: number };

class Counter {
  private readonly slots = new Map<string, Slot>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  private live(slot: Slot | undefined, nowMs: number): slot is Slot {
    if (!slot) return false;
    if (slot.lockedUntil !== undefined) return nowMs < slot.lockedUntil && nowMs >= slot.start;
    return nowMs - slot.start < this.windowMs && nowMs >= slot.start;
  }

  /** Counts an attempt; false once the key is over its limit (it then stays refused for the window). */
  hit(key: string, nowMs: number, lockMs = this.windowMs): boolean {
    let slot = this.slots.get(key);
    if (!this.live(slot, nowMs)) {
      this.slots.delete(key);
      if (this.slots.size >= MAX_KEYS) this.evict(nowMs);
      slot = { count: 0, start: nowMs };
      this.slots.set(key, slot);
    }
    if (slot.lockedUntil !== undefined) return false;
    slot.count += 1;
    if (slot.count > this.limit) {
      slot.lockedUntil = nowMs + lockMs;
      return false;
    }
    return true;
  }

  clear(key: string): void {
    this.slots.delete(key);
  }

  private evict(nowMs: number): void {
    for (const [key, slot] of this.slots) if (!this.live(slot, nowMs)) this.slots.delete(key);
    // Still full of live keys: drop the oldest (Map order is insertion order).
    for (const key of this.slots.keys()) {
      if (this.slots.size < MAX_KEYS * 0.9) break;
      this.slots.delete(key);
    }
  }
}

export class SignInThrottle {
  private readonly names = new Counter(MAX_FAILED_LOGINS, LOCK_MINUTES * 60_000);
  private readonly sources = new Counter(SOURCE_ATTEMPTS, SOURCE_WINDOW_MINUTES * 60_000);

  /** Admits an attempt for a sign-in name from a source (unknown when called in-process), or throws 429. */
  admit(loginKey: string, source: string | null | undefined, now: Date): void {
    const ms = now.getTime();
    if (source && !this.sources.hit(`src:${source}`, ms)) throw tooManyAttempts();
    if (!this.names.hit(`login:${loginKey}`, ms, LOCK_MINUTES * 60_000)) throw tooManyAttempts();
  }

  /** The right password: the name's failures are forgiven (as the durable lockout's counter is). */
  succeeded(loginKey: string): void {
    this.names.clear(`login:${loginKey}`);
  }
}
