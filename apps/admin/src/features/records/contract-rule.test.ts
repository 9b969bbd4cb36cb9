import { createDisputeInput } from "@pingan/contracts";
import { describe, expect, it } from "vitest";
import { contractRules } from "./contract-rule";

const rule = contractRules(createDisputeInput);
const check = (name: Parameters<typeof rule>[0], value: unknown) => {
  const r = rule(name);
  if (typeof r === "function" || !r.validator) throw new Error("expected a validator rule");
  return (r.validator as (rule: unknown, value: unknown) => Promise<void>)({}, value);
};

describe("record forms check fields by the API's contract", () => {
  it("refuses what the API would refuse, with the contract's Chinese message naming the field", async () => {
    await expect(check("category", "x".repeat(51))).rejects.toThrow("「纠纷类别」不能超过 50 个字符");
    await expect(check("partiesBrief", "   ")).rejects.toThrow("「当事人简况」不能为空");
    await expect(check("reportedAt", "yesterday")).rejects.toThrow("「上报时间」");
  });

  it("accepts what the API accepts and leaves an empty field to the required rule", async () => {
    await expect(check("category", "土地纠纷")).resolves.toBeUndefined();
    await expect(check("reportedAt", "2026-10-05T09:30:00+08:00")).resolves.toBeUndefined();
    await expect(check("summary", undefined)).resolves.toBeUndefined();
    await expect(check("category", "")).resolves.toBeUndefined();
  });
});
