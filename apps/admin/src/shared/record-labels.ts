import type { MessageKey } from "../i18n/dictionary";
/**
 * Chinese names of some record fields' values, as township staff say them. Pages name values through
 * recordLabels(t) below; these stay only as the keys' types (dispute-detail) and as the reference the
 * dictionary's Chinese is checked against (records-i18n.test).
 */
export const LEVEL_LABELS = { blue: "蓝色", yellow: "黄色", red: "红色" } as const;
export const LEVEL_COLORS = { blue: "blue", yellow: "gold", red: "red" } as const;
export const OUTCOME_LABELS = {
  resolved: "化解成功",
  failed: "化解不成（转诉讼）",
  escalated: "上交上级",
} as const;
export const ATTEMPT_RESULT_LABELS = { success: "调解成功", partial: "部分达成", failed: "未达成" } as const;
export const ATTEMPT_RESULT_COLORS = { success: "green", partial: "blue", failed: "gray" } as const;
export const KEY_PERSON_CATEGORY_LABELS = {
  mental_health: "严重精神障碍患者",
  community_correction: "社区矫正对象",
  released_prisoner: "刑满释放人员",
  drug_rehab: "社区戒毒康复人员",
} as const;
export const DISPUTE_CATEGORIES = [
  "婚姻家庭",
  "邻里纠纷",
  "土地山林",
  "劳动争议",
  "物业纠纷",
  "征地拆迁",
  "合同债务",
  "其他",
];

export function options<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
}

type T = (key: MessageKey) => string;

/** The same names in the chosen language, from the dictionary. */
export function recordLabels(t: T) {
  return {
    level: {
      blue: t("records.level.blue"),
      yellow: t("records.level.yellow"),
      red: t("records.level.red"),
    },
    levelHint: {
      blue: t("records.levelHint.blue"),
      yellow: t("records.levelHint.yellow"),
      red: t("records.levelHint.red"),
    },
    outcome: {
      resolved: t("records.outcome.resolved"),
      failed: t("records.outcome.failed"),
      escalated: t("records.outcome.escalated"),
    },
    attemptResult: {
      success: t("records.attemptResult.success"),
      partial: t("records.attemptResult.partial"),
      failed: t("records.attemptResult.failed"),
    },
    incidentKind: {
      criminal: t("records.incidentKind.criminal"),
      public_order: t("records.incidentKind.public_order"),
    },
    severity: { ordinary: t("records.severity.ordinary"), major: t("records.severity.major") },
    keyPersonCategory: {
      mental_health: t("records.keyPersonCategory.mental_health"),
      community_correction: t("records.keyPersonCategory.community_correction"),
      released_prisoner: t("records.keyPersonCategory.released_prisoner"),
      drug_rehab: t("records.keyPersonCategory.drug_rehab"),
    },
  };
}
