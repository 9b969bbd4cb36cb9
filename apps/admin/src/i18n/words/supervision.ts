import type { Entry } from "../entry";

/** Words of the supervision board. Keys start with the area's prefix so they never collide with another file's. */
export const SUPERVISION_WORDS = {} as const satisfies Record<string, Entry>;
