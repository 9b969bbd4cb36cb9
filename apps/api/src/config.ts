import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

/**
 * The only module that reads the environment. Everything else receives a `Config` (or the services
 * built from it), so tests and the local runtime pass their own values.
 */
export type Config = {
  tableName: string;
  /** DynamoDB Local's URL; absent on AWS. */
  dynamoEndpoint?: string;
  region?: string;
  /** HMAC key for access tokens. */
  tokenSecret: string;
  port: number;
  /** Local runtime only: the admin app's dev server port. */
  adminPort: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Local runtime only: where DynamoDB Local keeps its files, and its port (free one when absent). */
  localDataDir: string;
  localDynamoPort?: number;
};

/** Only for a developer's machine: refused when running on Lambda. */
export const DEV_TOKEN_SECRET = "pingan-local-development-secret-do-not-use-in-production";

/**
 * `tokenSecret: false` is for jobs that never sign or verify tokens (the monthly close): they get no
 * access to the secret in the stack, so they must not ask for it. Their `tokenSecret` is empty.
 */
export async function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: { tokenSecret?: boolean } = {},
): Promise<Config> {
  return {
    tableName: env.TABLE_NAME ?? "pingan",
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION || undefined,
    tokenSecret: options.tokenSecret === false ? "" : await tokenSecret(env),
    port: Number(env.PORT ?? 3000),
    adminPort: Number(env.ADMIN_PORT ?? 5173),
    accessTokenTtlSeconds: Number(env.ACCESS_TOKEN_TTL_SECONDS ?? 15 * 60),
    refreshTokenTtlSeconds: Number(env.REFRESH_TOKEN_TTL_SECONDS ?? 30 * 24 * 3600),
    localDataDir: env.DATA_DIR ?? ".data",
    localDynamoPort: env.DYNAMODB_LOCAL_PORT ? Number(env.DYNAMODB_LOCAL_PORT) : undefined,
  };
}

async function tokenSecret(env: NodeJS.ProcessEnv): Promise<string> {
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
  if (env.AWS_LAMBDA_FUNCTION_NAME) throw new Error("TOKEN_SECRET or TOKEN_SECRET_ARN must be set on Lambda");
  return DEV_TOKEN_SECRET;
}
