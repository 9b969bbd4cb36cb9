import type { Locale } from "../../i18n/dictionary";

const FIELD_ZH: Record<string, string> = {
  id: "编号",
  countyId: "县区",
  code: "编号",
  name: "名称",
  year: "年度",
  version: "版本",
  maxScore: "分值",
  criteria: "满分标准",
  kind: "计分方式",
  metric: "统计指标",
  target: "满分线",
  floor: "零分线",
  ceiling: "零分线",
  perMonth: "每月次数",
  perQuarter: "每季度次数",
  perYear: "每年次数",
  items: "纪实事项",
  done: "完成标准",
  recorder: "记录人",
  event: "事项",
  points: "每起分值",
  cap: "上限",
  grade: "等次",
  min: "最低分",
  bonusCap: "加分上限",
  blue: "蓝色时限",
  yellow: "黄色时限",
  red: "红色时限",
  minAttempts: "最少调处次数",
  petitionFirstHandleDays: "初信初访办理时限",
  whenNoData: "无数据时",
  zeroIf: "不得分情形",
  deadlines: "纠纷办结时限",
  gradeBands: "等次划分",
  indicators: "考核指标",
  vetoes: "一票否决",
  base: "计分规则",
  required: "规定动作",
  deductions: "扣分标准",
  bonuses: "加分标准",
};

const LIST_ITEM_ZH: Record<string, (n: number) => string> = {
  gradeBands: (n) => `等次第${n}项`,
  deductions: (n) => `扣分标准第${n}条`,
  bonuses: (n) => `加分标准第${n}条`,
  vetoes: (n) => `一票否决第${n}条`,
  required: (n) => `规定动作第${n}项`,
  zeroIf: (n) => `不得分情形第${n}项`,
  items: (n) => `纪实事项第${n}项`,
};

/**
 * Where an issue is, in words a county reviewer uses: `indicators[1].base.target` → 指标 I02 · 满分线.
 * English keeps the path, which is what an English reader of the JSON sees.
 */
export function issuePlace(path: string, draft: unknown, locale: Locale = "zh-CN"): string {
  if (locale === "en") return path;
  const tokens = [...path.matchAll(/([A-Za-z]+)|\[(\d+)\]/g)].map((m) =>
    m[2] !== undefined ? Number(m[2]) : m[1],
  );
  const parts: string[] = [];
  let node: unknown = draft;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const next = tokens[i + 1];
    node =
      node && typeof node === "object"
        ? (node as Record<string | number, unknown>)[tok as string]
        : undefined;
    if (typeof tok !== "string") continue;
    if (typeof next === "number") {
      const item = node && typeof node === "object" ? (node as unknown[])[next] : undefined;
      if (tok === "indicators") {
        const code = (item as { code?: unknown } | undefined)?.code;
        parts.push(typeof code === "string" && code ? `指标 ${code}` : `第${next + 1}项指标`);
      } else parts.push(LIST_ITEM_ZH[tok]?.(next + 1) ?? `${FIELD_ZH[tok] ?? tok}第${next + 1}项`);
      node = item;
      i++;
      continue;
    }
    if (tok === "base" && next !== undefined) continue;
    parts.push(FIELD_ZH[tok] ?? tok);
  }
  return parts.join(" · ") || "细则";
}
