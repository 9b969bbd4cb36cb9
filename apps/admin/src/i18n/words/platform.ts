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
  "counties.status": { zh: "状态", en: "Status" },
  "counties.active": { zh: "使用中", en: "In use" },
  "counties.readOnly": {
    zh: "已停用（只读），数据保留至 {until}",
    en: "Offboarded (read-only), kept until {until}",
  },
  "counties.actions": { zh: "操作", en: "Actions" },
  "counties.offboard": { zh: "停用", en: "Offboard" },
  "counties.purge": { zh: "删除数据", en: "Delete data" },
  "counties.purgeNotYet": {
    zh: "保留期至 {until}，期满后才能删除",
    en: "Kept until {until}; it can be deleted after that",
  },
  "offboard.title": { zh: "停用「{name}」", en: "Offboard {name}" },
  "offboard.explain": {
    zh: "停用后，本县及其乡镇的全部账号只能查看和导出数据，不能再填报、审核或发布；加入码同时作废。数据保留 90 天，期满后方可删除。县级管理员可在「县级设置」中导出全部数据。",
    en: "Once offboarded, every account of the county and its townships can only read and export data: no recording, reviewing or publishing, and the join code is withdrawn. The data is kept for 90 days and can be deleted only after that. The county admin can export everything under County settings.",
  },
  "offboard.confirm": { zh: "确认停用", en: "Offboard" },
  "offboard.reason": { zh: "停用理由", en: "Reason for offboarding" },
  "offboard.reasonRequired": {
    zh: "请填写理由（记入操作日志）",
    en: "Give a reason (it goes into the audit trail)",
  },
  "offboard.typeName": { zh: "请输入县名「{name}」以确认", en: "Type the county's name, {name}, to confirm" },
  "offboard.nameMismatch": { zh: "请输入「{name}」", en: "Type {name}" },
  "offboard.done": {
    zh: "「{name}」已停用，数据保留至 {until}",
    en: "{name} is offboarded; data kept until {until}",
  },
  "offboard.purgeTitle": { zh: "删除「{name}」的全部数据", en: "Delete all data of {name}" },
  "offboard.purgeExplain": {
    zh: "将永久删除「{name}」及其乡镇的全部记录、考核细则、排名、操作日志和账号，无法恢复。",
    en: "This permanently deletes every record, scheme, table, audit entry and account of {name} and its townships. It cannot be undone.",
  },
  "offboard.purgeConfirm": { zh: "永久删除", en: "Delete permanently" },
  "offboard.purgeReason": { zh: "删除理由", en: "Reason for deleting" },
  "offboard.purged": { zh: "「{name}」的数据已删除", en: "The data of {name} is deleted" },
} as const satisfies Record<string, Entry>;
