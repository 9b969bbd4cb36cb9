/** Chinese names of the audited actions; an unknown action is shown by its code. */
export const ACTION_LABELS: Record<string, string> = {
  "county.create": "创建县区",
  "county.rotateJoinCode": "更换加入码",
  "user.create": "创建账号",
  "staff.invite": "添加工作人员",
  "staff.remove": "移除工作人员",
  "leagueTable.publish": "发布排名",
  "county.setSubmissionDeadline": "设置报送截止日",
  "township.register": "乡镇注册",
  "township.approve": "审核通过乡镇",
  "township.reject": "驳回乡镇注册",
  "township.updateProfile": "修改乡镇信息",
  "scheme.save": "保存考核细则",
  "submission.submit": "提交月度填报",
  "submission.return": "退回月度填报",
  "submission.approve": "审核通过月度填报",
  "submission.enterManualScore": "录入人工评分",
  "submission.enterAdjustment": "录入加减分调整",
  "submission.confirmEntry": "复核确认",
  "league.publish": "发布排名",
  "dispute.create": "登记纠纷",
  "dispute.update": "修改纠纷",
  "dispute.addAttempt": "添加调解记录",
  "dispute.close": "纠纷办结",
  "dispute.reopen": "纠纷重新打开",
  "user.changePassword": "修改密码",
};

export const ENTITY_LABELS: Record<string, string> = {
  county: "县",
  township: "乡镇",
  scheme: "考核细则",
  submission: "月度填报",
  leagueTable: "排名",
  dispute: "矛盾纠纷",
  petition: "信访",
  incident: "案件",
  keyPerson: "重点人员",
  visit: "走访",
  event: "工作事项",
  user: "账号",
  membership: "人员",
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** The top-level fields whose values differ between before and after. */
export function changedFields(
  before: unknown,
  after: unknown,
): { field: string; before: unknown; after: unknown }[] {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const skip = new Set([
    "version",
    "updatedAt",
    "updatedBy",
    "createdAt",
    "createdBy",
    "pk",
    "sk",
    "gsi1pk",
    "gsi1sk",
  ]);
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => !skip.has(k) && JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}
