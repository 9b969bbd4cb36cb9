/**
 * Roles are defined once, in @pingan/contracts, beside the error codes. Imported through the vocabulary
 * subpath so the app's first load does not take the contracts' zod schemas with it.
 */
import { COUNTY_ROLES as COUNTY, type Role, TOWNSHIP_ROLES as TOWNSHIP } from "@pingan/contracts/vocabulary";

export { isRole, ROLES, type Role } from "@pingan/contracts/vocabulary";

/** Widened to every role, so a caller can ask `COUNTY_ROLES.includes(role)` of any role. */
export const COUNTY_ROLES: readonly Role[] = COUNTY;
export const TOWNSHIP_ROLES: readonly Role[] = TOWNSHIP;
