export const SUBMISSION_STATUS: Record<string, { text: string; color: string }> = {
  draft: { text: "未提交", color: "default" },
  submitted: { text: "待审核", color: "orange" },
  returned: { text: "已退回", color: "red" },
  approved: { text: "已审核", color: "green" },
};
