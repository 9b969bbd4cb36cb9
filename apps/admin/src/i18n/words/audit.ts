import type { Entry } from "../entry";

/** Words of the audit trail. Keys start with the area's prefix so they never collide with another file's. */
export const AUDIT_WORDS = {} as const satisfies Record<string, Entry>;
