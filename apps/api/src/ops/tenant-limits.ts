import { AppError } from "../errors";

/**
 * Per-tenant request limits, so one county or township flooding the API gets 429s instead of the
 * capacity every other tenant shares. A token bucket per county and per township, kept in the memory of
 * one Lambda container (or the one dev server): with N warm containers a tenant can reach N times the
 * rate below before every container refuses it. That is deliberate, cheap (no database round trip per
 * request) and enough to stop one tenant's runaway script or reload loop from starving the others;
 * the HTTP API's stage throttling stays the global ceiling (ops/README.md).
 */

export type BucketLimit = { perSecond: number; burst: number };
export type TenantLimits = { county: BucketLimit; township: BucketLimit };

/**
 * A person clicking through the admin app makes a few calls a second (a page is 3–10 procedures,
 * batched); a county's 100-odd users rarely add up to more than 20 per second. Bursts cover a busy
 * morning's page loads at once.
 */
export const DEFAULT_TENANT_LIMITS: TenantLimits = {
  county: { perSecond: 50, burst: 200 },
  township: { perSecond: 20, burst: 80 },
};

/** Buckets idle long enough to be full again carry no information; above this many, they are dropped. */
const MAX_BUCKETS = 10_000;

type Bucket = { tokens: number; at: number };

export class TenantLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    readonly limits: TenantLimits = DEFAULT_TENANT_LIMITS,
    /** Milliseconds, monotonic; tests pass their own. */
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Whether a call of this tenant may run now; when it may, its tokens are taken. */
  admit(tenant: { countyId?: string; townshipId?: string }): boolean {
    const now = this.clock();
    const township = tenant.townshipId
      ? this.#refilled(`T#${tenant.townshipId}`, this.limits.township, now)
      : undefined;
    const county = tenant.countyId
      ? this.#refilled(`C#${tenant.countyId}`, this.limits.county, now)
      : undefined;
    // A refused call takes nothing: a flooding township drains its own bucket, not its county's.
    if ((township && township.tokens < 1) || (county && county.tokens < 1)) return false;
    if (township) township.tokens -= 1;
    if (county) county.tokens -= 1;
    return true;
  }

  #refilled(key: string, limit: BucketLimit, now: number): Bucket {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= MAX_BUCKETS) this.#dropFull(now);
      bucket = { tokens: limit.burst, at: now };
      this.#buckets.set(key, bucket);
      return bucket;
    }
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    return bucket;
  }

  #dropFull(now: number): void {
    const longest = Math.max(this.limits.county.burst / this.limits.county.perSecond, 1) * 1000;
    for (const [key, bucket] of this.#buckets) if (now - bucket.at > longest) this.#buckets.delete(key);
  }
}

/** One limiter per set of services (per container; each test's services get their own). */
const limiters = new WeakMap<object, TenantLimiter>();
/** The limits every set of services gets unless configured; none until the Lambda entry sets them. */
let processLimits: TenantLimits | undefined;

/**
 * Turns the limits on for the whole process (src/lambda.ts). Off by default, so tests that call the API
 * hundreds of times as one tenant (the tenant matrix, the fuzz tests) are not throttled.
 */
export function limitTenants(limits: TenantLimits | undefined = DEFAULT_TENANT_LIMITS): void {
  processLimits = limits;
}

/** Sets the limiter for these services (tests, or a deployment that wants other numbers). */
export function configureTenantLimits(services: object, limiter: TenantLimiter): void {
  limiters.set(services, limiter);
}

function limiterOf(services: object): TenantLimiter | undefined {
  let limiter = limiters.get(services);
  if (!limiter && processLimits) {
    limiter = new TenantLimiter(processLimits);
    limiters.set(services, limiter);
  }
  return limiter;
}

export const tenantRateLimited = () =>
  new AppError("TENANT.RATE_LIMITED", "本单位当前请求过于频繁，请稍候几秒再试");

/** Refuses the call with 429 TENANT.RATE_LIMITED when the caller's township or county is over its share. */
export function admitTenant(services: object, tenant: { countyId?: string; townshipId?: string }): void {
  const limiter = limiterOf(services);
  if (limiter && !limiter.admit(tenant)) throw tenantRateLimited();
}
