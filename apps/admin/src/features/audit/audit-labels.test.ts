import { describe, expect, it } from "vitest";
import { actionLabel, changedFields } from "./audit-labels";

describe("audit labels", () => {
  it("names actions in Chinese and lists only the fields that changed, without bookkeeping", () => {
    expect(actionLabel("township.approve")).toBe("审核通过乡镇");
    expect(actionLabel("something.new")).toBe("something.new");
    expect(
      changedFields(
        { status: "pending", name: "城关镇", version: 1, updatedAt: "a" },
        { status: "active", name: "城关镇", version: 2, updatedAt: "b" },
      ),
    ).toEqual([{ field: "status", before: "pending", after: "active" }]);
    expect(changedFields(undefined, { a: 1 })).toEqual([{ field: "a", before: undefined, after: 1 }]);
  });
});
