import type { Entry } from "../entry";

/** Words of county settings, county users, scheme import/export, rank history. Keys start with the area's prefix so they never collide with another file's. */
export const COUNTY_ADMIN_WORDS = {
  "settings.nav": { zh: "县级设置", en: "County settings" },
  "settings.title": { zh: "县级设置", en: "County settings" },
  "settings.county": { zh: "本县（区）：{name}（{code}）", en: "County: {name} ({code})" },
  "settings.deadlineTitle": { zh: "月度填报截止日", en: "Monthly submission deadline" },
  "settings.deadlineDay": { zh: "每月截止日", en: "Deadline day of the month" },
  "settings.deadlineRange": {
    zh: "截止日应为 1 到 28 之间的整数",
    en: "The deadline day is a whole number from 1 to 28",
  },
  "settings.deadlineExplain": {
    zh: "各乡镇须在每月 {day} 日（北京时间当日 24 时）前提交上个月的月度填报。逾期未提交的乡镇会在督办看板上显示为逾期，该月填报随即锁定，不能再提交。",
    en: "Each township must submit the previous month by the end of day {day} (China Standard Time). Townships that have not submitted by then appear as late on the supervision board, and that month is locked and can no longer be submitted.",
  },
  "settings.deadlineExample": {
    zh: "例如：{month}的填报须在 {deadline} 前提交。",
    en: "For example, {month} must be submitted by {deadline}.",
  },
  "settings.deadlineChange": {
    zh: "修改立即生效，适用于尚未截止的月份；已锁定的月份不会因此解锁。",
    en: "A change applies at once to months not yet past their deadline; a locked month stays locked.",
  },
  "settings.deadlineCurrent": { zh: "当前截止日：每月 {day} 日", en: "Current deadline: day {day}" },
  "settings.deadlineUnknown": {
    zh: "暂时无法读取当前截止日（默认为每月 5 日）",
    en: "The current deadline could not be read (the default is day 5)",
  },
  "settings.saved": { zh: "截止日已设为每月 {day} 日", en: "The deadline is now day {day}" },

  "users.nav": { zh: "县级用户", en: "County users" },
  "users.title": { zh: "县级用户", en: "County users" },
  "users.hint": {
    zh: "县级管理员可编辑考核细则、审批乡镇、发布排名；县级审核员审核月度填报、查看排名与督办。",
    en: "County admins edit the scheme, approve townships and publish tables; county reviewers review monthly submissions and see the tables and supervision.",
  },
  "users.add": { zh: "添加县级用户", en: "Add a county user" },
  "users.name": { zh: "姓名", en: "Name" },
  "users.nameRequired": { zh: "请填写姓名", en: "Enter the name" },
  "users.phone": { zh: "手机号（登录账号）", en: "Phone (sign-in account)" },
  "users.phoneRequired": { zh: "请填写手机号", en: "Enter the phone number" },
  "users.phoneInvalid": { zh: "手机号应为 11 位数字，以 1 开头", en: "11 digits starting with 1" },
  "users.email": { zh: "电子邮箱（可选，也可用于登录）", en: "E-mail (optional, also signs in)" },
  "users.emailInvalid": { zh: "电子邮箱格式不正确", en: "Not a valid e-mail address" },
  "users.role": { zh: "角色", en: "Role" },
  "users.status": { zh: "状态", en: "Status" },
  "users.status.active": { zh: "在岗", en: "Active" },
  "users.status.removed": { zh: "已停用", en: "Removed" },
  "users.initialPassword": { zh: "初始密码", en: "Initial password" },
  "users.passwordRequired": { zh: "请设置初始密码", en: "Set an initial password" },
  "users.passwordShort": { zh: "初始密码至少 8 位", en: "At least 8 characters" },
  "users.passwordHint": {
    zh: "本人首次登录后须修改密码。",
    en: "They must change it when they first sign in.",
  },
  "users.generate": { zh: "随机生成", en: "Generate" },
  "users.duplicatePhone": { zh: "该手机号已被注册", en: "This phone number is already registered" },
  "users.duplicateEmail": { zh: "该电子邮箱已被注册", en: "This e-mail is already registered" },
  "users.empty": { zh: "暂无县级用户", en: "No county users" },
  "users.addedTitle": { zh: "已添加 {name}", en: "{name} added" },
  "users.addedAccount": { zh: "登录账号", en: "Sign-in account" },
  "users.addedInstructions": {
    zh: "请通过电话或当面等安全途径将登录账号和初始密码告知本人。首次登录须修改密码，本页关闭后不再显示初始密码。",
    en: "Tell them the account and initial password in person or by phone. They must change the password at first sign-in; it is not shown again once this closes.",
  },
  "users.done": { zh: "我已告知", en: "Done" },

  "schemeIo.title": { zh: "已保存细则的导入导出", en: "Import and export saved schemes" },
  "schemeIo.hint": {
    zh: "导出：下载本县已保存的某年度细则（JSON 文件）。导入：上传 JSON 文件，经校验后保存为该年度的新版本；文件中的县区、年度、版本号以本页为准。",
    en: "Export downloads a saved year's scheme as JSON. Import uploads a JSON file, checks it and saves it as the year's next version; the county, year and version in the file are replaced.",
  },
  "schemeIo.year": { zh: "年度", en: "Year" },
  "schemeIo.yearOption": { zh: "{year}年度", en: "{year}" },
  "schemeIo.savedVersion": { zh: "已保存第 {n} 版", en: "version {n} saved" },
  "schemeIo.noneSaved": { zh: "尚未保存", en: "none saved" },
  "schemeIo.download": { zh: "下载已保存细则", en: "Download saved scheme" },
  "schemeIo.upload": { zh: "上传细则文件保存为新版本", en: "Upload a file as a new version" },
  "schemeIo.notJson": {
    zh: "文件不是有效的 JSON，请检查后重新上传",
    en: "The file is not valid JSON; check it and upload again",
  },
  "schemeIo.invalid": {
    zh: "文件未通过校验，共 {n} 处问题，未保存",
    en: "The file failed the checks ({n} problems) and was not saved",
  },
  "schemeIo.place": { zh: "位置", en: "Where" },
  "schemeIo.path": { zh: "字段路径", en: "Field path" },
  "schemeIo.message": { zh: "问题", en: "Problem" },
  "schemeIo.imported": {
    zh: "已导入「{name}」，保存为 {year} 年度第 {version} 版",
    en: "Imported “{name}” as {year} version {version}",
  },
  "schemeIo.openInEditor": { zh: "在编辑器中打开", en: "Open in the editor" },
  "schemeIo.failed": { zh: "导入未成功", en: "The import did not succeed" },
} as const satisfies Record<string, Entry>;
