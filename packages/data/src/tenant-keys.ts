import { randomBytes } from "node:crypto";

/**
 * Tenant isolation in IAM (the AWS SaaS Factory pattern): which partitions a tenant's credentials may touch.
 *
 * Key layout. County partitions are `C#<countyId>` (the county, its scheme, league tables, audit trail,
 * kept live scores) and `C#<countyId>#…` (index partitions: `#TOWNSHIPS`, `#SUB#<month>`). A township
 * id starts with its county's id, `<countyId>-<22 base64url chars>` (`newTownshipId`), so every township
 * partition `T#<townshipId>` and its index partitions `T#<townshipId>#DSP`, `…#PET#CLOSED`, … start with
 * `T#<countyId>-`. `dynamodb:LeadingKeys` can then say "this county" with three patterns and "this
 * township" with two, and the policy is generated per tenant as an STS session policy.
 *
 * County ids are UUIDs (fixed length, 36 characters), so no county's id is another's id followed by `-`
 * and `T#<countyId>-*` matches only that county's townships.
 */

export type TenantScope =
  | { kind: "county"; countyId: string }
  | { kind: "township"; countyId: string; townshipId: string };

/** A new township's id: its county's id, `-`, and 128 random bits (22 base64url characters). */
export function newTownshipId(countyId: string): string {
  return `${countyId}-${randomBytes(16).toString("base64url")}`;
}

/** Whether a township id is one of the county's (carries its prefix). */
export function townshipInCounty(townshipId: string, countyId: string): boolean {
  return townshipId.startsWith(`${countyId}-`) && townshipId.length > countyId.length + 1;
}

/** One cache key per tenant. */
export function scopeKey(scope: TenantScope): string {
  return scope.kind === "county" ? `C#${scope.countyId}` : `T#${scope.townshipId}`;
}

/**
 * Partitions no tenant credential may reach; they are read and written only with the function's own role
 * (sign-in, refresh, registration, invitations, public tables, the platform admin, the monthly close),
 * because they are keyed by something other than the tenant: accounts and sessions (`U#`), sign-in names
 * (`L#`, `PHONE#`, `EMAIL#`), join codes (`J#`), township codes (`TCODE#`), the platform's trail
 * (`P#platform`) and the list of all counties (gsi1 partition of the county entity).
 */
export const UNSCOPED_PARTITION_PREFIXES = ["U#", "L#", "J#", "PHONE#", "EMAIL#", "TCODE#", "P#"] as const;

/** `dynamodb:LeadingKeys` patterns (IAM `StringLike`: `*` any run of characters) a tenant may use fully. */
export function leadingKeyPatterns(scope: TenantScope): string[] {
  if (scope.kind === "county") {
    const c = scope.countyId;
    return [`C#${c}`, `C#${c}#*`, `T#${c}-*`];
  }
  const t = scope.townshipId;
  return [`T#${t}`, `T#${t}#*`];
}

/** IAM `StringLike` on one value; ids contain neither `*` nor `?`, so only `*` needs handling. */
export function matchesPattern(value: string, pattern: string): boolean {
  const star = pattern.indexOf("*");
  if (star === -1) return value === pattern;
  if (star !== pattern.length - 1) throw new Error(`unsupported pattern ${pattern}`);
  return value.startsWith(pattern.slice(0, -1));
}

/** Every action the API performs on the table, for tenants as for itself. No Scan. */
export const TABLE_READ_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:ConditionCheckItem",
] as const;
export const TABLE_WRITE_ACTIONS = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
] as const;
export const TENANT_TABLE_ACTIONS = [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] as const;

type Statement = {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string[];
  Condition: Record<string, Record<string, string | string[]>>;
};
export type PolicyDocument = { Version: "2012-10-17"; Statement: Statement[] };

/**
 * The STS session policy of a tenant's credentials (AssumeRole `Policy`). The effective permissions are
 * the intersection with the tenant role's own policy (the table and its indexes, the actions above), so
 * this only narrows: the tenant's partitions fully, and for a township its county's partition
 * `C#<countyId>` read-only (county profile, scheme, league tables). Everything a township's own writes
 * touch is in its own partitions, the live-version counters included (`T#<townshipId>` / `LV#<month>`,
 * live-versions.ts), so it writes nothing of its county's. `Null: false` keeps a request without partition
 * keys (a Scan) from passing a `ForAllValues` condition vacuously.
 */
export function leadingKeyGrants(scope: TenantScope, tableArn: string): PolicyDocument {
  const resources = [tableArn, `${tableArn}/index/*`];
  const statements: Statement[] = [
    {
      Sid: "TenantPartitions",
      Effect: "Allow",
      Action: [...TENANT_TABLE_ACTIONS],
      Resource: resources,
      Condition: {
        "ForAllValues:StringLike": { "dynamodb:LeadingKeys": leadingKeyPatterns(scope) },
        Null: { "dynamodb:LeadingKeys": "false" },
      },
    },
  ];
  if (scope.kind === "township") {
    const county = `C#${scope.countyId}`;
    statements.push({
      Sid: "CountyPartitionRead",
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem"],
      Resource: [tableArn],
      Condition: {
        "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [county] },
        Null: { "dynamodb:LeadingKeys": "false" },
      },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

export type KeyAccess = {
  /** The partition key value the request names (the index's partition key for a Query on an index). */
  pk: string;
  /** The sort key, when the request names one item. */
  sk?: string;
  /** `update` is UpdateItem; `put` and `delete` replace or remove whole items. */
  op: "read" | "update" | "put" | "delete";
};

/**
 * Whether a tenant may make one access: the session policy above, evaluated in code (a township reads its
 * county's partition `C#<countyId>` and writes nothing there).
 */
export function accessAllowed(scope: TenantScope, access: KeyAccess): boolean {
  if (leadingKeyPatterns(scope).some((p) => matchesPattern(access.pk, p))) return true;
  return scope.kind === "township" && access.pk === `C#${scope.countyId}` && access.op === "read";
}
