import type { Entry } from "../entry";

/** Words of township registration, my score and its trend, staff. Keys start with the area's prefix so they never collide with another file's. */
export const TOWNSHIP_WORDS = {} as const satisfies Record<string, Entry>;
