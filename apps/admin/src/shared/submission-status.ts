import type { MessageKey } from "../i18n/dictionary";

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
