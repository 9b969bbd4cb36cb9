import {
  createDb,
  createTenantDocumentClient,
  type Db,
  type DynamoConnection,
  scopeKey,
  type TenantScope,
} from "@pingan/data";
import type { TenantCredentialCache } from "./credentials";

/** A tenant's view of the table: a `Db` whose client may touch only the tenant's partitions. */
export type TenantDbs = {
  forScope(scope: TenantScope): Db;
};

/**
 * Tenant `Db`s per container, an LRU of `maxTenants`. Each has its own DynamoDB client with the tenant
 * guard (tenant-client.ts in @pingan/data); on AWS (`credentials` given) the client signs with the tenant's
 * assumed-role credentials, so IAM refuses what the guard would, a second wall. On DynamoDB Local (no
 * `credentials`) the guard alone runs, the same code as on AWS.
 */
export function createTenantDbs(options: {
  tableName: string;
  connection: DynamoConnection;
  credentials?: TenantCredentialCache;
  maxTenants?: number;
}): TenantDbs {
  const dbs = new Map<string, Db>();
  const maxTenants = options.maxTenants ?? 500;
  return {
    forScope(scope) {
      const key = scopeKey(scope);
      const known = dbs.get(key);
      if (known) {
        dbs.delete(key);
        dbs.set(key, known);
        return known;
      }
      const cache = options.credentials;
      const client = createTenantDocumentClient({
        ...options.connection,
        scope,
        ...(cache ? { credentials: () => cache.get(scope) } : {}),
      });
      const db = createDb({ client, tableName: options.tableName });
      dbs.set(key, db);
      while (dbs.size > maxTenants) {
        const oldest = dbs.keys().next().value as string;
        dbs.get(oldest)?.client.destroy();
        dbs.delete(oldest);
      }
      return db;
    },
  };
}
