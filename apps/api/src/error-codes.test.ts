import { describe, expect, it } from "vitest";
import { BY_DOMAIN_CODE } from "../../admin/src/errors/error-messages";
import { APP_ERROR_CODES } from "./errors";

describe("expected-failure codes", () => {
  it("each has a message in the admin app, and the admin app knows no code the API never sends", () => {
    // A renamed code would otherwise fall back to a generic message, e.g. 「没有权限」 for a second-reviewer rule.
    expect(Object.keys(BY_DOMAIN_CODE).sort()).toEqual([...APP_ERROR_CODES].sort());
  });
});
