export {
  AWS_TIMEOUTS,
  type CapacityTally,
  type ClientTimeouts,
  capacityTally,
  createDocumentClient,
  createDynamoClient,
  type DynamoConnection,
  type DynamoCredentials,
  isDatabaseUnavailable,
  LOCAL_TIMEOUTS,
} from "./client";
export { createDb, type Db } from "./db";
export * from "./entities";
export { DataError, type DataErrorCode, isConflict } from "./errors";
export { checkItem, MalformedItemError } from "./item-schema";
export {
  gzipInputs,
  INPUT_CHUNK_BYTES,
  readInputChunks,
  sha256Hex,
  splitChunks,
  writeInputChunks,
} from "./league-input-chunks";
export {
  headKey,
  latestPublished,
  latestPublishedHead,
  listPublished,
  type PublishedBundle,
  type PublishedHead,
  type PublishedInputs,
  publishedBody,
  publishedBundleOf,
  publishedInputs,
  publishedInputsOf,
  publishedVersion,
  publishedVersionHead,
  rankHistory,
} from "./league-tables";
export {
  kindLastWrite,
  kindToken,
  LIVE_KINDS,
  type LiveChange,
  type LiveCounter,
  type LiveKind,
  type LiveVersions,
  liveMonthKey,
  liveVersionItems,
  readLiveSummaries,
  readLiveVersions,
  readStoredMonthScores,
  type StoredMonthScore,
  touchedBy,
  writeStoredMonthScore,
} from "./live-versions";
export { modelScheme2026 } from "./model-scheme";
export { townshipsWithRecords } from "./month-activity";
export { checkItems, getItem, type ItemOf } from "./read";
export {
  listDisputes,
  listEvents,
  listIncidents,
  listKeyPersons,
  listPetitions,
  listVisits,
  type Page,
  type RangeQuery,
} from "./records";
export {
  assembleScoringData,
  categoryFrequencies,
  type LoadScoringOptions,
  loadScoringData,
  loadTownshipKind,
  loadTownshipsData,
  type ScoringCounty,
  type ScoringPart,
  toTownship,
} from "./scoring-data";
export { tableDefinition } from "./table";
export {
  accessesOf,
  createTenantDocumentClient,
  guardTenantScope,
  type TenantClientOptions,
  TenantScopeError,
  tenantScopeErrorIn,
} from "./tenant-client";
export {
  accessAllowed,
  type KeyAccess,
  leadingKeyGrants,
  leadingKeyPatterns,
  newTownshipId,
  type PolicyDocument,
  scopeKey,
  TENANT_TABLE_ACTIONS,
  type TenantScope,
  townshipInCounty,
  UNSCOPED_PARTITION_PREFIXES,
} from "./tenant-keys";
export {
  createRecord,
  MAX_TRANSACTION_ITEMS,
  stampNew,
  type TxItem,
  tx,
  updateRecord,
  type WriteContext,
  writeTransaction,
} from "./write";
