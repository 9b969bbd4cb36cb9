import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";

export const stageNames = ["dev", "prod"] as const;
export type StageName = (typeof stageNames)[number];

/** Everything that differs between stages lives here; infra/README.md lists the same differences. */
export interface StageConfig {
  readonly name: StageName;
  /** For stateful resources: the table, the secret, log groups. */
  readonly removalPolicy: RemovalPolicy;
  readonly tableDeletionProtection: boolean;
  readonly logRetention: RetentionDays;
  /** How long S3 and CloudFront access logs are kept. */
  readonly accessLogExpiration: Duration;
  /** Steady-state requests per second and burst for the HTTP API's default stage. */
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /** 5xx responses per 5 minutes that raise the API alarm. */
  readonly api5xxAlarmThreshold: number;
}

const configs: Record<StageName, StageConfig> = {
  dev: {
    name: "dev",
    removalPolicy: RemovalPolicy.DESTROY,
    tableDeletionProtection: false,
    logRetention: RetentionDays.TWO_WEEKS,
    accessLogExpiration: Duration.days(30),
    apiThrottle: { rateLimit: 50, burstLimit: 100 },
    api5xxAlarmThreshold: 10,
  },
  prod: {
    name: "prod",
    removalPolicy: RemovalPolicy.RETAIN,
    tableDeletionProtection: true,
    // China's Cybersecurity Law (网络安全法, art. 21) requires network logs to be kept at least six months.
    logRetention: RetentionDays.SIX_MONTHS,
    accessLogExpiration: Duration.days(400),
    apiThrottle: { rateLimit: 500, burstLimit: 1000 },
    api5xxAlarmThreshold: 5,
  },
};

export function parseStage(value: unknown): StageName {
  const name = value ?? "dev";
  if (typeof name === "string" && (stageNames as readonly string[]).includes(name)) return name as StageName;
  throw new Error(`Unknown stage ${JSON.stringify(value)}: pass -c stage=${stageNames.join("|")}`);
}

export function stageConfig(name: StageName): StageConfig {
  return configs[name];
}
