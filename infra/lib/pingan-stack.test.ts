import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Match } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { tableDefinition } from "../../packages/data/src/table";
import { apiPathPattern, publicApiPathPattern, publishedBundlePathPattern } from "./constructs/admin-site";
import { bundlesPathPattern } from "./constructs/bundle-store";
import { fakeAdminDist, type Synthesized, synthesize } from "./test-support";

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };

let prod: Synthesized;
let dev: Synthesized;

beforeAll(() => {
  prod = synthesize("prod", { adminDistPath: fakeAdminDist() });
  dev = synthesize("dev", { adminDistPath: null });
});

function only(s: Synthesized, type: string): [string, Resource] {
  const found = Object.entries(s.template.findResources(type)) as [string, Resource][];
  expect(found, `exactly one ${type}`).toHaveLength(1);
  return found[0] as [string, Resource];
}

function logicalId(s: Synthesized, value: unknown): string {
  const resolved = s.resolve(value) as { Ref?: string; "Fn::GetAtt"?: [string, string] };
  const id = resolved.Ref ?? resolved["Fn::GetAtt"]?.[0];
  if (!id) throw new Error(`not a reference: ${JSON.stringify(resolved)}`);
  return id;
}

/** Every statement of every IAM policy attached to the given role. */
function statementsOfRole(s: Synthesized, roleLogicalId: string) {
  const policies = Object.values(s.template.findResources("AWS::IAM::Policy")) as Resource[];
  return policies
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleLogicalId }]))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement);
}

const asList = (value: unknown) => (Array.isArray(value) ? value : [value]);

describe("synthesis", () => {
  it("passes cdk-nag's AWS Solutions checks in both stages, with and without the admin build", () => {
    // app.synth() in beforeAll throws on any unacknowledged finding; the report records none.
    for (const s of [prod, dev]) {
      const report = JSON.parse(readFileSync(join(s.outdir, "validation-report.json"), "utf8"));
      expect(report.pluginReports).toEqual([]);
    }
  });
});

describe("the DynamoDB table", () => {
  it("has exactly the keys and indexes of the data layer's tableDefinition", () => {
    const [, table] = only(prod, "AWS::DynamoDB::Table");
    const keySchema = (hash: string, range: string) => [
      { AttributeName: hash, KeyType: "HASH" },
      { AttributeName: range, KeyType: "RANGE" },
    ];
    expect(table.Properties.KeySchema).toEqual(
      keySchema(tableDefinition.partitionKey, tableDefinition.sortKey),
    );
    const indexes = table.Properties.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown }[];
    expect(indexes.map(({ IndexName, KeySchema }) => ({ IndexName, KeySchema }))).toEqual(
      tableDefinition.globalIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
      })),
    );
    const keyAttributes = [
      tableDefinition.partitionKey,
      tableDefinition.sortKey,
      ...tableDefinition.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ];
    expect(table.Properties.AttributeDefinitions).toEqual(
      expect.arrayContaining(keyAttributes.map((name) => ({ AttributeName: name, AttributeType: "S" }))),
    );
    expect(table.Properties.AttributeDefinitions).toHaveLength(keyAttributes.length);
  });

  it("is on-demand, encrypted, point-in-time recoverable and expires items by expiresAt", () => {
    for (const s of [prod, dev]) {
      s.template.hasResourceProperties("AWS::DynamoDB::Table", {
        BillingMode: "PAY_PER_REQUEST",
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
      });
    }
  });

  it("is retained and deletion-protected in prod, destroyable in dev", () => {
    const [, prodTable] = only(prod, "AWS::DynamoDB::Table");
    expect(prodTable.DeletionPolicy).toBe("Retain");
    expect(prodTable.Properties.DeletionProtectionEnabled).toBe(true);
    const [, devTable] = only(dev, "AWS::DynamoDB::Table");
    expect(devTable.DeletionPolicy).toBe("Delete");
    expect(devTable.Properties.DeletionProtectionEnabled).toBe(false);
  });
});

describe("the API function", () => {
  it("runs Node 22 on arm64 with JSON logs into its own retained log group", () => {
    const fnId = logicalId(prod, prod.stack.api.function.functionArn);
    const fn = prod.template.toJSON().Resources[fnId] as Resource;
    expect(fn.Properties).toMatchObject({
      Runtime: "nodejs22.x",
      Architectures: ["arm64"],
      Handler: "index.handler",
      MemorySize: 1024,
      Timeout: 10,
      LoggingConfig: {
        LogFormat: "JSON",
        LogGroup: { Ref: logicalId(prod, prod.stack.api.logGroup.logGroupName) },
      },
    });
    prod.template.hasResource("AWS::Logs::LogGroup", {
      Properties: { RetentionInDays: 180 },
      DeletionPolicy: "Retain",
    });
  });

  it("gets the table name, the signing secret's ARN (never the secret), and the tenant role and table ARNs", () => {
    const fnId = logicalId(prod, prod.stack.api.function.functionArn);
    const fn = prod.template.toJSON().Resources[fnId] as Resource;
    expect((fn.Properties.Environment as { Variables: unknown }).Variables).toEqual({
      NODE_OPTIONS: "--enable-source-maps",
      STAGE: "prod",
      TABLE_NAME: prod.resolve(prod.stack.table.tableName),
      TOKEN_SECRET_ARN: prod.resolve(prod.stack.tokenSecret.secretArn),
      TENANT_ROLE_ARN: prod.resolve(prod.stack.tenantRoles.role.roleArn),
      TABLE_ARN: prod.resolve(prod.stack.table.tableArn),
      BUNDLE_BUCKET: prod.resolve(prod.stack.bundles.bucket.bucketName),
      PUBLIC_SITE_ORIGIN: prod.resolve(`https://${prod.stack.site.distribution.distributionDomainName}`),
    });
  });

  it("is bundled by esbuild into an ES module with its source map", () => {
    const fnId = logicalId(prod, prod.stack.api.function.functionArn);
    const fn = prod.template.toJSON().Resources[fnId] as Resource;
    const objectKey = (fn.Properties.Code as { S3Key: string }).S3Key;
    const assetDir = join(prod.outdir, `asset.${objectKey.replace(/\.zip$/, "")}`);
    expect(existsSync(join(assetDir, "index.mjs"))).toBe(true);
    expect(existsSync(join(assetDir, "index.mjs.map"))).toBe(true);
  });

  it("deploys bundles that Node loads as ES modules exporting a handler", () => {
    for (const fn of [prod.stack.api.function, prod.stack.monthlyClose.function]) {
      const resource = prod.template.toJSON().Resources[logicalId(prod, fn.functionArn)] as Resource;
      const objectKey = (resource.Properties.Code as { S3Key: string }).S3Key;
      const bundle = join(prod.outdir, `asset.${objectKey.replace(/\.zip$/, "")}`, "index.mjs");
      const probe = `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); process.stdout.write(typeof m.handler);`;
      const out = execFileSync(process.execPath, ["--input-type=module", "-e", probe], {
        encoding: "utf8",
        env: { ...process.env, TOKEN_SECRET: "test-only", TABLE_NAME: "test", AWS_REGION: "ap-east-1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      expect(out).toBe("function");
    }
  });

  it("can reach only this table, its indexes, the signing secret, its log group, the tenant role and bundles", () => {
    const roleId = logicalId(prod, prod.stack.api.role.roleArn);
    const role = prod.template.toJSON().Resources[roleId] as Resource;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();

    const statements = statementsOfRole(prod, roleId);
    const tableArn = prod.resolve(prod.stack.table.tableArn);
    const allowed = new Set(
      [
        tableArn,
        { "Fn::Join": ["", [tableArn, "/index/*"]] },
        prod.resolve(prod.stack.tokenSecret.secretArn),
        prod.resolve(prod.stack.api.logGroup.logGroupArn),
        prod.resolve(prod.stack.tenantRoles.role.roleArn),
        prod.resolve(prod.stack.bundles.bucket.arnForObjects("bundles/*")),
      ].map((r) => JSON.stringify(r)),
    );
    const resources = statements.flatMap((s) => asList(s.Resource)).map((r) => JSON.stringify(r));
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) expect(allowed, resource).toContain(resource);

    const secretStatements = statements.filter((s) =>
      asList(s.Resource).some(
        (r) => JSON.stringify(r) === JSON.stringify(prod.resolve(prod.stack.tokenSecret.secretArn)),
      ),
    );
    expect(secretStatements.flatMap((s) => asList(s.Action)).sort()).toEqual([
      "secretsmanager:DescribeSecret",
      "secretsmanager:GetSecretValue",
    ]);
    const actions = statements.flatMap((s) => asList(s.Action)) as string[];
    expect(actions).toContain("dynamodb:PutItem");
    expect(actions.filter((a) => a.endsWith(":*") || a === "*")).toEqual([]);
  });

  it("sits behind an HTTP API whose stage is throttled", () => {
    prod.template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.serializedJson(
          Match.objectLike({ requestId: "$context.requestId", status: "$context.status" }),
        ),
      },
    });
    dev.template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });
});

describe("the tenant role", () => {
  it("may be assumed, with session tags, only by the API function's role, for an hour at most", () => {
    const roleId = logicalId(prod, prod.stack.tenantRoles.role.roleArn);
    const role = prod.template.toJSON().Resources[roleId] as Resource;
    expect(role.Properties.AssumeRolePolicyDocument).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["sts:AssumeRole", "sts:TagSession"],
          Principal: { AWS: prod.resolve(prod.stack.api.role.roleArn) },
        },
      ],
    });
    expect(role.Properties.MaxSessionDuration).toBe(3600);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    // The API role's side: AssumeRole and TagSession on exactly this role.
    const apiStatements = statementsOfRole(prod, logicalId(prod, prod.stack.api.role.roleArn));
    const sts = apiStatements.filter((s) => asList(s.Action).some((a) => String(a).startsWith("sts:")));
    expect(sts).toEqual([
      {
        Effect: "Allow",
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Resource: prod.resolve(prod.stack.tenantRoles.role.roleArn),
      },
    ]);
    // Nobody else may assume it: no other role's policy names it.
    const policies = Object.values(prod.template.findResources("AWS::IAM::Policy")) as Resource[];
    const naming = policies.filter((p) =>
      JSON.stringify(p.Properties.PolicyDocument).includes(
        JSON.stringify(prod.resolve(prod.stack.tenantRoles.role.roleArn)),
      ),
    );
    expect(naming.map((p) => p.Properties.Roles)).toEqual([
      [{ Ref: logicalId(prod, prod.stack.api.role.roleArn) }],
    ]);
  });

  it("reaches only tenant partitions of this table and its indexes, with the API's actions and no Scan", () => {
    const statements = statementsOfRole(prod, logicalId(prod, prod.stack.tenantRoles.role.roleArn));
    const tableArn = prod.resolve(prod.stack.table.tableArn);
    expect(statements).toEqual([
      {
        Effect: "Allow",
        // CDK writes the actions sorted.
        Action: [
          "dynamodb:BatchGetItem",
          "dynamodb:BatchWriteItem",
          "dynamodb:ConditionCheckItem",
          "dynamodb:DeleteItem",
          "dynamodb:GetItem",
          "dynamodb:PutItem",
          "dynamodb:Query",
          "dynamodb:UpdateItem",
        ],
        Resource: [tableArn, { "Fn::Join": ["", [tableArn, "/index/*"]] }],
        Condition: {
          "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["C#*", "T#*"] },
          Null: { "dynamodb:LeadingKeys": "false" },
        },
      },
    ]);
  });
});

describe("the monthly close", () => {
  it("has no access to the signing secret", () => {
    const statements = statementsOfRole(prod, logicalId(prod, prod.stack.monthlyClose.role.roleArn));
    const secret = JSON.stringify(prod.resolve(prod.stack.tokenSecret.secretArn));
    expect(statements.flatMap((s) => asList(s.Resource)).map((r) => JSON.stringify(r))).not.toContain(secret);
  });

  it("may invoke itself, and nothing else, to fan a run out per county", () => {
    const statements = statementsOfRole(prod, logicalId(prod, prod.stack.monthlyClose.role.roleArn));
    const invokes = statements.filter((s) => asList(s.Action).includes("lambda:InvokeFunction"));
    expect(invokes.map((s) => s.Resource)).toEqual([
      prod.resolve(prod.stack.monthlyClose.function.functionArn),
    ]);
  });

  it("runs at 01:00 China time on the 1st of every month, with a daily deadline check and 09:00 reminders", () => {
    const target = prod.resolve(prod.stack.monthlyClose.function.functionArn);
    const schedules = Object.values(prod.template.findResources("AWS::Scheduler::Schedule")) as Resource[];
    const byTask = Object.fromEntries(
      schedules.map((s) => {
        const t = s.Properties.Target as { Arn: unknown; Input: string };
        expect(t.Arn).toEqual(target);
        const input = JSON.parse(t.Input) as { task: string; scheduledTime: string };
        expect(input.scheduledTime).toBe("<aws.scheduler.scheduled-time>");
        return [input.task, s.Properties];
      }),
    );
    expect(byTask["monthly-close"]).toMatchObject({
      ScheduleExpression: "cron(0 1 1 * ? *)",
      ScheduleExpressionTimezone: "Asia/Shanghai",
      State: "ENABLED",
    });
    expect(byTask["deadline-check"]).toMatchObject({
      ScheduleExpression: "cron(0 1 * * ? *)",
      ScheduleExpressionTimezone: "Asia/Shanghai",
    });
    expect(byTask.reminders).toMatchObject({
      ScheduleExpression: "cron(0 9 * * ? *)",
      ScheduleExpressionTimezone: "Asia/Shanghai",
      State: "ENABLED",
    });
    expect(Object.keys(byTask).sort()).toEqual(["deadline-check", "monthly-close", "reminders"]);
  });

  it("retries delivery and runs, and keeps a run that still fails in the dead-letter queue", () => {
    const queueArn = prod.resolve(prod.stack.schedules.deadLetterQueue.queueArn);
    prod.template.hasResourceProperties("AWS::Scheduler::Schedule", {
      Target: { RetryPolicy: { MaximumRetryAttempts: 3 }, DeadLetterConfig: { Arn: queueArn } },
    });
    prod.template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: prod.resolve(prod.stack.monthlyClose.function.functionName),
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: queueArn } },
    });
  });
});

describe("CloudFront", () => {
  const resource = (s: Synthesized, ref: unknown) =>
    s.template.toJSON().Resources[(ref as { Ref: string }).Ref] as Resource;
  /** The origin request policy of a behaviour: which headers, cookies and query strings reach the origin. */
  const originRequest = (s: Synthesized, behavior: Record<string, unknown>) =>
    resource(s, behavior.OriginRequestPolicyId).Properties.OriginRequestPolicyConfig as Record<
      string,
      unknown
    >;

  function distributionConfig(s: Synthesized) {
    const [, distribution] = only(s, "AWS::CloudFront::Distribution");
    return distribution.Properties.DistributionConfig as {
      Origins: {
        Id: string;
        DomainName: unknown;
        OriginAccessControlId?: unknown;
        S3OriginConfig?: unknown;
      }[];
      DefaultCacheBehavior: Record<string, unknown>;
      CacheBehaviors: Record<string, unknown>[];
    };
  }

  it("serves the admin app from the private bucket through origin access control", () => {
    const config = distributionConfig(prod);
    const s3Origin = config.Origins.find((o) => o.Id === config.DefaultCacheBehavior.TargetOriginId);
    expect(s3Origin?.DomainName).toEqual(prod.resolve(prod.stack.site.bucket.bucketRegionalDomainName));
    expect(s3Origin?.OriginAccessControlId).toEqual({
      "Fn::GetAtt": [expect.stringMatching(/OriginAccessControl/), "Id"],
    });
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: "redirect-to-https",
      FunctionAssociations: [{ EventType: "viewer-request" }],
      ResponseHeadersPolicyId: expect.anything(),
    });
    prod.template.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
  });

  it("routes /trpc/* to the HTTP API uncached with every method and the viewer's headers", () => {
    const config = distributionConfig(prod);
    expect(config.CacheBehaviors.map((b) => b.PathPattern)).toEqual([
      publicApiPathPattern,
      apiPathPattern,
      publishedBundlePathPattern,
      bundlesPathPattern,
    ]);
    expect(apiPathPattern).toBe("/trpc/*");
    const api = config.CacheBehaviors[1] as Record<string, unknown>;
    expect(api).toMatchObject({
      AllowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"],
      ViewerProtocolPolicy: "https-only",
    });
    // CloudFront forwards Authorization only as part of a cache key; nothing is kept (TTL 0, and the API
    // answers credentialed calls `private, no-store`).
    expect(resource(prod, api.CachePolicyId).Properties.CachePolicyConfig).toMatchObject({
      DefaultTTL: 0,
      MinTTL: 0,
      MaxTTL: 1,
      ParametersInCacheKeyAndForwardedToOrigin: {
        HeadersConfig: { HeaderBehavior: "whitelist", Headers: ["Authorization"] },
        CookiesConfig: { CookieBehavior: "all" },
        QueryStringsConfig: { QueryStringBehavior: "all" },
      },
    });
    // The viewer's address reaches the API for its per-source limits; Host does not (API Gateway routes on it).
    expect(originRequest(prod, api)).toMatchObject({
      HeadersConfig: {
        HeaderBehavior: "whitelist",
        Headers: ["Content-Type", "Accept", "X-Pingan-Refresh", "CloudFront-Viewer-Address"],
      },
      QueryStringsConfig: { QueryStringBehavior: "all" },
    });
    const apiOrigin = config.Origins.find((o) => o.Id === api.TargetOriginId);
    expect(JSON.stringify(apiOrigin?.DomainName)).toContain(logicalId(prod, prod.stack.httpApi.apiId));
    expect(apiOrigin?.S3OriginConfig).toBeUndefined();
  });

  it("caches the public rankings briefly, keyed on the query, without forwarding credentials", () => {
    const config = distributionConfig(prod);
    const publicApi = config.CacheBehaviors[0] as Record<string, unknown>;
    expect(publicApi.TargetOriginId).toBe(
      (config.CacheBehaviors[1] as Record<string, unknown>).TargetOriginId,
    );
    expect(originRequest(prod, publicApi)).toMatchObject({
      HeadersConfig: { HeaderBehavior: "whitelist", Headers: ["CloudFront-Viewer-Address"] },
      CookiesConfig: { CookieBehavior: "none" },
      QueryStringsConfig: { QueryStringBehavior: "none" },
    });
    const policyId = (publicApi.CachePolicyId as { Ref: string }).Ref;
    const policy = prod.template.toJSON().Resources[policyId] as Resource;
    expect(policy.Properties.CachePolicyConfig).toMatchObject({
      DefaultTTL: 60,
      MaxTTL: 300,
      MinTTL: 0,
      ParametersInCacheKeyAndForwardedToOrigin: {
        QueryStringsConfig: { QueryStringBehavior: "all" },
        HeadersConfig: { HeaderBehavior: "none" },
        CookiesConfig: { CookieBehavior: "none" },
      },
    });
  });

  const publicApi = (config: ReturnType<typeof distributionConfig>) =>
    config.CacheBehaviors[0] as Record<string, unknown>;

  it("serves verification bundles from the HTTP API, cached up to a year, without forwarding credentials", () => {
    const config = distributionConfig(prod);
    expect(publishedBundlePathPattern).toBe("/published/*");
    const bundles = config.CacheBehaviors[2] as Record<string, unknown>;
    expect(bundles).toMatchObject({
      PathPattern: "/published/*",
      AllowedMethods: ["GET", "HEAD"],
      ViewerProtocolPolicy: "https-only",
      TargetOriginId: (config.CacheBehaviors[1] as Record<string, unknown>).TargetOriginId,
    });
    expect(bundles.OriginRequestPolicyId).toEqual(publicApi(config).OriginRequestPolicyId);
    const policyId = (bundles.CachePolicyId as { Ref: string }).Ref;
    const policy = prod.template.toJSON().Resources[policyId] as Resource;
    expect(policy.Properties.CachePolicyConfig).toMatchObject({
      MaxTTL: 365 * 24 * 3600,
      MinTTL: 0,
      ParametersInCacheKeyAndForwardedToOrigin: {
        EnableAcceptEncodingGzip: true,
        QueryStringsConfig: { QueryStringBehavior: "none" },
        HeadersConfig: { HeaderBehavior: "none" },
        CookiesConfig: { CookieBehavior: "none" },
      },
    });
  });

  it("serves stored bundles at /bundles/* from their own private bucket through origin access control", () => {
    const config = distributionConfig(prod);
    const stored = config.CacheBehaviors.find((b) => b.PathPattern === "/bundles/*");
    expect(stored).toMatchObject({
      AllowedMethods: ["GET", "HEAD"],
      ViewerProtocolPolicy: "https-only",
      // CachingOptimized: objects carry `immutable`, no query, header or cookie reaches the bucket.
      CachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    });
    const origin = config.Origins.find((o) => o.Id === stored?.TargetOriginId);
    expect(origin?.DomainName).toEqual(prod.resolve(prod.stack.bundles.bucket.bucketRegionalDomainName));
    expect(origin?.OriginAccessControlId).toEqual({
      "Fn::GetAtt": [expect.stringMatching(/OriginAccessControl/), "Id"],
    });
    // Only this distribution may read it, and only over TLS.
    prod.template.hasResourceProperties("AWS::S3::BucketPolicy", {
      Bucket: prod.resolve(prod.stack.bundles.bucket.bucketName),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
          Match.objectLike({
            Effect: "Allow",
            Action: "s3:GetObject",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Condition: {
              StringEquals: { "AWS:SourceArn": Match.anyValue() },
            },
          }),
        ]),
      },
    });
  });

  it("keeps the bundle store versioned, encrypted, private and access-logged", () => {
    for (const s of [prod, dev]) {
      const id = logicalId(s, s.stack.bundles.bucket.bucketArn);
      const bucket = s.template.toJSON().Resources[id] as Resource;
      expect(bucket.DeletionPolicy).toBe("Retain");
      expect(bucket.Properties).toMatchObject({
        VersioningConfiguration: { Status: "Enabled" },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: {
          DestinationBucketName: s.resolve(s.stack.site.logBucket.bucketName),
          LogFilePrefix: "s3/bundles/",
        },
      });
    }
  });

  it("lets the API put and get bundles under bundles/ and nothing else in the bucket", () => {
    const roleId = logicalId(prod, prod.stack.api.role.roleArn);
    const bucketId = logicalId(prod, prod.stack.bundles.bucket.bucketArn);
    const onBucket = statementsOfRole(prod, roleId).filter((st) =>
      JSON.stringify(st.Resource).includes(bucketId),
    );
    expect(onBucket).toEqual([
      {
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject"],
        Resource: { "Fn::Join": ["", [{ "Fn::GetAtt": [bucketId, "Arn"] }, "/bundles/*"]] },
      },
    ]);
    // The monthly close never touches bundles.
    const closeRole = logicalId(prod, prod.stack.monthlyClose.role.roleArn);
    expect(JSON.stringify(statementsOfRole(prod, closeRole))).not.toContain(bucketId);
  });

  it("sends security headers with every response", () => {
    prod.template.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 63072000 }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: "DENY", Override: true },
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp("frame-ancestors 'none'"),
          }),
        },
      },
    });
    const config = distributionConfig(prod);
    const policies = [config.DefaultCacheBehavior, ...config.CacheBehaviors].map(
      (b) => b.ResponseHeadersPolicyId,
    );
    expect(new Set(policies.map((p) => JSON.stringify(p))).size).toBe(1);
  });

  it("keeps its buckets when the stack is deleted, in every stage", () => {
    for (const s of [prod, dev]) {
      const buckets = Object.values(s.template.findResources("AWS::S3::Bucket")) as Resource[];
      expect(buckets.map((b) => b.DeletionPolicy)).toEqual(["Retain", "Retain", "Retain"]);
    }
  });

  it("lets only this distribution read the site bucket", () => {
    const bucketArn = prod.resolve(prod.stack.site.bucket.bucketArn);
    prod.template.hasResourceProperties("AWS::S3::BucketPolicy", {
      Bucket: prod.resolve(prod.stack.site.bucket.bucketName),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
          {
            Action: "s3:GetObject",
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Resource: { "Fn::Join": ["", [bucketArn, "/*"]] },
            Condition: {
              StringEquals: {
                "AWS:SourceArn": {
                  "Fn::Join": [
                    "",
                    [
                      "arn:",
                      { Ref: "AWS::Partition" },
                      ":cloudfront::",
                      { Ref: "AWS::AccountId" },
                      ":distribution/",
                      prod.resolve(prod.stack.site.distribution.distributionId),
                    ],
                  ],
                },
              },
            },
          },
        ]),
      },
    });
  });

  it("deploys the admin build only when it exists", () => {
    prod.template.resourceCountIs("Custom::CDKBucketDeployment", 2);
    dev.template.resourceCountIs("Custom::CDKBucketDeployment", 0);
  });

  it("uploads hashed assets as immutable and the entry files as always revalidated, then invalidates", () => {
    prod.template.hasResourceProperties("Custom::CDKBucketDeployment", {
      Include: ["assets/*"],
      Exclude: ["*"],
      Prune: false,
      SystemMetadata: { "cache-control": "public, max-age=31536000, immutable" },
      DistributionId: Match.absent(),
    });
    prod.template.hasResourceProperties("Custom::CDKBucketDeployment", {
      Exclude: ["assets/*"],
      Prune: false,
      SystemMetadata: { "cache-control": "no-cache" },
      DistributionId: prod.resolve(prod.stack.site.distribution.distributionId),
      DistributionPaths: ["/*"],
    });
  });
});

describe("monitoring", () => {
  it("alarms on API 5xx, function errors and throttles, table throttles and undelivered closes", () => {
    const alarms = Object.values(prod.template.findResources("AWS::CloudWatch::Alarm")) as Resource[];
    const watched = alarms.map((a) => {
      const p = a.Properties as {
        MetricName?: string;
        Metrics?: { MetricStat?: { Metric: { MetricName: string } } }[];
      };
      return (
        p.MetricName ?? (p.Metrics ?? []).flatMap((m) => m.MetricStat?.Metric.MetricName ?? []).join("+")
      );
    });
    expect(watched.sort()).toEqual(
      [
        "5xx",
        "ApproximateNumberOfMessagesVisible",
        "Duration",
        "Duration",
        "Errors",
        "Errors",
        "ReadThrottleEvents+WriteThrottleEvents",
        "Throttles",
        "Throttles",
      ].sort(),
    );
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    // The monthly close warns at 12 of its 15 minutes.
    prod.template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      MetricName: "Duration",
      Statistic: "Maximum",
      Threshold: 720_000,
      Dimensions: [
        { Name: "FunctionName", Value: prod.resolve(prod.stack.monthlyClose.function.functionName) },
      ],
    });
    prod.template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
  });
});

describe("SMS", () => {
  const identity = "arn:aws:sms-voice:ap-southeast-1:123456789012:sender-id/PINGAN/CN";
  const configurationSet = "arn:aws:sms-voice:ap-southeast-1:123456789012:configuration-set/pingan";
  let withSms: Synthesized;
  beforeAll(() => {
    withSms = synthesize(
      "dev",
      { adminDistPath: null },
      { sms: "on", smsOriginationIdentityArn: identity, smsConfigurationSetArn: configurationSet },
    );
  });

  /** The sms-voice statements of every policy attached to the role (alone or with other roles). */
  const smsStatements = (s: Synthesized, role: { roleArn: string }) => {
    const ref = JSON.stringify({ Ref: logicalId(s, role.roleArn) });
    const policies = Object.values(s.template.findResources("AWS::IAM::Policy")) as Resource[];
    return policies
      .filter((p) => asList(p.Properties.Roles).some((r) => JSON.stringify(r) === ref))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement)
      .filter((st) => asList(st.Action).some((a) => String(a).startsWith("sms-voice:")));
  };
  const env = (s: Synthesized, fn: { functionArn: string }) => {
    const resource = s.template.toJSON().Resources[logicalId(s, fn.functionArn)] as Resource;
    return (resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
  };

  it("is off by default: no permission and no SMS settings for any function", () => {
    for (const s of [prod, dev]) {
      for (const role of [s.stack.api.role, s.stack.monthlyClose.role])
        expect(smsStatements(s, role)).toEqual([]);
      for (const fn of [s.stack.api.function, s.stack.monthlyClose.function]) {
        expect(Object.keys(env(s, fn)).filter((k) => k.startsWith("SMS_"))).toEqual([]);
      }
    }
  });

  it("when on, lets the API and the reminder job send from the one identity only, and tells them so", () => {
    const report = JSON.parse(readFileSync(join(withSms.outdir, "validation-report.json"), "utf8"));
    expect(report.pluginReports).toEqual([]);
    for (const role of [withSms.stack.api.role, withSms.stack.monthlyClose.role]) {
      const statements = smsStatements(withSms, role).map((st) => ({
        ...st,
        Resource: asList(st.Resource).map(String).sort(),
      }));
      expect(statements).toEqual([
        expect.objectContaining({
          Action: "sms-voice:SendTextMessage",
          Effect: "Allow",
          Resource: [identity, configurationSet].sort(),
        }),
      ]);
    }
    for (const fn of [withSms.stack.api.function, withSms.stack.monthlyClose.function]) {
      expect(env(withSms, fn)).toMatchObject({
        SMS_PROVIDER: "end-user-messaging",
        SMS_ORIGINATION_IDENTITY: identity,
        SMS_CONFIGURATION_SET: configurationSet,
      });
    }
  });

  it("refuses to switch on without an identity, or with something that is not an SMS identity ARN", () => {
    expect(() => synthesize("dev", { adminDistPath: null }, { sms: "on" })).toThrow(
      /smsOriginationIdentityArn/,
    );
    expect(() =>
      synthesize(
        "dev",
        { adminDistPath: null },
        { sms: "on", smsOriginationIdentityArn: "arn:aws:s3:::bucket" },
      ),
    ).toThrow(/Not an End User Messaging SMS identity/);
  });
});
