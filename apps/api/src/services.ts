import { createDb, createDocumentClient, type Db } from "@pingan/data";
import { DEFAULT_COST_LOG2 } from "./auth/password";
import { SignInThrottle } from "./auth/rate-limit";
import type { Config } from "./config";
import { type BundleStore, directoryBundleStore, s3BundleStore } from "./league/bundle-store";
import { smsProviderFor } from "./notifications/sms-aws";
import type { SmsProvider } from "./notifications/sms-provider";
import { stsAssumeTenantRole, TenantCredentialCache } from "./tenancy/credentials";
import { createTenantDbs, type TenantDbs } from "./tenancy/tenant-dbs";

/** What procedures work with; built once per process (per Lambda container) from the config. */
export type Services = {
  db: Db;
  tokenSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** scrypt cost (log2 N) for new password hashes; tests lower it to stay fast. */
  passwordCostLog2: number;
  /** The clock; tests pin it. */
  now: () => Date;
  /** Sign-in attempts per sign-in name and per source address, in this process (auth/rate-limit.ts). */
  signInThrottle: SignInThrottle;
  /** Where notification SMS go (notifications/sms.ts); none: no SMS is sent. */
  sms?: SmsProvider;
  /** Per-tenant views of the table (tenancy/): the `db` of county and township procedures. */
  tenantDbs: TenantDbs;
  /** Where verification bundles are kept (league/bundle-store.ts): S3 in AWS, a directory locally. */
  bundleStore: BundleStore;
  /** The largest bundle (gzipped bytes) the API answers itself; a larger one is redirected to the store. */
  bundleInlineMaxBytes: number;
  /** Where a large bundle's redirect points (config.ts `publicSiteOrigin`); relative without it. */
  publicSiteOrigin?: string;
};

/**
 * Lambda behind API Gateway answers at most 6 MB, and binary bodies travel base64 (4/3 larger): a bundle up
 * to 1 MiB gzipped (a month or a quarter at real volume) is answered directly, a larger one redirected.
 */
export const BUNDLE_INLINE_MAX_BYTES = 1024 * 1024;

export function createServices(config: Config, overrides: Partial<Services> = {}): Services {
  const connection = { endpoint: config.dynamoEndpoint, region: config.region };
  const client = createDocumentClient(connection);
  // On AWS with the tenant role (infra: TenantRoles), tenants get assumed-role credentials; elsewhere
  // (DynamoDB Local, the command line) the tenant client's guard alone keeps them in their partitions.
  const credentials =
    config.tenantRoleArn && config.tableArn
      ? new TenantCredentialCache(
          stsAssumeTenantRole({
            roleArn: config.tenantRoleArn,
            tableArn: config.tableArn,
            region: config.region,
          }),
        )
      : undefined;
  const sms = smsProviderFor(config);
  return {
    db: createDb({ client, tableName: config.tableName }),
    tokenSecret: config.tokenSecret,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
    passwordCostLog2: DEFAULT_COST_LOG2,
    now: () => new Date(),
    signInThrottle: new SignInThrottle(),
    tenantDbs: createTenantDbs({ tableName: config.tableName, connection, credentials }),
    bundleStore: config.bundleBucket
      ? s3BundleStore({ bucket: config.bundleBucket, region: config.region })
      : directoryBundleStore(config.bundleDir),
    bundleInlineMaxBytes: BUNDLE_INLINE_MAX_BYTES,
    ...(config.publicSiteOrigin ? { publicSiteOrigin: config.publicSiteOrigin } : {}),
    ...(sms ? { sms } : {}),
    ...overrides,
  };
}
