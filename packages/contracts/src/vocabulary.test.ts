import { describe, expect, it } from "vitest";
import { COUNTY_ROLES, ERROR_CODES, isErrorCode, isRole, ROLES, TOWNSHIP_ROLES } from "./vocabulary";

describe("shared vocabularies", () => {
  it("lists each error code once, in the AREA.REASON or single-word form style.md gives", () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[A-Z_]+(\.[A-Z_]+)?$/);
    expect(isErrorCode("REVIEW.SAME_REVIEWER")).toBe(true);
    expect(isErrorCode("REVIEW.SAME")).toBe(false);
  });

  it("splits the roles into the platform's, a county's and a township's, with none left over", () => {
    expect([...COUNTY_ROLES, ...TOWNSHIP_ROLES, "platform_admin"].sort()).toEqual([...ROLES].sort());
    expect(isRole("county_reviewer")).toBe(true);
    expect(isRole("admin")).toBe(false);
  });
});
