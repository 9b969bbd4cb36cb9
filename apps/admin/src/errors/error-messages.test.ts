import { ERROR_CODES } from "@pingan/contracts";
import { describe, expect, it } from "vitest";
import { describeError, fieldErrorsOf, stripPathPrefix } from "./error-messages";

const trpcError = (data: Record<string, unknown>, message = "internal detail: stack at x.ts:12") =>
  Object.assign(new Error(message), { data });

describe("describeError", () => {
  it("says in Chinese what went wrong and what to do, never the raw message", () => {
    const m = describeError(trpcError({ code: "INTERNAL_SERVER_ERROR", httpStatus: 500 }));
    expect(m.title).toBe("服务器出错了");
    expect(m.hint).toContain("请稍后重试");
    expect(JSON.stringify(m)).not.toContain("stack");
  });

  it("recognises an expired session, a domain code and a network failure", () => {
    expect(describeError(trpcError({ code: "UNAUTHORIZED" })).title).toBe("登录已过期");
    expect(
      describeError(trpcError({ code: "PRECONDITION_FAILED", appCode: "SUBMISSION.LOCKED" })).title,
    ).toBe("本月已提交，不能修改");
    expect(describeError(new TypeError("Failed to fetch")).title).toBe("网络连接失败");
    expect(describeError(trpcError({ code: "FORBIDDEN" }), "en").title).toBe("Not allowed");
  });
});

describe("domain codes", () => {
  it("shows each code of the contracts its own message, and an unknown code the status's message", () => {
    for (const appCode of ERROR_CODES) {
      const m = describeError(trpcError({ code: "FORBIDDEN", appCode }));
      expect(m.title, appCode).not.toBe("没有权限");
    }
    expect(describeError(trpcError({ code: "FORBIDDEN", appCode: "NO.SUCH_CODE" })).title).toBe("没有权限");
  });
});

describe("fieldErrorsOf", () => {
  it("reads flattened zod errors and validation issues from error.data by field path", () => {
    expect(
      fieldErrorsOf(
        trpcError({
          code: "BAD_REQUEST",
          fieldErrors: { "township.code": ["「乡镇区划代码」应为 9 位数字"] },
          issues: [{ path: "indicators[2].code", field: "code", messageZh: "indicators[2].code：必填" }],
        }),
      ),
    ).toEqual({ "township.code": ["「乡镇区划代码」应为 9 位数字"], "indicators.2.code": ["必填"] });
    expect(stripPathPrefix("满分线（0.5）必须高于零分线（0.8）")).toBe("满分线（0.5）必须高于零分线（0.8）");
  });
});
