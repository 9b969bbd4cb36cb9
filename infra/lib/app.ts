import { existsSync } from "node:fs";
import { join } from "node:path";
import { type App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { repoRoot } from "./bundling/esbuild-settings";
import { PinganStack } from "./pingan-stack";
import { parseStage, stageConfig } from "./stage";

export const defaultAdminDistPath = join(repoRoot, "apps/admin/dist");

/** Feature flags set in code, so `cdk synth` and the tests synthesize the same templates. */
export const featureFlags = {
  "@aws-cdk/aws-iam:minimizePolicies": true,
  "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy": true,
  "@aws-cdk/aws-s3:createDefaultLoggingPolicy": true,
  "@aws-cdk/core:enablePartitionLiterals": true,
  // CloudFormation schema problems (found offline by CDK) fail synthesis instead of warning.
  "@aws-cdk/core:validateAgainstDefaultRules": true,
} as const;

export interface ConfigureOptions {
  /** @default apps/admin/dist when it exists */
  readonly adminDistPath?: string | null;
}

/**
 * Adds the stage's stack to the app and runs cdk-nag's AWS Solutions checks over it: any finding that
 * is not acknowledged with a reason fails synthesis.
 */
export function configureApp(app: App, options: ConfigureOptions = {}): PinganStack {
  const stage = stageConfig(parseStage(app.node.tryGetContext("stage")));
  const adminDistPath =
    options.adminDistPath === undefined
      ? existsSync(defaultAdminDistPath)
        ? defaultAdminDistPath
        : undefined
      : (options.adminDistPath ?? undefined);
  const alarmEmail = app.node.tryGetContext("alarmEmail") as string | undefined;
  const webAclArn = app.node.tryGetContext("webAclArn") as string | undefined;
  const domainName = app.node.tryGetContext("domainName") as string | undefined;
  const certificateArn = app.node.tryGetContext("certificateArn") as string | undefined;
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new Error(
      "A custom domain needs both -c domainName=... and -c certificateArn=... (ACM, us-east-1)",
    );
  }

  // SMS is off unless asked for: -c sms=on -c smsOriginationIdentityArn=arn:aws:sms-voice:... [-c smsConfigurationSetArn=...]
  const smsFlag = app.node.tryGetContext("sms") as string | boolean | undefined;
  const smsOn = smsFlag === true || smsFlag === "on" || smsFlag === "true";
  const originationIdentityArn = app.node.tryGetContext("smsOriginationIdentityArn") as string | undefined;
  const configurationSetArn = app.node.tryGetContext("smsConfigurationSetArn") as string | undefined;
  if (smsOn && !originationIdentityArn) {
    throw new Error(
      "-c sms=on needs -c smsOriginationIdentityArn=... (an End User Messaging SMS phone number, sender ID or pool)",
    );
  }

  const stack = new PinganStack(app, `PinganAssessment-${stage.name}`, {
    stage,
    description: `Ping'an Assessment, stage ${stage.name}`,
    // Environment-agnostic unless the CLI knows the account: synthesizes offline, without lookups.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    ...(adminDistPath ? { adminDistPath } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(webAclArn ? { webAclArn } : {}),
    ...(domainName && certificateArn ? { customDomain: { domainName, certificateArn } } : {}),
    ...(smsOn && originationIdentityArn
      ? { sms: { originationIdentityArn, ...(configurationSetArn ? { configurationSetArn } : {}) } }
      : {}),
  });

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
