import { type CfnElement, Duration, Stack, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { ArnPrincipal, Effect, type IRole, PolicyStatement, Role } from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { TENANT_TABLE_ACTIONS } from "../../../packages/data/src/tenant-keys";

export interface TenantRolesProps {
  readonly table: ITable;
  /** The API function's role: the only principal that may assume the tenant role. */
  readonly apiRole: IRole;
}

/**
 * The role the API assumes for each tenant-scoped request (the AWS SaaS Factory pattern): its own policy
 * allows the table actions the API uses (no Scan) on the table and its indexes, and only on tenant
 * partitions (`C#…`, `T#…`: never accounts, sessions, sign-in names, join codes or the platform's trail).
 * Every AssumeRole passes a session policy that narrows this to one county or township
 * (`leadingKeyGrants` in packages/data/src/tenant-keys.ts, built per tenant by apps/api/src/tenancy), so
 * the effective permissions are that tenant's partitions only. Sessions last at most an hour.
 */
export class TenantRoles extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: TenantRolesProps) {
    super(scope, id);
    const { table } = props;
    this.role = new Role(this, "TenantAccess", {
      // AssumeRole plus TagSession (the API tags each session with its county and township for CloudTrail).
      assumedBy: new ArnPrincipal(props.apiRole.roleArn).withSessionTags(),
      description:
        "Assumed by the API per county or township, narrowed by a session policy to its partitions",
      maxSessionDuration: Duration.hours(1),
    });
    this.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: [...TENANT_TABLE_ACTIONS],
        resources: [table.tableArn, `${table.tableArn}/index/*`],
        conditions: {
          "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["C#*", "T#*"] },
          Null: { "dynamodb:LeadingKeys": "false" },
        },
      }),
    );
    props.apiRole.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["sts:AssumeRole", "sts:TagSession"],
        resources: [this.role.roleArn],
      }),
    );

    const tableLogicalId = Stack.of(this).getLogicalId(table.node.defaultChild as CfnElement);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
      reason:
        "The wildcard covers only the global secondary indexes of this one table (gsi1, gsi2); Query on an " +
        "index needs the index ARN. Each session is further limited to one tenant's partition keys.",
    });
  }
}
