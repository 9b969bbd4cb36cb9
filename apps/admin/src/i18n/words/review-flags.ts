import type { Entry } from "../entry";

/** 报喜不报忧 flags in the review drawer and queue (features/review), and the 同比 table (shared). */
export const REVIEW_FLAGS_WORDS = {
  "flags.title": { zh: "报喜不报忧提示", en: "Too good to be true" },
  "flags.none": { zh: "本月数据未发现异常", en: "Nothing in this month's figures looks too good" },
  "flags.hint": {
    zh: "提示仅供核查，不改变任何得分；请记录对每项提示的处理。",
    en: "Flags are for checking only and never change a score; record what was done about each.",
  },
  "flags.queueColumn": { zh: "异常提示", en: "Flags" },
  "flags.queueOpen": { zh: "{n} 项待处理", en: "{n} open" },
  "flags.kind.dispute": { zh: "矛盾纠纷", en: "Disputes" },
  "flags.kind.petition": { zh: "信访", en: "Petitions" },
  "flags.kind.incident": { zh: "治安案件", en: "Incidents" },
  "flags.drop.title": { zh: "{kind}数量骤降", en: "{kind} dropped sharply" },
  "flags.drop.evidence": {
    zh: "本月 {count} 件，不到前六个月中位数 {median} 件的一半",
    en: "{count} this month, under half of the trailing six-month median of {median}",
  },
  "flags.perfect.title": {
    zh: "多项指标满分而越级访上升",
    en: "Perfect rates while skip-level petitions rise",
  },
  "flags.perfect.evidence": {
    zh: "本月越级访 {n} 件，高于前六个月中位数 {median} 件",
    en: "{n} skip-level petitions this month, above the trailing six-month median of {median}",
  },
  "flags.perfect.rate": {
    zh: "{code} {name}：100%（{cases} 件）",
    en: "{code} {name}: 100% ({cases} cases)",
  },
  "flags.import.title": {
    zh: "{kind}少于县级导入的其他系统数据",
    en: "Fewer {kind} than the county imported from other systems",
  },
  "flags.import.evidence": {
    zh: "乡镇自行登记 {own} 件，县级从其他系统导入 {imported} 件",
    en: "{own} recorded by the township, {imported} imported by the county",
  },
  "flags.import.files": { zh: "导入文件：{files}", en: "Imported from: {files}" },
  "flags.trailing": { zh: "前六个月：{months}", en: "Trailing six months: {months}" },
  "flags.outcome.verified": { zh: "已核实无误", en: "Checked: correct" },
  "flags.outcome.correction": { zh: "已要求整改", en: "Correction required" },
  "flags.outcome.deducted": { zh: "已扣分", en: "Points deducted" },
  "flags.noAction": { zh: "尚未处理", en: "No action yet" },
  "flags.actionBy": { zh: "{outcome}：{note}", en: "{outcome}: {note}" },
  "flags.record": { zh: "记录处理", en: "Record action" },
  "flags.change": { zh: "修改处理", en: "Change action" },
  "flags.outcome": { zh: "处理结果", en: "Outcome" },
  "flags.outcomeRequired": { zh: "请选择处理结果", en: "Choose an outcome" },
  "flags.note": { zh: "处理说明", en: "Note" },
  "flags.noteRequired": { zh: "请写明处理说明", en: "Say what was done" },
  "flags.recorded": { zh: "处理已记录", en: "Action recorded" },
  "flags.lifted": {
    zh: "以下提示已因数据变化不再出现，其处理记录保留：",
    en: "These flags are no longer raised by the figures; their actions are kept:",
  },
  "yoy.title": { zh: "同比", en: "Year on year" },
  "yoy.range": {
    zh: "{from}至{to}，与上年同期（{previousFrom}至{previousTo}）相比",
    en: "{from} to {to} against the same months last year ({previousFrom} to {previousTo})",
  },
  "yoy.township": { zh: "乡镇", en: "Township" },
  "yoy.kind": { zh: "类别", en: "Kind" },
  "yoy.current": { zh: "本年累计", en: "This year" },
  "yoy.previous": { zh: "上年同期", en: "Same months last year" },
  "yoy.change": { zh: "同比增减", en: "Change" },
} as const satisfies Record<string, Entry>;
