import type { Entry } from "../entry";

/** A county's public page (features/public). */
export const PUBLIC_WORDS = {
  "public.title": { zh: "平安建设考评排名", en: "Peace-building league table" },
  "public.countyTitle": { zh: "{county}平安建设考评排名", en: "{county}: peace-building league table" },
  "public.empty": { zh: "尚未发布排名", en: "No league table published yet" },
  "public.period": { zh: "考核期", en: "Period" },
  "public.version": { zh: "第{n}版", en: "Version {n}" },
  "public.publishedAt": { zh: "发布于 {at}", en: "Published {at}" },
  "public.correction": { zh: "更正说明：{reason}", en: "Correction: {reason}" },
} as const satisfies Record<string, Entry>;
