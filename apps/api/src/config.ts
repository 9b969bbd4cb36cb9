import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SMS_PROVIDERS, type SmsProviderName } from "./notifications/sms-aws";

/**
 * The only module that reads the environment. Everything else receives a `Config` (or the services
 * built from it), so tests and the local runtime pass their own values.
 */
export type Config = {
  tableName: string;
  /** DynamoDB Local's URL; absent on AWS. */
  dynamoEndpoint?: string;
  region?: string;
  /**
   * AWS only: the role tenant-scoped requests assume (with a session policy per tenant, tenancy/) and the
   * table's ARN the policy names. Without them tenant clients keep the function's credentials (guarded in code).
   */
  tenantRoleArn?: string;
  tableArn?: string;
  /** HMAC key for access tokens. */
  tokenSecret: string;
  port: number;
  /** Local runtime only: the admin app's dev server port. */
  adminPort: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** AWS: the bundle store's S3 bucket (infra BundleStore). Without it bundles are kept in `bundleDir`. */
  bundleBucket?: string;
  /** Without a bucket: the directory verification bundles are kept in (DATA_DIR/bundles by default). */
  bundleDir: string;
  /**
   * The public site's origin (`https://<CloudFront domain>`, the stack sets `PUBLIC_SITE_ORIGIN`), where
   * `/bundles/*` is served: a large bundle's redirect names it, so a client that calls API Gateway directly
   * can follow it. Without it (locally) the redirect is relative to the API's own origin.
   */
  publicSiteOrigin?: string;
  /**
   * AWS, when the stack's SMS flag is on: `end-user-messaging` with the origination identity (and a
   * configuration set, if any) it sends from (notifications/sms-aws.ts). Absent: no SMS leaves.
   */
  smsProvider?: SmsProviderName;
  smsOriginationIdentity?: string;
  smsConfigurationSet?: string;
  /** Local runtime only: where DynamoDB Local keeps its files, and its port (free one when absent). */
  localDataDir: string;
  localDynamoPort?: number;
};

/** Where `npm run dev` keeps the signing secret it made for its data directory. */
export const DEV_SECRET_FILE = "token-secret";

export type LoadOptions = {
  /**
   * `false` is for jobs that never sign or verify tokens (the monthly close): they get no access to the
   * secret in the stack, so they must not ask for it. Their `tokenSecret` is empty.
   */
  tokenSecret?: boolean;
  /**
   * Only `npm run dev` (src/dev/server.ts) sets this: without TOKEN_SECRET it makes a random secret for its
   * data directory and keeps it there (DATA_DIR/token-secret), so sessions survive a restart and no two
   * machines share a secret. Everything else refuses to start without a secret: there is no published
   * development secret any more, so no token signed with one is ever accepted.
   */
  developmentSecret?: boolean;
};

export async function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: LoadOptions = {},
): Promise<Config> {
  const localDataDir = env.DATA_DIR ?? ".data";
  return {
    tableName: env.TABLE_NAME ?? "pingan",
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION || undefined,
    tenantRoleArn: env.TENANT_ROLE_ARN || undefined,
    tableArn: env.TABLE_ARN || undefined,
    tokenSecret:
      options.tokenSecret === false
        ? ""
        : await tokenSecret(env, options.developmentSecret === true ? localDataDir : undefined),
    port: Number(env.PORT ?? 3000),
    adminPort: Number(env.ADMIN_PORT ?? 5173),
    accessTokenTtlSeconds: Number(env.ACCESS_TOKEN_TTL_SECONDS ?? 15 * 60),
    refreshTokenTtlSeconds: Number(env.REFRESH_TOKEN_TTL_SECONDS ?? 30 * 24 * 3600),
    bundleBucket: env.BUNDLE_BUCKET || undefined,
    bundleDir: env.BUNDLE_DIR || join(localDataDir, "bundles"),
    publicSiteOrigin: publicSiteOrigin(env.PUBLIC_SITE_ORIGIN),
    smsProvider: smsProviderName(env.SMS_PROVIDER),
    smsOriginationIdentity: env.SMS_ORIGINATION_IDENTITY || undefined,
    smsConfigurationSet: env.SMS_CONFIGURATION_SET || undefined,
    localDataDir,
    localDynamoPort: env.DYNAMODB_LOCAL_PORT ? Number(env.DYNAMODB_LOCAL_PORT) : undefined,
  };
}

/**
 * `PUBLIC_SITE_ORIGIN` as an origin (scheme and host, no path, no trailing slash), or undefined when unset.
 * Anything else is a deployment mistake the API refuses to start with rather than redirect somewhere odd.
 */
function publicSiteOrigin(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_SITE_ORIGIN is not a URL: ${value}`);
  }
  if (!/^https?:$/.test(url.protocol) || url.pathname !== "/" || url.search || url.hash || url.username)
    throw new Error(`PUBLIC_SITE_ORIGIN must be an origin such as https://example.cloudfront.net: ${value}`);
  return url.origin;
}

function smsProviderName(value: string | undefined): SmsProviderName | undefined {
  if (!value) return undefined;
  if ((SMS_PROVIDERS as readonly string[]).includes(value)) return value as SmsProviderName;
  throw new Error(`SMS_PROVIDER must be one of ${SMS_PROVIDERS.join(", ")}, not ${JSON.stringify(value)}`);
}

/** A development secret file shorter than this (emptied, truncated) is replaced rather than used. */
const MIN_SECRET_LENGTH = 32;

async function tokenSecret(env: NodeJS.ProcessEnv, devDataDir: string | undefined): Promise<string> {
  if (env.TOKEN_SECRET) return env.TOKEN_SECRET;
  if (env.TOKEN_SECRET_ARN) {
    const client = new SecretsManagerClient(env.AWS_REGION ? { region: env.AWS_REGION } : {});
    try {
      const { SecretString } = await client.send(
        new GetSecretValueCommand({ SecretId: env.TOKEN_SECRET_ARN }),
      );
      if (!SecretString) throw new Error("the token signing secret is empty");
      return SecretString;
    } finally {
      client.destroy();
    }
  }
  if (devDataDir !== undefined && !env.AWS_LAMBDA_FUNCTION_NAME) return developmentSecret(devDataDir);
  throw new Error(
    "TOKEN_SECRET or TOKEN_SECRET_ARN must be set; only `npm run dev` makes its own (in its data directory)",
  );
}

/** The data directory's own random secret, made on first use (`wx`: two starts racing keep one). */
async function developmentSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, DEV_SECRET_FILE);
  const read = async () => (await readFile(file, "utf8")).trim();
  try {
    const existing = await read();
    if (existing.length >= MIN_SECRET_LENGTH) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // Another start made it a moment ago, or an unusable (short) file is in the way: replace that one.
    if ((await read()).length < MIN_SECRET_LENGTH)
      await writeFile(file, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600 });
  }
  return read();
}
