import { CfnOutput, Duration, Stack, type StackProps, Tags, Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import { HttpApi, HttpStage, LogGroupLogDestination } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import { Policy, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { tableDefinition } from "../../packages/data/src/table";
import { lambdaEntries } from "./bundling/esbuild-settings";
import { AdminSite, type CustomDomain } from "./constructs/admin-site";
import { AppFunction } from "./constructs/app-function";
import { BundleStore, bundlesPathPattern } from "./constructs/bundle-store";
import { Monitoring } from "./constructs/monitoring";
import { MonthlyCloseSchedules } from "./constructs/monthly-close-schedules";
import { TenantRoles } from "./constructs/tenant-roles";
import type { StageConfig } from "./stage";

export interface PinganStackProps extends StackProps {
  readonly stage: StageConfig;
  /** The admin app's build output; the site is deployed from it only when given. */
  readonly adminDistPath?: string;
  readonly alarmEmail?: string;
  readonly webAclArn?: string;
  readonly customDomain?: CustomDomain;
  /**
   * SMS through AWS End User Messaging SMS (default off: no SMS leaves the stack). When given, the API and
   * the monthly-close function (which sends the reminders) may send text messages from this one
   * origination identity (and configuration set), and are told so by their environment.
   */
  readonly sms?: SmsSettings;
}

export interface SmsSettings {
  /** The ARN of the phone number, sender ID or pool the messages are sent from. */
  readonly originationIdentityArn: string;
  /** The ARN of a configuration set, if the account uses one. */
  readonly configurationSetArn?: string;
}

const SMS_ARN =
  /^arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:(phone-number|sender-id|pool|configuration-set)\/\S+$/;

/** One stack per stage: the table, the API, the admin site, the monthly close and their monitoring. */
export class PinganStack extends Stack {
  readonly table: Table;
  readonly api: AppFunction;
  readonly tenantRoles: TenantRoles;
  readonly monthlyClose: AppFunction;
  readonly tokenSecret: Secret;
  readonly httpApi: HttpApi;
  readonly site: AdminSite;
  readonly bundles: BundleStore;
  readonly schedules: MonthlyCloseSchedules;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: PinganStackProps) {
    super(scope, id, props);
    const { stage } = props;
    Tags.of(this).add("project", "pingan-assessment");
    Tags.of(this).add("stage", stage.name);

    // Keys and indexes come from the data layer's single definition; every key attribute is a string.
    this.table = new Table(this, "Table", {
      partitionKey: { name: tableDefinition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDefinition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: stage.tableDeletionProtection,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      removalPolicy: stage.removalPolicy,
    });
    for (const index of tableDefinition.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    this.tokenSecret = new Secret(this, "TokenSigningSecret", {
      description: `Ping'an Assessment ${stage.name}: HMAC key that signs session tokens`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: stage.removalPolicy,
    });
    Validations.of(this.tokenSecret).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "A symmetric token-signing key, not a credential to another system: rotating it on a timer would " +
        "sign every user out. It is rotated by hand (new version, API verifies current and previous " +
        "version for one token lifetime) as described in infra/README.md.",
    });

    this.api = new AppFunction(this, "Api", {
      entry: lambdaEntries.api,
      description: `Ping'an Assessment ${stage.name} API (tRPC on Hono)`,
      stage,
      table: this.table,
      tableAccess: "read-write",
      environment: { TOKEN_SECRET_ARN: this.tokenSecret.secretArn },
    });
    this.tokenSecret.grantRead(this.api.function);
    // Tenant-scoped requests run with credentials of this role narrowed to the tenant (apps/api/src/tenancy).
    this.tenantRoles = new TenantRoles(this, "TenantRoles", { table: this.table, apiRole: this.api.role });
    this.api.function.addEnvironment("TENANT_ROLE_ARN", this.tenantRoles.role.roleArn);
    this.api.function.addEnvironment("TABLE_ARN", this.table.tableArn);

    const accessLogs = new LogGroup(this, "ApiAccessLogs", {
      retention: stage.logRetention,
      removalPolicy: stage.removalPolicy,
    });
    this.httpApi = new HttpApi(this, "HttpApi", {
      description: `Ping'an Assessment ${stage.name} API`,
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration("Lambda", this.api.function),
    });
    Validations.of(this.httpApi).acknowledge({
      id: "AwsSolutions-APIG4",
      reason:
        "Authentication and tenant scoping happen in the application: every tRPC procedure except the " +
        "public.* namespace (published rankings, sign-in, joining with a county code) runs behind middleware " +
        "that verifies the signed session token and narrows the context to the caller's county or township. " +
        "A gateway authorizer cannot express the per-procedure rules and would duplicate the token check.",
    });
    new HttpStage(this, "HttpApiStage", {
      httpApi: this.httpApi,
      stageName: "$default",
      autoDeploy: true,
      throttle: stage.apiThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // JSON, like the function logs, so one Logs Insights query can join them on the request id.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            time: "$context.requestTime",
            ip: "$context.identity.sourceIp",
            method: "$context.httpMethod",
            path: "$context.path",
            status: "$context.status",
            responseLength: "$context.responseLength",
            latencyMs: "$context.responseLatency",
            integrationLatencyMs: "$context.integrationLatency",
            integrationError: "$context.integrationErrorMessage",
            userAgent: "$context.identity.userAgent",
          }),
        ),
      },
    });

    this.monthlyClose = new AppFunction(this, "MonthlyClose", {
      entry: lambdaEntries.monthlyClose,
      description: `Ping'an Assessment ${stage.name} monthly close and deadline lock`,
      stage,
      table: this.table,
      tableAccess: "read-write",
      // A scheduled run only hands each county to its own invocation; one county's close is seconds.
      timeout: Duration.minutes(15),
    });
    // The scheduled run invokes this same function once per county (asynchronously, so Lambda's retries
    // and the dead-letter queue apply per county). A policy of its own, not the role's default one: the
    // function waits for its default policy, which therefore cannot name the function's ARN.
    new Policy(this, "MonthlyCloseFanOut", {
      roles: [this.monthlyClose.role],
      statements: [
        new PolicyStatement({
          actions: ["lambda:InvokeFunction"],
          resources: [this.monthlyClose.function.functionArn],
        }),
      ],
    });
    this.schedules = new MonthlyCloseSchedules(this, "Schedules", { handler: this.monthlyClose.function });

    if (props.sms) this.enableSms(props.sms);

    this.site = new AdminSite(this, "Site", {
      stage,
      httpApi: this.httpApi,
      ...(props.adminDistPath ? { adminDistPath: props.adminDistPath } : {}),
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
      ...(props.customDomain ? { customDomain: props.customDomain } : {}),
    });

    // Verification bundles too large for the API to answer: written by the API when it publishes, served
    // by CloudFront at /bundles/* (the API redirects there), access-logged with the site's buckets.
    this.bundles = new BundleStore(this, "BundleStore", { logBucket: this.site.logBucket });
    this.bundles.grantPutGet(this.api.role);
    this.api.function.addEnvironment("BUNDLE_BUCKET", this.bundles.bucket.bucketName);
    // Where those redirects point: the public site's origin, so a client calling API Gateway directly
    // (which does not serve /bundles/*) can follow them too.
    this.api.function.addEnvironment(
      "PUBLIC_SITE_ORIGIN",
      `https://${props.customDomain?.domainName ?? this.site.distribution.distributionDomainName}`,
    );
    this.site.serveBundles(this.bundles.bucket, bundlesPathPattern);

    this.monitoring = new Monitoring(this, "Monitoring", {
      stage,
      httpApi: this.httpApi,
      functions: {
        Api: { fn: this.api.function, timeout: this.api.timeout },
        MonthlyClose: { fn: this.monthlyClose.function, timeout: this.monthlyClose.timeout },
      },
      table: this.table,
      scheduleDeadLetters: this.schedules.deadLetterQueue,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });

    new CfnOutput(this, "SiteUrl", { value: `https://${this.site.distribution.distributionDomainName}` });
    new CfnOutput(this, "TableName", { value: this.table.tableName });
  }

  /** Lets the API and the reminder job send SMS from the one identity (apps/api/src/notifications/sms-aws.ts). */
  private enableSms(sms: SmsSettings) {
    const arns = [sms.originationIdentityArn, ...(sms.configurationSetArn ? [sms.configurationSetArn] : [])];
    for (const arn of arns) {
      if (!SMS_ARN.test(arn)) {
        throw new Error(
          `Not an End User Messaging SMS identity or configuration set ARN: ${JSON.stringify(arn)}`,
        );
      }
    }
    new Policy(this, "SmsSend", {
      roles: [this.api.role, this.monthlyClose.role],
      statements: [new PolicyStatement({ actions: ["sms-voice:SendTextMessage"], resources: arns })],
    });
    for (const fn of [this.api.function, this.monthlyClose.function]) {
      fn.addEnvironment("SMS_PROVIDER", "end-user-messaging");
      fn.addEnvironment("SMS_ORIGINATION_IDENTITY", sms.originationIdentityArn);
      if (sms.configurationSetArn) fn.addEnvironment("SMS_CONFIGURATION_SET", sms.configurationSetArn);
    }
  }
}
