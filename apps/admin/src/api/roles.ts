export const ROLES = [
  "platform_admin",
  "county_admin",
  "county_reviewer",
  "township_admin",
  "township_staff",
] as const;
export type Role = (typeof ROLES)[number];

export const COUNTY_ROLES: readonly Role[] = ["county_admin", "county_reviewer"];
export const TOWNSHIP_ROLES: readonly Role[] = ["township_admin", "township_staff"];

export function isRole(x: unknown): x is Role {
  return typeof x === "string" && (ROLES as readonly string[]).includes(x);
}
