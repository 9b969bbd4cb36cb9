import type { Entry } from "../entry";

/** The platform operator's counties (features/platform). */
export const PLATFORM_WORDS = {
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
