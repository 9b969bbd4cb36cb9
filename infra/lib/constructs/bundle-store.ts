import { type CfnElement, RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import { type IRole, Policy, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

/** The key prefix (and CloudFront path, `/bundles/*`) the API keeps verification bundles under. */
export const BUNDLE_KEY_PREFIX = "bundles/";
export const bundlesPathPattern = "/bundles/*";

export interface BundleStoreProps {
  /** Where the bucket's server access logs go (the site's log bucket). */
  readonly logBucket: IBucket;
}

/**
 * The verification bundle store (apps/api/src/league/bundle-store.ts): gzipped bundles of published league
 * tables under immutable, content-addressed keys, too large for a Lambda to answer through API Gateway.
 * Private (CloudFront reads it through origin access control at `/bundles/*`), encrypted, TLS only,
 * versioned (an object is never overwritten by the API, and a mistaken delete can be undone), access-logged.
 */
export class BundleStore extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: BundleStoreProps) {
    super(scope, id);
    this.bucket = new Bucket(this, "Bundles", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: "s3/bundles/",
      // Published versions stay downloadable for good (scoring.md §9); never deleted with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Lets `role` put and get bundles, and nothing else: no list, no delete, no other prefix. A policy of its
   * own, so its one wildcard (the key prefix) is acknowledged here and nowhere else.
   */
  grantPutGet(role: IRole): Policy {
    const policy = new Policy(this, "ApiAccess", {
      roles: [role],
      statements: [
        new PolicyStatement({
          actions: ["s3:GetObject", "s3:PutObject"],
          resources: [this.bucket.arnForObjects(`${BUNDLE_KEY_PREFIX}*`)],
        }),
      ],
    });
    const bucketLogicalId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/${BUNDLE_KEY_PREFIX}*]`,
      reason:
        "Bundle keys are content-addressed (bundles/<county>/<period>/v<version>-<sha256>.json) and made " +
        "when a table is published, so they cannot be listed in advance; the wildcard covers only this " +
        "bucket's bundles/ prefix, for GetObject and PutObject (no list, no delete).",
    });
    return policy;
  }
}
