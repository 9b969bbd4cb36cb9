import { type CfnElement, Duration, Fn, RemovalPolicy, Stack, Token, Validations } from "aws-cdk-lib";
import type { IHttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import { Certificate } from "aws-cdk-lib/aws-certificatemanager";
import {
  AllowedMethods,
  CacheCookieBehavior,
  CachedMethods,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin, S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from "aws-cdk-lib/aws-s3";
import { BucketDeployment, CacheControl, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import type { StageConfig } from "../stage";
import { spaFallbackCode } from "./spa-fallback";

/** Everything under tRPC's `public.` namespace is anonymous (published rankings) and cached at the edge. */
export const publicApiPathPattern = "/trpc/public.*";
export const apiPathPattern = "/trpc/*";
/** Verification bundles of published tables (scoring.md §9): anonymous, immutable, cached for a year. */
export const publishedBundlePathPattern = "/published/*";

export interface AdminSiteProps {
  readonly stage: StageConfig;
  readonly httpApi: IHttpApi;
  /** The admin app's build (`apps/admin/dist`); without it the bucket is created empty. */
  readonly adminDistPath?: string;
  /** A WAFv2 web ACL (scope CLOUDFRONT, created in us-east-1) to attach, when one exists. */
  readonly webAclArn?: string;
  /** The product's own host name, with an ACM certificate for it in us-east-1 (CloudFront's region). */
  readonly customDomain?: CustomDomain;
}

export interface CustomDomain {
  readonly domainName: string;
  readonly certificateArn: string;
}

/**
 * The admin app and the API behind one CloudFront origin: static files from a private bucket through
 * origin access control, `/trpc/*` and `/published/*` (verification bundles) to the HTTP API. Sharing the origin means no CORS and no third-party
 * cookies.
 */
export class AdminSite extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  private readonly securityHeaders: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: AdminSiteProps) {
    super(scope, id);
    const { stage } = props;

    this.logBucket = new Bucket(this, "AccessLogs", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes through bucket ACLs, which BucketOwnerEnforced would disable.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: stage.accessLogExpiration }],
      // Retained in every stage: CloudFormation cannot delete a bucket that still holds objects, and a
      // stack stuck in DELETE_FAILED is worse than a leftover bucket.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, "Assets", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: "s3/admin-assets/",
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const securityHeaders = new ResponseHeadersPolicy(this, "SecurityHeaders", {
      comment: `Security headers for the admin app and API (${stage.name})`,
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        // The legacy XSS auditor is off in modern browsers and exploitable in old ones; CSP replaces it.
        xssProtection: { protection: false, override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
          ].join("; "),
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()", override: true },
        ],
      },
    });

    this.securityHeaders = securityHeaders;

    const spaFallback = new CloudFrontFunction(this, "SpaFallback", {
      code: FunctionCode.fromInline(spaFallbackCode),
      runtime: FunctionRuntime.JS_2_0,
      comment: "Serve index.html for the admin app's client-side routes",
    });

    const apiOrigin = new HttpOrigin(
      Fn.join(".", [props.httpApi.apiId, "execute-api", Stack.of(this).region, Stack.of(this).urlSuffix]),
      { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [OriginSslPolicy.TLS_V1_2] },
    );

    // Published rankings change at most when a county publishes; a minute at the edge absorbs the
    // crowd reading them. The origin's Cache-Control still wins within [0, 5 min].
    const publicApiCache = new CachePolicy(this, "PublicApiCache", {
      comment: "Anonymous tRPC queries (public rankings): short edge cache keyed on the query string",
      defaultTtl: Duration.seconds(60),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.minutes(5),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    // A published version never changes, and the API says so (`public, max-age=31536000, immutable`); an
    // unknown version answers 404 with a minute's max-age, so a version published later is found soon.
    const publishedBundleCache = new CachePolicy(this, "PublishedBundleCache", {
      comment: "Verification bundles of published tables: immutable, cached as long as the origin allows",
      defaultTtl: Duration.days(1),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    // The signed-in API: nothing is kept (TTL 0, and the API answers credentialed calls `private,
    // no-store`). CloudFront forwards Authorization only as part of a cache key, hence this policy.
    const apiPassThrough = new CachePolicy(this, "ApiPassThroughCache", {
      comment: "Signed-in tRPC calls: keyed on the caller's credentials, never kept",
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: CacheHeaderBehavior.allowList("Authorization"),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      cookieBehavior: CacheCookieBehavior.all(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // The viewer's address (CloudFront-Viewer-Address) reaches the API, whose per-source limits (sign-in,
    // public queries) would otherwise count every viewer of one edge location as one source. Host is not
    // forwarded: API Gateway routes on its own host name.
    const apiHeaders = new OriginRequestPolicy(this, "ApiOriginRequest", {
      comment: "tRPC calls: the headers the API reads, and the viewer's address",
      headerBehavior: OriginRequestHeaderBehavior.allowList(
        "Content-Type",
        "Accept",
        "X-Pingan-Refresh",
        "CloudFront-Viewer-Address",
      ),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      cookieBehavior: OriginRequestCookieBehavior.none(),
    });
    // Anonymous reads: only the viewer's address, never a credential, so no cached answer depends on who asked.
    const viewerAddressOnly = new OriginRequestPolicy(this, "ViewerAddressOnly", {
      comment: "Anonymous reads: the viewer's address for per-source limits, nothing else",
      headerBehavior: OriginRequestHeaderBehavior.allowList("CloudFront-Viewer-Address"),
      queryStringBehavior: OriginRequestQueryStringBehavior.none(),
      cookieBehavior: OriginRequestCookieBehavior.none(),
    });

    this.distribution = new Distribution(this, "Distribution", {
      comment: `Ping'an Assessment admin app and API (${stage.name})`,
      defaultRootObject: "index.html",
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Includes the Hong Kong, Singapore, Seoul and Tokyo edges that serve mainland China best.
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: "cloudfront/",
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(props.customDomain
        ? {
            domainNames: [props.customDomain.domainName],
            certificate: Certificate.fromCertificateArn(
              this,
              "Certificate",
              props.customDomain.certificateArn,
            ),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ function: spaFallback, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      // Order matters: CloudFront takes the first matching pattern, so the narrower one comes first.
      additionalBehaviors: {
        [publicApiPathPattern]: {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
          cachedMethods: CachedMethods.CACHE_GET_HEAD,
          cachePolicy: publicApiCache,
          // Neither cookies nor Authorization reach the origin, so a cached answer can never depend on who
          // asked; the query string reaches it as part of the cache key.
          originRequestPolicy: viewerAddressOnly,
          responseHeadersPolicy: securityHeaders,
        },
        [apiPathPattern]: {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: apiPassThrough,
          originRequestPolicy: apiHeaders,
          responseHeadersPolicy: securityHeaders,
        },
        [publishedBundlePathPattern]: {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachedMethods: CachedMethods.CACHE_GET_HEAD,
          cachePolicy: publishedBundleCache,
          // As for the public rankings: no credentials reach the origin, so no answer depends on who asked.
          originRequestPolicy: viewerAddressOnly,
          responseHeadersPolicy: securityHeaders,
        },
      },
    });

    Validations.of(this.distribution).acknowledge({
      id: "AwsSolutions-CFR1",
      reason:
        "No geo restriction: published rankings are public by design and county staff sign in with " +
        "tokens; a country block would also lock out staff travelling abroad while adding no protection " +
        "that authentication does not already give.",
    });
    if (!props.customDomain) {
      Validations.of(this.distribution).acknowledge({
        id: "AwsSolutions-CFR4",
        reason:
          "Until the product has its own domain the distribution serves the default *.cloudfront.net " +
          "certificate, for which CloudFront fixes the viewer policy at TLSv1. With -c domainName and " +
          "-c certificateArn the policy becomes TLSv1.2_2021 and this acknowledgement goes away.",
      });
    }
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: "AwsSolutions-CFR2",
        reason:
          "A CloudFront web ACL must live in us-east-1, outside this stack's region; it is attached with " +
          "-c webAclArn=... once created (required before production traffic, see infra/README.md). Until " +
          "then the HTTP API's stage throttling bounds abusive traffic.",
      });
    }

    if (props.adminDistPath) {
      const build = Source.asset(props.adminDistPath);
      // Two passes over the same build. Vite's content-hashed files under assets/ never change, so
      // browsers and the edge keep them for a year; everything else (index.html, files from public/) is
      // revalidated on every load, so a deploy reaches users at once. Old hashed files are kept
      // (prune: false): a tab opened before the deploy still lazy-loads the chunks its index.html names.
      const assets = new BucketDeployment(this, "DeployAssets", {
        sources: [build],
        destinationBucket: this.bucket,
        include: ["assets/*"],
        exclude: ["*"],
        prune: false,
        cacheControl: [CacheControl.fromString("public, max-age=31536000, immutable")],
        memoryLimit: 512,
      });
      const entry = new BucketDeployment(this, "DeployEntry", {
        sources: [build],
        destinationBucket: this.bucket,
        exclude: ["assets/*"],
        prune: false,
        cacheControl: [CacheControl.noCache()],
        distribution: this.distribution,
        distributionPaths: ["/*"],
        memoryLimit: 512,
      });
      entry.node.addDependency(assets);
      acknowledgeBucketDeploymentFindings(this, this.bucket);
    }
  }

  /**
   * Serves the verification bundle store at `/bundles/*` straight from its bucket (origin access control),
   * where the API redirects bundles too large to answer itself. Keys are immutable and the objects carry
   * `Cache-Control: immutable` and `Content-Encoding: gzip`, so the edge keeps them as long as it likes.
   */
  serveBundles(bucket: IBucket, pathPattern: string): void {
    this.distribution.addBehavior(pathPattern, S3BucketOrigin.withOriginAccessControl(bucket), {
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: this.securityHeaders,
    });
  }
}

/**
 * BucketDeployment runs a CDK-provided singleton Lambda during `cdk deploy` only (a CloudFormation custom
 * resource); it is not reachable from the internet and its code is aws-cdk-lib's, not ours.
 */
/** How cdk-nag spells a value in a finding id: literal when known, `<AWS::Pseudo>` when it is a token. */
function asNagText(value: string, pseudoParameter: string): string {
  return Token.isUnresolved(value) ? `<AWS::${pseudoParameter}>` : value;
}

function acknowledgeBucketDeploymentFindings(scope: Construct, bucket: Bucket): void {
  const stack = Stack.of(scope);
  const handler = stack.node.children.find((child) =>
    child.node.id.startsWith("Custom::CDKBucketDeployment"),
  );
  if (!handler)
    throw new Error("BucketDeployment's handler was not found; its acknowledgements need updating");
  const bucketLogicalId = stack.getLogicalId(bucket.node.defaultChild as CfnElement);
  const reading = "to read the zipped admin build that `cdk deploy` uploaded to the bootstrap asset bucket";
  const writing = "to replace the admin build in the site bucket (objects only, this one bucket)";
  Validations.of(handler).acknowledge(
    {
      id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
      reason:
        "CDK's deployment function writes its own CloudWatch logs; the managed policy grants exactly that.",
    },
    { id: "AwsSolutions-IAM5[Action::s3:GetBucket*]", reason: `Granted by BucketDeployment ${reading}.` },
    { id: "AwsSolutions-IAM5[Action::s3:GetObject*]", reason: `Granted by BucketDeployment ${reading}.` },
    {
      id: "AwsSolutions-IAM5[Action::s3:List*]",
      reason: `Granted by BucketDeployment ${reading} and ${writing}.`,
    },
    {
      id: `AwsSolutions-IAM5[Resource::arn:${asNagText(stack.partition, "Partition")}:s3:::cdk-hnb659fds-assets-${asNagText(stack.account, "AccountId")}-${asNagText(stack.region, "Region")}/*]`,
      reason: `Objects of the CDK bootstrap asset bucket only, ${reading}.`,
    },
    { id: "AwsSolutions-IAM5[Action::s3:Abort*]", reason: `Granted by BucketDeployment ${writing}.` },
    { id: "AwsSolutions-IAM5[Action::s3:DeleteObject*]", reason: `Granted by BucketDeployment ${writing}.` },
    {
      id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/*]`,
      reason: `Objects of the site bucket, ${writing}.`,
    },
    {
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "Only cloudfront:CreateInvalidation and cloudfront:GetInvalidation, so the new build is served at once; " +
        "BucketDeployment does not scope them to the distribution.",
    },
    {
      id: "AwsSolutions-L1",
      reason: "The runtime of CDK's deployment function is chosen and updated by aws-cdk-lib, not by us.",
    },
  );
}
