/**
 * The one definition of the DynamoDB table's keys and indexes. The CDK stack and the local table
 * creation (DynamoDB Local) both read it, so they cannot drift apart.
 */
export const tableDefinition = {
  partitionKey: "pk",
  sortKey: "sk",
  /** Global secondary indexes; the access patterns each serves are listed in this package's README. */
  globalIndexes: [
    { indexName: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    { indexName: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
  ],
  /** Items carrying this attribute (epoch seconds) expire: sessions, idempotency keys. */
  timeToLiveAttribute: "expiresAt",
} as const;

export type TableDefinition = typeof tableDefinition;
