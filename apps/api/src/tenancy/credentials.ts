import { createHash } from "node:crypto";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { leadingKeyGrants, scopeKey, type TenantScope } from "@pingan/data";

/** Temporary credentials of one tenant, as STS hands them out. */
export type TenantCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
};

/** Obtains a tenant's credentials (STS AssumeRole with the tenant's session policy); one call per miss. */
export type AssumeTenantRole = (scope: TenantScope) => Promise<TenantCredentials>;

export type CredentialCacheOptions = {
  /** Renew this long before the credentials expire (the SDK, too, refreshes 5 minutes early). */
  refreshBeforeMs?: number;
  /** Tenants remembered per container; the least recently used one is forgotten past this. */
  maxTenants?: number;
  now?: () => number;
};

/**
 * Credentials per tenant per container: one AssumeRole per tenant until its credentials come within
 * `refreshBeforeMs` of expiring; concurrent first requests of one tenant share the one call; a failed call
 * is not remembered (the next request tries again). An LRU of `maxTenants`.
 */
export class TenantCredentialCache {
  private readonly entries = new Map<string, Promise<TenantCredentials>>();
  private readonly refreshBeforeMs: number;
  private readonly maxTenants: number;
  private readonly now: () => number;

  constructor(
    private readonly assume: AssumeTenantRole,
    options: CredentialCacheOptions = {},
  ) {
    this.refreshBeforeMs = options.refreshBeforeMs ?? 5 * 60_000;
    this.maxTenants = options.maxTenants ?? 500;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async get(scope: TenantScope): Promise<TenantCredentials> {
    const key = scopeKey(scope);
    const cached = this.entries.get(key);
    if (cached) {
      const credentials = await cached.catch(() => undefined);
      if (credentials && credentials.expiration.getTime() - this.refreshBeforeMs > this.now()) {
        this.entries.delete(key); // most recently used goes last
        this.entries.set(key, cached);
        return credentials;
      }
      if (this.entries.get(key) === cached) this.entries.delete(key);
    }
    const pending = this.assume(scope);
    this.entries.set(key, pending);
    while (this.entries.size > this.maxTenants) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    try {
      return await pending;
    } catch (error) {
      if (this.entries.get(key) === pending) this.entries.delete(key);
      throw error;
    }
  }
}

/** A role session name STS accepts (`[\w+=,.@-]{2,64}`) that CloudTrail can tie to the tenant. */
export function roleSessionName(scope: TenantScope): string {
  const digest = createHash("sha256").update(scopeKey(scope)).digest("hex").slice(0, 24);
  return `${scope.kind}-${digest}`;
}

/**
 * The AssumeRole input for a tenant: the tenant access role, the tenant's session policy
 * (`leadingKeyGrants`), one hour, and session tags naming the tenant (CloudTrail shows them).
 */
export function assumeRoleInput(scope: TenantScope, roleArn: string, tableArn: string) {
  return {
    RoleArn: roleArn,
    RoleSessionName: roleSessionName(scope),
    Policy: JSON.stringify(leadingKeyGrants(scope, tableArn)),
    DurationSeconds: 3600,
    Tags: [
      { Key: "county", Value: scope.countyId },
      ...(scope.kind === "township" ? [{ Key: "township", Value: scope.townshipId }] : []),
    ],
  };
}

/** `AssumeTenantRole` through STS, with the function's own credentials. */
export function stsAssumeTenantRole(options: {
  roleArn: string;
  tableArn: string;
  region?: string;
  sts?: STSClient;
}): AssumeTenantRole {
  const sts = options.sts ?? new STSClient(options.region ? { region: options.region } : {});
  return async (scope) => {
    const { Credentials: c } = await sts.send(
      new AssumeRoleCommand(assumeRoleInput(scope, options.roleArn, options.tableArn)),
    );
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw new Error("AssumeRole returned no credentials");
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  };
}
