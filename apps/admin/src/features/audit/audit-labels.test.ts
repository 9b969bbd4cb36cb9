import { describe, expect, it } from "vitest";
import { translate } from "../../i18n/dictionary";
import { actionLabel, changedFields, entityLabel, roleLabel } from "./audit-labels";

type Key = Parameters<typeof translate>[1];
const zh = (k: Key, params?: Record<string, string>) => translate("zh-CN", k, params);
const en = (k: Key, params?: Record<string, string>) => translate("en", k, params);

/** The Chinese names the page showed before it had an English switch; they must not change. */
const BEFORE = {
  actions: {
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
  },
  entities: {
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
  },
  roles: {
    platform_admin: "平台管理员",
    county_admin: "县级管理员",
    county_reviewer: "县级审核员",
    township_admin: "乡镇管理员",
    township_staff: "乡镇工作人员",
    system: "系统",
  },
};

describe("audit labels", () => {
  it("names actions, objects and roles in Chinese exactly as before", () => {
    for (const [code, name] of Object.entries(BEFORE.actions)) expect(actionLabel(zh, code)).toBe(name);
    for (const [code, name] of Object.entries(BEFORE.entities)) expect(entityLabel(zh, code)).toBe(name);
    for (const [code, name] of Object.entries(BEFORE.roles)) expect(roleLabel(zh, code)).toBe(name);
  });

  it("names every one of them in English too, and an unknown one by its code", () => {
    const han = /\p{Script=Han}/u;
    for (const code of Object.keys(BEFORE.actions)) expect(actionLabel(en, code)).not.toMatch(han);
    for (const code of Object.keys(BEFORE.entities)) expect(entityLabel(en, code)).not.toMatch(han);
    for (const code of Object.keys(BEFORE.roles)) expect(roleLabel(en, code)).not.toMatch(han);
    expect(actionLabel(en, "township.approve")).toBe("Approved a township");
    expect(actionLabel(en, "something.new")).toBe("something.new");
    expect(actionLabel(zh, "something.new")).toBe("something.new");
    expect(entityLabel(en, "toString")).toBe("toString");
  });

  it("names account events and the record actions built from entity and verb", () => {
    expect(actionLabel(zh, "session.signIn")).toBe("登录");
    expect(actionLabel(zh, "user.lock")).toBe("多次密码错误，账号锁定");
    expect(actionLabel(zh, "township.resubmit")).toBe("修改后重新提交注册");
    // Records are created, edited and deleted through one path whose action is `${entity}.${verb}`.
    expect(actionLabel(zh, "petition.delete")).toBe("删除信访");
    expect(actionLabel(zh, "event.create")).toBe("登记工作事项");
    expect(actionLabel(zh, "petition.close")).toBe("办结信访");
    expect(actionLabel(en, "incident.update")).toBe("Changed: Incident");
    // A dispute keeps its own words; an unknown verb or entity stays a code.
    expect(actionLabel(zh, "dispute.close")).toBe("纠纷办结");
    expect(actionLabel(zh, "petition.escalate")).toBe("petition.escalate");
    expect(actionLabel(zh, "planet.delete")).toBe("planet.delete");
  });

  it("lists only the fields that changed, without bookkeeping", () => {
    expect(
      changedFields(
        { status: "pending", name: "城关镇", version: 1, updatedAt: "a" },
        { status: "active", name: "城关镇", version: 2, updatedAt: "b" },
      ),
    ).toEqual([{ field: "status", before: "pending", after: "active" }]);
    expect(changedFields(undefined, { a: 1 })).toEqual([{ field: "a", before: undefined, after: 1 }]);
  });
});
