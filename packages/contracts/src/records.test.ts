import { describe, expect, it } from "vitest";
import { flattenIssues } from "./flatten";
import { registerTownshipInput } from "./onboarding";
import { createDisputeInput } from "./records";

function errorsOf(result: {
  success: boolean;
  error?: { issues: { message: string; path: PropertyKey[] }[] };
}) {
  expect(result.success).toBe(false);
  return flattenIssues(result.error?.issues ?? []);
}

describe("input schemas", () => {
  it("names the field in Chinese when a required field is missing", () => {
    const errors = errorsOf(
      createDisputeInput.safeParse({ requestId: "req-00001", level: "blue", category: "邻里" }),
    );
    expect(errors.fieldErrors.partiesBrief).toEqual(["「当事人简况」为必填项"]);
    expect(errors.fieldErrors.reportedAt).toEqual(["「上报时间」为必填项"]);
  });

  it("rejects a timestamp without an offset and stores instants as UTC", () => {
    const base = { requestId: "req-00001", level: "red", category: "土地", partiesBrief: "两户" };
    const errors = errorsOf(createDisputeInput.safeParse({ ...base, reportedAt: "2026-10-05T09:30:00" }));
    expect(errors.fieldErrors.reportedAt?.[0]).toContain("「上报时间」应为带时区的时间");
    const ok = createDisputeInput.parse({ ...base, reportedAt: "2026-10-05T09:30:00+08:00" });
    expect(ok.reportedAt).toBe("2026-10-05T01:30:00.000Z");
  });

  it("names nested fields of a township registration", () => {
    const errors = errorsOf(
      registerTownshipInput.safeParse({
        joinCode: "abc",
        township: { name: "城关镇", code: "12345", population: 0, villages: 1, grids: 1 },
        admin: { name: "王某", phone: "123", password: "short" },
      }),
    );
    expect(errors.fieldErrors["township.code"]).toEqual(["「乡镇区划代码」应为 9 位数字"]);
    expect(errors.fieldErrors["township.population"]).toEqual(["「常住人口」不能小于 1"]);
    expect(errors.fieldErrors["admin.phone"]).toEqual(["「手机号」应为 11 位手机号"]);
    expect(errors.fieldErrors["admin.password"]).toEqual(["「密码」至少 8 位"]);
    expect(errors.fieldErrors.joinCode).toEqual(["「加入码」应为 8 位字母或数字"]);
  });

  it("answers an input that is not an object in Chinese", () => {
    expect(errorsOf(createDisputeInput.safeParse("x")).formErrors).toEqual(["提交的数据格式不正确"]);
  });
});
