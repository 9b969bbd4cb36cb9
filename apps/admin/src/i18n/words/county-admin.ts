import type { Entry } from "../entry";

/** Words of county settings, county users, scheme import/export, rank history. Keys start with the area's prefix so they never collide with another file's. */
export const COUNTY_ADMIN_WORDS = {} as const satisfies Record<string, Entry>;
