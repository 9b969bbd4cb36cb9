import { type ErrorCode, isErrorCode } from "@pingan/contracts/vocabulary";
import type { Locale } from "../i18n/dictionary";

/** What the user reads when a call fails: what went wrong and what to do. */
export type UserMessage = { title: string; hint: string };

type Text = { zh: string; en: string };
type Entry = { title: Text; hint: Text };

const BY_HTTP_CODE: Record<string, Entry> = {
  UNAUTHORIZED: {
    title: { zh: "登录已过期", en: "Your session has expired" },
    hint: { zh: "请重新登录后再试。", en: "Please sign in again." },
  },
  FORBIDDEN: {
    title: { zh: "没有权限", en: "Not allowed" },
    hint: {
      zh: "您的角色不能进行此操作，如有需要请联系县级管理员。",
      en: "Your role cannot do this; ask the county admin.",
    },
  },
  NOT_FOUND: {
    title: { zh: "找不到该数据", en: "Not found" },
    hint: {
      zh: "数据可能已被删除或尚未创建，请刷新页面。",
      en: "It may have been removed; reload the page.",
    },
  },
  BAD_REQUEST: {
    title: { zh: "填写的内容有误", en: "Some input is not valid" },
    hint: { zh: "请按提示修改后再提交。", en: "Correct it as shown and submit again." },
  },
  CONFLICT: {
    title: { zh: "数据已被他人修改", en: "Someone else changed this" },
    hint: { zh: "请刷新页面，确认最新内容后再操作。", en: "Reload, check the latest version, then retry." },
  },
  PRECONDITION_FAILED: {
    title: { zh: "当前状态不允许此操作", en: "Not possible in the current state" },
    hint: { zh: "请刷新页面查看最新状态。", en: "Reload to see the current state." },
  },
  TOO_MANY_REQUESTS: {
    title: { zh: "操作过于频繁", en: "Too many requests" },
    hint: { zh: "请稍候一分钟再试。", en: "Wait a minute and retry." },
  },
  TIMEOUT: {
    title: { zh: "服务器响应超时", en: "The server timed out" },
    hint: { zh: "请稍后重试。", en: "Please retry shortly." },
  },
  INTERNAL_SERVER_ERROR: {
    title: { zh: "服务器出错了", en: "Server error" },
    hint: {
      zh: "请稍后重试；如持续出现，请联系平台运维并告知发生时间。",
      en: "Retry later; if it persists, tell the operator when it happened.",
    },
  },
};

/**
 * A message for each of the API's stable domain codes (style.md: `SCHEME.INVALID`, `SUBMISSION.LOCKED`…).
 * The codes are defined once, in @pingan/contracts; typed as Record<ErrorCode, …>, this map fails to
 * compile when a code is added there without a message here, or a message is left for a code that is gone.
 */
export const BY_DOMAIN_CODE: Record<ErrorCode, Entry> = {
  "AUTH.INVALID": {
    title: { zh: "账号或密码错误", en: "Wrong account or password" },
    hint: {
      zh: "请检查后重新输入；忘记密码请联系本单位管理员重置。",
      en: "Check and retry; ask your admin to reset it.",
    },
  },
  "AUTH.REQUIRED": {
    title: { zh: "请先登录", en: "Please sign in" },
    hint: { zh: "登录后再进行此操作。", en: "Sign in, then retry." },
  },
  "AUTH.EXPIRED": {
    title: { zh: "登录已过期", en: "Your session has expired" },
    hint: { zh: "请重新登录后再试。", en: "Please sign in again." },
  },
  "AUTH.LOCKED": {
    // The same answer whether the account exists or not (and for too many attempts from one address).
    title: { zh: "登录尝试过于频繁", en: "Too many sign-in attempts" },
    hint: {
      zh: "请 15 分钟后再试；忘记密码请联系本单位管理员重置。",
      en: "Retry in 15 minutes; ask your admin to reset a forgotten password.",
    },
  },
  "AUTH.WRONG_PASSWORD": {
    title: { zh: "当前密码不正确", en: "The current password is wrong" },
    hint: { zh: "请重新输入当前密码。", en: "Enter the current password again." },
  },
  "ROLE.FORBIDDEN": {
    title: { zh: "当前角色无权执行此操作", en: "Your role cannot do this" },
    hint: { zh: "如有需要，请联系县级管理员。", en: "Ask the county admin if you need to." },
  },
  "TENANT.FORBIDDEN": {
    title: { zh: "无权访问该单位的数据", en: "Not your unit's data" },
    hint: { zh: "请确认登录的账号是否正确。", en: "Check that you signed in with the right account." },
  },
  "TOWNSHIP.NOT_ACTIVE": {
    title: { zh: "乡镇尚未通过县级审核", en: "The township is not approved yet" },
    hint: { zh: "县级审核通过后即可使用全部功能。", en: "All features open once the county approves." },
  },
  "INPUT.INVALID": {
    title: { zh: "填写的内容有误", en: "Some input is not valid" },
    hint: { zh: "请按各栏旁的提示修改后再提交。", en: "Correct the fields as shown and resubmit." },
  },
  "RECORD.STATE": {
    title: { zh: "当前状态不允许此操作", en: "Not possible in the current state" },
    hint: { zh: "请刷新页面查看最新状态。", en: "Reload to see the current state." },
  },
  CONFLICT: {
    title: { zh: "数据已被他人修改", en: "Someone else changed this" },
    hint: { zh: "请刷新页面，确认最新内容后再操作。", en: "Reload, check the latest version, then retry." },
  },
  DUPLICATE: {
    title: { zh: "记录已存在", en: "Already exists" },
    hint: { zh: "请检查是否重复登记。", en: "Check whether it was entered before." },
  },
  NOT_FOUND: {
    title: { zh: "找不到该数据", en: "Not found" },
    hint: { zh: "数据可能已被删除，请刷新页面。", en: "It may have been removed; reload the page." },
  },
  "JOIN_CODE.INVALID": {
    title: { zh: "加入码无效", en: "Invalid join code" },
    hint: { zh: "请向县委政法委索取正确的加入码。", en: "Ask the county for the correct join code." },
  },

  "SCHEME.INVALID": {
    title: { zh: "考核细则不符合规则", en: "The scheme breaks the rules" },
    hint: { zh: "请按各字段旁的提示修改。", en: "Correct the fields as shown." },
  },
  "SUBMISSION.LOCKED": {
    title: { zh: "本月已提交，不能修改", en: "This month is submitted and locked" },
    hint: {
      zh: "如需修改，请联系县级审核员退回。",
      en: "Ask the county reviewer to return it if it needs changing.",
    },
  },
  "REVIEW.SAME_REVIEWER": {
    title: { zh: "需由另一名审核员确认", en: "A second reviewer must confirm" },
    hint: { zh: "请交由另一名县级审核员复核。", en: "Ask another county reviewer to confirm." },
  },
  "REVIEW.REVIEWER_TOO_NEW": {
    title: { zh: "复核员晚于录入加入", en: "The reviewer joined after the entry" },
    hint: {
      zh: "请交由录入前已在岗的县级审核员复核。",
      en: "Ask a county reviewer who had an account before the entry was made.",
    },
  },

  "AUTH.PASSWORD_CHANGE_REQUIRED": {
    title: { zh: "请先修改初始密码", en: "Change your initial password first" },
    hint: {
      zh: "修改密码后即可继续操作。",
      en: "Once the password is changed you can carry on.",
    },
  },
  "LEAGUE.PERIOD_OPEN": {
    title: { zh: "考核期尚未结束", en: "The period has not ended" },
    hint: {
      zh: "考核期结束后才能发布排名，期间可使用试算排名查看。",
      en: "Publish once the period has ended; use trial scoring meanwhile.",
    },
  },
  BAD_CURSOR: {
    title: { zh: "列表已变化", en: "The list has changed" },
    hint: { zh: "请刷新页面后从第一页查看。", en: "Reload and start from the first page." },
  },
  "SERVICE.UNAVAILABLE": {
    title: { zh: "数据服务暂时不可用", en: "The data service is unavailable for now" },
    hint: { zh: "请稍后重试，已填写的内容不会丢失。", en: "Retry shortly; what you entered is kept." },
  },
  "COUNTY.READ_ONLY": {
    title: { zh: "本县数据已停止使用，只能查看和导出", en: "This county is read-only (offboarding)" },
    hint: {
      zh: "如需继续使用，请联系平台管理员。",
      en: "Ask the platform operator if it should stay in use.",
    },
  },
  "TENANT.RATE_LIMITED": {
    title: { zh: "本单位请求过于频繁", en: "Too many requests from your unit" },
    hint: { zh: "请稍候几秒再试。", en: "Wait a few seconds and retry." },
  },
  "DISPUTE.THREE_THREE_SHORTFALL": {
    title: {
      zh: "本层级调解次数不足（三三调处）",
      en: "Too few attempts at this level (three-by-three rule)",
    },
    hint: {
      zh: "如确需继续，请确认并填写原因；该情况将报县级知晓。",
      en: "To go ahead, confirm and give a reason; the county will see it.",
    },
  },
};

const NETWORK: Entry = {
  title: { zh: "网络连接失败", en: "Network error" },
  hint: { zh: "请检查网络连接后重试。", en: "Check the connection and retry." },
};

const UNKNOWN: Entry = {
  title: { zh: "操作未成功", en: "The action did not succeed" },
  hint: { zh: "请稍后重试。", en: "Please retry." },
};

type ErrorData = {
  code?: string;
  httpStatus?: number;
  appCode?: string;
  domainCode?: string;
  messageZh?: string;
};

function dataOf(err: unknown): ErrorData | undefined {
  if (err && typeof err === "object" && "data" in err) {
    const d = (err as { data?: unknown }).data;
    if (d && typeof d === "object") return d as ErrorData;
  }
  return undefined;
}

function isNetworkError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const cause = (err as { cause?: unknown }).cause;
  const text = `${err.message} ${cause instanceof Error ? cause.message : ""}`;
  return /Failed to fetch|NetworkError|Load failed|fetch failed|Unable to transform response/i.test(text);
}

function pick(entry: Entry, locale: Locale): UserMessage {
  return locale === "en"
    ? { title: entry.title.en, hint: entry.hint.en }
    : { title: entry.title.zh, hint: entry.hint.zh };
}

/** Turns any failure of a call into words for the user; never shows a raw error. */
export function describeError(err: unknown, locale: Locale = "zh-CN"): UserMessage {
  const data = dataOf(err);
  const domain = data?.appCode ?? data?.domainCode;
  const known = isErrorCode(domain) ? BY_DOMAIN_CODE[domain] : undefined;
  if (known) {
    const m = pick(known, locale);
    // An expected failure's message is written for people, in Chinese, by the API: it is the most precise.
    const zh =
      data?.messageZh ?? (err instanceof Error && /[\u4e00-\u9fff]/.test(err.message) ? err.message : "");
    return locale !== "en" && zh ? { ...m, title: zh } : m;
  }
  const http = data?.code ? BY_HTTP_CODE[data.code] : undefined;
  if (http) {
    const m = pick(http, locale);
    // The API may explain a domain rule in Chinese; that says more than the generic title.
    return locale !== "en" && data?.messageZh ? { title: data.messageZh, hint: m.hint } : m;
  }
  if (!data && isNetworkError(err)) return pick(NETWORK, locale);
  return pick(UNKNOWN, locale);
}

type IssueLike = {
  path?: string | (string | number)[];
  field?: string;
  messageZh?: string;
  message?: string;
};

function fieldKey(path: string | (string | number)[] | undefined, field?: string): string | undefined {
  if (Array.isArray(path)) return path.join(".");
  if (typeof path === "string") return path.replace(/\[(\d+)\]/g, ".$1");
  return field;
}

/**
 * Field errors the API put in `error.data` (flattened zod errors or our validation issues), keyed by
 * dotted field path so a form can put each next to its field.
 */
export function fieldErrorsOf(err: unknown): Record<string, string[]> {
  const data = dataOf(err) as
    | (ErrorData & {
        fieldErrors?: Record<string, string[] | undefined>;
        zodError?: { fieldErrors?: Record<string, string[] | undefined> };
        issues?: IssueLike[];
      })
    | undefined;
  const out: Record<string, string[]> = {};
  const flat = data?.fieldErrors ?? data?.zodError?.fieldErrors;
  if (flat)
    for (const [k, v] of Object.entries(flat)) if (v?.length) out[k] = v.map((m) => stripPathPrefix(m));
  for (const i of data?.issues ?? []) {
    const key = fieldKey(i.path, i.field);
    const text = i.messageZh ?? i.message;
    if (!key || !text) continue;
    out[key] = [...(out[key] ?? []), stripPathPrefix(text)];
  }
  return out;
}

/** `indicators[2].code：必填` → `必填`: the field already shows where. */
export function stripPathPrefix(message: string): string {
  const i = message.indexOf("：");
  return i > 0 && /^[\w.[\]()]+$/.test(message.slice(0, i)) ? message.slice(i + 1) : message;
}
