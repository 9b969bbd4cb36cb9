import type { Metric } from "./types";

/** Chinese names of the event kinds the model scheme uses; any other kind is shown by its code. */
export const EVENT_LABELS: Record<string, string> = {
  monthly_meeting: "综治例会",
  township_screening: "镇级矛盾纠纷排查",
  legal_education: "法治宣传活动",
  quarterly_training: "季度业务培训",
  responsibility_letter: "平安建设责任书签订",
  late_report: "迟报漏报",
  commended_city: "市级表彰",
  commended_province: "省级表彰",
  experience_promoted: "经验做法推广",
  mass_incident: "群体性事件",
  homicide: "命案",
  keyperson_incident: "重点人员肇事肇祸",
  grid_report_overdue: "网格事件逾期上报",
  dispute_overdue: "纠纷超期未办结",
  supervision_overdue: "督办单逾期未回复",
  skip_level_petition: "越级上访",
  collective_petition: "集体上访",
  major_criminal_case: "重大刑事案件",
};

export function eventLabel(kind: string): string {
  return EVENT_LABELS[kind] ?? kind;
}

export const METRIC_LABELS: Record<Metric, string> = {
  "dispute.resolution_rate": "矛盾纠纷化解成功率",
  "dispute.on_time_rate": "矛盾纠纷按期办结率",
  "dispute.local_rate": "矛盾纠纷就地化解率",
  "dispute.attempts_rate": "三三调处落实率",
  "dispute.village_rate": "小事不出村率",
  "dispute.three_three_rate": "三三调处分级落实率",
  "petition.first_handled_rate": "初信初访首办率",
  "petition.settled_rate": "息诉息访率",
  "incident.rate_per_10k": "万人发案率",
  "keyperson.visit_coverage": "重点人员走访覆盖率",
};
