import type { ErrorCode } from "@pingan/contracts";
import { DataError, isDatabaseUnavailable, tenantScopeErrorIn } from "@pingan/data";
import { TRPCError } from "@trpc/server";

/**
 * Expected failures, each with a stable code the admin app can branch on and a Chinese message for
 * people. They are mapped to TRPCError (and so to an HTTP status) at the edge, in one place. To add a
 * code: add it to ERROR_CODES in packages/contracts/src/vocabulary.ts; the compiler then asks for its
 * status here and its message in apps/admin/src/errors/error-messages.ts.
 */
const HTTP_CODES: Record<ErrorCode, TRPCError["code"]> = {
  "AUTH.REQUIRED": "UNAUTHORIZED",
  "AUTH.INVALID": "UNAUTHORIZED",
  "AUTH.EXPIRED": "UNAUTHORIZED",
  "AUTH.LOCKED": "TOO_MANY_REQUESTS",
  "AUTH.WRONG_PASSWORD": "BAD_REQUEST",
  "AUTH.PASSWORD_CHANGE_REQUIRED": "FORBIDDEN",
  "ROLE.FORBIDDEN": "FORBIDDEN",
  "TENANT.FORBIDDEN": "FORBIDDEN",
  "TOWNSHIP.NOT_ACTIVE": "FORBIDDEN",
  "JOIN_CODE.INVALID": "BAD_REQUEST",
  "INPUT.INVALID": "BAD_REQUEST",
  "RECORD.STATE": "PRECONDITION_FAILED",
  "SCHEME.INVALID": "BAD_REQUEST",
  "SUBMISSION.LOCKED": "PRECONDITION_FAILED",
  "REVIEW.SAME_REVIEWER": "FORBIDDEN",
  "REVIEW.REVIEWER_TOO_NEW": "FORBIDDEN",
  "LEAGUE.PERIOD_OPEN": "PRECONDITION_FAILED",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  DUPLICATE: "CONFLICT",
  BAD_CURSOR: "BAD_REQUEST",
  /** The database is unreachable, hung or overloaded for now (ops/README.md); the client may retry. */
  "SERVICE.UNAVAILABLE": "SERVICE_UNAVAILABLE",
  /** The caller's county or township sent more requests than its share (ops/tenant-limits.ts). */
  "TENANT.RATE_LIMITED": "TOO_MANY_REQUESTS",
  /** The county is being offboarded: it can read and export, not change (ops/offboarding.ts). */
  "COUNTY.READ_ONLY": "FORBIDDEN",
  /** 三三调处: the call must confirm the shortfall (`confirmShortfall` with a reason) to go ahead. */
  "DISPUTE.THREE_THREE_SHORTFALL": "PRECONDITION_FAILED",
};

/** The codes are defined once, in @pingan/contracts (ERROR_CODES); this map must give each a status. */
export type AppErrorCode = ErrorCode;

export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    /** Shown to people. */
    readonly messageZh: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(messageZh);
  }
}

export const forbidden = () => new AppError("TENANT.FORBIDDEN", "无权访问该单位的数据");
export const roleForbidden = () => new AppError("ROLE.FORBIDDEN", "当前角色无权执行此操作");
export const passwordChangeRequired = () =>
  new AppError("AUTH.PASSWORD_CHANGE_REQUIRED", "请先修改初始密码后再继续操作");
export const recordState = (messageZh: string) => new AppError("RECORD.STATE", messageZh);
export const serviceUnavailable = () => new AppError("SERVICE.UNAVAILABLE", "数据服务暂时不可用，请稍后重试");

/** An expected failure as an AppError (a data-layer one keeps its code, message and field); else undefined. */
function asAppError(cause: unknown): AppError | undefined {
  if (cause instanceof AppError) return cause;
  if (cause instanceof DataError)
    return new AppError(cause.code, cause.messageZh, cause.field ? { field: cause.field } : undefined);
  if (isDatabaseUnavailable(cause)) return serviceUnavailable();
  // A key outside the caller's tenant: refused by the tenant client's guard, or on AWS by the session
  // policy of the tenant's credentials (apps/api/src/tenancy). A bug or an attack either way: logged.
  const outOfScope = tenantScopeErrorIn(cause);
  if (outOfScope || isAccessDenied(cause)) {
    console.error({ tenantScope: "refused", message: outOfScope?.message ?? String(cause) });
    return forbidden();
  }
  return undefined;
}

function isAccessDenied(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 5) return false;
  if ((error as { name?: unknown }).name === "AccessDeniedException") return true;
  return isAccessDenied((error as { cause?: unknown }).cause, depth + 1);
}

/**
 * Runs `work` so that a failure naming an input field names it under `prefix` (the account of a
 * township registration is the input's `admin`, so its `phone` is `admin.phone`).
 */
export async function underField<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const expected = asAppError(error);
    const field = expected?.details?.field;
    if (!expected || typeof field !== "string") throw error;
    throw new AppError(expected.code, expected.messageZh, {
      ...expected.details,
      field: `${prefix}.${field}`,
    });
  }
}

/** The TRPCError for an expected failure; anything else passes through untouched. */
export function toTRPCError(cause: unknown): TRPCError | undefined {
  const error = asAppError(cause);
  if (!error) return undefined;
  return new TRPCError({ code: HTTP_CODES[error.code], message: error.messageZh, cause: error });
}
