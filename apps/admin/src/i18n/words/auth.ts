import type { Entry } from "../entry";

/** Signing in and changing the password (src/auth, app/sign-in-page). */
export const AUTH_WORDS = {
  "signIn.title": { zh: "登录平安考评", en: "Sign in to Ping'an Assessment" },
  "signIn.account": { zh: "账号（手机号或电子邮箱）", en: "Account (phone or e-mail)" },
  "signIn.password": { zh: "密码", en: "Password" },
  "signIn.submit": { zh: "登录", en: "Sign in" },
  "signIn.register": {
    zh: "乡镇注册（凭县级加入码）",
    en: "Register a township (with the county's join code)",
  },
  "signIn.required": { zh: "请填写", en: "Required" },
  "password.title": { zh: "修改密码", en: "Change password" },
  "password.changed": { zh: "密码已修改", en: "Password changed" },
  "password.firstTime": {
    zh: "首次登录请先将初始密码修改为只有您知道的密码。",
    en: "This is your first sign-in: replace the initial password with one only you know.",
  },
  "password.current": { zh: "当前密码", en: "Current password" },
  "password.currentRequired": { zh: "请填写当前密码", en: "Enter the current password" },
  "password.new": { zh: "新密码（至少 8 位）", en: "New password (at least 8 characters)" },
  "password.newRequired": { zh: "请填写新密码", en: "Enter a new password" },
  "password.confirm": { zh: "再次输入新密码", en: "New password again" },
  "password.confirmRequired": { zh: "请再次输入新密码", en: "Enter the new password again" },
  "password.mismatch": { zh: "两次输入不一致", en: "The two entries differ" },
  "password.submit": { zh: "修改密码", en: "Change password" },
} as const satisfies Record<string, Entry>;
