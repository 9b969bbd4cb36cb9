import type { Entry } from "./entry";
import { APPEALS_WORDS } from "./words/appeals";
import { AUDIT_WORDS } from "./words/audit";
import { AUTH_WORDS } from "./words/auth";
import { COUNTY_WORDS } from "./words/county";
import { EXPORT_WORDS } from "./words/export";
import { IMPORT_WORDS } from "./words/import";
import { LEAGUE_WORDS } from "./words/league";
import { NOTICES_WORDS } from "./words/notices";
import { ORGANISATION_WORDS } from "./words/organisation";
import { PLATFORM_WORDS } from "./words/platform";
import { PUBLIC_WORDS } from "./words/public";
import { RECORDS_WORDS } from "./words/records";
import { REVIEW_WORDS } from "./words/review";
import { REVIEW_FLAGS_WORDS } from "./words/review-flags";
import { SCHEME_WORDS } from "./words/scheme";
import { SUPERVISION_WORDS } from "./words/supervision";
import { TOWNSHIP_WORDS } from "./words/township";

/** The frame's words (app, navigation, roles, common buttons): Chinese first, English for the switch. */
const CORE_WORDS = {
  "app.title": { zh: "平安考评", en: "Ping'an Assessment" },
  "app.switchLanguage": { zh: "English", en: "中文" },
  "app.signOut": { zh: "退出登录", en: "Sign out" },
  "app.loading": { zh: "加载中…", en: "Loading…" },
  "app.notFound": { zh: "页面不存在", en: "Page not found" },
  "app.backHome": { zh: "返回首页", en: "Back to home" },
  "app.forbidden": { zh: "您的角色无权访问此页面", en: "Your role cannot open this page" },
  "role.platform_admin": { zh: "平台管理员", en: "Platform admin" },
  "role.county_admin": { zh: "县级管理员", en: "County admin" },
  "role.county_reviewer": { zh: "县级审核员", en: "County reviewer" },
  "role.township_admin": { zh: "乡镇管理员", en: "Township admin" },
  "role.township_staff": { zh: "乡镇工作人员", en: "Township staff" },
  "nav.myScore": { zh: "本月得分", en: "This month" },
  "nav.submission": { zh: "月度填报", en: "Monthly submission" },
  "nav.profile": { zh: "乡镇信息", en: "Township profile" },
  "nav.staff": { zh: "人员管理", en: "Staff" },
  "nav.records": { zh: "工作纪实", en: "Work records" },
  "nav.disputes": { zh: "矛盾纠纷", en: "Disputes" },
  "nav.petitions": { zh: "信访", en: "Petitions" },
  "nav.incidents": { zh: "案件", en: "Incidents" },
  "nav.keyPersons": { zh: "重点人员", en: "Key persons" },
  "nav.events": { zh: "工作事项", en: "Events" },
  "nav.townships": { zh: "乡镇审批", en: "Townships" },
  "nav.scheme": { zh: "考核细则", en: "Scheme" },
  "nav.review": { zh: "审核队列", en: "Review queue" },
  "nav.league": { zh: "考评排名", en: "League table" },
  "nav.trial": { zh: "试算排名", en: "Trial scoring" },
  "nav.supervision": { zh: "督办看板", en: "Supervision" },
  "nav.audit": { zh: "操作日志", en: "Audit trail" },
  "nav.counties": { zh: "县区管理", en: "Counties" },
  "nav.publicPage": { zh: "公开排名页", en: "Public page" },
  "common.save": { zh: "保存", en: "Save" },
  "common.cancel": { zh: "取消", en: "Cancel" },
  "common.confirm": { zh: "确定", en: "Confirm" },
  "common.search": { zh: "查询", en: "Search" },
  "common.actions": { zh: "操作", en: "Actions" },
  "common.yes": { zh: "是", en: "Yes" },
  "common.no": { zh: "否", en: "No" },
  "common.none": { zh: "无", en: "None" },
} as const satisfies Record<string, Entry>;

/** Every word of the interface: the frame's own here, each feature's in ./words/<feature>.ts. */
export const DICTIONARY = {
  ...CORE_WORDS,
  ...AUTH_WORDS,
  ...PLATFORM_WORDS,
  ...LEAGUE_WORDS,
  ...EXPORT_WORDS,
  ...PUBLIC_WORDS,
  ...SCHEME_WORDS,
  ...RECORDS_WORDS,
  ...COUNTY_WORDS,
  ...TOWNSHIP_WORDS,
  ...REVIEW_WORDS,
  ...REVIEW_FLAGS_WORDS,
  ...AUDIT_WORDS,
  ...SUPERVISION_WORDS,
  ...IMPORT_WORDS,
  ...ORGANISATION_WORDS,
  ...NOTICES_WORDS,
  ...APPEALS_WORDS,
} as const satisfies Record<string, Entry>;

export type MessageKey = keyof typeof DICTIONARY;
export type Locale = "zh-CN" | "en";

/** Looks a key up and fills `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const entry = DICTIONARY[key];
  let text: string = locale === "en" ? entry.en : entry.zh;
  if (params) for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}
