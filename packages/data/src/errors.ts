import type { ErrorCode } from "@pingan/contracts";

/**
 * Expected failures of the data layer, with stable codes the API maps to its own errors. Messages for
 * people are Chinese; `message` stays English for logs.
 */
export type DataErrorCode = Extract<ErrorCode, "CONFLICT" | "NOT_FOUND" | "DUPLICATE" | "BAD_CURSOR">;

export class DataError extends Error {
  override readonly name = "DataError";
  constructor(
    readonly code: DataErrorCode,
    message: string,
    readonly messageZh: string,
    /** The input field the failure is about (e.g. `phone` for a phone number already taken), if any. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Whether a failure is a lost race: a condition on the item's version, or a transaction on it, failed. */
export const isConflict = (error: unknown): boolean =>
  error instanceof DataError && error.code === "CONFLICT";

export const conflict = (what: string) =>
  new DataError("CONFLICT", `${what} was changed by someone else`, "数据已被他人修改，请刷新后重试");

export const notFound = (what: string) =>
  new DataError("NOT_FOUND", `${what} not found`, "记录不存在或已被删除");

export const duplicate = (what: string) => new DataError("DUPLICATE", `${what} already exists`, "记录已存在");

export const badCursor = () =>
  new DataError(
    "BAD_CURSOR",
    "the page cursor is not one this query gave out",
    "分页游标无效，请从第一页重新查询",
  );
