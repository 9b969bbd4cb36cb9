/** One interface word: Chinese first, English for the switch. */
export type Entry = { zh: string; en: string };
