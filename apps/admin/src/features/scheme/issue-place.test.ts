import modelScheme from "@pingan/data/model-scheme.json";
import { describe, expect, it } from "vitest";
import { issuePlace } from "./issue-place";

describe("issuePlace", () => {
  it("names an indicator by its code and a field by its Chinese label", () => {
    expect(issuePlace("indicators[1].base.target", modelScheme)).toBe("指标 I02 · 满分线");
    expect(issuePlace("indicators[0].deductions[0].cap", modelScheme)).toBe(
      "指标 I01 · 扣分标准第1条 · 上限",
    );
    expect(issuePlace("gradeBands", modelScheme)).toBe("等次划分");
    expect(issuePlace("gradeBands[3].min", modelScheme)).toBe("等次第4项 · 最低分");
    expect(issuePlace("indicators[1].base.target", modelScheme, "en")).toBe("indicators[1].base.target");
  });
});
