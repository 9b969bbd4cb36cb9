/**
 * The vocabularies the API and the admin app share. Each is written here once; the API's HTTP mapping
 * and the app's messages are typed `Record<ErrorCode, …>`, so a code added, renamed or removed here fails
 * to compile wherever it is not handled yet.
 */

/** Who someone is in the system. */
export const ROLES = [
  "platform_admin",
  "county_admin",
  "county_reviewer",
  "township_admin",
  "township_staff",
] as const;
export type Role = (typeof ROLES)[number];

/** The roles of a county's own people, and of a township's. */
export const COUNTY_ROLES = ["county_admin", "county_reviewer"] as const satisfies readonly Role[];
export const TOWNSHIP_ROLES = ["township_admin", "township_staff"] as const satisfies readonly Role[];

export function isRole(x: unknown): x is Role {
  return typeof x === "string" && (ROLES as readonly string[]).includes(x);
}

/**
 * The stable codes of expected failures (style.md: `SCHEME.INVALID`, `SUBMISSION.LOCKED`…): the API
 * answers them in `data.appCode`, the admin app shows a message for each. To add one: add it here, then
 * give it an HTTP status (apps/api/src/errors.ts) and a message (apps/admin/src/errors/error-messages.ts);
 * the compiler names both places.
 */
export const ERROR_CODES = [
  "AUTH.REQUIRED",
  "AUTH.INVALID",
  "AUTH.EXPIRED",
  "AUTH.LOCKED",
  "AUTH.WRONG_PASSWORD",
  "AUTH.PASSWORD_CHANGE_REQUIRED",
  "ROLE.FORBIDDEN",
  "TENANT.FORBIDDEN",
  "TOWNSHIP.NOT_ACTIVE",
  "JOIN_CODE.INVALID",
  "INPUT.INVALID",
  "RECORD.STATE",
  "SCHEME.INVALID",
  "SUBMISSION.LOCKED",
  "REVIEW.SAME_REVIEWER",
  "REVIEW.REVIEWER_TOO_NEW",
  "LEAGUE.PERIOD_OPEN",
  "NOT_FOUND",
  "CONFLICT",
  "DUPLICATE",
  "BAD_CURSOR",
  "SERVICE.UNAVAILABLE",
  "TENANT.RATE_LIMITED",
  "COUNTY.READ_ONLY",
  /** 三三调处: fewer attempts at the dispute's level than the scheme asks; the call may confirm it. */
  "DISPUTE.THREE_THREE_SHORTFALL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(x: unknown): x is ErrorCode {
  return typeof x === "string" && (ERROR_CODES as readonly string[]).includes(x);
}
