import type { Entry } from "../entry";

/** Words of changing one's password and of the platform operator's county list. */
export const ACCOUNT_WORDS = {
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

  "counties.title": { zh: "县区管理", en: "Counties" },
  "counties.add": { zh: "新建县区", en: "New county" },
  "counties.created": {
    zh: "已创建{name}，请将管理员手机号和初始密码告知县委政法委",
    en: "{name} created; give the admin's phone and initial password to the county committee",
  },
  "counties.name": { zh: "县（区）", en: "County" },
  "counties.code": { zh: "区划代码", en: "Code" },
  "counties.publicPage": { zh: "公开排名页", en: "Public page" },
  "counties.nameLabel": { zh: "县（区）名称", en: "County name" },
  "counties.nameRequired": { zh: "请填写名称", en: "Enter the name" },
  "counties.codeLabel": { zh: "县级区划代码（6 位）", en: "County division code (6 digits)" },
  "counties.codeRequired": { zh: "请填写区划代码", en: "Enter the division code" },
  "counties.admin": { zh: "县级管理员", en: "County admin" },
  "counties.adminName": { zh: "姓名", en: "Name" },
  "counties.adminNameRequired": { zh: "请填写姓名", en: "Enter the name" },
  "counties.adminPhone": { zh: "手机号", en: "Phone" },
  "counties.adminPhoneRequired": { zh: "请填写手机号", en: "Enter the phone number" },
  "counties.adminPassword": { zh: "初始密码", en: "Initial password" },
  "counties.adminPasswordRequired": { zh: "请设置初始密码", en: "Set an initial password" },
} as const satisfies Record<string, Entry>;
