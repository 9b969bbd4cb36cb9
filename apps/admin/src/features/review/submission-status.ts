import type { MessageKey } from "../../i18n/dictionary";

const STATUS: Record<string, { key: MessageKey; color: string }> = {
  draft: { key: "review.status.draft", color: "default" },
  submitted: { key: "review.status.submitted", color: "orange" },
  returned: { key: "review.status.returned", color: "red" },
  approved: { key: "review.status.approved", color: "green" },
};

/** A month's submission status in the chosen language, with its tag colour; an unknown status shows its code. */
export function submissionStatus(
  t: (key: MessageKey) => string,
  status: string,
): { text: string; color: string | undefined } {
  const s = STATUS[status];
  return s ? { text: t(s.key), color: s.color } : { text: status, color: undefined };
}

/** @deprecated Chinese only; kept until the supervision page names statuses through submissionStatus. */
export const SUBMISSION_STATUS: Record<string, { text: string; color: string }> = {
  draft: { text: "未提交", color: "default" },
  submitted: { text: "待审核", color: "orange" },
  returned: { text: "已退回", color: "red" },
  approved: { text: "已审核", color: "green" },
};
