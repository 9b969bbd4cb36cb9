export { explainGaps } from "./gaps";
export { rememberColumn as rememberInstants } from "./instants";
export { EVENT_LABELS, eventLabel, METRIC_LABELS } from "./labels";
export {
  computeLeagueTable,
  computeLeagueTableDetailed,
  type DetailedLeagueTable,
  leagueTableFromScores,
  rank,
  type ScoringOptions,
  scoreMonths,
} from "./league";
export { type MetricSettings, metricSettings } from "./month-index";
export { dutyScopes, isMember, monthsToIndex, populationIn } from "./periods";
export { checkTypedData, dataSchema, parseData } from "./schema/data-schema";
export type { ParseResult, ValidationIssue } from "./schema/issues";
export { indicatorSchema, parseScheme, schemeSchema, workItemSchema } from "./schema/scheme-schema";
export { ScoringInputError, type TownshipMonthScore } from "./score";
export { generateCounty, prng, type SyntheticOptions, townshipName } from "./synthetic";
export {
  DAY_MS,
  DEFAULT_DISPUTE_DEADLINES,
  monthOf,
  monthRange,
  monthsOf,
  parseInstant,
  parsePeriod,
  previousPeriod,
} from "./time";
export * from "./types";
export {
  eventName,
  isRecordableKind,
  isSystemEventKind,
  referencedEvents,
  SYSTEM_EVENT_KINDS,
  schemeItems,
  WORK_ITEM_CODE,
} from "./work-items";
