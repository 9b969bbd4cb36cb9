import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createDynamoClient, type DynamoConnection, type DynamoCredentials, meterCapacity } from "./client";
import { accessAllowed, type KeyAccess, scopeKey, type TenantScope } from "./tenant-keys";

/**
 * A request a tenant-scoped client refused before sending it: its key lies outside the tenant. On AWS the
 * session policy would refuse it too (AccessDeniedException); the guard makes the same refusal locally,
 * where DynamoDB Local ignores IAM, and names the key in the log, not in the answer.
 */
export class TenantScopeError extends Error {
  override readonly name = "TenantScopeError";
  constructor(
    readonly scope: string,
    readonly command: string,
    readonly access: KeyAccess | undefined,
  ) {
    super(
      `${command} outside tenant ${scope}${access ? `: ${access.op} ${access.pk}${access.sk ? ` / ${access.sk}` : ""}` : ""}`,
    );
  }
}

/** The guard's refusal, also where ElectroDB wrapped it (`cause`). */
export function tenantScopeErrorIn(error: unknown, depth = 0): TenantScopeError | undefined {
  if (error instanceof TenantScopeError) return error;
  if (typeof error !== "object" || error === null || depth > 5) return undefined;
  return tenantScopeErrorIn((error as { cause?: unknown }).cause, depth + 1);
}

type Attr = unknown;
/** A key attribute as the document client marshalled it (`{ S: "…" }`), or plain. */
function str(value: Attr): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null && "S" in value && typeof value.S === "string")
    return value.S;
  return undefined;
}

type Key = Record<string, Attr> | undefined;
function itemAccess(key: Key, op: KeyAccess["op"]): KeyAccess | undefined {
  const pk = str(key?.pk);
  if (pk === undefined) return undefined;
  const sk = str(key?.sk);
  return { pk, ...(sk !== undefined ? { sk } : {}), op };
}

/** The partition key value a Query names: `<field> = :value` in its key condition, the field resolved. */
function queryAccess(input: Record<string, unknown>): KeyAccess | undefined {
  const field = typeof input.IndexName === "string" ? `${input.IndexName}pk` : "pk";
  const expression = typeof input.KeyConditionExpression === "string" ? input.KeyConditionExpression : "";
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, Attr>;
  for (const m of expression.matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    const [, name = "", placeholder = ""] = m;
    if ((names[name] ?? name) !== field) continue;
    const pk = str(values[placeholder]);
    return pk === undefined ? undefined : { pk, op: "read" };
  }
  return undefined;
}

/**
 * Every key a request names, or `undefined` in the list for one it cannot tell (refused). Commands with no
 * key (Scan, table operations) give `[undefined]`: a tenant never scans.
 */
export function accessesOf(command: string, input: Record<string, unknown>): (KeyAccess | undefined)[] {
  switch (command) {
    case "GetItemCommand":
      return [itemAccess(input.Key as Key, "read")];
    case "PutItemCommand":
      return [itemAccess(input.Item as Key, "put")];
    case "UpdateItemCommand":
      return [itemAccess(input.Key as Key, "update")];
    case "DeleteItemCommand":
      return [itemAccess(input.Key as Key, "delete")];
    case "QueryCommand":
      return [queryAccess(input)];
    case "BatchGetItemCommand": {
      const tables = Object.values((input.RequestItems ?? {}) as Record<string, { Keys?: Key[] }>);
      return tables.flatMap((t) => (t.Keys ?? []).map((k) => itemAccess(k, "read")));
    }
    case "BatchWriteItemCommand": {
      type WriteRequest = { PutRequest?: { Item?: Key }; DeleteRequest?: { Key?: Key } };
      const tables = Object.values((input.RequestItems ?? {}) as Record<string, WriteRequest[]>);
      return tables.flatMap((requests) =>
        requests.map((r) =>
          r.PutRequest
            ? itemAccess(r.PutRequest.Item, "put")
            : r.DeleteRequest
              ? itemAccess(r.DeleteRequest.Key, "delete")
              : undefined,
        ),
      );
    }
    case "TransactGetItemsCommand": {
      const items = (input.TransactItems ?? []) as { Get?: { Key?: Key } }[];
      return items.map((i) => itemAccess(i.Get?.Key, "read"));
    }
    case "TransactWriteItemsCommand": {
      type TxItem = {
        Put?: { Item?: Key };
        Update?: { Key?: Key };
        Delete?: { Key?: Key };
        ConditionCheck?: { Key?: Key };
      };
      const items = (input.TransactItems ?? []) as TxItem[];
      return items.map((i) =>
        i.Put
          ? itemAccess(i.Put.Item, "put")
          : i.Update
            ? itemAccess(i.Update.Key, "update")
            : i.Delete
              ? itemAccess(i.Delete.Key, "delete")
              : i.ConditionCheck
                ? itemAccess(i.ConditionCheck.Key, "read")
                : undefined,
      );
    }
    default:
      return [undefined];
  }
}

/** Adds the guard to a client: every request is checked against the scope before it is signed and sent. */
export function guardTenantScope(client: DynamoDBClient, scope: TenantScope): void {
  const tenant = scopeKey(scope);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? "unknown";
      for (const access of accessesOf(command, args.input as Record<string, unknown>)) {
        if (!access || !accessAllowed(scope, access)) throw new TenantScopeError(tenant, command, access);
      }
      return next(args);
    },
    // After the document client marshalled the input (initialize step), before signing.
    { step: "serialize", priority: "high", name: "pinganTenantScope" },
  );
}

export type TenantClientOptions = DynamoConnection & {
  scope: TenantScope;
  /** The tenant's credentials (STS AssumeRole with the session policy); absent for DynamoDB Local. */
  credentials?: DynamoCredentials;
};

/**
 * A document client that may touch only the tenant's partitions: the guard refuses any other key in code
 * (tested on DynamoDB Local), and on AWS the credentials' session policy refuses it again in IAM.
 */
export function createTenantDocumentClient(options: TenantClientOptions): DynamoDBDocumentClient {
  const { scope, credentials, ...connection } = options;
  const client = createDynamoClient(connection, credentials);
  meterCapacity(client);
  guardTenantScope(client, scope);
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
