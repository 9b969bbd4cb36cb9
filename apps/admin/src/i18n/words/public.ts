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
  "public.scheme": { zh: "考核细则：{name}", en: "Scheme: {name}" },
  "public.close": { zh: "关闭", en: "Close" },
  "public.failed": { zh: "排名未能读取", en: "The league table could not be read" },
  "public.bundle": { zh: "下载核验包", en: "Download verification bundle" },
  "public.bundleHint": {
    zh: "核验包含本版排名及其全部计分数据（不含姓名、电话和文字说明），可用命令行工具重新计分核验",
    en: "The bundle holds this version's table and all the data it was scored from (no names, phones or free text), to re-score and check it with the command-line tool",
  },
} as const satisfies Record<string, Entry>;
