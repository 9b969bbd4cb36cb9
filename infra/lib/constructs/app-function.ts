import { type CfnElement, Duration, Stack, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
} from "aws-cdk-lib/aws-lambda";
import { type BundlingOptions, Charset, NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { depsLockFilePath, esbuildSettings, nodeOptions, repoRoot } from "../bundling/esbuild-settings";
import type { StageConfig } from "../stage";

/** What a function may do with the table: chosen explicitly at every use, never defaulted. */
export type TableAccess = "read" | "read-write";

export interface AppFunctionProps {
  readonly entry: string;
  readonly description: string;
  readonly stage: StageConfig;
  readonly table: ITable;
  readonly tableAccess: TableAccess;
  /** @default 1024 MB: on arm64 the CPU share grows with memory, which shortens cold starts. */
  readonly memorySize?: number;
  /** @default 10 seconds, well under the HTTP API's 30-second integration limit. */
  readonly timeout?: Duration;
  readonly environment?: Record<string, string>;
}

/** The esbuild settings of `esbuild-settings.ts`, spelled the way `NodejsFunction` takes them. */
export const nodejsBundling: BundlingOptions = {
  forceDockerBundling: false,
  target: esbuildSettings.target,
  format: esbuildSettings.format === "esm" ? OutputFormat.ESM : OutputFormat.CJS,
  minify: esbuildSettings.minify,
  sourceMap: esbuildSettings.sourcemap,
  sourcesContent: esbuildSettings.sourcesContent,
  charset: esbuildSettings.charset === "utf8" ? Charset.UTF8 : Charset.ASCII,
  mainFields: [...esbuildSettings.mainFields],
  externalModules: [...esbuildSettings.external],
  banner: esbuildSettings.banner,
};

/**
 * A Lambda function with the project's defaults: Node 22 on arm64, esbuild bundling from the workspace
 * (no Docker), source maps, JSON logs into a log group with the stage's retention, and a role of its own
 * that can write its logs and use the table as asked — nothing else unless granted by the caller.
 */
export class AppFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;
  readonly timeout: Duration;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    this.timeout = props.timeout ?? Duration.seconds(10);

    this.logGroup = new LogGroup(this, "Logs", {
      retention: props.stage.logRetention,
      removalPolicy: props.stage.removalPolicy,
    });

    // Our own role instead of the default one, which carries the AWS-managed AWSLambdaBasicExecutionRole
    // (write access to every log group in the account).
    this.role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `Execution role of ${props.description}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, "Function", {
      entry: props.entry,
      handler: "handler",
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: this.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      projectRoot: repoRoot,
      depsLockFilePath,
      // Only meaningful for the AWS SDK v2; v3 keeps connections alive by itself.
      awsSdkConnectionReuse: false,
      bundling: nodejsBundling,
      environment: {
        NODE_OPTIONS: nodeOptions,
        STAGE: props.stage.name,
        TABLE_NAME: props.table.tableName,
        ...props.environment,
      },
    });

    if (props.tableAccess === "read") props.table.grantReadData(this.function);
    else props.table.grantReadWriteData(this.function);

    Validations.of(this.function).acknowledge({
      id: "AwsSolutions-L1",
      reason:
        "Node.js 22 is pinned on purpose: it is the runtime the API is built and tested for (esbuild " +
        "target node22). Moving to Node.js 24 is a deliberate upgrade with its own test run, not a default.",
    });
    const tableLogicalId = Stack.of(this).getLogicalId(props.table.node.defaultChild as CfnElement);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
      reason:
        "The wildcard covers only the global secondary indexes of this one table (gsi1, gsi2 from the data " +
        "layer's tableDefinition); Query on an index needs the index ARN. No other table is reachable.",
    });
  }
}
