import { createDb, createDocumentClient, type Db } from "@pingan/data";
import { DEFAULT_COST_LOG2 } from "./auth/password";
import { SignInThrottle } from "./auth/rate-limit";
import type { Config } from "./config";
import type { SmsProvider } from "./notifications/sms";
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
};

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
  return {
    db: createDb({ client, tableName: config.tableName }),
    tokenSecret: config.tokenSecret,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
    passwordCostLog2: DEFAULT_COST_LOG2,
    now: () => new Date(),
    signInThrottle: new SignInThrottle(),
    tenantDbs: createTenantDbs({ tableName: config.tableName, connection, credentials }),
    ...overrides,
  };
}
