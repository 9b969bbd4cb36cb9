import type { Entry } from "../entry";

/** Words of the review queue and its drawer. Keys start with the area's prefix so they never collide with another file's. */
export const REVIEW_WORDS = {} as const satisfies Record<string, Entry>;
