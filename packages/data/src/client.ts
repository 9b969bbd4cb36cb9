import { AsyncLocalStorage } from "node:async_hooks";
import { type ConsumedCapacity, DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** DynamoDB Local accepts any credentials; these keep the SDK from searching the machine for real ones. */
export const localCredentials = { accessKeyId: "local", secretAccessKey: "local" } as const;

/**
 * How long one call may take before the client gives up on it. Without these the SDK waits for a hung
 * database forever (no connection or request timeout by default), and every API request hangs with it.
 */
export type ClientTimeouts = {
  /** Establishing the TCP (and TLS) connection. */
  connectionMs: number;
  /** One attempt from sending the request to the last byte of the answer. */
  requestMs: number;
  /** Attempts per call (the first one included), with the SDK's standard backoff in between. */
  maxAttempts: number;
};

/**
 * On AWS: DynamoDB answers a GetItem in single-digit milliseconds and a 1 MB Query page or a 100-item
 * transaction in well under a second, so 2 s per attempt is generous; 3 attempts (timeouts, throttling and
 * 5xx are retried; transactions carry an idempotency token, so a retried write is not applied twice) plus
 * backoff end within ~6.5 s, inside the API function's 10-s timeout, so a request can answer 503 in time.
 */
export const AWS_TIMEOUTS: ClientTimeouts = { connectionMs: 1000, requestMs: 2000, maxAttempts: 3 };

/**
 * DynamoDB Local (one Java process serving a whole parallel test run on a shared 2-core machine) can take
 * many seconds to answer under load. Its attempts may last longer than any test's own timeout, so a slow
 * machine fails a test by its timeout, never by a premature 503; a bound still holds, so a paused instance
 * cannot hang the dev server forever.
 */
export const LOCAL_TIMEOUTS: ClientTimeouts = { connectionMs: 5000, requestMs: 30_000, maxAttempts: 3 };

export type DynamoConnection = {
  /** Set for DynamoDB Local; absent on AWS, where the SDK finds region and credentials itself. */
  endpoint?: string;
  region?: string;
  /** By default `LOCAL_TIMEOUTS` with an endpoint, `AWS_TIMEOUTS` without. */
  timeouts?: ClientTimeouts;
};

/** Fixed credentials or a provider the SDK calls (and calls again before their `expiration`). */
export type DynamoCredentials = NonNullable<DynamoDBClientConfig["credentials"]>;

/**
 * The low-level client; local endpoints get dummy credentials and a fixed region. `credentials` replaces
 * the SDK's default chain on AWS (a tenant's assumed-role credentials, src/tenant-client.ts).
 */
export function createDynamoClient(
  connection: DynamoConnection = {},
  credentials?: DynamoCredentials,
): DynamoDBClient {
  const timeouts = connection.timeouts ?? (connection.endpoint ? LOCAL_TIMEOUTS : AWS_TIMEOUTS);
  const common = {
    maxAttempts: timeouts.maxAttempts,
    requestHandler: {
      connectionTimeout: timeouts.connectionMs,
      requestTimeout: timeouts.requestMs,
      // Without this the handler only logs a warning when requestTimeout passes and keeps waiting.
      throwOnRequestTimeout: true,
    },
  };
  if (connection.endpoint) {
    return new DynamoDBClient({
      ...common,
      endpoint: connection.endpoint,
      region: connection.region ?? "local",
      credentials: credentials ?? localCredentials,
    });
  }
  return new DynamoDBClient({
    ...common,
    ...(connection.region ? { region: connection.region } : {}),
    ...(credentials ? { credentials } : {}),
  });
}

/**
 * Read/write capacity a unit of work (one API procedure call) consumed, summed over its DynamoDB calls.
 * Inside `capacityTally.run({ units: 0 }, work)` every metered call asks DynamoDB for `ConsumedCapacity`
 * and adds it; outside one, calls are sent unchanged.
 */
export type CapacityTally = { units: number };
export const capacityTally = new AsyncLocalStorage<CapacityTally>();

/** The operations that accept `ReturnConsumedCapacity`. */
const METERED = new Set([
  "GetItemCommand",
  "PutItemCommand",
  "UpdateItemCommand",
  "DeleteItemCommand",
  "QueryCommand",
  "ScanCommand",
  "BatchGetItemCommand",
  "BatchWriteItemCommand",
  "TransactGetItemsCommand",
  "TransactWriteItemsCommand",
]);

const unitsOf = (consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): number =>
  consumed === undefined
    ? 0
    : Array.isArray(consumed)
      ? consumed.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0)
      : (consumed.CapacityUnits ?? 0);

export function meterCapacity(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const tally = capacityTally.getStore();
      if (!tally || !METERED.has(context.commandName ?? "")) return next(args);
      const input = { ...(args.input as object), ReturnConsumedCapacity: "TOTAL" };
      const result = await next({ ...args, input });
      tally.units += unitsOf((result.output as { ConsumedCapacity?: ConsumedCapacity }).ConsumedCapacity);
      return result;
    },
    { step: "initialize", name: "pinganConsumedCapacity" },
  );
}

/** The document client ElectroDB and our transactions use. */
export function createDocumentClient(connection: DynamoConnection = {}): DynamoDBDocumentClient {
  const client = createDynamoClient(connection);
  meterCapacity(client);
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/** Node's codes for a connection that could not be made or broke off. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** The SDK's names for DynamoDB refusing work for now (after its own retries). */
const BUSY_NAMES = new Set([
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
]);

/**
 * Whether a failure means the database is unreachable, hung or overloaded right now (and a later retry may
 * succeed), as opposed to a bug or a refused condition. Looks through wrappers (ElectroDB wraps the SDK's
 * error in `cause`).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 5) return false;
  const e = error as {
    name?: unknown;
    code?: unknown;
    cause?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  if (typeof e.name === "string" && BUSY_NAMES.has(e.name)) return true;
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  // AggregateError of a connection attempt to several addresses (Node's happy eyeballs).
  if (
    error instanceof AggregateError &&
    error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))
  )
    return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
